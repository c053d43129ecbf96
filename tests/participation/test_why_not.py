"""A proposal page says why an action is not offered, from the permission's own conditions:
sign in (anonymous), your own proposal (the author), the call closed (everyone), and a
supporter still sees that they support it after the call closed."""

import pytest
from django.urls import reverse

from openhromada.participation.calls import services

pytestmark = pytest.mark.django_db


def _page(client, proposal, user=None) -> str:
    if user is not None:
        client.force_login(user)
    return client.get(reverse("participation:proposal", args=[proposal.pk])).content.decode()


def test_an_anonymous_reader_is_told_to_sign_in(client, proposal):
    page = _page(client, proposal)
    assert "щоб підтримати цю пропозицію" in page


def test_the_author_is_told_it_is_their_own(client, proposal, resident):
    page = _page(client, proposal, resident)
    assert "Не можна підтримати власну пропозицію." in page
    assert 'value="support"' not in page


def test_after_the_call_closed_everyone_is_told_so(client, proposal, neighbour, official):
    services.proposal_support(actor=neighbour, proposal=proposal)
    services.call_close(actor=official, call=proposal.call, reason="Зібрали досить")
    page = _page(client, proposal, neighbour)
    assert "Ви підтримуєте цю пропозицію." in page  # still said, though it can't be taken back
    assert "Збір пропозицій закрито" in page  # why: for support and for comments
    assert 'id="comment-text-p"' not in page  # no comment form
