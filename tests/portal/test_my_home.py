"""Each person's home (/my/): sign-in lands there; an official sees what waits in their
hromadas (and nothing of another hromada), a council's secretary the meetings without agenda or
minutes, a resident what they put in and follow — in a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openhromada.accounts.models import Role
from openhromada.councils import services as council_services
from openhromada.councils.lifecycle import Post
from openhromada.notifications.services import follow
from openhromada.participation.calls import services as call_services
from openhromada.participation.comments.services import comment_post
from openhromada.participation.moderation import services as moderation
from openhromada.places.models import Hromada
from openhromada.plans import services as plan_services
from tests.councils.fixtures import meeting, seat
from tests.factories import PASSWORD, UserFactory, with_role
from tests.participation.fixtures import open_call, submit
from tests.plans.fixtures import make_commitment, make_milestone, move

pytestmark = pytest.mark.django_db

D = dt.date


def _page(client, user, path="/my/"):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _rows(html: str) -> int:
    """How many rows a section's list shows."""
    start = html.index('<ul class="my-items">')
    return html[start : html.index("</ul>", start)].count("<li>")


def _section(page: str, key: str) -> str:
    """The HTML of one section of the home (by its id)."""
    start = page.index(f'id="{key}"')
    return page[start : page.index("</section>", start)]


@pytest.fixture
def elsewhere(db):
    """Another hromada, with its own official and an overdue milestone and a waiting proposal."""
    hromada = Hromada.objects.get(slug="lutska")
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=hromada)
    plan = plan_services.plan_create(
        actor=official,
        hromada=hromada,
        title="Луцький план",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    commitment = make_commitment(official, plan, title="Луцьке зобов’язання")
    make_milestone(official, commitment, expected_output="Луцький етап")
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan, title="Луцький збір")
    submit(UserFactory(), call, title="Луцька пропозиція")
    return official


def _overdue(official, plan, n=1):
    commitment = make_commitment(official, plan)
    for i in range(n):
        make_milestone(official, commitment, expected_output=f"Етап {i}", due_date=D(2025, 6, 30))
    return commitment


# --- sign-in lands on the home; the home is for signed-in people -----------------------------


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/my/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert client.get("/my/overdue-milestones/").status_code == 302


def test_sign_in_lands_on_the_home(client):
    user = UserFactory(email="home@example.org")
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/my/"
    page = client.get(response.url).content.decode()
    assert "<h1>Мій кабінет</h1>" in page
    assert 'href="/my/" aria-current="page"' in page  # the account menu leads here


def test_the_home_in_english(client):
    page = _page(client, UserFactory(), "/en/my/")
    assert "<h1>My page</h1>" in page and "You have not submitted a proposal yet." in page


# --- an official -----------------------------------------------------------------------------


def test_official_sees_overdue_milestones_and_waiting_proposals_of_their_hromada_only(
    client, official, plan, elsewhere
):
    _overdue(official, plan)
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan)
    submit(UserFactory(), call, title="Хмельницька пропозиція")
    plan = move(plan, official, "submitted", "implementation")

    page = _page(client, official)
    overdue = _section(page, "overdue-milestones")
    assert "Етап 0" in overdue and "Луцький етап" not in overdue
    assert "/milestones/1/progress/" in overdue  # where the report is made
    waiting = _section(page, "proposals-awaiting")
    assert "Хмельницька пропозиція" in waiting and "Луцька пропозиція" not in waiting
    assert f"/proposals/{call.proposals.get().pk}/respond/" in waiting


def test_official_with_nothing_due_is_told_so(client, official, plan):
    page = _page(client, official)
    assert "Нічого не прострочено." in _section(page, "overdue-milestones")
    assert "Кожна пропозиція має відповідь." in _section(page, "proposals-awaiting")


def test_official_sees_a_plan_whose_period_ended_and_one_whose_calls_closed(
    client, official, plan, hromada
):
    old = plan_services.plan_create(
        actor=official,
        hromada=hromada,
        title="Старий план",
        start_date=D(2020, 1, 1),
        end_date=D(2021, 12, 31),
    )
    make_commitment(official, old, start_date=D(2020, 1, 1), end_date=D(2021, 1, 1))
    old = move(old, official, "co_creation", "submitted", "implementation")
    drafting = plan_services.plan_create(
        actor=official,
        hromada=hromada,
        title="Новий план",
        start_date=D(2027, 1, 1),
        end_date=D(2028, 12, 31),
    )
    make_commitment(official, drafting, start_date=D(2027, 1, 1), end_date=D(2027, 6, 30))
    drafting = move(drafting, official, "co_creation")
    call = open_call(official, drafting)
    call_services.call_close(actor=official, call=call, reason="Зібрали досить")

    waiting = _section(_page(client, official), "plans-awaiting")
    assert "Старий план" in waiting and "?to=completed" in waiting
    assert "Новий план" in waiting and "?to=submitted" in waiting
    assert "План дій" not in waiting  # still drafted, in its period: nothing waits


def test_resident_never_sees_the_officials_or_councils_sections(client, official, plan):
    _overdue(official, plan)
    plan = move(plan, official, "co_creation", "submitted", "implementation")
    page = _page(client, UserFactory())
    for key in (
        "overdue-milestones",
        "proposals-awaiting",
        "comments-awaiting",
        "consultations-awaiting",
        "plans-awaiting",
        "meetings-without-agenda",
        "meetings-without-minutes",
    ):
        assert f'id="{key}"' not in page
    assert "Модерація" not in page
    assert client.get("/my/overdue-milestones/").status_code == 404


# --- a council's secretary -------------------------------------------------------------------


@pytest.fixture
def secretary(official, hromada):
    council = council_services.council_create(
        actor=official, hromada=hromada, name="Координаційна рада", term_start=D(2025, 1, 1)
    )
    person = seat(official, council, "Тарас Поліщук", post=Post.SECRETARY)
    user = UserFactory(email="secretary@example.org")
    council_services.person_link_account(actor=official, person=person.person, email=user.email)
    meeting(official, council, days_ago=20)  # held, agenda out, no minutes: late
    meeting(official, council, days_ago=-7, publish=False)  # upcoming, agenda not out
    return user


def test_secretary_sees_meetings_without_agenda_or_minutes_with_the_deadline(client, secretary):
    page = _page(client, secretary)
    minutes = _section(page, "meetings-without-minutes")
    assert "Засідання № 1" in minutes
    due = timezone.localdate() - dt.timedelta(days=10)
    assert "протокол мали оприлюднити" in minutes
    assert f"{due.day} " in minutes
    assert "/council/meetings/1/minutes/" in minutes
    agenda = _section(page, "meetings-without-agenda")
    assert "Засідання № 2" in agenda and "оприлюдніть порядок денний до" in agenda
    assert 'id="overdue-milestones"' not in page  # a secretary is not an official


def test_council_member_of_another_hromada_sees_nothing_of_this_council(client, secretary):
    other = with_role(
        UserFactory(), Role.COUNCIL_MEMBER, hromada=Hromada.objects.get(slug="lutska")
    )
    page = _page(client, other)
    assert "Засідання № 1" not in page


# --- a resident ------------------------------------------------------------------------------


def test_resident_sees_their_proposals_supports_comments_and_follows(
    client, official, plan, django_capture_on_commit_callbacks
):
    make_commitment(official, plan)
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan)
    resident, neighbour = UserFactory(), UserFactory()
    mine = submit(resident, call, title="Моя пропозиція")
    theirs = submit(neighbour, call, title="Сусідська пропозиція")
    call_services.proposal_support(actor=resident, proposal=theirs)
    comment_post(actor=resident, proposal=theirs, text="Гарна думка, підтримую")
    follow(user=resident, obj=call)
    follow(user=resident, obj=plan)
    with django_capture_on_commit_callbacks(execute=True):  # the followers are told
        call_services.call_close(actor=official, call=call, reason="Зібрали досить")

    page = _page(client, resident)
    assert "Моя пропозиція" in _section(page, "my-proposals")
    assert "чекає на відповідь громади" in _section(page, "my-proposals")
    assert "Сусідська пропозиція" in _section(page, "supported")
    assert "Гарна думка, підтримую" in _section(page, "my-comments")
    following = _section(page, "following")
    assert call.title in following and plan.title in following
    assert "Закрито: " in following  # what changed: the call closed (an unread notification)
    assert mine.title not in _section(page, "supported")


def test_empty_resident_sections_say_so(client):
    page = _page(client, UserFactory())
    assert "Ви ще не подали жодної пропозиції." in page
    assert "Ви ще не підтримали жодної пропозиції." in page
    assert "Ви ще не коментували." in page
    assert "Ви ще ні за чим не стежите" in page


# --- bounded, in a constant number of queries ------------------------------------------------


MAX_QUERIES = 25


def _queries(client, user, path="/my/") -> tuple[int, str]:
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path).content.decode()
    return len(queries), page


def _busy_official(slug: str, n: int):
    """An official of hromada `slug` with `n` overdue milestones and `n` proposals waiting."""
    hromada = Hromada.objects.get(slug=slug)
    official = with_role(UserFactory(), Role.OFFICIAL, hromada=hromada)
    plan = plan_services.plan_create(
        actor=official,
        hromada=hromada,
        title="План",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
    )
    _overdue(official, plan, n)
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan)
    for i in range(n):
        submit(UserFactory(), call, title=f"Пропозиція {i}")
    move(plan, official, "submitted", "implementation")
    return official


def test_official_home_queries_do_not_grow_with_the_items(client, settings):
    """One overdue milestone and one waiting proposal, or 30 of each: the same queries, but
    for the count of each section past its limit (one more each), and at most 20 rows shown."""
    settings.RATE_LIMITS = {}
    few, page = _queries(client, _busy_official("lutska", 1))
    assert _rows(_section(page, "overdue-milestones")) == 1
    busy = _busy_official("khmelnytska", 30)
    many, page = _queries(client, busy)
    overdue = _section(page, "overdue-milestones")
    assert _rows(overdue) == 20 and _rows(_section(page, "proposals-awaiting")) == 20
    assert 'href="/my/overdue-milestones/"' in overdue and "Усі 30" in overdue
    assert few <= MAX_QUERIES and many <= few + 2, (few, many)
    _full, full = _queries(client, busy, "/my/overdue-milestones/")
    assert _rows(full) == 30


def _busy_resident(official, plan, n: int):
    resident = UserFactory()
    call = open_call(official, plan)
    for i in range(n):
        proposal = submit(UserFactory(), call, title=f"Пропозиція {i}")
        call_services.proposal_support(actor=resident, proposal=proposal)
        comment_post(actor=resident, proposal=proposal, text=f"Коментар {i}")
        submit(resident, call, title=f"Моя {i}")  # an author follows what they submit
    return resident


def test_resident_home_queries_do_not_grow_with_the_items(client, official, plan, settings):
    settings.RATE_LIMITS = {}
    make_commitment(official, plan)
    plan = move(plan, official, "co_creation")
    few, page = _queries(client, _busy_resident(official, plan, 1))
    assert _rows(_section(page, "supported")) == 1
    many, page = _queries(client, _busy_resident(official, plan, 30))
    for key in ("my-proposals", "supported", "my-comments", "following"):
        assert _rows(_section(page, key)) == 20, key
    assert few <= MAX_QUERIES and many <= few + 4, (few, many)


def test_secretary_home_queries_do_not_grow_with_the_meetings(client, official, secretary):
    few, page = _queries(client, secretary)
    council = official.roles.get().hromada.council
    for days in range(30, 60):
        meeting(official, council, days_ago=days)
        meeting(official, council, days_ago=-days, publish=False)
    many, page = _queries(client, secretary)
    assert _rows(_section(page, "meetings-without-minutes")) == 20
    assert _rows(_section(page, "meetings-without-agenda")) == 20
    assert few <= MAX_QUERIES and many <= few + 2, (few, many)


def test_a_comment_on_a_proposal_hidden_since_does_not_show_its_title(client, official, plan):
    make_commitment(official, plan)
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan)
    resident = UserFactory()
    hidden = submit(UserFactory(), call, title="Реклама будматеріалів")
    comment_post(actor=resident, proposal=hidden, text="Це спам")
    moderation.content_hide(actor=official, obj=hidden, rule="spam")
    comments = _section(_page(client, resident), "my-comments")
    assert "Це спам" in comments and "Реклама будматеріалів" not in comments
    assert "пропозиція, яку приховав модератор" in comments


def test_an_operator_finds_the_platforms_work_from_their_home_and_a_resident_does_not(client):
    operator = with_role(UserFactory(), Role.OPERATOR)
    page = _page(client, operator)
    assert 'id="admin-heading"' in page and 'href="/admin/"' in page
    assert 'href="/admin/accounts/user/"' in page
    assert 'id="admin-heading"' not in _page(client, UserFactory())


def test_a_comment_on_a_proposal_whose_plan_went_back_to_draft_does_not_name_it(
    client, official, plan
):
    make_commitment(official, plan)
    plan = move(plan, official, "co_creation")
    call = open_call(official, plan)
    resident = UserFactory()
    proposal = submit(UserFactory(), call, title="Сквер біля школи")
    comment_post(actor=resident, proposal=proposal, text="Підтримую сквер")
    assert "Сквер біля школи" in _section(_page(client, resident), "my-comments")
    move(plan, official, "draft")
    comments = _section(_page(client, resident), "my-comments")
    assert "Підтримую сквер" in comments and "Сквер біля школи" not in comments
