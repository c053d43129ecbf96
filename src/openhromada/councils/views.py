"""Council pages for everyone, and the forms its secretary, co-chairs and officials use."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from openhromada.core.forms import add_service_errors, run_service
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.services import require
from openhromada.core.uploads import serve
from openhromada.core.views import confirm, form_page, withheld_page
from openhromada.core.withholding import for_request
from openhromada.notifications.services import is_following
from openhromada.notifications.views import toggle_follow
from openhromada.opendata.views import list_download
from openhromada.places.models import Hromada
from openhromada.plans.models import ActionPlan, Commitment

from . import selectors, services
from .forms import (
    AccountLinkForm,
    AgendaItemForm,
    CouncilForm,
    MeetingForm,
    MembershipForm,
    MinutesForm,
    MotionForm,
)
from .lifecycle import Result, Topic, list_labels
from .models import AgendaItem, Council, Meeting, Membership, Person
from .structured import council_twins, meeting_twins


def council_url(council) -> str:
    return reverse("councils:council", args=[council.hromada.slug])


def meeting_url(meeting) -> str:
    return reverse("councils:meeting", args=[meeting.council.hromada.slug, meeting.number])


def _editable_council(request, hromada_slug) -> Council:
    council = selectors.get_council(hromada_slug)
    if not request.user.has_perm("councils.change_council", council):
        raise PermissionDenied
    return council


def _count_items(meetings) -> None:
    """Each meeting's "N agenda items" (plural forms are chosen here: see core.jinja)."""
    for m in meetings:
        n = m.item_count
        m.items_label = ngettext("%(n)s agenda item", "%(n)s agenda items", n) % {"n": n}


@public_page_cache
def council_detail(request, hromada_slug):
    council = selectors.get_council(hromada_slug)
    user = request.user
    drafts = user.has_perm("councils.view_draft", council)
    members = selectors.current_members(council)
    withheld = for_request(request)
    upcoming, past = selectors.meetings_for_page(council, drafts, request.GET.get("page"), withheld)
    _count_items([*upcoming, *past.object_list])
    return render(
        request,
        "councils/council_detail.html",
        {
            "council": council,
            "hromada": council.hromada,
            "members": members,
            "labels": list_labels(),
            "balance": selectors.balance(members),
            "warnings": selectors.warnings(council, members),
            "upcoming": upcoming,
            "past": past,
            "can_edit": user.has_perm("councils.change_council", council),
            "recent": recent(council, withheld, reverse("councils:history", args=[hromada_slug])),
            "following": is_following(user, council),
            "follow_url": reverse("councils:follow", args=[hromada_slug]),
            **council_twins(council),
        },
    )


@public_page_cache
def council_history(request, hromada_slug):
    council = selectors.get_council(hromada_slug)
    return history_page(
        request,
        council,
        title=council.name,
        back=council_url(council),
        breadcrumbs="councils/_breadcrumbs.html",
        context={"council": council, "hromada": council.hromada},
    )


@public_page_cache
def meeting_history(request, hromada_slug, number):
    council = selectors.get_council(hromada_slug)
    drafts = request.user.has_perm("councils.view_draft", council)
    meeting = selectors.get_meeting(council, number, drafts)
    return history_page(
        request,
        meeting,
        title=str(meeting),
        back=meeting_url(meeting),
        editor=drafts,
        breadcrumbs="councils/_breadcrumbs.html",
        context={"council": council, "hromada": council.hromada, "meeting": meeting},
    )


@login_required
def council_setup(request, hromada_slug):
    hromada = get_object_or_404(Hromada, slug=hromada_slug)
    council = Council.objects.filter(hromada=hromada).first()
    perm, target = (
        ("councils.change_council", council) if council else ("councils.add_council", hromada)
    )
    require(request.user, perm, target)  # a hromada has one council: set up once
    form = CouncilForm(request.POST or None, request.FILES or None, instance=council)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in CouncilForm.Meta.fields}
        if council is None:
            call = lambda: services.council_create(actor=request.user, hromada=hromada, **values)  # noqa: E731
        else:
            call = lambda: services.council_update(actor=request.user, council=council, **values)  # noqa: E731
        if (saved := run_service(form, call)) is not None:
            messages.success(request, _("The council's details were saved."))
            return redirect(council_url(saved))
    return form_page(
        request,
        "councils/form.html",
        {
            "form": form,
            "hromada": hromada,
            "council": council,
            "multipart": True,
            "title": _("Coordination council: details") if council else _("Set up the council"),
        },
    )


@login_required
def membership_edit(request, hromada_slug, membership_id=None):
    council = _editable_council(request, hromada_slug)
    membership = None
    if membership_id is not None:
        membership = get_object_or_404(
            Membership.objects.select_related("person"), pk=membership_id, council=council
        )
    form = MembershipForm(
        request.POST or None, instance=membership, elections=selectors.elections(council)
    )
    can_link = membership is not None and request.user.has_perm("councils.link_account", council)
    link = AccountLinkForm(
        request.POST or None,
        initial={
            "account_email": membership.person.user.email
            if can_link and membership.person.user
            else ""
        },
    )
    if request.method == "POST" and form.is_valid() and (not can_link or link.is_valid()):
        data = dict(form.cleaned_data)
        if can_link:  # saved with the membership, in the same transaction
            data["account_email"] = link.cleaned_data["account_email"]
        try:
            if membership is None:
                services.membership_create(actor=request.user, council=council, **data)
            else:
                services.membership_update(actor=request.user, membership=membership, **data)
        except ValidationError as error:
            add_service_errors(form, error)
            if hasattr(error, "error_dict") and "account_email" in error.error_dict:
                link.add_error("account_email", error.error_dict["account_email"])
        else:
            messages.success(request, _("The membership was saved."))
            return redirect(council_url(council) + "#members")
    return form_page(
        request,
        "councils/membership_form.html",
        {
            "form": form,
            "link": link if can_link else None,
            "council": council,
            "hromada": council.hromada,
            "membership": membership,
            "title": _("Edit the membership") if membership else _("Add a member"),
        },
    )


@public_page_cache
def person_detail(request, hromada_slug, person_id):
    council = selectors.get_council(hromada_slug)
    person = get_object_or_404(Person, pk=person_id, council=council)
    drafts = request.user.has_perm("councils.view_draft", council)
    withheld = for_request(request)
    record = selectors.person_record(person, drafts, withheld)
    return render(
        request,
        "councils/person_detail.html",
        {
            "council": council,
            "hromada": council.hromada,
            "person": person,
            "labels": list_labels(),
            **record,
        },
    )


@login_required
def meeting_edit(request, hromada_slug, number=None):
    council = _editable_council(request, hromada_slug)
    meeting = None if number is None else selectors.get_meeting(council, number, True)
    if meeting is not None:
        require(request.user, "councils.change_meeting", meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if meeting is None:
            call = lambda: services.meeting_create(actor=request.user, council=council, **data)  # noqa: E731
        else:
            call = lambda: services.meeting_update(actor=request.user, meeting=meeting, **data)  # noqa: E731
        if (saved := run_service(form, call)) is not None:
            messages.success(request, _("The meeting was saved."))
            return redirect(meeting_url(saved))
    return form_page(
        request,
        "councils/form.html",
        {
            "form": form,
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "title": _("Edit the meeting") if meeting else _("Schedule a meeting"),
        },
    )


@public_page_cache
def meeting_detail(request, hromada_slug, number):
    council = selectors.get_council(hromada_slug)
    drafts = request.user.has_perm("councils.view_draft", council)
    meeting = selectors.get_meeting(council, number, drafts)
    withheld = for_request(request)
    if withheld.hides(meeting):
        return withheld_page(request)
    withheld.redact(meeting)
    can_edit = request.user.has_perm("councils.change_council", council)
    notice_short = (
        services.notice_shortfall(meeting) if meeting.agenda_published_at or can_edit else False
    )
    return render(
        request,
        "councils/meeting_detail.html",
        {
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "notice_short": notice_short,
            "minutes_late": (
                meeting.has_happened
                and not meeting.minutes_published_at
                and timezone.now() - meeting.starts_at > dt.timedelta(days=council.minutes_due_days)
            ),
            **selectors.meeting_detail(meeting, withheld),
            "recent": recent(
                meeting,
                withheld,
                reverse("councils:meeting_history", args=[hromada_slug, meeting.number]),
            ),
            **meeting_twins(council, meeting),
        },
    )


@login_required
def meeting_publish(request, hromada_slug, number):
    """Publishing an agenda cannot be undone: the button leads here, where the page says so and
    asks; only the POST publishes."""
    council = _editable_council(request, hromada_slug)
    meeting = selectors.get_meeting(council, number, True)
    if request.method != "POST":
        require(request.user, "councils.publish_agenda", meeting)  # says why not
        return confirm(
            request,
            title=_("Publish the agenda?"),
            subject=str(meeting),
            explanation=_(
                "Publishing cannot be undone: the meeting and its agenda become public, the "
                "council's followers are told, and the time of publication stays in the public "
                "history as the notice given before the meeting."
            ),
            button=_("Publish the agenda"),
            back=meeting_url(meeting),
            breadcrumbs="councils/_breadcrumbs.html",
            context={"council": council, "hromada": council.hromada, "meeting": meeting},
        )
    try:
        meeting = services.meeting_publish_agenda(actor=request.user, meeting=meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The agenda is published."))
        if services.notice_shortfall(meeting):
            messages.warning(
                request,
                ngettext(
                    "The agenda was published less than %(days)d day before the meeting, "
                    "the minimum notice in the council's rules.",
                    "The agenda was published less than %(days)d days before the meeting, "
                    "the minimum notice in the council's rules.",
                    council.notice_days,
                )
                % {"days": council.notice_days},
            )
    return redirect(meeting_url(meeting))


@login_required
def item_edit(request, hromada_slug, number, item_number=None):
    council = _editable_council(request, hromada_slug)
    meeting = selectors.get_meeting(council, number, True)
    require(request.user, "councils.change_agenda", meeting)
    item = None
    if item_number is not None:
        item = get_object_or_404(AgendaItem, meeting=meeting, number=item_number)
    form = AgendaItemForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if item is None:
            call = lambda: services.agenda_item_create(actor=request.user, meeting=meeting, **data)  # noqa: E731
        else:
            fresh = AgendaItem.objects.select_related("meeting__council").get(pk=item.pk)
            call = lambda: services.agenda_item_update(actor=request.user, item=fresh, **data)  # noqa: E731
        if run_service(form, call) is not None:
            messages.success(request, _("The agenda item was saved."))
            return redirect(meeting_url(meeting) + "#agenda")
    return form_page(
        request,
        "councils/form.html",
        {
            "form": form,
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "multipart": True,
            "title": _("Edit the agenda item") if item else _("Add an agenda item"),
        },
    )


@login_required
def attendance_edit(request, hromada_slug, number):
    council = _editable_council(request, hromada_slug)
    meeting = selectors.get_meeting(council, number, True)
    require(request.user, "councils.record_attendance", meeting)
    members = list(services.members_on(meeting))
    recorded = {a.membership_id: a.present for a in meeting.attendance.all()}
    problems = []
    if request.method == "POST":
        try:
            present = [int(v) for v in request.POST.getlist("present")]
        except ValueError:
            present, problems = [], [_("The list of members present is not valid.")]
        if not problems:
            try:
                counts = services.attendance_record(
                    actor=request.user, meeting=meeting, present=present
                )
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request,
                    _("Attendance recorded: %(present)d of %(members)d members present.") % counts,
                )
                return redirect(meeting_url(meeting) + "#attendance")
    return render(
        request,
        "councils/attendance_form.html",
        {
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "members": members,
            "recorded": recorded,
            "quorum": council.quorum_for(len(members)),
            "problems": problems,
            "title": _("Attendance"),
        },
        status=400 if problems else 200,
    )


@login_required
def motion_create(request, hromada_slug, number, item_number):
    council = _editable_council(request, hromada_slug)
    meeting = selectors.get_meeting(council, number, True)
    require(request.user, "councils.record_motion", meeting)
    item = get_object_or_404(AgendaItem, meeting=meeting, number=item_number)
    members = list(services.members_on(meeting))
    attendance = {a.membership_id: a.present for a in meeting.attendance.all()}
    present = {pk for pk, was in attendance.items() if was} if attendance else None
    plans = ActionPlan.objects.public().filter(hromada=council.hromada)  # drafts are private
    form = MotionForm(
        request.POST or None,
        members=members,
        present=present,
        plans=plans,
        commitments=Commitment.objects.filter(plan__in=plans).select_related("plan"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        call = lambda: services.motion_record(  # noqa: E731
            actor=request.user,
            item=item,
            text=data["text"],
            topic=data["topic"],
            result=data["result"],
            votes=form.votes(),
            counts=None if form.votes() is not None else form.counts(),
            plan=data["plan"],
            commitments=data["commitments"],
        )
        if run_service(form, call) is not None:
            messages.success(request, _("The decision was recorded."))
            return redirect(meeting_url(meeting) + f"#item-{item.number}")
    return form_page(
        request,
        "councils/motion_form.html",
        {
            "form": form,
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "item": item,
            "attendance_recorded": bool(attendance),
            "main_fields": ("text", "topic", "result", "plan", "commitments"),
            "title": _("Record a decision"),
        },
    )


@login_required
def minutes_edit(request, hromada_slug, number):
    council = _editable_council(request, hromada_slug)
    meeting = selectors.get_meeting(council, number, True)
    require(request.user, "councils.publish_minutes", meeting)
    form = MinutesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        call = lambda: services.minutes_publish(  # noqa: E731
            actor=request.user,
            meeting=meeting,
            minutes_text=form.cleaned_data["minutes_text"],
            minutes_file=form.cleaned_data["minutes_file"],
        )
        if run_service(form, call) is not None:
            messages.success(request, _("The minutes are published."))
            return redirect(meeting_url(meeting) + "#minutes")
    return form_page(
        request,
        "councils/form.html",
        {
            "form": form,
            "council": council,
            "hromada": council.hromada,
            "meeting": meeting,
            "multipart": True,
            "title": _("Publish the minutes"),
            "submit": _("Publish the minutes"),
            "back": meeting_url(meeting),
            "irreversible": _(
                "Publishing the minutes cannot be undone: they become public, the council's "
                "followers are told, and the meeting's record closes — its agenda, attendance "
                "and decisions can no longer be changed."
            ),
        },
    )


@public_page_cache
def decisions(request, hromada_slug):
    council = selectors.get_council(hromada_slug)
    flt = selectors.parse_register_filter(request.GET)
    params = request.GET.copy()
    params.pop("page", None)
    page = selectors.register(council, flt, request.GET.get("page"), for_request(request))
    return render(
        request,
        "councils/decisions.html",
        {
            "council": council,
            "hromada": council.hromada,
            "filter": flt,
            "page": page,
            "labels": list_labels(),
            "querystring": params.urlencode(),
            "download_url": reverse("councils:decisions_csv", args=[hromada_slug])
            + (f"?{params.urlencode()}" if params else ""),
            "topics": Topic.choices,
            "results": Result.choices,
        },
    )


def decisions_csv(request, hromada_slug):
    """The decisions the register shows for these filters, as the decisions dataset's CSV."""
    council = selectors.get_council(hromada_slug)
    flt = selectors.parse_register_filter(request.GET)
    listed = selectors.register_motions(council, flt, for_request(request)).values("pk")
    return list_download(
        "council-decisions",
        lambda qs: qs.filter(pk__in=listed),
        f"openhromada-council-decisions-{council.hromada.slug}.csv",
    )


@login_required
@require_POST
def follow_toggle(request, hromada_slug):

    council = selectors.get_council(hromada_slug)
    toggle_follow(
        request, council, _("You follow the council now and will be told of agendas and minutes.")
    )
    return redirect(council_url(council))


DOCUMENTS = {
    "founding": (Council, "founding_document", None),
    "rules": (Council, "rules_file", None),
    "agenda": (AgendaItem, "document", "meeting"),
    "minutes": (Meeting, "minutes_file", ""),
}


def document(request, hromada_slug, kind, pk):
    """Council documents, served through the meeting's visibility (drafts stay private)."""
    council = selectors.get_council(hromada_slug)
    if kind not in DOCUMENTS:
        raise Http404
    model, field, meeting_path = DOCUMENTS[kind]
    lookup = {"pk": pk}
    if meeting_path is None:
        lookup["pk"] = council.pk
    elif meeting_path == "":
        lookup["council"] = council
    else:
        lookup[f"{meeting_path}__council"] = council
    obj = get_object_or_404(model, **lookup)
    meeting = obj if model is Meeting else getattr(obj, "meeting", None)
    hidden = meeting is not None and not meeting.is_published
    if hidden and not request.user.has_perm("councils.view_draft", council):
        raise Http404
    withheld = for_request(request)
    hidden_fields = withheld.fields(obj, obj.pk)
    if withheld.hides(obj) or "minutes_text" in hidden_fields or "description" in hidden_fields:
        return withheld_page(request)  # a file says what its withheld text says
    return serve(getattr(obj, field))
