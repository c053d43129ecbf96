"""Role × action: who may set up, edit and see drafts of a council — in rules, pages and API."""

import pytest

from openhromada.councils import services
from openhromada.councils.lifecycle import Post, Sector
from tests.councils.fixtures import D, meeting, seat
from tests.factories import UserFactory, actor_for

pytestmark = pytest.mark.django_db

ACTORS = [
    "anonymous",
    "resident",
    "official",
    "official_elsewhere",
    "council_member",
    "monitor",
    "operator",
    "admin",
    "secretary",
    "co_chair",
    "linked_member",
    "former_secretary",
]
EDITORS = {"official", "operator", "admin", "secretary", "co_chair"}
# councils.add_council (who and "no council yet") and the meeting's actions, with their state
# axis, are in test_state_grid.py
ALLOWED = {
    "councils.change_council": EDITORS,
    "councils.link_account": {"official", "operator", "admin"},
    "councils.view_draft": EDITORS | {"council_member", "linked_member"},
}


def _linked(official, council, name, post=Post.MEMBER, **extra):
    user = UserFactory()
    membership = seat(official, council, name, Sector.CIVIL_SOCIETY, post, **extra)
    services.person_link_account(actor=official, person=membership.person, email=user.email)
    return user, membership


def make_actor(name, official, council, hromada, chair_vote=None):
    if name == "official":
        return official
    if name == "secretary":
        return _linked(official, council, "Секретар", Post.SECRETARY)[0]
    if name == "linked_member":
        return _linked(official, council, "Член")[0]
    if name == "former_secretary":
        return _linked(
            official,
            council,
            "Колишній",
            Post.SECRETARY,
            start_date=D(2020, 1, 1),
            end_date=D(2024, 12, 31),
        )[0]
    if name == "co_chair":
        user, membership = _linked(official, council, "Співголова")
        services.membership_update(
            actor=official, membership=membership, post=Post.CO_CHAIR_PUBLIC, elected_by=chair_vote
        )
        return user
    return actor_for(name, hromada)


@pytest.fixture
def chair_vote(official, held, members):
    from tests.councils.fixtures import elect

    return elect(official, held, members)


@pytest.mark.parametrize("name", ACTORS)
def test_council_permission_grid(name, official, council, hromada, chair_vote):
    from openhromada.accounts.models import User

    user = make_actor(name, official, council, hromada, chair_vote)
    if getattr(user, "pk", None):
        user = User.objects.get(pk=user.pk)  # no cached roles or posts
    for perm, allowed in ALLOWED.items():
        assert user.has_perm(perm, council) is (name in allowed), f"{name} × {perm}"


WRITE_URLS = [
    "setup/",
    "members/new/",
    "meetings/new/",
    "meetings/{n}/edit/",
    "meetings/{n}/items/new/",
    "meetings/{n}/attendance/",
    "meetings/{n}/minutes/",
    "meetings/{n}/items/1/decision/",
]


@pytest.mark.parametrize("name", ["resident", "official_elsewhere", "council_member", "monitor"])
def test_those_who_may_not_edit_are_refused_on_every_write_page(
    name, client, official, council, members, hromada
):
    held = meeting(official, council)
    client.force_login(actor_for(name, hromada))
    base = f"/hromady/{hromada.slug}/council/"
    for url in WRITE_URLS:
        for method in (client.get, client.post):
            response = method(base + url.format(n=held.number))
            assert response.status_code == 403, f"{name} {method.__name__} {url}"
    response = client.post(base + f"meetings/{held.number}/publish/")
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, council, hromada):
    response = client.post(f"/hromady/{hromada.slug}/council/meetings/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["secretary", "co_chair", "operator"])
def test_council_officers_and_operators_schedule_meetings_on_the_page(
    name, client, official, council, hromada, chair_vote
):
    client.force_login(make_actor(name, official, council, hromada, chair_vote))
    response = client.post(
        f"/hromady/{hromada.slug}/council/meetings/new/",
        {"starts_at": "2030-05-01T10:00", "place": "Зала"},
    )
    assert response.status_code == 302
    assert council.meetings.filter(place="Зала").exists()


def test_draft_agendas_are_seen_by_members_not_by_the_public(client, official, council, hromada):
    draft = meeting(official, council, days_ago=-20, publish=False, items=("Таємне питання",))
    url = f"/hromady/{hromada.slug}/council/meetings/{draft.number}/"
    assert client.get(url).status_code == 404
    page = client.get(f"/hromady/{hromada.slug}/council/")
    assert "Таємне питання" not in page.content.decode() and "чернетка" not in page.content.decode()
    member, _membership = _linked(official, council, "Член ради")
    client.force_login(member)
    assert "Таємне питання" in client.get(url).content.decode()
    client.force_login(actor_for("council_member", hromada))
    assert client.get(url).status_code == 200


def test_draft_meetings_stay_out_of_the_api_files_and_history(client, official, council, hromada):
    draft = meeting(official, council, days_ago=-20, publish=False, items=("Таємне питання",))
    published = meeting(official, council, days_ago=-30, items=("Відкрите питання",))
    rows = client.get(f"/api/v1/council-meetings?council={council.pk}").json()["items"]
    assert [r["id"] for r in rows] == [published.pk]
    assert client.get(f"/api/v1/council-meetings/{draft.pk}").status_code == 404
    history = client.get("/api/v1/history?object_type=councils.agendaitem").json()["items"]
    assert [r["object_repr"] for r in history] == ["1. Відкрите питання"]
    body = b"".join(client.get("/data/history.jsonl").streaming_content).decode()
    assert "Таємне питання" not in body and "Відкрите питання" in body
