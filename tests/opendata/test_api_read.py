"""Reading the public API: lists, filters, cursors, details, caching headers and bad input."""

import pytest

from openhromada.places.models import Hromada
from openhromada.plans.models import Commitment, Milestone

API = "/api/v1"
pytestmark = pytest.mark.django_db


def _problem(response, status, parameter=None):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["title"]
    if parameter:
        assert parameter in [e["parameter"] for e in body["errors"]]
    return body


def test_hromadas_list_filters_and_links(client):
    response = client.get(f"{API}/hromadas", {"oblast": "UA68000000000099709", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 5
    assert all(h["oblast_code"] == "UA68000000000099709" for h in body["items"])
    first = body["items"][0]
    assert first["api_url"].endswith(f"/api/v1/hromadas/{first['code']}")
    assert first["url"].endswith(f"/hromady/{first['slug']}/")
    assert body["next"] and "cursor=" in body["next"]
    assert response["Link"].endswith('rel="next"')


def test_members_filter_is_true_for_members_only(client):
    Hromada.objects.filter(slug="khmelnytska").update(ogp_member_since="2020-10-01")
    members = client.get(f"{API}/hromadas", {"ogp_member": "true", "limit": 500}).json()["items"]
    assert members and all(h["ogp_member_since"] for h in members)
    others = client.get(f"{API}/hromadas", {"ogp_member": "false", "limit": 3}).json()["items"]
    assert all(h["ogp_member_since"] is None for h in others)


def test_cursor_walks_every_record_once_in_a_stable_order(client):
    seen, url, params = [], f"{API}/oblasts", {"limit": 7}
    while url:
        body = client.get(url, params).json()
        seen += [o["code"] for o in body["items"]]
        url, params = body["next"], None
    assert len(seen) == len(set(seen)) == 27


def test_detail_by_public_identifier(client):
    response = client.get(f"{API}/hromadas/UA68040470000053519")
    assert response.status_code == 200
    assert response.json()["slug"] == "khmelnytska"
    assert response["Last-Modified"]
    _problem(client.get(f"{API}/hromadas/UA00000000000000000"), 404)
    _problem(client.get(f"{API}/plans/999999"), 404)


def test_plan_tree_is_readable_and_linked(client, public_plan):
    plans = client.get(f"{API}/plans", {"hromada": "UA68040470000053519"}).json()["items"]
    assert [p["title"] for p in plans] == ["План дій"]
    plan = plans[0]
    assert plan["status"] == "implementation"
    commitments = client.get(f"{API}/commitments", {"plan": plan["id"]}).json()["items"]
    assert [c["number"] for c in commitments] == [1, 2]
    assert commitments[0]["url"].endswith("/plans/" + public_plan.slug + "/commitments/1/")
    milestones = client.get(f"{API}/milestones", {"commitment": commitments[0]["id"]}).json()
    assert len(milestones["items"]) == 2
    updates = client.get(f"{API}/progress-updates", {"plan": plan["id"]}).json()["items"]
    assert updates[0]["text"] == "Портал запущено"
    assert updates[0]["links"] == ["https://data.example.org/"]
    assert updates[0]["reported_by"] == "Посадовиця"
    detail = client.get(f"{API}/commitments/{commitments[0]['id']}").json()
    assert detail["title"] == "Реєстр відкритих даних"
    assert detail["value_access_to_information"] is True


def test_filters_by_status_dates_and_updated_since(client, public_plan):
    assert client.get(f"{API}/plans", {"status": "implementation"}).json()["items"]
    assert not client.get(f"{API}/plans", {"status": "completed"}).json()["items"]
    due = client.get(f"{API}/milestones", {"due_from": "2025-08-01", "plan": public_plan.pk})
    assert [m["expected_output"] for m in due.json()["items"]] == ["Навчання"]
    later = client.get(f"{API}/plans", {"updated_since": "2999-01-01T00:00:00Z"}).json()
    assert later["items"] == []


def test_history_lists_public_changes_with_chain_hashes(client, public_plan):
    body = client.get(f"{API}/history", {"object_type": "plans.commitment", "limit": 50}).json()
    assert body["items"]
    entry = body["items"][0]
    assert len(entry["hash"]) == 64 and entry["actor"] == "Посадовиця"
    assert client.get(f"{API}/history/{entry['seq']}").json()["hash"] == entry["hash"]


def test_drafts_and_emails_never_leave_through_the_api(client, public_plan, draft_plan):
    for path in ("plans", "commitments", "milestones", "progress-updates", "history"):
        content = client.get(f"{API}/{path}", {"limit": 500}).content.decode()
        assert "ТАЄМНИЦЯ" not in content, path
        assert "@example.org" not in content, path
    _problem(client.get(f"{API}/plans/{draft_plan.pk}"), 404)
    commitment = Commitment.objects.get(plan=draft_plan)
    _problem(client.get(f"{API}/commitments/{commitment.pk}"), 404)
    milestone = Milestone.objects.get(commitment=commitment)
    _problem(client.get(f"{API}/milestones/{milestone.pk}"), 404)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"status": "nonsense"}, "status"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"due_from": "2025-13-45"}, "due_from"),
        ({"limit": "501"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "eyJhZnRlciI6ICJ4In0"}, "cursor"),  # {"after": "x"}
        ({"colour": "blue"}, "colour"),
        ({"overdue": "perhaps"}, "overdue"),
    ],
)
def test_bad_parameters_are_400_problems_naming_the_parameter(client, params, parameter):
    body = _problem(client.get(f"{API}/milestones", params), 400, parameter)
    assert body["detail"]


def test_bad_path_identifier_is_400_not_500(client):
    _problem(client.get(f"{API}/plans/abc"), 400, "ident")


def test_conditional_get_answers_304(client, public_plan):
    first = client.get(f"{API}/plans")
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(f"{API}/plans", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    since = client.get(f"{API}/plans", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    plan_id = first.json()["items"][0]["id"]
    detail = client.get(f"{API}/plans/{plan_id}")
    assert (
        client.get(f"{API}/plans/{plan_id}", HTTP_IF_NONE_MATCH=detail["ETag"]).status_code == 304
    )


def test_cors_is_open_for_reads(client):
    response = client.get(f"{API}/oblasts", HTTP_ORIGIN="https://journalist.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_list_query_count_does_not_grow_with_the_page(
    client, public_plan, django_assert_max_num_queries
):
    for limit in (1, 500):
        with django_assert_max_num_queries(3):  # withholdings, the page; nothing per row
            client.get(f"{API}/milestones", {"limit": limit})
        with django_assert_max_num_queries(3):
            client.get(f"{API}/history", {"limit": limit})


def test_every_plan_history_entry_names_its_plan(public_plan, draft_plan):
    """Public lists leave drafts out by this container; an entry without it would leak."""
    from openhromada.core.models import HistoryEntry

    entries = HistoryEntry.objects.filter(object_type__startswith="plans.")
    assert entries.count() > 10
    assert set(entries.values_list("container_type", flat=True)) == {"plans.actionplan"}
    assert set(entries.values_list("container_id", flat=True)) == {public_plan.pk, draft_plan.pk}
