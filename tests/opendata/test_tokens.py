"""Personal API tokens: shown once, stored hashed, scoped, revocable; writes through the same
services and rules as the pages."""

import hashlib

import pytest

from openhromada.opendata.models import ApiToken
from openhromada.opendata.tokens import token_create
from openhromada.plans.models import ProgressUpdate
from tests.factories import UserFactory, actor_for

pytestmark = pytest.mark.django_db
REPORT = {"date": "2025-03-02", "text": "Зроблено", "status": "in_progress", "percent": 40}


def _url(milestone):
    return f"/api/v1/milestones/{milestone.pk}/progress"


def _bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_token_is_shown_once_and_stored_as_a_hash(client, official):
    client.force_login(official)
    response = client.post("/accounts/tokens/", {"name": "Звітування", "scope": "write"})
    assert response.status_code == 200
    plain = response.context["created"]
    assert plain.startswith("oh_") and plain in response.content.decode()
    token = ApiToken.objects.get(user=official)
    assert token.digest == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in str(ApiToken.objects.filter(pk=token.pk).values().first())
    again = client.get("/accounts/tokens/").content.decode()
    assert plain not in again and token.prefix in again


def test_token_pages_are_never_stored_by_a_browser_or_proxy(client, official):
    client.force_login(official)
    shown = client.post("/accounts/tokens/", {"name": "Звітування", "scope": "write"})
    assert "no-store" in shown["Cache-Control"] and "public" not in shown["Cache-Control"]
    assert "no-store" in client.get("/accounts/tokens/")["Cache-Control"]


def test_token_form_rejects_bad_input_without_saving(client, official):
    client.force_login(official)
    response = client.post("/accounts/tokens/", {"name": "", "scope": "write"})
    assert response.status_code == 400 and "Назвіть токен" in response.content.decode()
    response = client.post("/accounts/tokens/", {"name": "x", "scope": "admin"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_unverified_and_anonymous_cannot_create_tokens(client):
    assert client.get("/accounts/tokens/").status_code == 302  # to sign in
    client.force_login(UserFactory(verified=False))
    assert client.post("/accounts/tokens/", {"name": "x", "scope": "read"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_official_reports_progress_with_a_write_token(client, official, reporting):
    _token, plain = token_create(actor=official, name="CI", scope="write")
    response = client.post(
        _url(reporting), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["text"] == "Зроблено" and body["reported_by"] == official.public_name
    reporting.refresh_from_db()
    assert reporting.percent == 40
    history = client.get("/api/v1/history", {"object_type": "plans.progressupdate"}).json()
    assert history["items"][0]["object_id"] == str(body["id"])


def test_revoked_token_no_longer_works(client, official, reporting):
    token, plain = token_create(actor=official, name="CI", scope="write")
    client.force_login(official)
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    client.logout()
    response = client.post(
        _url(reporting), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert not ProgressUpdate.objects.exists()


def test_someone_else_cannot_revoke_my_token(client, official):
    token, _plain = token_create(actor=official, name="CI", scope="write")
    client.force_login(UserFactory())
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.active


def test_read_token_cannot_write(client, official, reporting):
    _token, plain = token_create(actor=official, name="read", scope="read")
    response = client.post(
        _url(reporting), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_no_token_is_401_and_a_session_is_not_enough(client, official, reporting):
    client.force_login(official)
    response = client.post(_url(reporting), REPORT, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("resident", 403),
        ("official", 201),
        ("official_elsewhere", 403),
        ("council_member", 403),
        ("monitor", 403),
        ("operator", 403),
        ("admin", 403),
    ],
)
def test_api_write_follows_the_same_rules_as_the_page(client, hromada, reporting, who, status):
    user = actor_for(who, hromada)
    _token, plain = token_create(actor=user, name="t", scope="write")
    response = client.post(
        _url(reporting), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == status, response.content
    assert ProgressUpdate.objects.count() == (1 if status == 201 else 0)


@pytest.mark.parametrize(
    ("payload", "parameter"),
    [
        ({**REPORT, "percent": 140}, "percent"),
        ({**REPORT, "status": "finished-ish"}, "status"),
        ({**REPORT, "date": "2999-01-01"}, "date"),
        ({**REPORT, "text": ""}, "text"),
        ({**REPORT, "links": ["javascript:alert(1)"]}, "links.0"),
    ],
)
def test_bad_reports_are_400_and_change_nothing(client, official, reporting, payload, parameter):
    _token, plain = token_create(actor=official, name="CI", scope="write")
    response = client.post(
        _url(reporting), payload, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 400, response.content
    assert parameter in [e["parameter"] for e in response.json()["errors"]]
    assert not ProgressUpdate.objects.exists()
    reporting.refresh_from_db()
    assert reporting.percent == 0


def test_draft_milestones_do_not_exist_for_outsiders(client, draft_plan, hromada):
    from openhromada.plans.models import Milestone

    milestone = Milestone.objects.get(commitment__plan=draft_plan)
    _token, plain = token_create(actor=actor_for("official", hromada), name="t", scope="write")
    response = client.post(
        _url(milestone), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 404


def test_rate_limits_answer_429_with_retry_after(client, settings, official):
    settings.API_RATE_ANONYMOUS = "3/m"
    settings.API_RATE_TOKEN = "5/m"
    statuses = [client.get("/api/v1/oblasts").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/api/v1/oblasts")
    assert limited["Content-Type"] == "application/problem+json"
    assert 1 <= int(limited["Retry-After"]) <= 60
    _token, plain = token_create(actor=official, name="read", scope="read")
    with_token = [client.get("/api/v1/oblasts", **_bearer(plain)).status_code for _ in range(6)]
    assert with_token == [200] * 5 + [429]


def test_progress_on_a_withheld_commitment_by_api_answers_its_writer(
    client, official, reporting, operator
):
    from openhromada.core.withholding import withholding_create

    withholding_create(actor=operator, obj=reporting.commitment, reason="Безпека")
    _token, plain = token_create(actor=official, name="CI", scope="write")
    response = client.post(
        _url(reporting), REPORT, content_type="application/json", **_bearer(plain)
    )
    assert response.status_code == 201, response.content  # not a 500 after the write
    assert client.get(f"/api/v1/progress-updates/{response.json()['id']}").status_code == 451
