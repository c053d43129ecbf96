"""What a person came to do comes first (issue 14): on an open call «Подати пропозицію» (or
«Увійдіть, щоб подати» for a visitor, or why not for whoever may not), before the report; a
consultation's survey tells a visitor that signing in lets them answer; a refused comment comes
back with its text; a closed window's time reads as on the pages."""

import pytest
from django.urls import reverse
from django.utils import timezone

from openhromada.participation.calls import services as calls
from openhromada.participation.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _call_page(client, call) -> str:
    return client.get(reverse("participation:call", args=[call.pk])).content.decode()


def _before(page: str, first: str, then: str) -> bool:
    return first in page and then in page and page.index(first) < page.index(then)


def test_a_visitor_is_offered_to_sign_in_to_submit_before_anything_else(client, call):
    page = _call_page(client, call)
    login = reverse("account_login") + "?next=" + reverse("participation:call", args=[call.pk])
    assert f'<a class="button" href="{login}">Увійдіть, щоб подати</a>' in page
    assert _before(page, "Увійдіть, щоб подати", "Звіт")


def test_a_resident_sees_submit_first_and_the_report_after(client, call, resident):
    client.force_login(resident)
    page = _call_page(client, call)
    create = reverse("participation:proposal_create", args=[call.pk])
    assert f'<a class="button" href="{create}">Подати пропозицію</a>' in page
    assert _before(page, "Подати пропозицію", "Звіт")
    assert "Увійдіть, щоб подати" not in page


def test_who_may_not_submit_is_told_why(client, call, official):
    unverified = UserFactory(verified=False)
    client.force_login(unverified)
    page = _call_page(client, call)
    assert "Подавати пропозиції можуть лише мешканці з підтвердженою" in page
    assert f'href="{reverse("participation:proposal_create", args=[call.pk])}"' not in page
    calls.call_close(actor=official, call=call, reason="Зібрали досить")
    client.force_login(UserFactory())
    page = _call_page(client, call)
    closed = timezone.localtime(call.__class__.objects.get(pk=call.pk).closed_at)
    months = ["", "січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня",
              "вересня", "жовтня", "листопада", "грудня"]  # fmt: skip
    when = f"{closed.day} {months[closed.month]} {closed.year}, {closed:%H:%M}"
    assert when in page  # the reason's time reads as the page's own («10 вересня 2026, 18:01»)
    assert ">Подати пропозицію</a>" not in page and "Увійдіть, щоб подати" not in page


def test_a_survey_tells_a_visitor_to_sign_in_and_others_why_not(client, consultation):
    url = reverse("participation:consultation", args=[consultation.pk])
    page = client.get(url).content.decode()
    assert "Увійдіть, щоб відповісти на опитування" in page
    assert reverse("account_login") + "?next=" + url in page
    client.force_login(UserFactory(verified=False))
    page = client.get(url).content.decode()
    assert "Відповідати на опитування можуть лише мешканці" in page
    client.force_login(UserFactory())
    page = client.get(url).content.decode()
    assert 'action="' + reverse("participation:survey", args=[consultation.pk]) in page


def test_a_refused_comment_comes_back_with_its_text_and_the_reason(
    client, proposal, neighbour, official
):
    calls.call_close(actor=official, call=proposal.call, reason="Зібрали досить")
    client.force_login(neighbour)
    typed = "Довгий продуманий коментар, який шкода втратити"
    response = client.post(
        reverse("participation:proposal_comment", args=[proposal.pk]), {"text": typed}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert typed in body  # in the textarea, to copy or send again
    assert "<textarea" in body and "більше не приймаються" in body
    assert not Comment.objects.exists()
