"""Writes to public consultations: the draft in sections, the comment period, the optional survey,
each comment's outcome and the summary report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openhromada.core.errors import ServiceError
from openhromada.core.services import create_recorded, require, update_recorded
from openhromada.core.text import one_line
from openhromada.core.uploads import check_uploads

from ..lifecycle import CHOICE_KINDS, SCALE_POINTS, CommentOutcome, QuestionKind
from ..models import Answer, Comment, Consultation, Question, Section
from ..tasks import notify_report
from ..windows import check_window, close_window, notify_after_commit, schedule_close
from .selectors import comments_without_outcome

MAX_OPTIONS = 12
MAX_ANSWER_LENGTH = 2000
REPORT_FIELDS = ("report", "report_published_at")


def _editable(consultation: Consultation) -> None:
    """The draft can change until its comment period starts; after that it is what people read."""
    if consultation.is_published and consultation.has_started:
        raise ServiceError(
            _("The comment period has started: the draft can no longer be changed."),
            code="started",
        )


def _document(values: dict) -> None:
    """A new upload is checked; False (the form's "clear") removes the file; anything else (no
    upload, or the record's own file echoed back by the form) keeps what the record has."""
    upload = values.get("document")
    if upload is False:
        values["document"] = ""
    elif isinstance(upload, UploadedFile):
        check_uploads([upload], "document")
    else:
        values.pop("document", None)


@transaction.atomic
def consultation_create(*, actor, hromada, origin: str = "real", **values) -> Consultation:
    require(actor, "participation.add_consultation", hromada)
    plan = values.get("plan")
    if plan is not None and plan.hromada_id != hromada.pk:
        raise ServiceError({"plan": _("Choose a plan of this hromada.")})
    _document(values)
    consultation = Consultation(hromada=hromada, origin=origin, **values)
    check_window(consultation)
    return create_recorded(actor=actor, obj=consultation)


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, **values) -> Consultation:
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _editable(consultation)
    plan = values.get("plan")
    if plan is not None and plan.hromada_id != consultation.hromada_id:
        raise ServiceError({"plan": _("Choose a plan of this hromada.")})
    _document(values)
    changes = update_recorded(actor=actor, obj=consultation, values=values, check=check_window)
    if consultation.is_published and "closes_at" in changes:
        schedule_close(consultation)
    return consultation


def _new_part(model: type[models.Model], consultation: Consultation) -> models.Model:
    """A new section or survey question, numbered after the draft's last one."""
    last = model.objects.filter(consultation=consultation).aggregate(n=Max("number"))["n"]
    return model(consultation=consultation, number=(last or 0) + 1)


def _save_recorded(actor, obj: models.Model, values: dict) -> models.Model:
    """A new section or question goes to the history as created, a changed one as updated."""
    if obj.pk is None:
        for name, value in values.items():
            setattr(obj, name, value)
        return create_recorded(actor=actor, obj=obj)
    update_recorded(actor=actor, obj=obj, values=values)
    return obj


@transaction.atomic
def section_save(
    *, actor, consultation: Consultation, section: Section | None = None, title: str, text: str
) -> Section:
    require(actor, "participation.change_consultation", consultation)
    _editable(consultation)
    section = section or _new_part(Section, consultation)
    return _save_recorded(actor, section, {"title": title.strip(), "text": text.strip()})


def _clean_options(kind: str, options: list[str]) -> list[str]:
    cleaned = (one_line(o)[:200] for o in options)  # as stored: compared for duplicates
    options = [o for o in cleaned if o]
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            raise ServiceError({"options": _("Offer at least two options.")})
        if len(options) > MAX_OPTIONS or len(set(options)) != len(options):
            raise ServiceError(
                {"options": _("Offer up to %(n)d different options.") % {"n": MAX_OPTIONS}}
            )
        return options
    return []


@transaction.atomic
def question_save(
    *,
    actor,
    consultation: Consultation,
    question: Question | None = None,
    text: str,
    kind: str,
    options: list[str],
) -> Question:
    require(actor, "participation.change_consultation", consultation)
    _editable(consultation)
    question = question or _new_part(Question, consultation)
    values = {"text": text.strip(), "kind": kind, "options": _clean_options(kind, options)}
    return _save_recorded(actor, question, values)


@transaction.atomic
def consultation_publish(*, actor, consultation: Consultation) -> Consultation:
    """Announce the consultation: the draft and its comment period become public."""
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_published:
        raise ServiceError(_("The consultation is already published."), code="published")
    if not consultation.sections.exists():
        raise ServiceError(_("Add the draft's sections before publishing."), code="empty")
    if consultation.closes_at <= timezone.now():
        raise ServiceError({"closes_at": _("The comment period must end in the future.")})
    update_recorded(
        actor=actor,
        obj=consultation,
        values={"published_at": timezone.now()},
        history_fields=("published_at",),
    )
    schedule_close(consultation)
    return consultation


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation, reason: str) -> Consultation:
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_published or consultation.has_ended:
        raise ServiceError(_("Only an open consultation can be closed early."), code="closed")
    if not reason.strip():
        raise ServiceError({"closed_reason": _("Say why the consultation closes early.")})
    return close_window(actor, consultation, timezone.now(), reason.strip())


def _answer_value(question: Question, raw) -> dict:
    """The stored form of one answer, or a ValidationError naming the question."""
    error = ValidationError({f"q{question.pk}": _("Choose one of the options offered.")})
    if question.kind == QuestionKind.SINGLE:
        if raw not in question.options:
            raise error
        return {"choices": [raw]}
    if question.kind == QuestionKind.MULTIPLE:
        raw = list(dict.fromkeys(raw or []))
        if not raw or any(r not in question.options for r in raw):
            raise error
        return {"choices": raw}
    if question.kind == QuestionKind.SCALE:
        try:
            value = int(raw)
        except (TypeError, ValueError):
            value = None
        if value not in SCALE_POINTS:
            raise ServiceError({f"q{question.pk}": _("Choose a value from 1 to 5.")})
        return {"value": value}
    text = (raw or "").strip()
    if len(text) > MAX_ANSWER_LENGTH:
        raise ServiceError(
            {f"q{question.pk}": _("At most %(n)d characters.") % {"n": MAX_ANSWER_LENGTH}}
        )
    return {"text": text}


@transaction.atomic
def survey_answer(*, actor, consultation: Consultation, answers: dict) -> int:
    """Save a resident's answers ({question id: value}); unanswered questions are skipped, and
    answering again replaces the earlier answer while the period is open. Returns how many."""
    consultation = Consultation.objects.select_related("hromada").get(pk=consultation.pk)
    require(actor, "participation.answer_survey", consultation)
    saved = 0
    for question in consultation.questions.all():
        raw = answers.get(question.pk)
        if raw in (None, "", []):
            continue
        values = _answer_value(question, raw)
        Answer.objects.update_or_create(
            question=question,
            user=actor,
            defaults={"choices": [], "value": None, "text": "", **values},
        )
        saved += 1
    if not saved:
        raise ServiceError(_("Answer at least one question."), code="empty")
    return saved


@transaction.atomic
def comment_set_outcome(*, actor, comment: Comment, outcome: str, reason: str) -> Comment:
    """Say what became of a consultation comment: taken into account, partly, or not, and why."""
    consultation = comment.section.consultation if comment.section_id else None
    if consultation is None:
        raise ServiceError(_("Only consultation comments get an outcome."), code="not_section")
    require(actor, "participation.change_consultation", consultation)
    if outcome not in CommentOutcome.values:
        raise ServiceError({"outcome": _("Choose an outcome.")})
    if not reason.strip():
        raise ServiceError({"outcome_reason": _("Every outcome needs a written reason.")})
    update_recorded(
        actor=actor,
        obj=comment,
        values={"outcome": outcome, "outcome_reason": reason.strip()},
        history_fields=Comment.OUTCOME_FIELDS,
    )
    return comment


@transaction.atomic
def report_publish(*, actor, consultation: Consultation, report: str) -> Consultation:
    """Publish the summary report once the period is over and every comment has its outcome."""
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_published or not consultation.has_ended:
        raise ServiceError(
            _("The report is published after the comment period ends."), code="not_ended"
        )
    if not report.strip():
        raise ServiceError({"report": _("Write the summary.")})
    missing = comments_without_outcome(consultation).count()
    if missing:
        raise ServiceError(
            ngettext(
                "%(n)d comment still has no outcome: answer it first.",
                "%(n)d comments still have no outcome: answer each one first.",
                missing,
            )
            % {"n": missing},
            code="unanswered",
        )
    values = {
        "report": report.strip(),
        "report_published_at": consultation.report_published_at or timezone.now(),
    }
    if update_recorded(actor=actor, obj=consultation, values=values, history_fields=REPORT_FIELDS):
        notify_after_commit(notify_report, consultation.pk)
    return consultation
