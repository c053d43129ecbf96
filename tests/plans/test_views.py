"""Plan pages as residents and officials use them, including bad input and query counts."""

import pytest

from openhromada.accounts.models import Role
from openhromada.places.models import Hromada
from openhromada.plans.models import ActionPlan, Commitment, Milestone, ProgressUpdate
from tests.factories import UserFactory, with_role
from tests.plans.fixtures import D, make_commitment, make_milestone, move

pytestmark = pytest.mark.django_db
BASE = "/hromady/khmelnytska/plans/2025-2026/"


def test_draft_is_hidden_from_the_public_but_shown_to_its_officials(client, plan, official):
    assert client.get(BASE).status_code == 404
    assert "/plans/2025-2026/" not in client.get("/hromady/khmelnytska/").content.decode()
    client.force_login(official)
    assert client.get(BASE).status_code == 200
    assert "Створити план дій" in client.get("/hromady/khmelnytska/").content.decode()


def test_public_plan_page_shows_progress_counts_filters_and_timeline(
    client, plan, official, commitment, milestone
):
    move(plan, official, "co_creation")
    from openhromada.plans.services import milestones_mark_overdue

    milestones_mark_overdue()  # the daily run
    body = client.get(BASE).content.decode()
    for text in [
        "План дій",
        "Загальне виконання",
        "Зобов’язання за рівнем виконання",
        "Етапи за статусом",
        "Графік етапів",
        "Сьогодні",
        "Відкриті дані",
        "прострочено",
    ]:
        assert text in body, text
    assert (
        "/hromady/khmelnytska/plans/2025-2026/"
        in client.get("/hromady/khmelnytska/").content.decode()
    )


def test_commitment_filters(client, plan, official, commitment):
    make_commitment(
        official,
        plan,
        title="Бюджет участі",
        value_access_to_information=False,
        value_civic_participation=True,
        lead_body="Управління молоді",
    )
    move(plan, official, "co_creation")
    page = client.get(BASE, {"value": "civic_participation"})
    assert [c.title for c in page.context["commitments"]] == ["Бюджет участі"]
    page = client.get(BASE, {"lead_body": "Управління"})
    assert [c.title for c in page.context["commitments"]] == ["Відкриті дані"]
    page = client.get(BASE, {"value": "astrology", "completion": "???"})
    assert page.status_code == 200
    assert "Невідома цінність OGP «astrology»" in page.content.decode()


def test_commitment_page_shows_template_milestones_history_and_permalink(
    client, plan, official, commitment, milestone
):
    move(plan, official, "co_creation")
    body = client.get(BASE + "commitments/1/").content.decode()
    for text in [
        "Зобов’язання 1: Відкриті дані",
        "Публічна проблема",
        "Мета й очікувані",
        "доступ до інформації",
        "Портал",
        "Постійне посилання",
        "Останні зміни",
        "Уся історія змін (",
        "Посадовиця",
    ]:
        assert text in body, text


def test_official_writes_a_plan_through_the_forms(client, official):
    client.force_login(official)
    response = client.post(
        "/hromady/khmelnytska/plans/new/",
        {
            "title": "Новий план",
            "summary": "",
            "start_date": "2027-01-01",
            "end_date": "2028-12-31",
        },
    )
    assert response.status_code == 302
    url = "/hromady/khmelnytska/plans/2027-2028/"
    response = client.post(
        url + "commitments/new/",
        {
            "title": "Е-послуги",
            "problem": "Черги",
            "objective": "Онлайн",
            "lead_body": "ЦНАП",
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "budget_currency": "UAH",
            "value_technology_innovation": "on",
            "sdgs": "11, 16",
            "tags": "цнап, послуги",
            "actors-TOTAL_FORMS": "1",
            "actors-INITIAL_FORMS": "0",
            "actors-0-name": "ГО «Прозоро»",
            "actors-0-sector": "civil_society",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    commitment = Commitment.objects.get(plan__slug="2027-2028")
    assert commitment.sdgs == [11, 16] and commitment.tags == ["цнап", "послуги"]
    assert commitment.supporting_actors.get().name == "ГО «Прозоро»"
    response = client.post(
        url + "commitments/1/milestones/new/",
        {
            "expected_output": "Онлайн-запис",
            "start_date": "2027-01-01",
            "due_date": "2027-06-30",
            "responsible_body": "ЦНАП",
            "weight": "2",
        },
    )
    assert response.status_code == 302
    assert Milestone.objects.filter(commitment=commitment).count() == 1


def test_bad_form_input_is_explained_and_nothing_saved(client, plan, official, commitment):
    client.force_login(official)
    response = client.post(
        BASE + "commitments/1/milestones/new/",
        {
            "expected_output": "X",
            "start_date": "2025-06-01",
            "due_date": "2025-05-01",
            "responsible_body": "Y",
            "weight": "1",
        },
    )
    assert response.status_code == 400
    assert "Кінцевий строк раніший за дату початку." in response.content.decode()
    response = client.post(
        BASE + "commitments/1/milestones/new/",
        {
            "expected_output": "X",
            "start_date": "2025-06-01",
            "due_date": "2027-05-01",
            "responsible_body": "Y",
            "weight": "1",
        },
    )
    assert "Етап має вкладатися в строки зобов’язання" in response.content.decode()
    response = client.post(
        BASE + "commitments/new/",
        {
            "title": "X",
            "problem": "P",
            "objective": "O",
            "lead_body": "L",
            "start_date": "2024-01-01",
            "end_date": "2025-01-01",
            "budget_currency": "UAH",
            "sdgs": "99",
            "actors-TOTAL_FORMS": "0",
            "actors-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    assert "Цілі сталого розвитку мають номери від 1 до 17." in response.content.decode()
    assert not commitment.milestones.exists() and Commitment.objects.count() == 1


def test_progress_report_through_the_form(client, plan, official, commitment, milestone):
    move(plan, official, "co_creation", "submitted", "implementation")
    client.force_login(official)
    url = BASE + "commitments/1/milestones/1/progress/"
    response = client.post(
        url,
        {
            "date": "2025-03-01",
            "text": "Готово",
            "status": "completed",
            "percent": "150",
            "links": "",
        },
    )
    assert response.status_code == 400 and not ProgressUpdate.objects.exists()
    response = client.post(
        url,
        {
            "date": "2025-03-01",
            "text": "Готово",
            "status": "completed",
            "percent": "100",
            "links": "https://example.org/act\nnot a url",
        },
    )
    assert response.status_code == 400 and not ProgressUpdate.objects.exists()
    response = client.post(
        url,
        {
            "date": "2025-03-01",
            "text": "Готово",
            "status": "completed",
            "percent": "100",
            "links": "https://example.org/act",
        },
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().links == [{"url": "https://example.org/act"}]


def test_amendment_through_the_form_keeps_the_earlier_text(client, plan, official, commitment):
    move(plan, official, "co_creation", "submitted")
    client.force_login(official)
    data = {
        "number": "1",
        "title": "Відкриті дані 2.0",
        "problem": "Проблема",
        "objective": "Мета",
        "lead_body": "Управління",
        "start_date": "2025-01-01",
        "end_date": "2026-06-30",
        "budget_currency": "UAH",
        "value_access_to_information": "on",
        "sdgs": "",
        "tags": "",
    }
    response = client.post(BASE + "commitments/1/edit/", data)
    assert response.status_code == 400  # no reason given
    response = client.post(BASE + "commitments/1/edit/", {**data, "reason": "Рішення ради"})
    assert response.status_code == 302
    body = client.get(BASE + "commitments/1/").content.decode()
    assert "Рішення ради" in body and "Відкриті дані 2.0" in body
    assert "<td>Відкриті дані</td>" in body  # the earlier version, side by side


@pytest.mark.parametrize("who", ["resident", "official_elsewhere", "council_member", "monitor"])
def test_others_cannot_write_by_html(client, plan, official, commitment, milestone, who):
    user = UserFactory()
    if who == "official_elsewhere":
        user = with_role(user, Role.OFFICIAL, hromada=Hromada.objects.get(slug="lutska"))
    elif who == "council_member":
        user = with_role(user, Role.COUNCIL_MEMBER, hromada=plan.hromada)
    elif who == "monitor":
        from tests.factories import NetworkFactory

        user = with_role(user, Role.MONITOR, network=NetworkFactory())
    move(plan, official, "co_creation")
    client.force_login(user)
    posts = [
        (
            "/hromady/khmelnytska/plans/new/",
            {"title": "x", "start_date": "2029-01-01", "end_date": "2030-12-31"},
        ),
        (BASE + "edit/", {"title": "x", "start_date": "2025-01-01", "end_date": "2026-12-31"}),
        (BASE + "status/", {"to": "submitted"}),
        (BASE + "commitments/new/", {}),
        (BASE + "commitments/1/edit/", {}),
        (BASE + "commitments/1/milestones/new/", {}),
        (BASE + "commitments/1/milestones/1/progress/", {}),
    ]
    for url, data in posts:
        response = client.post(url, data)
        assert response.status_code in (403, 302), url
    plan.refresh_from_db()
    assert plan.status == "co_creation" and plan.title == "План дій"
    assert ActionPlan.objects.count() == 1


def test_status_change_by_form(client, plan, official, commitment):
    client.force_login(official)
    client.post(BASE + "status/", {"to": "co_creation"})
    plan.refresh_from_db()
    assert plan.status == "co_creation"
    response = client.post(BASE + "status/", {"to": "completed"}, follow=True)
    assert "План не може перейти" in response.content.decode()


@pytest.fixture
def big_plan(plan, official):
    for c in range(15):
        commitment = make_commitment(
            official, plan, title=f"Зобов’язання {c}", lead_body=f"Орган {c % 4}"
        )
        for m in range(8):
            make_milestone(
                official, commitment, expected_output=f"Етап {m}", due_date=D(2025, 3 + m, 1)
            )
    move(plan, official, "co_creation")
    return plan


def test_plan_page_query_count_is_constant(client, big_plan, django_assert_max_num_queries):
    # + withholdings, council decisions, calls, its latest changes and their count
    with django_assert_max_num_queries(11):
        response = client.get(BASE)
    assert len(response.context["timeline"]) == 120


def test_commitment_page_query_count_is_constant(client, big_plan, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # + withholdings, council decisions, proposals
        client.get(BASE + "commitments/3/")


def test_overview_lists_public_plans_with_constant_queries(
    client, big_plan, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):  # + the active withholdings
        response = client.get("/plans/", {"sort": "progress", "oblast": "khmelnytskyi-oblast"})
    assert response.context["page"].paginator.count == 1
    response = client.get("/plans/", {"sort": "nonsense", "status": "draft", "oblast": "x"})
    assert response.status_code == 200
    assert "Невідомий порядок сортування" in response.content.decode()


def test_draft_plans_are_not_in_the_overview(client, plan):
    assert client.get("/plans/").context["page"].paginator.count == 0


def test_public_queryset_is_every_state_but_draft():
    from openhromada.plans.lifecycle import PUBLIC_STATES, PlanStatus

    assert set(PUBLIC_STATES) == set(PlanStatus.values) - {PlanStatus.DRAFT}


def test_overview_rows_escape_and_label(client, plan, official, commitment):
    move(plan, official, "co_creation")
    ActionPlan.objects.filter(pk=plan.pk).update(origin="demo")
    Hromada.objects.filter(slug="khmelnytska").update(name_uk="<b>Хмельницька</b>")
    body = client.get("/plans/").content.decode()
    assert "&lt;b&gt;Хмельницька&lt;/b&gt;" in body and "<b>Хмельницька" not in body
    assert "демонстраційні дані" in body and "Спільне напрацювання" in body
    assert f'href="{BASE}"' in body
