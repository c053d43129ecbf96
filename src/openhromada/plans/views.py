"""Plan pages for everyone, and the forms officials use to write and report on them."""

import io
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core import permissions, sections
from openhromada.core.errors import ServiceError
from openhromada.core.forms import add_service_errors, run_service
from openhromada.core.history_display import change_rows
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.services import require
from openhromada.core.text import choice_labels, spreadsheet_csv
from openhromada.core.views import confirm, form_page, withheld_page
from openhromada.core.withholding import active
from openhromada.notifications.services import is_following
from openhromada.notifications.views import toggle_follow
from openhromada.places.models import Hromada, Oblast

from . import columns, exports, importer, selectors, services
from .forms import (
    ActorFormSet,
    AmendmentForm,
    CommitmentForm,
    ImportForm,
    MilestoneForm,
    PlanForm,
    ProgressForm,
)
from .lifecycle import MOVES, TRANSITIONS, MilestoneStatus, PlanStatus
from .models import Commitment, EvidenceFile, Milestone
from .structured import commitment_twins, overview_twins, plan_twins


def _plan_url(plan) -> str:
    return reverse("plans:plan", args=[plan.hromada.slug, plan.slug])


def _commitment_url(commitment) -> str:
    plan = commitment.plan
    return reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])


def _visible_plan(request, hromada_slug, plan_slug):
    """The plan as far as the reader may see it; every page and form about a plan starts here,
    so a draft answers 404 alike on all of them to those who may not see it."""
    plan = selectors.get_plan(hromada_slug, plan_slug)
    if not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404  # a draft is not public: as if it did not exist
    return plan


@public_page_cache
def overview(request):
    params = request.GET.copy()
    params.pop("page", None)
    context = selectors.overview(request.GET)
    context["querystring"] = params.urlencode()
    context["status_labels"] = choice_labels(PlanStatus.choices)
    context.update(overview_twins())
    return render(request, "plans/overview.html", context)


@public_page_cache
def milestones(request):
    """Milestones across every public plan, filtered by place, plan, status and overdue, with
    the same rows as CSV."""
    withheld = active()
    oblasts = list(Oblast.objects.only("code", "slug", "name_uk", "name_en", "sort_key"))
    query = selectors.parse_milestone_query(request.GET, oblasts, withheld)
    context = selectors.milestones_page(query, request.GET.get("page"), withheld)
    params = {k: v for k, v in query.page_params().items() if v not in ("", None)}
    context.update(
        {
            "query": query,
            "oblasts": oblasts,
            "statuses": MilestoneStatus.choices,
            "querystring": urlencode(params),
        }
    )
    return render(request, "plans/milestones.html", context)


@public_page_cache
def plan_detail(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    withheld = active()
    if withheld.hides(plan):
        return withheld_page(request)
    withheld.redact(plan)
    flt = selectors.parse_commitment_filter(request.GET)
    context = selectors.plan_page(plan, flt, withheld)
    context.update(
        {
            "plan": plan,
            "hromada": plan.hromada,
            "filter": flt,
            "values": [
                (key, Commitment._meta.get_field(field).verbose_name)
                for key, field in Commitment.VALUE_FIELDS.items()
            ],
            **_moves(request.user, plan),
            "transition_log": plan.transitions.all(),
            "recent": recent(
                plan, withheld, reverse("plans:plan_history", args=[hromada_slug, plan_slug])
            ),
            "following": is_following(request.user, plan),
            "sections": sections.render("plan", request, plan),
            "follow_url": reverse("plans:plan_follow", args=[plan.hromada.slug, plan.slug]),
            **plan_twins(plan),
        }
    )
    return render(request, "plans/plan_detail.html", context)


def _moves(user, plan) -> dict:
    """The moves of the plan's status this user may make now, each its permission's answer, and
    why a move the plan's state allows is not open yet (e.g. no commitments to submit)."""
    moves, hints = [], []
    for state, label in PlanStatus.choices:
        if user.has_perm(MOVES[state], plan):
            moves.append((state, label))
            continue
        why = permissions.refusal(user, MOVES[state], plan)
        if isinstance(why, ServiceError) and why.code != "plan_state":
            hints.append(why.message)
    return {"moves": moves, "move_hints": hints}


@public_page_cache
def commitment_detail(request, hromada_slug, plan_slug, number):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    commitment = selectors.get_commitment(plan, number)
    withheld = active()
    if withheld.hides(commitment):
        return withheld_page(request)
    withheld.redact(commitment)
    milestones = withheld.prune(commitment, "milestones")
    updates = [u for m in milestones for u in withheld.prune(m, "updates")]
    amendments = list(commitment.amendments.all())
    url = reverse("plans:commitment_history", args=[hromada_slug, plan_slug, number])
    for amendment, rows in zip(
        amendments, change_rows(commitment, [a.changes for a in amendments], withheld), strict=True
    ):
        amendment.rows = rows
    return render(
        request,
        "plans/commitment_detail.html",
        {
            "plan": plan,
            "hromada": plan.hromada,
            "commitment": commitment,
            "milestones": milestones,
            "amendments": amendments,
            "recent": recent(commitment, withheld, url, loaded=[*updates, *amendments]),
            "today": timezone.localdate(),
            "following": is_following(request.user, commitment),
            "sections": sections.render("commitment", request, commitment),
            "follow_url": reverse(
                "plans:commitment_follow", args=[plan.hromada.slug, plan.slug, commitment.number]
            ),
            **commitment_twins(commitment),
        },
    )


@public_page_cache
def plan_history(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    return history_page(
        request,
        plan,
        title=plan.title,
        back=_plan_url(plan),
        editor=True,  # whoever may read a draft plan (see _visible_plan) may read its history
        breadcrumbs="plans/_breadcrumbs.html",
        context={"hromada": plan.hromada, "plan": plan},
    )


@public_page_cache
def commitment_history(request, hromada_slug, plan_slug, number):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    commitment = selectors.get_commitment(plan, number)
    return history_page(
        request,
        commitment,
        title=f"{commitment.number}. {commitment.title}",
        back=_commitment_url(commitment),
        editor=True,  # as its plan
        breadcrumbs="plans/_breadcrumbs.html",
        context={"hromada": plan.hromada, "plan": plan, "commitment": commitment},
    )


@login_required
def plan_create(request, hromada_slug):
    hromada = get_object_or_404(Hromada, slug=hromada_slug)
    if not request.user.has_perm("plans.add_actionplan", hromada):
        raise PermissionDenied
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plan = run_service(
            form,
            lambda: services.plan_create(actor=request.user, hromada=hromada, **form.cleaned_data),
        )
        if plan is not None:
            messages.success(request, _("The action plan was created as a draft."))
            return redirect(_plan_url(plan))
    return form_page(
        request,
        "plans/form.html",
        {"form": form, "hromada": hromada, "title": _("New action plan")},
    )


@login_required
def plan_edit(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    require(request.user, "plans.change_actionplan", plan)
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        fresh = selectors.get_plan(hromada_slug, plan_slug)  # the form changed `plan` in memory
        saved = run_service(
            form, lambda: services.plan_update(actor=request.user, plan=fresh, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The action plan was saved."))
            return redirect(_plan_url(plan))
    return form_page(
        request,
        "plans/form.html",
        {"form": form, "hromada": plan.hromada, "plan": plan, "title": _("Edit the action plan")},
    )


def _transition_question(request, plan):
    """What moving the plan to the state asked for means, before anything moves (a status
    change is public and stays in the plan's history; some moves have no way back)."""
    to_status = request.GET.get("to", "")
    require(request.user, MOVES.get(to_status, "plans.transition_actionplan"), plan)
    if to_status not in MOVES:
        raise ServiceError(_("Choose the state to move the plan to."))
    names = {"from": plan.get_status_display(), "to": PlanStatus(to_status).label}
    explanation = _(
        "The plan moves from “%(from)s” to “%(to)s”. Everyone sees the change and your note in "
        "the plan's public history."
    )
    if not TRANSITIONS[to_status]:
        explanation += " " + _("A plan that is “%(to)s” can never move again.")
    elif plan.status not in TRANSITIONS[to_status]:
        explanation += " " + _("It cannot go back to “%(from)s”.")
    note = request.GET.get("note", "")[:2000]
    return confirm(
        request,
        title=_("Change the plan's status?"),
        subject=plan.title,
        explanation=explanation % names,
        button=_("Move the plan to “%(to)s”") % names,
        back=_plan_url(plan),
        fields=(("to", to_status),),
        texts=(("note", _("Note for the public history (optional)"), note),),
        breadcrumbs="plans/_breadcrumbs.html",
        context={"plan": plan, "hromada": plan.hromada},
    )


@login_required
def plan_transition(request, hromada_slug, plan_slug):
    """The status form leads here: GET asks (saying what the move means), only POST moves."""
    plan = _visible_plan(request, hromada_slug, plan_slug)
    if request.method != "POST":
        return _transition_question(request, plan)
    try:
        services.plan_transition(
            actor=request.user,
            plan=plan,
            to_status=request.POST.get("to", ""),
            note=request.POST.get("note", "")[:2000],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The plan's status was changed."))
    return redirect(_plan_url(plan))


def _commitment_form(request, plan, commitment=None, form_class=CommitmentForm):
    form = form_class(request.POST or None, instance=commitment)
    actors = ActorFormSet(
        request.POST or None, instance=commitment or Commitment(plan=plan), prefix="actors"
    )
    return form, actors


def _actor_inputs(formset):
    return [
        services.ActorInput(f.cleaned_data["name"], f.cleaned_data["sector"])
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and f.cleaned_data.get("name")
    ]


@login_required
def commitment_create(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    require(request.user, "plans.add_commitment", plan)
    form, actors = _commitment_form(request, plan)
    form.fields["number"].required = False
    if request.method == "POST" and form.is_valid() and actors.is_valid():
        commitment = run_service(
            form,
            lambda: services.commitment_create(
                actor=request.user, plan=plan, actors=_actor_inputs(actors), **form.cleaned_data
            ),
        )
        if commitment is not None:
            messages.success(request, _("The commitment was added."))
            return redirect(_commitment_url(commitment))
    return form_page(
        request,
        "plans/commitment_form.html",
        {
            "form": form,
            "actors": actors,
            "plan": plan,
            "hromada": plan.hromada,
            "title": _("New commitment"),
        },
    )


@login_required
def commitment_edit(request, hromada_slug, plan_slug, number):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    commitment = get_object_or_404(Commitment, plan=plan, number=number)
    frozen = not request.user.has_perm("plans.change_commitment", commitment)
    if frozen:  # after submission: amended, if they may
        require(request.user, "plans.amend_commitment", commitment)
    form_class = AmendmentForm if frozen else CommitmentForm
    form, actors = _commitment_form(request, plan, commitment, form_class)
    if request.method == "POST" and form.is_valid() and (frozen or actors.is_valid()):
        data = dict(form.cleaned_data)
        fresh = Commitment.objects.select_related("plan__hromada").get(pk=commitment.pk)
        try:
            if frozen:
                services.commitment_amend(actor=request.user, commitment=fresh, **data)
            else:
                services.commitment_update(
                    actor=request.user, commitment=fresh, actors=_actor_inputs(actors), **data
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The amendment was published.") if frozen else _("The commitment was saved."),
            )
            return redirect(_commitment_url(commitment))
    return form_page(
        request,
        "plans/commitment_form.html",
        {
            "form": form,
            "actors": None if frozen else actors,
            "plan": plan,
            "hromada": plan.hromada,
            "commitment": commitment,
            "frozen": frozen,
            "title": _("Amend the commitment") if frozen else _("Edit the commitment"),
        },
    )


@login_required
def milestone_create(request, hromada_slug, plan_slug, number):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    commitment = get_object_or_404(
        Commitment.objects.select_related("plan__hromada"), plan=plan, number=number
    )
    require(request.user, "plans.add_milestone", commitment)
    form = MilestoneForm(request.POST or None)
    form.fields["number"].required = False
    if request.method == "POST" and form.is_valid():
        created = run_service(
            form,
            lambda: services.milestone_create(
                actor=request.user, commitment=commitment, **form.cleaned_data
            ),
        )
        if created is not None:
            messages.success(request, _("The milestone was added."))
            return redirect(_commitment_url(commitment))
    return form_page(
        request,
        "plans/form.html",
        {
            "form": form,
            "hromada": plan.hromada,
            "plan": plan,
            "commitment": commitment,
            "title": _("New milestone"),
        },
    )


@login_required
def milestone_report(request, hromada_slug, plan_slug, number, milestone):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    milestone = get_object_or_404(
        Milestone.objects.select_related("commitment__plan__hromada"),
        commitment__plan=plan,
        commitment__number=number,
        number=milestone,
    )
    require(request.user, "plans.report_progress", milestone)
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "date": timezone.localdate(),
            "status": milestone.status,
            "percent": milestone.percent,
        },
    )
    if request.method == "POST" and form.is_valid():
        update = run_service(
            form,
            lambda: services.milestone_report_progress(
                actor=request.user, milestone=milestone, **form.cleaned_data
            ),
        )
        if update is not None:
            messages.success(request, _("The progress update was published."))
            return redirect(_commitment_url(milestone.commitment))
    return form_page(
        request,
        "plans/form.html",
        {
            "form": form,
            "hromada": plan.hromada,
            "plan": plan,
            "commitment": milestone.commitment,
            "milestone": milestone,
            "multipart": True,
            "title": _("Report progress"),
            "submit": _("Publish the progress update"),
            "back": _commitment_url(milestone.commitment),
            "irreversible": _(
                "A progress update cannot be changed or removed once published: it appears on "
                "the commitment's page and in its public history; a later update corrects it."
            ),
        },
    )


EXPORTS = {
    "csv": ("text/csv; charset=utf-8", exports.as_csv),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", exports.as_xlsx),
    "json": ("application/json; charset=utf-8", exports.as_json),
    "pdf": ("application/pdf", exports.as_pdf),
}


def plan_export(request, hromada_slug, plan_slug, fmt):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    if active().hides(plan):
        return withheld_page(request)
    if fmt not in EXPORTS:
        raise Http404
    content_type, build = EXPORTS[fmt]
    response = HttpResponse(build(plan), content_type=content_type)
    filename = f"{plan.hromada.slug}-{plan.slug}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    return response


def plan_print(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    if active().hides(plan):
        return withheld_page(request)
    return HttpResponse(exports.print_html(plan, request))


@login_required
def plan_import(request, hromada_slug, plan_slug):
    plan = _visible_plan(request, hromada_slug, plan_slug)
    require(request.user, "plans.add_commitment", plan)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems, problem_count = [], 0
    if request.method == "POST" and form.is_valid():
        try:
            rows = importer.read_rows(form.cleaned_data["file"])
            result = importer.plan_import(actor=request.user, plan=plan, rows=rows)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if not result.problems:
                messages.success(
                    request,
                    _("Imported %(c)d commitments and %(m)d milestones.")
                    % {"c": result.commitments, "m": result.milestones},
                )
                return redirect(_plan_url(plan))
            problems, problem_count = result.problems, result.problem_count
    return form_page(
        request,
        "plans/import.html",
        {
            "form": form,
            "plan": plan,
            "hromada": plan.hromada,
            "problems": problems,
            "problem_count": problem_count,
            "unlisted": problem_count - len(problems),
            "limits": importer.limits(),
            "columns": columns.COLUMNS,
            "required": importer.REQUIRED,
        },
    )


def import_template(request, fmt):
    """An empty file with the documented columns and one example row."""
    example = [
        "1",
        "Портал відкритих даних",
        "Дані публікуються розрізнено",
        "",
        "60 наборів даних у відкритих форматах",
        "",
        "access_to_information",
        "Управління цифрової трансформації",
        "2025-01-01",
        "2025-12-31",
        "",
        "UAH",
        "",
        "16",
        "відкриті дані",
        "ГО «Відкрите місто» | civil_society",
        "1",
        "Інвентаризація наборів даних",
        "2025-01-01",
        "2025-03-31",
        "Управління цифрової трансформації",
        "1",
        "",
        "",
    ]
    if fmt == "csv":
        response = HttpResponse(
            spreadsheet_csv([columns.NAMES, example]), content_type="text/csv; charset=utf-8"
        )
    elif fmt == "xlsx":
        from openpyxl import Workbook  # noqa: PLC0415 - heavy: loaded for a template only

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "plan"
        sheet.append(columns.NAMES)
        sheet.append(example)
        docs = workbook.create_sheet("columns")  # what the import page's table of columns says
        docs.append([_("Column"), _("What it holds"), _("Required")])
        for name, help_text in columns.COLUMNS:
            docs.append([name, str(help_text), _("yes") if name in importer.REQUIRED else ""])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=EXPORTS["xlsx"][0])
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="action-plan-template.{fmt}"'
    return response


@login_required
@require_POST
def follow_toggle(request, hromada_slug, plan_slug, number=None):
    """Follow or stop following a plan or a commitment."""

    plan = _visible_plan(request, hromada_slug, plan_slug)
    target = plan if number is None else get_object_or_404(Commitment, plan=plan, number=number)
    toggle_follow(request, target, _("You follow this now and will be notified of progress."))
    return redirect(_plan_url(plan) if number is None else _commitment_url(target))


def evidence_file(request, hromada_slug, plan_slug, file_id):
    """Evidence files are served through the plan's visibility: a draft's files stay private."""

    plan = _visible_plan(request, hromada_slug, plan_slug)
    evidence = get_object_or_404(
        EvidenceFile.objects.select_related("update__milestone__commitment"),
        pk=file_id,
        update__milestone__commitment__plan=plan,
    )
    withheld = active()
    if withheld.hides(evidence.update) or "links" in withheld.fields(
        evidence.update, evidence.update_id
    ):
        return withheld_page(request)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=evidence.name, content_type=evidence.content_type
    )
