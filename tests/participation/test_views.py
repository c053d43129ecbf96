"""The pages: what everyone sees, the forms, refusals as clear 4xx, constant query counts."""

import pytest
from django.urls import reverse

from openhromada.participation.calls import services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.consultations import services as consultations
from openhromada.participation.models import Comment, Proposal, Support
from openhromada.participation.moderation import services as moderation
from tests.factories import UserFactory
from tests.participation.fixtures import draft_consultation, submit

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(f"participation:{name}", args=args)


def test_call_page_lists_proposals_with_counts(client, call, proposal, neighbour):
    services.proposal_support(actor=neighbour, proposal=proposal)
    comment_post(actor=neighbour, proposal=proposal, text="Так")
    page = client.get(_url("call", call.pk)).content.decode()
    assert proposal.title in page
    assert "1 підтримка" in page and "1 коментар" in page
    assert "Оксана" in page  # the author's display name, never the e-mail
    assert proposal.author.email not in page


def test_call_page_filters_and_sorts(client, call, resident, neighbour, official):
    first = submit(resident, call, title="Перша ідея")
    second = submit(resident, call, title="Друга ідея")
    services.proposal_support(actor=neighbour, proposal=second)
    services.proposal_respond(actor=official, proposal=first, response="rejected", reason="Ні")
    page = client.get(_url("call", call.pk), {"sort": "supported"}).content.decode()
    assert page.index("Друга ідея") < page.index("Перша ідея")
    page = client.get(_url("call", call.pk), {"response": "none"}).content.decode()
    assert "Друга ідея" in page and "Перша ідея" not in page
    page = client.get(_url("call", call.pk), {"response": "rejected"}).content.decode()
    assert "Перша ідея" in page and "Друга ідея" not in page
    ok = client.get(_url("call", call.pk), {"sort": "bogus", "category": "x", "page": "999"})
    assert ok.status_code == 200


def test_resident_submits_through_the_form(client, call, resident):
    client.force_login(resident)
    response = client.post(
        _url("proposal_create", call.pk),
        {"title": "Лавки у парку", "problem": "Немає де сісти", "solution": "Поставити лавки"},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == _url("proposal", proposal.pk)


def test_bad_proposal_form_is_a_400_with_messages(client, call, resident):
    client.force_login(resident)
    response = client.post(_url("proposal_create", call.pk), {"title": ""})
    assert response.status_code == 400
    assert "id_title_error" in response.content.decode()
    assert not Proposal.objects.exists()


def test_twice_support_is_a_400_with_the_reason(client, proposal, neighbour):
    client.force_login(neighbour)
    assert client.post(_url("proposal_support", proposal.pk)).status_code == 302
    response = client.post(_url("proposal_support", proposal.pk))
    assert response.status_code == 400
    assert "Ви вже підтримуєте" in response.content.decode()
    assert Support.objects.count() == 1


def test_rate_limited_comment_is_a_429(client, proposal, neighbour, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "comment": "1/10m"}
    client.force_login(neighbour)
    client.post(_url("proposal_comment", proposal.pk), {"text": "Раз"})
    response = client.post(_url("proposal_comment", proposal.pk), {"text": "Два"})
    assert response.status_code == 429
    assert Comment.objects.count() == 1


def test_official_response_form_refuses_accepted_without_commitment(client, proposal, official):
    client.force_login(official)
    response = client.post(
        _url("proposal_respond", proposal.pk), {"response": "accepted", "response_reason": "Так"}
    )
    assert response.status_code == 400
    assert "зобов" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.response == ""


def test_proposal_shows_up_on_the_commitment_page(client, proposal, official, co_plan):
    commitment = co_plan.commitments.first()
    client.force_login(official)
    response = client.post(
        _url("proposal_respond", proposal.pk),
        {
            "response": "accepted",
            "response_reason": "Стала зобов'язанням",
            "commitments": [commitment.pk],
        },
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(
        reverse("plans:commitment", args=[co_plan.hromada.slug, co_plan.slug, commitment.number])
    ).content.decode()
    assert proposal.title in page and _url("proposal", proposal.pk) in page


def test_hidden_proposal_shows_a_notice_not_its_content(client, proposal, official):
    moderation.content_hide(actor=official, obj=proposal, rule="personal_data")
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    assert proposal.problem not in page and proposal.title not in page
    assert "Приховано модератором" in page
    log = client.get(_url("moderation_log")).content.decode()
    assert "персональні дані" in log.lower() and official.public_name not in log


def test_moderator_shown_only_when_configured(client, proposal, official, settings):
    moderation.content_hide(actor=official, obj=proposal, rule="spam")
    settings.MODERATION_SHOW_MODERATOR = True
    assert official.public_name in client.get(_url("moderation_log")).content.decode()


def test_comment_markdown_is_sanitised_on_the_page(client, proposal, neighbour):
    comment_post(
        actor=neighbour,
        proposal=proposal,
        text="<script>alert(1)</script> [x](javascript:alert(1)) "
        "<img src=x onerror=alert(1)> **так**",
    )
    page = client.get(_url("proposal", proposal.pk)).content.decode()
    assert "<script>alert" not in page and 'href="javascript' not in page
    assert "<img src=x" not in page and "<strong>так</strong>" in page


def test_consultation_page_report_and_survey_csv(client, consultation, official, resident):
    section = consultation.sections.first()
    comment = comment_post(actor=resident, section=section, text="Пропоную змінити")
    single = consultation.questions.get(number=1)
    consultations.survey_answer(
        actor=resident, consultation=consultation, answers={single.pk: "Так"}
    )
    page = client.get(_url("consultation", consultation.pk)).content.decode()
    assert "Пропоную змінити" in page and "Так: 1 (100%)" in page
    consultations.consultation_close(actor=official, consultation=consultation, reason="Кінець")
    consultations.comment_set_outcome(
        actor=official, comment=comment, outcome="taken", reason="Враховано"
    )
    consultations.report_publish(actor=official, consultation=consultation, report="Підсумки")
    report = client.get(_url("report", consultation.pk)).content.decode()
    assert "Пропоную змінити" in report and "Враховано" in report and "Підсумки" in report
    csv_text = client.get(_url("survey_csv", consultation.pk)).content.decode("utf-8-sig")
    assert '"Чи підтримуєте ви проєкт?","single","Так","1","100"' in csv_text


def test_draft_consultation_is_404_for_the_public(client, official, hromada):
    draft = draft_consultation(official, hromada)
    assert client.get(_url("consultation", draft.pk)).status_code == 404
    client.force_login(official)
    assert client.get(_url("consultation", draft.pk)).status_code == 200


def test_call_report_lists_unanswered(client, call, proposal, official, resident):
    other = submit(resident, call, title="Відповідь є")
    services.proposal_respond(actor=official, proposal=other, response="rejected", reason="Ні")
    page = client.get(_url("call_report", call.pk)).content.decode()
    assert "50%" in page and proposal.title in page


def test_call_page_query_count_is_constant(client, call, resident, django_assert_max_num_queries):
    for n in range(3):
        submit(UserFactory(), call, title=f"Ідея {n}")
    with django_assert_max_num_queries(8):
        client.get(_url("call", call.pk))
    for n in range(30):
        submit(UserFactory(), call, title=f"Ще {n}")
    with django_assert_max_num_queries(8):
        assert client.get(_url("call", call.pk)).status_code == 200


def test_proposal_page_query_count_is_constant(client, proposal, django_assert_max_num_queries):
    def comments(n):
        for _i in range(n):
            user = UserFactory()
            top = comment_post(actor=user, proposal=proposal, text="Коментар")
            comment_post(actor=user, proposal=proposal, parent_id=top.pk, text="Відповідь")

    comments(2)
    with django_assert_max_num_queries(12):
        client.get(_url("proposal", proposal.pk))
    comments(20)
    with django_assert_max_num_queries(12):
        assert client.get(_url("proposal", proposal.pk)).status_code == 200


def test_hromada_and_plan_pages_link_calls_and_consultations(client, call, consultation, hromada):
    page = client.get(reverse("places:hromada", args=[hromada.slug])).content.decode()
    assert _url("call", call.pk) in page and _url("consultation", consultation.pk) in page


def test_take_part_page_lists_open_calls_and_consultations(client, call, consultation):
    page = client.get(_url("index")).content.decode()
    assert call.title in page and consultation.title in page
    assert 'aria-current="page"' in page


def test_sitemap_lists_calls_proposals_and_published_consultations(
    client, call, proposal, consultation, official, hromada
):
    from tests.participation.fixtures import draft_consultation

    draft = draft_consultation(official, hromada, title="Чернетка")
    assert "sitemap-proposals.xml" in client.get("/sitemap.xml").content.decode()
    proposals = client.get("/sitemap-proposals.xml").content.decode()
    assert _url("proposal", proposal.pk) in proposals
    consultations = client.get("/sitemap-consultations.xml").content.decode()
    assert _url("consultation", consultation.pk) in consultations
    assert _url("consultation", draft.pk) not in consultations


def test_a_refused_survey_comes_back_with_the_reason_and_the_answers_given(
    client, consultation, resident
):
    """Nothing a resident entered is lost: an answer out of range shows the survey again, the
    reason above it and the other answers still ticked, and saves nothing."""
    single, scale = consultation.questions.order_by("number")
    client.force_login(resident)
    url = _url("survey", consultation.pk)
    response = client.post(url, {f"q{single.pk}": "Так", f"q{scale.pk}": "9"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'role="alert" id="survey-errors"' in page and "1 до 5" in page
    assert f'name="q{single.pk}" value="Так" checked' in page
    assert not consultation.questions.filter(answers__isnull=False).exists()
    empty = client.post(url, {})
    assert empty.status_code == 400 and 'id="survey-errors"' in empty.content.decode()
    done = client.post(url, {f"q{single.pk}": "Так"})
    assert done.status_code == 302 and done["Location"].endswith("#survey")


def test_an_unpublished_consultations_addresses_answer_404_to_everyone_but_its_editors(
    client, official, hromada, resident
):
    """A draft's page answers 404; its editing addresses do too (a 403 would say it exists)."""
    from tests.participation.fixtures import draft_consultation

    draft = draft_consultation(official, hromada)
    names = ("consultation", "consultation_edit", "consultation_publish", "consultation_close")
    for name in names:  # a visitor gets what an address of no consultation gives
        assert (
            client.get(_url(name, draft.pk)).status_code
            == client.get(_url(name, draft.pk + 1000)).status_code
        )
    for user in (resident, UserFactory()):
        client.force_login(user)
        for name in names:
            assert client.get(_url(name, draft.pk)).status_code == 404, (user, name)
    client.force_login(official)
    assert client.get(_url("consultation_edit", draft.pk)).status_code == 200
