"""Withdrawing a proposal cannot be undone, so one tap never does it: the button opens a page
that says what withdrawing means and asks; only its POST withdraws."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_author_is_asked_before_the_proposal_is_withdrawn(client, proposal, resident):
    client.force_login(resident)
    page = client.get(reverse("participation:proposal", args=[proposal.pk])).content.decode()
    url = reverse("participation:proposal_withdraw", args=[proposal.pk])
    assert f'href="{url}"' in page  # a link to the question, not a form that withdraws
    asked = client.get(url)
    assert asked.status_code == 200 and "не можна скасувати" in asked.content.decode()
    proposal.refresh_from_db()
    assert proposal.withdrawn_at is None
    assert client.post(url).status_code == 302
    proposal.refresh_from_db()
    assert proposal.withdrawn_at is not None


def test_nobody_else_is_asked(client, proposal, neighbour):
    client.force_login(neighbour)
    url = reverse("participation:proposal_withdraw", args=[proposal.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code in (400, 403)
    proposal.refresh_from_db()
    assert proposal.withdrawn_at is None
