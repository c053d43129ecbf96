"""Consultations: sections, comments on sections, the survey, outcomes and the summary report."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openhromada.notifications.models import Notification
from openhromada.notifications.services import follow
from openhromada.participation.comments.services import comment_post
from openhromada.participation.consultations import selectors
from openhromada.participation.consultations import services as consultations
from openhromada.participation.models import Answer, Comment
from tests.participation.fixtures import draft_consultation, window

pytestmark = pytest.mark.django_db


def _section(consultation, number=1):
    return consultation.sections.get(number=number)


def test_draft_is_not_public_and_takes_no_comments(official, hromada, resident):
    draft = draft_consultation(official, hromada)
    with pytest.raises(PermissionDenied):
        comment_post(actor=resident, section=_section(draft), text="Рано")
    assert not Comment.objects.exists()


def test_publishing_needs_sections(official, hromada, en):
    empty = consultations.consultation_create(
        actor=official, hromada=hromada, title="Порожня", description="—", **window()
    )
    with pytest.raises(ValidationError, match="sections"):
        consultations.consultation_publish(actor=official, consultation=empty)


def test_resident_comments_on_a_section_inside_the_period(consultation, resident):
    comment = comment_post(actor=resident, section=_section(consultation), text="Згодна")
    assert comment.section.consultation == consultation


def test_no_comment_before_the_period_opens(official, hromada, resident, en):
    upcoming = draft_consultation(official, hromada)  # opens tomorrow
    consultations.consultation_publish(actor=official, consultation=upcoming)
    with pytest.raises(ValidationError, match="opens on"):
        comment_post(actor=resident, section=_section(upcoming), text="Рано")


def test_the_draft_is_frozen_once_the_period_starts(consultation, official, en):
    with pytest.raises(ValidationError, match="can no longer be changed"):
        consultations.section_save(
            actor=official,
            consultation=consultation,
            section=_section(consultation),
            title="X",
            text="Y",
        )


def test_survey_answers_are_validated_and_replaced_on_a_second_answer(consultation, resident, en):
    single, scale = consultation.questions.order_by("number")
    consultations.survey_answer(
        actor=resident, consultation=consultation, answers={single.pk: "Так", scale.pk: "4"}
    )
    consultations.survey_answer(
        actor=resident, consultation=consultation, answers={single.pk: "Ні"}
    )
    assert Answer.objects.get(question=single, user=resident).choices == ["Ні"]
    with pytest.raises(ValidationError, match="options offered"):
        consultations.survey_answer(
            actor=resident, consultation=consultation, answers={single.pk: "Може"}
        )
    with pytest.raises(ValidationError, match="1 to 5"):
        consultations.survey_answer(
            actor=resident, consultation=consultation, answers={scale.pk: "9"}
        )
    with pytest.raises(ValidationError, match="at least one"):
        consultations.survey_answer(actor=resident, consultation=consultation, answers={})


def test_survey_results_count_each_option(consultation, resident, neighbour):
    single, scale = consultation.questions.order_by("number")
    for user, choice, value in ((resident, "Так", 5), (neighbour, "Так", 3)):
        consultations.survey_answer(
            actor=user, consultation=consultation, answers={single.pk: choice, scale.pk: value}
        )
    results = selectors.survey_results(consultation)
    assert results[0].rows == [("Так", 2, 100), ("Ні", 0, 0)]
    assert results[1].average == 4.0 and results[1].total == 2


def test_choice_questions_need_two_distinct_options(consultation, official, hromada, en):
    draft = draft_consultation(official, hromada)
    with pytest.raises(ValidationError, match="at least two"):
        consultations.question_save(
            actor=official, consultation=draft, text="?", kind="single", options=["Так"]
        )


def test_report_waits_for_the_end_and_for_every_outcome(
    consultation, official, resident, django_capture_on_commit_callbacks, en
):
    comment = comment_post(actor=resident, section=_section(consultation), text="Додати")
    follow(user=resident, obj=consultation)
    with pytest.raises(ValidationError, match="after the comment period"):
        consultations.report_publish(actor=official, consultation=consultation, report="Підсумок")
    consultations.consultation_close(actor=official, consultation=consultation, reason="Досить")
    consultation.refresh_from_db()
    with pytest.raises(ValidationError, match="1 comment still has no outcome"):
        consultations.report_publish(actor=official, consultation=consultation, report="Підсумок")
    with pytest.raises(ValidationError, match="written reason"):
        consultations.comment_set_outcome(
            actor=official, comment=comment, outcome="taken", reason=""
        )
    consultations.comment_set_outcome(
        actor=official, comment=comment, outcome="partly", reason="Частково враховано у п. 2"
    )
    with django_capture_on_commit_callbacks(execute=True):
        consultations.report_publish(actor=official, consultation=consultation, report="Підсумок")
    consultation.refresh_from_db()
    assert consultation.report_published_at is not None
    assert Notification.objects.filter(user=resident, title__contains=consultation.title).exists()


def test_residents_cannot_prepare_or_answer(consultation, resident, hromada):
    with pytest.raises(PermissionDenied):
        consultations.consultation_create(
            actor=resident, hromada=hromada, title="x", description="y", **window()
        )
    comment = comment_post(actor=resident, section=_section(consultation), text="x")
    with pytest.raises(PermissionDenied):
        consultations.comment_set_outcome(
            actor=resident, comment=comment, outcome="taken", reason="x"
        )


def test_close_early_needs_an_open_consultation(consultation, official, en):
    consultations.consultation_close(actor=official, consultation=consultation, reason="Причина")
    consultation.refresh_from_db()
    assert consultation.closed_at <= timezone.now()
    with pytest.raises(ValidationError, match="Only an open"):
        consultations.consultation_close(actor=official, consultation=consultation, reason="x")


def test_document_upload_is_checked_and_kept_on_edit(official, hromada, en):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("draft.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    draft = draft_consultation(official, hromada, document=pdf)
    assert draft.document.name.endswith(".pdf")
    draft = consultations.consultation_update(
        actor=official, consultation=draft, title="Нова назва", document=draft.document
    )
    assert draft.document.name.endswith(".pdf") and draft.title == "Нова назва"
    bad = SimpleUploadedFile("x.exe", b"MZ", content_type="application/x-msdownload")
    with pytest.raises(ValidationError):
        consultations.consultation_update(actor=official, consultation=draft, document=bad)
