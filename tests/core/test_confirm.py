"""Every publication that cannot be undone asks first (issue 14): the button leads to a page that
says what it means (core.views.confirm), a GET there changes nothing, only its POST acts, and the
permission is checked on both."""

import re

import pytest
from django.urls import reverse

from openhromada.councils.models import Meeting
from openhromada.participation.models import Consultation
from tests.councils.fixtures import meeting
from tests.factories import UserFactory
from tests.participation.fixtures import draft_consultation
from tests.plans.fixtures import make_commitment

pytestmark = pytest.mark.django_db


def _draft_meeting(official, council):
    return meeting(official, council, days_ago=-7, publish=False)


def test_the_agenda_is_published_only_after_the_question(client, official, council, hromada):
    draft = _draft_meeting(official, council)
    client.force_login(official)
    page = client.get(reverse("councils:meeting", args=[hromada.slug, draft.number]))
    url = reverse("councils:meeting_publish", args=[hromada.slug, draft.number])
    assert f'href="{url}"' in page.content.decode()  # a link to the question, not a form
    asked = client.get(url)
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "Оприлюднити порядок денний?" in body and "не можна скасувати" in body
    assert f'href="{reverse("councils:meeting", args=[hromada.slug, draft.number])}"' in body
    assert Meeting.objects.get(pk=draft.pk).agenda_published_at is None
    assert client.post(url).status_code == 302
    assert Meeting.objects.get(pk=draft.pk).agenda_published_at is not None
    again = client.get(url)  # published once: the question is not asked again, the reason is
    assert again.status_code == 400 and "уже оприлюднено" in again.content.decode()


def test_nobody_else_is_asked_or_may_publish_the_agenda(client, official, council, hromada):
    draft = _draft_meeting(official, council)
    client.force_login(UserFactory())
    url = reverse("councils:meeting_publish", args=[hromada.slug, draft.number])
    assert client.get(url).status_code in (403, 404)
    assert client.post(url).status_code in (403, 404)
    assert Meeting.objects.get(pk=draft.pk).agenda_published_at is None


def test_a_consultation_is_published_only_after_the_question(client, official, hromada):
    draft = draft_consultation(official, hromada)
    client.force_login(official)
    url = reverse("participation:consultation_publish", args=[draft.pk])
    page = client.get(reverse("participation:consultation", args=[draft.pk])).content.decode()
    assert f'href="{url}"' in page
    asked = client.get(url)
    assert asked.status_code == 200 and "не можна скасувати" in asked.content.decode()
    assert Consultation.objects.get(pk=draft.pk).published_at is None
    client.force_login(UserFactory())  # a draft's addresses do not say it exists
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    client.force_login(official)
    assert client.post(url).status_code == 302
    assert Consultation.objects.get(pk=draft.pk).published_at is not None


def test_a_plan_moves_only_after_the_question_that_says_what_it_means(
    client, official, plan, hromada
):
    make_commitment(official, plan)
    client.force_login(official)
    url = reverse("plans:plan_transition", args=[hromada.slug, plan.slug])
    page = client.get(reverse("plans:plan", args=[hromada.slug, plan.slug])).content.decode()
    assert f'<form method="get" action="{url}"' in page
    asked = client.get(url, {"to": "withdrawn", "note": "Громада відмовилась"})
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "зі статусу «чернетка» до статусу «відкликано»" in body
    assert "уже не зможе перейти" in body  # withdrawn is for good, and the page says so
    # the note it would publish in the official's name is in a box they read, never hidden
    assert 'type="hidden" name="note"' not in body
    assert re.search(
        r'<label for="confirm-note">[^<]+</label><textarea[^>]*name="note"[^>]*>'
        r"Громада відмовилась</textarea>",
        body,
    )
    plan.refresh_from_db()
    assert plan.status == "draft"
    assert client.post(url, {"to": "co_creation", "note": ""}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "co_creation"


def test_a_plan_move_not_allowed_now_is_refused_before_asking(client, official, plan, hromada):
    client.force_login(official)
    url = reverse("plans:plan_transition", args=[hromada.slug, plan.slug])
    refused = client.get(url, {"to": "completed"})  # a draft cannot be completed
    assert refused.status_code == 400
    assert client.get(url, {"to": "nonsense"}).status_code == 400
    client.force_login(UserFactory())
    assert client.get(url, {"to": "co_creation"}).status_code in (403, 404)
    assert client.post(url, {"to": "co_creation"}).status_code in (302, 403, 404)
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_forms_that_publish_for_good_say_so_beside_the_button(
    client, official, council, members, held, hromada, call, consultation
):
    client.force_login(official)
    pages = [
        reverse("councils:minutes", args=[hromada.slug, held.number]),
        reverse("councils:motion_create", args=[hromada.slug, held.number, 1]),
        reverse("participation:call_close", args=[call.pk]),
        reverse("participation:consultation_close", args=[consultation.pk]),
        reverse("participation:report_edit", args=[consultation.pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert 'id="irreversible"' in body and "не можна" in body, url
