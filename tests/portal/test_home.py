"""The home page shows what is open now across the platform (calls and consultations with their
end dates) and the latest public changes — nothing of a draft, nothing withheld — bounded, and
served to anonymous readers from the page cache."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openhromada.core import withholding
from openhromada.participation.calls import services as call_services
from openhromada.plans import services as plan_services
from tests.factories import UserFactory, with_role
from tests.participation.fixtures import open_call
from tests.plans.fixtures import make_commitment, move

pytestmark = pytest.mark.django_db

D = dt.date


def _home(client, path="/") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def _part(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_home_lists_open_calls_and_consultations_with_their_end_dates(client, call, consultation):
    now = _part(_home(client), "open-now")
    assert call.title in now and f'href="/calls/{call.pk}/"' in now
    assert consultation.title in now and f'href="/consultations/{consultation.pk}/"' in now
    closes = call.closes_at.astimezone(dt.timezone(dt.timedelta(hours=2)))
    assert f"до {closes.day} " in now  # the end date, in Kyiv time
    assert 'href="/participation/"' in now


def test_home_says_when_nothing_is_open(client):
    assert "Зараз не відкрито жодного збору пропозицій чи консультації." in _home(client)


def test_a_call_of_a_draft_plan_is_not_on_the_home(client, official, plan):
    plan = move(plan, official, "co_creation")
    make_commitment(official, plan)
    call = open_call(official, plan, title="Збір чернетки")
    plan_services.plan_transition(actor=official, plan=plan, to_status="draft")
    assert call.title not in _home(client)


def test_recent_activity_shows_public_changes_in_the_readers_language(client, call):
    activity = _part(_home(client, "/en/"), "activity")
    assert call.title in activity and f'href="/en/calls/{call.pk}/"' in activity
    assert "Посадовиця" in activity  # who made the change, by their public name


def test_recent_activity_leaves_out_drafts_and_withheld_records(client, official, plan, call):
    draft = plan_services.plan_create(
        actor=official,
        hromada=plan.hromada,
        title="Таємна чернетка",
        start_date=D(2030, 1, 1),
        end_date=D(2031, 12, 31),
    )
    operator = with_role(UserFactory(), "operator")
    commitment = plan.commitments.first()
    withholding.withholding_create(actor=operator, obj=commitment, reason="Безпека")
    activity = _part(_home(client), "activity")
    assert draft.title not in activity
    assert commitment.title not in activity


def test_home_queries_do_not_grow_with_what_is_open(client, official, plan):
    plan = move(plan, official, "co_creation")
    make_commitment(official, plan)
    counts = []
    for n in (1, 15):
        while plan.calls.count() < n:
            open_call(official, plan, title=f"Збір {plan.calls.count()}")
        with CaptureQueriesContext(connection) as queries:
            page = _home(client)
        counts.append(len(queries))
    assert page.count("Збір ") >= 10 and "Збір 14" not in _part(page, "open-now")
    assert counts[1] <= counts[0] + 1, counts


def test_anonymous_home_is_served_from_the_page_cache(
    client, settings, official, call, django_capture_on_commit_callbacks
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    _home(client)
    with CaptureQueriesContext(connection) as queries:
        assert call.title in _home(client)
    assert len(queries) == 0
    with django_capture_on_commit_callbacks(execute=True):  # the cache's version moves on
        call_services.call_update(actor=official, call=call, title="Новий збір")
    assert "Новий збір" in _home(client)  # a public change shows at once
