"""Abuse reports, hiding with a public reason, blocking, the public log and rate limits."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openhromada.core.ratelimit import RateLimited
from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.models import AbuseReport, ModerationEntry, Proposal
from openhromada.participation.moderation import services as moderation
from tests.factories import actor_for
from tests.participation.fixtures import submit

pytestmark = pytest.mark.django_db


def test_report_hide_and_the_public_log(proposal, neighbour, official):
    moderation.abuse_report(actor=neighbour, obj=proposal, rule="spam", reason="Реклама")
    entry = moderation.content_hide(actor=official, obj=proposal, rule="spam")
    proposal.refresh_from_db()
    assert proposal.is_hidden and proposal.hidden_reason == "spam"
    assert not AbuseReport.objects.filter(resolved_at__isnull=True).exists()
    assert entry.subject_name == proposal.author.public_name and entry.moderator == official
    moderation.content_restore(actor=official, obj=proposal)
    assert list(ModerationEntry.objects.values_list("action", flat=True)) == ["restore", "hide"]


def test_report_needs_a_rule_and_a_reason(proposal, neighbour):
    with pytest.raises(ValidationError):
        moderation.abuse_report(actor=neighbour, obj=proposal, rule="nonsense", reason="x")
    with pytest.raises(ValidationError):
        moderation.abuse_report(actor=neighbour, obj=proposal, rule="spam", reason=" ")
    assert not AbuseReport.objects.exists()


def test_hidden_proposal_takes_no_support_or_comment(proposal, neighbour, official, en):
    moderation.content_hide(actor=official, obj=proposal, rule="insult")
    proposal.refresh_from_db()
    with pytest.raises(ValidationError):
        services.proposal_support(actor=neighbour, proposal=proposal)
    with pytest.raises(ValidationError):
        comment_post(actor=neighbour, proposal=proposal, text="x")


@pytest.mark.parametrize(
    "name, allowed",
    [
        ("resident", False),
        ("official", True),
        ("official_elsewhere", False),
        ("council_member", False),
        ("monitor", False),
        ("operator", True),
        ("admin", True),
    ],
)
def test_who_may_hide(proposal, hromada, name, allowed, official):
    actor = official if name == "official" else actor_for(name, hromada)
    if allowed:
        moderation.content_hide(actor=actor, obj=proposal, rule="spam")
    else:
        with pytest.raises(PermissionDenied):
            moderation.content_hide(actor=actor, obj=proposal, rule="spam")


def test_blocked_user_cannot_contribute_in_that_hromada(proposal, call, neighbour, official):
    comment = comment_post(actor=neighbour, proposal=proposal, text="Образа")
    moderation.user_block(actor=official, user=comment.author, hromada=call.hromada, rule="insult")
    neighbour = type(neighbour).objects.get(pk=neighbour.pk)  # a new request
    with pytest.raises(PermissionDenied):
        comment_post(actor=neighbour, proposal=proposal, text="Ще")
    with pytest.raises(PermissionDenied):
        submit(neighbour, call)


def test_only_operators_block_everywhere(neighbour, official, hromada):
    with pytest.raises(PermissionDenied):
        moderation.user_block(actor=official, user=neighbour, hromada=None, rule="spam")
    operator = actor_for("operator", hromada)
    block = moderation.user_block(actor=operator, user=neighbour, hromada=None, rule="spam")
    moderation.user_unblock(actor=operator, block=block)
    assert ModerationEntry.objects.filter(action="unblock", hromada=None).exists()


def test_rate_limit_per_account(call, resident, settings, en):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "proposal": "2/h"}
    submit(resident, call)
    submit(resident, call)
    with pytest.raises(RateLimited, match="Too many"):
        submit(resident, call)
    assert Proposal.objects.count() == 2


def test_rate_limit_per_address_spans_accounts(call, settings, en):
    from tests.factories import UserFactory

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "proposal": "1/h"}
    settings.RATE_LIMIT_ADDRESS_FACTOR = 2
    for _n in range(2):
        submit(UserFactory(), call, address="203.0.113.9")
    with pytest.raises(RateLimited):
        submit(UserFactory(), call, address="203.0.113.9")
    submit(UserFactory(), call, address="198.51.100.1")  # another address is fine
    assert Proposal.objects.count() == 3


def test_comment_and_support_limits(proposal, settings):
    from tests.factories import UserFactory

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "1/10m", "support": "1/10m"}
    user = UserFactory()
    comment_post(actor=user, proposal=proposal, text="1")
    with pytest.raises(RateLimited):
        comment_post(actor=user, proposal=proposal, text="2")
    services.proposal_support(actor=user, proposal=proposal)
    services.proposal_unsupport(actor=user, proposal=proposal)
    with pytest.raises(RateLimited):
        services.proposal_support(actor=user, proposal=proposal)


def test_the_report_page_never_shows_what_the_public_may_not_read(
    client, proposal, neighbour, official
):
    """Reporting a hidden proposal or comment would show its text and author: 404 instead."""
    from django.urls import reverse

    note = comment_post(actor=neighbour, proposal=proposal, text="ПРИХОВАНИЙ-КОМЕНТАР-4411")
    moderation.content_hide(actor=official, obj=note, rule="spam")
    moderation.content_hide(actor=official, obj=proposal, rule="spam")
    client.force_login(neighbour)
    for kind, pk in (("proposal", proposal.pk), ("comment", note.pk)):
        response = client.get(reverse("participation:report_abuse", args=[kind, pk]))
        assert response.status_code == 404
        assert "ПРИХОВАНИЙ-КОМЕНТАР-4411" not in response.content.decode()
    note.refresh_from_db()
    with pytest.raises(PermissionDenied):
        moderation.abuse_report(actor=neighbour, obj=note, rule="spam", reason="Реклама")
