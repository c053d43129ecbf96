"""Writes to public consultations: the draft in sections, the comment period, the optional survey,
each comment's outcome and the summary report."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.core.errors import ServiceError
from openhromada.core.history import diff, record, record_create, snapshot
from openhromada.core.models import HistoryAction
from openhromada.core.services import require, save
from openhromada.core.text import one_line
from openhromada.core.uploads import check_uploads

from .lifecycle import CHOICE_KINDS, SCALE_POINTS, CommentOutcome, QuestionKind
from .models import Answer, Comment, Consultation, Question, Section
from .services import _after_commit, _close, check_window

MAX_OPTIONS = 12
MAX_ANSWER_LENGTH = 2000


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
    save(consultation)
    record_create(actor=actor, obj=consultation, fields=Consultation.HISTORY_FIELDS)
    return consultation


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, **values) -> Consultation:
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    _editable(consultation)
    plan = values.get("plan")
    if plan is not None and plan.hromada_id != consultation.hromada_id:
        raise ServiceError({"plan": _("Choose a plan of this hromada.")})
    _document(values)
    before = snapshot(consultation, Consultation.HISTORY_FIELDS)
    for name, value in values.items():
        setattr(consultation, name, value)
    check_window(consultation)
    save(consultation)
    if changes := diff(before, snapshot(consultation, Consultation.HISTORY_FIELDS)):
        record(actor=actor, obj=consultation, action=HistoryAction.UPDATE, changes=changes)
        if consultation.is_published and "closes_at" in changes:
            _schedule_close(consultation)
    return consultation


def _schedule_close(consultation: Consultation) -> None:
    from .tasks import schedule_close  # noqa: PLC0415 - the tasks call these services

    transaction.on_commit(
        lambda: schedule_close("consultation", consultation.pk, consultation.closes_at)
    )


@transaction.atomic
def section_save(
    *, actor, consultation: Consultation, section: Section | None = None, title: str, text: str
) -> Section:
    require(actor, "participation.change_consultation", consultation)
    _editable(consultation)
    if section is None:
        number = (consultation.sections.aggregate(n=Max("number"))["n"] or 0) + 1
        section = Section(consultation=consultation, number=number)
    before = snapshot(section, Section.HISTORY_FIELDS) if section.pk else None
    section.title, section.text = title.strip(), text.strip()
    save(section)
    if before is None:
        record_create(actor=actor, obj=section, fields=Section.HISTORY_FIELDS)
    elif changes := diff(before, snapshot(section, Section.HISTORY_FIELDS)):
        record(actor=actor, obj=section, action=HistoryAction.UPDATE, changes=changes)
    return section


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
    if question is None:
        number = (consultation.questions.aggregate(n=Max("number"))["n"] or 0) + 1
        question = Question(consultation=consultation, number=number)
    before = snapshot(question, Question.HISTORY_FIELDS) if question.pk else None
    question.text, question.kind = text.strip(), kind
    question.options = _clean_options(kind, options)
    save(question)
    if before is None:
        record_create(actor=actor, obj=question, fields=Question.HISTORY_FIELDS)
    elif changes := diff(before, snapshot(question, Question.HISTORY_FIELDS)):
        record(actor=actor, obj=question, action=HistoryAction.UPDATE, changes=changes)
    return question


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
    consultation.published_at = timezone.now()
    save(consultation)
    record(
        actor=actor,
        obj=consultation,
        action=HistoryAction.UPDATE,
        changes={"published_at": [None, consultation.published_at.isoformat()]},
    )
    _schedule_close(consultation)
    return consultation


@transaction.atomic
def consultation_close(*, actor, consultation: Consultation, reason: str) -> Consultation:
    require(actor, "participation.change_consultation", consultation)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_published or consultation.has_ended:
        raise ServiceError(_("Only an open consultation can be closed early."), code="closed")
    if not reason.strip():
        raise ServiceError({"closed_reason": _("Say why the consultation closes early.")})
    return _close(actor, consultation, timezone.now(), reason.strip())


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
    before = snapshot(comment, Comment.OUTCOME_FIELDS)
    comment.outcome, comment.outcome_reason = outcome, reason.strip()
    save(comment)
    if changes := diff(before, snapshot(comment, Comment.OUTCOME_FIELDS)):
        record(actor=actor, obj=comment, action=HistoryAction.UPDATE, changes=changes)
    return comment


def comments_without_outcome(consultation: Consultation):
    return Comment.objects.filter(
        section__consultation=consultation, hidden_at__isnull=True, outcome=""
    )


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
            _("%(n)d comments still have no outcome: answer each one first.") % {"n": missing},
            code="unanswered",
        )
    before = snapshot(consultation, ("report", "report_published_at"))
    consultation.report = report.strip()
    consultation.report_published_at = consultation.report_published_at or timezone.now()
    save(consultation)
    changes = diff(before, snapshot(consultation, ("report", "report_published_at")))
    if changes:
        record(actor=actor, obj=consultation, action=HistoryAction.UPDATE, changes=changes)
        from .tasks import notify_report  # noqa: PLC0415 - the tasks call these services

        _after_commit(notify_report, consultation.pk)
    return consultation
