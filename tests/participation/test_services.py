"""Calls, proposals, supports, comments and responses: the rules, with nothing saved on refusal."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openhromada.core.errors import ServiceError
from openhromada.core.models import HistoryEntry
from openhromada.notifications.models import Notification
from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.models import Call, Comment, Proposal, Support
from openhromada.participation.moderation import services as moderation
from openhromada.participation.tasks import close_due
from tests.factories import UserFactory
from tests.participation.fixtures import open_call, submit, window

pytestmark = pytest.mark.django_db


def test_official_opens_a_call_with_categories_in_the_history(call):
    assert call.is_open()
    assert [c.name for c in call.categories.all()] == [
        "Доступ до інформації",
        "Громадська участь",
    ]
    entry = HistoryEntry.objects.get(object_type="participation.call", object_id=str(call.pk))
    assert entry.changes["categories"][1] == ["Доступ до інформації", "Громадська участь"]


def test_call_needs_a_plan_in_co_creation(official, plan, en):
    with pytest.raises(ValidationError, match="co-creation phase"):
        open_call(official, plan)
    assert not Call.objects.exists()


def test_call_must_end_after_it_opens(official, co_plan):
    now = timezone.now()
    with pytest.raises(ValidationError):
        open_call(official, co_plan, opens_at=now, closes_at=now - dt.timedelta(hours=1))
    assert not Call.objects.exists()


def test_resident_cannot_open_a_call(resident, co_plan):
    with pytest.raises(PermissionDenied):
        open_call(resident, co_plan)


def test_resident_submits_and_follows_their_proposal(resident, call):
    proposal = submit(resident, call)
    assert proposal.number == 1 and proposal.author == resident
    from openhromada.notifications.services import is_following

    assert is_following(resident, proposal)
    second = submit(resident, call, title="Друга")
    assert second.number == 2


def test_unverified_account_cannot_contribute(call):
    stranger = UserFactory(verified=False)
    with pytest.raises(PermissionDenied):
        submit(stranger, call)
    assert not Proposal.objects.exists()


@pytest.mark.parametrize("when", ["before", "after", "closed_early"])
def test_nothing_is_accepted_outside_the_open_period(official, co_plan, resident, when, en):
    if when == "before":
        call = open_call(official, co_plan, **window(days_before=-2, days_after=10))
        message = "opens on"
    elif when == "after":
        call = open_call(official, co_plan, **window(days_before=20, days_after=-1))
        message = "closed on"
    else:
        call = open_call(official, co_plan)
        services.call_close(actor=official, call=call, reason="Зібрали досить")
        message = "closed on"
    with pytest.raises(ValidationError, match=message):
        submit(resident, call)
    assert not Proposal.objects.exists()


def test_support_and_comment_are_refused_after_the_call_closes(official, call, proposal, en):
    neighbour = UserFactory()
    services.call_close(actor=official, call=call, reason="Досить")
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="closed on"):
        services.proposal_support(actor=neighbour, proposal=proposal)
    with pytest.raises(ValidationError, match="closed on"):
        comment_post(actor=neighbour, proposal=proposal, text="Так!")
    assert not Support.objects.exists() and not Comment.objects.exists()


def test_early_close_needs_a_reason(official, call):
    with pytest.raises(ValidationError):
        services.call_close(actor=official, call=call, reason="  ")
    call.refresh_from_db()
    assert call.closed_at is None


def test_the_end_date_task_records_the_close(official, co_plan):
    call = open_call(official, co_plan, **window(days_before=20, days_after=-1))
    assert close_due.call("call", call.pk) is True
    call.refresh_from_db()
    assert call.closed_at == call.closes_at and call.closed_reason == ""
    assert close_due.call("call", call.pk) is False  # once only


def test_support_once_and_take_it_back(proposal, neighbour, en):
    services.proposal_support(actor=neighbour, proposal=proposal)
    with pytest.raises(ValidationError, match="already support"):
        services.proposal_support(actor=neighbour, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 1 and proposal.supports.count() == 1
    services.proposal_unsupport(actor=neighbour, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    with pytest.raises(ValidationError, match="do not support"):
        services.proposal_unsupport(actor=neighbour, proposal=proposal)


def test_author_cannot_support_their_own_proposal(proposal, resident, en):
    with pytest.raises(ValidationError, match="your own"):
        services.proposal_support(actor=resident, proposal=proposal)


def test_author_edits_until_the_response_then_cannot(proposal, resident, official, co_plan):
    services.proposal_update(actor=resident, proposal=proposal, title="Краща назва")
    proposal.refresh_from_db()
    assert proposal.title == "Краща назва"
    services.proposal_respond(
        actor=official, proposal=proposal, response="rejected", reason="Вже зроблено"
    )
    with pytest.raises(ServiceError) as refused:  # said why: it has a response
        services.proposal_update(actor=resident, proposal=proposal, title="Ще краща")
    assert refused.value.code == "answered"
    with pytest.raises(ServiceError):
        services.proposal_withdraw(actor=resident, proposal=proposal)


def test_the_author_cannot_rewrite_a_proposal_a_moderator_hid(proposal, resident, official):
    """Restoring it must show what the moderator read, not text nobody reviewed."""
    moderation.content_hide(actor=official, obj=proposal, rule="spam")
    proposal.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        services.proposal_update(actor=resident, proposal=proposal, title="Нова назва")
    assert refused.value.code == "hidden"
    with pytest.raises(ServiceError):
        services.proposal_withdraw(actor=resident, proposal=proposal)


def test_someone_else_cannot_edit_or_withdraw(proposal, neighbour):
    with pytest.raises(PermissionDenied):
        services.proposal_update(actor=neighbour, proposal=proposal, title="Чуже")
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(actor=neighbour, proposal=proposal)


def test_withdrawn_proposal_takes_no_support(proposal, resident, neighbour, en):
    services.proposal_withdraw(actor=resident, proposal=proposal)
    proposal.refresh_from_db()
    with pytest.raises(ValidationError, match="no longer be supported"):
        services.proposal_support(actor=neighbour, proposal=proposal)


def test_a_response_needs_a_reason(proposal, official, en):
    with pytest.raises(ValidationError, match="written reason"):
        services.proposal_respond(actor=official, proposal=proposal, response="rejected", reason="")
    proposal.refresh_from_db()
    assert proposal.response == ""


def test_accepted_needs_a_commitment_of_the_same_plan(proposal, official, co_plan, plan, en):
    with pytest.raises(ValidationError, match="commitment"):
        services.proposal_respond(
            actor=official, proposal=proposal, response="accepted", reason="Добре"
        )
    from openhromada.plans import services as plan_services
    from tests.plans.fixtures import make_commitment

    other_plan = plan_services.plan_create(
        actor=official,
        hromada=co_plan.hromada,
        title="Інший",
        start_date=dt.date(2027, 1, 1),
        end_date=dt.date(2028, 12, 31),
    )
    foreign = make_commitment(
        official, other_plan, start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 6, 30)
    )
    with pytest.raises(ValidationError, match="this call's plan"):
        services.proposal_respond(
            actor=official,
            proposal=proposal,
            response="accepted",
            reason="Добре",
            commitments=[foreign],
        )
    proposal.refresh_from_db()
    assert proposal.response == "" and not proposal.commitments.exists()


def test_accepted_response_links_commitments_and_notifies_the_author(
    proposal, official, co_plan, resident, django_capture_on_commit_callbacks, mailoutbox
):
    commitment = co_plan.commitments.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.proposal_respond(
            actor=official,
            proposal=proposal,
            response="accepted",
            reason="Увійшло до зобов'язання 1",
            commitments=[commitment],
        )
    assert list(commitment.proposals.all()) == [proposal]
    note = Notification.objects.get(user=resident)
    assert proposal.title in note.title
    assert len(mailoutbox) == 1
    entry = HistoryEntry.objects.filter(object_type="participation.proposal").latest("seq")
    assert entry.changes["response"] == ["", "accepted"]


def test_merged_names_another_proposal_of_the_call(proposal, official, resident, call, en):
    with pytest.raises(ValidationError, match="merged into"):
        services.proposal_respond(actor=official, proposal=proposal, response="merged", reason="x")
    with pytest.raises(ValidationError, match="another proposal"):
        services.proposal_respond(
            actor=official, proposal=proposal, response="merged", reason="x", merged_into=proposal
        )
    other = submit(resident, call, title="Схожа")
    services.proposal_respond(
        actor=official, proposal=proposal, response="merged", reason="Те саме", merged_into=other
    )
    proposal.refresh_from_db()
    assert proposal.merged_into == other


def test_residents_cannot_respond(proposal, neighbour):
    with pytest.raises(PermissionDenied):
        services.proposal_respond(
            actor=neighbour, proposal=proposal, response="rejected", reason="x"
        )


def test_comments_thread_one_level_deep(proposal, neighbour, resident, en):
    top = comment_post(actor=neighbour, proposal=proposal, text="Гарна ідея")
    reply = comment_post(actor=resident, proposal=proposal, parent_id=top.pk, text="Дякую")
    with pytest.raises(ValidationError, match="one level"):
        comment_post(actor=neighbour, proposal=proposal, parent_id=reply.pk, text="Ще")
    proposal.refresh_from_db()
    assert proposal.comment_count == 2


def test_a_reply_must_be_to_a_comment_on_the_same_proposal(proposal, call, neighbour, resident):
    other = submit(resident, call, title="Інша")
    top = comment_post(actor=neighbour, proposal=other, text="Тут")
    with pytest.raises(ValidationError):
        comment_post(actor=neighbour, proposal=proposal, parent_id=top.pk, text="Там")


def test_empty_or_huge_comment_is_refused(proposal, neighbour):
    with pytest.raises(ValidationError):
        comment_post(actor=neighbour, proposal=proposal, text="   ")
    with pytest.raises(ValidationError):
        comment_post(actor=neighbour, proposal=proposal, text="я" * 5001)
    assert not Comment.objects.exists()


def test_categories_in_use_stay(official, call, proposal, en):
    with pytest.raises(ValidationError, match="Proposals use"):
        services.call_update(actor=official, call=call, categories=["Нове"])
    assert proposal.category.name in services.call_category_names(call)


def test_a_rejected_proposal_links_no_commitment(proposal, official, co_plan):
    services.proposal_respond(
        actor=official,
        proposal=proposal,
        response="rejected",
        reason="Поза межами плану",
        commitments=[co_plan.commitments.first()],
    )
    proposal.refresh_from_db()
    assert not proposal.commitments.exists() and proposal.commitment_ids == []


def test_followers_hear_when_a_call_closes(
    official, call, resident, django_capture_on_commit_callbacks, mailoutbox
):
    from openhromada.notifications.services import follow

    follow(user=resident, obj=call)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_close(actor=official, call=call, reason="Зібрали досить")
    assert Notification.objects.get(user=resident).body == "Зібрали досить"
    assert len(mailoutbox) == 1


def test_the_close_is_queued_for_the_end_date(
    official, co_plan, settings, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    backend = task_backends["default"]
    with django_capture_on_commit_callbacks(execute=True):
        call = open_call(official, co_plan)
        services.call_update(actor=official, call=call, closes_at=call.closes_at + dt.timedelta(1))
    queued = [(r.task.run_after, r.args) for r in backend.results]
    call.refresh_from_db()
    assert queued[-1] == (call.closes_at, ["call", call.pk])
    assert len(queued) == 2  # once at opening, again for the new date
