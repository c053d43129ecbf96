"""Public consultations: the page with sections and their comment threads, the survey and its
data, the report, and the forms officials use to prepare and answer them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openhromada.core import permissions
from openhromada.core.errors import ServiceError
from openhromada.core.forms import run_service
from openhromada.core.history_pages import history_page, recent
from openhromada.core.pagecache import public_page_cache
from openhromada.core.ratelimit import RateLimited
from openhromada.core.text import spreadsheet_csv
from openhromada.core.uploads import serve
from openhromada.core.views import act, confirm, form_page, refused
from openhromada.core.withholding import for_request
from openhromada.notifications.services import is_following
from openhromada.notifications.views import toggle_follow
from openhromada.places.models import Hromada

from ..forms import CloseForm, lines
from ..lifecycle import QuestionKind
from ..models import Comment, Consultation, Question, Section
from ..structured import consultation_twins
from . import selectors, services
from .forms import ConsultationForm, OutcomeForm, QuestionForm, ReportForm, SectionForm


def _url(consultation) -> str:
    return reverse("participation:consultation", args=[consultation.pk])


def _editable(request, pk) -> Consultation:
    """A consultation its editors may work on: 404 for a draft others cannot see (as its page
    answers: an unpublished consultation's addresses do not say it exists), 403 otherwise."""
    consultation = selectors.get_consultation(pk, drafts_for=request.user)
    if not request.user.has_perm("participation.change_consultation", consultation):
        raise PermissionDenied
    return consultation


def _form(request, form, consultation, hromada, title, **irreversible):
    """A form page of a consultation; `irreversible` gives the submit label and what it means
    when the form publishes something that cannot be undone."""
    return form_page(
        request,
        "participation/form.html",
        {
            "form": form,
            "hromada": hromada,
            "consultation": consultation,
            "title": title,
            "multipart": isinstance(form, ConsultationForm),
            **({"back": _url(consultation)} if consultation else {}),
            **irreversible,
        },
    )


@login_required
def consultation_create(request, hromada_slug):
    hromada = get_object_or_404(Hromada, slug=hromada_slug)
    if not request.user.has_perm("participation.add_consultation", hromada):
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, request.FILES or None, hromada=hromada)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        saved = run_service(
            form,
            lambda: services.consultation_create(actor=request.user, hromada=hromada, **values),
        )
        if saved is not None:
            messages.success(request, _("The draft consultation was saved: add its sections."))
            return redirect(_url(saved))
    return _form(request, form, None, hromada, _("Prepare a public consultation"))


@login_required
def consultation_edit(request, pk):
    consultation = _editable(request, pk)
    form = ConsultationForm(
        request.POST or None,
        request.FILES or None,
        instance=consultation,
        hromada=consultation.hromada,
    )
    if request.method == "POST" and form.is_valid():
        values = form.values()
        saved = run_service(
            form,
            lambda: services.consultation_update(
                actor=request.user, consultation=consultation, **values
            ),
        )
        if saved is not None:
            messages.success(request, _("The consultation was saved."))
            return redirect(_url(saved))
    return _form(request, form, consultation, consultation.hromada, _("Edit the consultation"))


@login_required
def section_edit(request, pk, number=None):
    consultation = _editable(request, pk)
    section = None
    if number is not None:
        section = get_object_or_404(Section, consultation=consultation, number=number)
    initial = {"title": section.title, "text": section.text} if section else None
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.section_save(
                actor=request.user, consultation=consultation, section=section, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The section was saved."))
            return redirect(_url(consultation) + f"#section-{saved.number}")
    title = _("Edit the section") if section else _("Add a section")
    return _form(request, form, consultation, consultation.hromada, title)


@login_required
def question_edit(request, pk, number=None):
    consultation = _editable(request, pk)
    question = None
    if number is not None:
        question = get_object_or_404(Question, consultation=consultation, number=number)
    initial = None
    if question:
        initial = {
            "text": question.text,
            "kind": question.kind,
            "options": "\n".join(question.options),
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.question_save(
                actor=request.user,
                consultation=consultation,
                question=question,
                text=data["text"],
                kind=data["kind"],
                options=lines(data["options"]),
            ),
        )
        if saved is not None:
            messages.success(request, _("The question was saved."))
            return redirect(_url(consultation) + "#survey")
    title = _("Edit the question") if question else _("Add a survey question")
    return _form(request, form, consultation, consultation.hromada, title)


@login_required
def consultation_publish(request, pk):
    """Publishing cannot be undone: the button leads here, where the page says so and asks;
    only the POST publishes."""
    consultation = _editable(request, pk)
    if request.method != "POST":
        if consultation.is_published:
            return refused(request, ServiceError(_("The consultation is already published.")))
        return confirm(
            request,
            title=_("Publish the consultation?"),
            subject=consultation.title,
            explanation=_(
                "Publishing cannot be undone: the draft and its comment period become public, "
                "and once the period starts its sections and questions can no longer be changed."
            ),
            button=_("Publish the consultation"),
            back=_url(consultation),
            breadcrumbs="participation/_breadcrumbs.html",
            context={"hromada": consultation.hromada},
        )
    return act(
        request,
        lambda: services.consultation_publish(actor=request.user, consultation=consultation),
        _url(consultation),
        _("The consultation is published."),
    )


@login_required
def consultation_close(request, pk):
    consultation = _editable(request, pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["closed_reason"]
        if run_service(
            form,
            lambda: services.consultation_close(
                actor=request.user, consultation=consultation, reason=reason
            ),
        ):
            messages.success(request, _("The consultation is closed."))
            return redirect(_url(consultation))
    return _form(
        request,
        form,
        consultation,
        consultation.hromada,
        _("Close the consultation early"),
        submit=_("Close the consultation"),
        irreversible=_(
            "Closing cannot be undone: the consultation takes no more comments or answers, and "
            "the reason you give is shown on its page."
        ),
    )


@public_page_cache
def consultation_detail(request, pk):
    consultation = selectors.get_consultation(pk, drafts_for=request.user)
    return _consultation_page(request, consultation)


def _consultation_page(request, consultation, *, survey_errors=(), answers=None, status=200):
    """The consultation's page; after a refused survey, with the reasons above the survey and
    the answers given still ticked and typed (nothing a resident entered is lost)."""
    pk = consultation.pk
    user = request.user
    sections = list(selectors.consultation_sections(consultation))
    can_edit = user.has_perm("participation.change_consultation", consultation)
    questions = list(consultation.questions.all())
    for question in questions:
        given = (answers or {}).get(question.pk, [])
        question.given = given if isinstance(given, list) else [given]
    return render(
        request,
        "participation/consultation_detail.html",
        {
            "consultation": consultation,
            "hromada": consultation.hromada,
            "sections": sections,
            "questions": questions,
            "survey_errors": survey_errors,
            "results": selectors.survey_results(consultation, text_limit=0),
            "can_edit": can_edit,
            "can_contribute": user.has_perm("participation.contribute", consultation),
            "can_comment": user.has_perm("participation.comment", consultation),
            "comment_refusal": permissions.why_not(user, "participation.comment", consultation),
            "can_answer": user.has_perm("participation.answer_survey", consultation),
            "answer_refusal": permissions.why_not(
                user, "participation.answer_survey", consultation
            ),
            "can_moderate": user.has_perm("participation.moderate", consultation),
            "can_outcome": can_edit,  # who edits the consultation records comments' outcomes
            "following": is_following(user, consultation),
            "follow_url": reverse("participation:consultation_follow", args=[pk]),
            "recent": recent(
                consultation,
                for_request(request),
                reverse("participation:consultation_history", args=[pk]),
            ),
            **consultation_twins(consultation),
        },
        status=status,
    )


@public_page_cache
def consultation_history(request, pk):
    consultation = selectors.get_consultation(pk, drafts_for=request.user)
    return history_page(
        request,
        consultation,
        title=consultation.title,
        back=_url(consultation),
        editor=request.user.has_perm("participation.change_consultation", consultation),
        breadcrumbs="participation/_breadcrumbs.html",
        context={"hromada": consultation.hromada, "consultation": consultation},
    )


def _survey_answers(request, consultation) -> dict:
    answers = {}
    for question in consultation.questions.all():
        key = f"q{question.pk}"
        if question.kind == QuestionKind.MULTIPLE:
            answers[question.pk] = request.POST.getlist(key)
        else:
            answers[question.pk] = request.POST.get(key, "")
    return answers


@login_required
@require_POST
def survey_submit(request, pk):
    consultation = selectors.get_consultation(pk)
    answers = _survey_answers(request, consultation)
    try:
        services.survey_answer(actor=request.user, consultation=consultation, answers=answers)
    except ValidationError as error:
        if isinstance(error, RateLimited):
            return refused(request, error, _url(consultation) + "#survey")
        return _consultation_page(
            request, consultation, survey_errors=error.messages, answers=answers, status=400
        )
    messages.success(request, _("Thank you: your answers were saved."))
    return redirect(_url(consultation) + "#survey")


@public_page_cache
def survey_csv(request, pk):
    """The survey's results as CSV: one row per option (or scale point) per question."""
    consultation = selectors.get_consultation(pk)
    rows = [["question_number", "question", "kind", "option", "answers", "percent"]]
    for result in selectors.survey_results(consultation, text_limit=10_000):
        q = result.question
        rows += [[q.number, q.text, q.kind, *row] for row in result.rows]
        rows += [[q.number, q.text, q.kind, text, 1, ""] for text in result.texts or ()]
    response = HttpResponse(spreadsheet_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="consultation-{pk}-survey.csv"'
    return response


@login_required
def comment_outcome(request, pk):
    comment = get_object_or_404(
        Comment.objects.select_related("section__consultation__hromada", "author"),
        pk=pk,
        section__isnull=False,
    )
    consultation = comment.section.consultation
    if not request.user.has_perm("participation.change_consultation", consultation):
        raise PermissionDenied
    initial = {"outcome": comment.outcome, "outcome_reason": comment.outcome_reason}
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = run_service(
            form,
            lambda: services.comment_set_outcome(
                actor=request.user,
                comment=comment,
                outcome=data["outcome"],
                reason=data["outcome_reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The outcome was saved."))
            return redirect(reverse("participation:report", args=[consultation.pk]))
    return form_page(
        request,
        "participation/outcome_form.html",
        {
            "form": form,
            "comment": comment,
            "consultation": consultation,
            "hromada": consultation.hromada,
            "title": _("Outcome of a comment"),
        },
    )


@public_page_cache
def consultation_report(request, pk):
    consultation = selectors.get_consultation(pk, drafts_for=request.user)
    can_edit = request.user.has_perm("participation.change_consultation", consultation)
    return render(
        request,
        "participation/consultation_report.html",
        {
            "consultation": consultation,
            "hromada": consultation.hromada,
            "comments": list(selectors.report_comments(consultation)),
            "results": selectors.survey_results(consultation),
            "can_edit": can_edit,
            "missing": selectors.comments_without_outcome(consultation).count() if can_edit else 0,
        },
    )


@login_required
def report_edit(request, pk):
    consultation = _editable(request, pk)
    form = ReportForm(request.POST or None, initial={"report": consultation.report})
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.report_publish(
                actor=request.user, consultation=consultation, report=form.cleaned_data["report"]
            ),
        )
        if saved is not None:
            messages.success(request, _("The summary report is published."))
            return redirect(reverse("participation:report", args=[pk]))
    return _form(
        request,
        form,
        consultation,
        consultation.hromada,
        _("Summary report"),
        submit=_("Publish the report"),
        irreversible=_(
            "Publishing the report cannot be undone: it becomes public with every comment's "
            "outcome and the consultation's followers are told; later corrections stay visible "
            "in its public history."
        ),
    )


@login_required
@require_POST
def consultation_follow(request, pk):

    consultation = selectors.get_consultation(pk)
    toggle_follow(
        request, consultation, _("You follow the consultation and will be told of its report.")
    )
    return redirect(_url(consultation))


def document(request, pk):
    return serve(selectors.get_consultation(pk, drafts_for=request.user).document)
