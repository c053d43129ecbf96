"""The committed OpenAPI document is the contract: it must match the code, and the API must keep
it (schemathesis generates requests from the document and checks every response)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from openhromada.portal.openapi import COMMITTED, generate

schema = schemathesis.openapi.from_path(COMMITTED)
app = get_wsgi_application()


def test_committed_document_matches_the_code():
    assert COMMITTED.read_text(encoding="utf-8") == generate(), (
        "The API changed but its committed OpenAPI document did not: run `make openapi`, "
        "review the diff, and announce any breaking change."
    )


def test_document_is_served_and_docs_render(client):
    assert client.get("/api/v1/openapi.json").json()["info"]["title"] == "Open Hromada API"
    assert client.get("/api/v1/docs").status_code == 200


@pytest.fixture
def open_limits(settings):
    settings.API_RATE_ANONYMOUS = settings.API_RATE_TOKEN = "100000/m"


@pytest.fixture
def in_process_wsgi():
    """Keep the test's database connection open across WSGI requests (as Django's client does)."""
    from django.core import signals
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@hypothesis_settings(
    max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), database=None
)
@pytest.mark.django_db
def test_api_keeps_its_document(case, public_plan, open_limits, in_process_wsgi):
    """No 5xx, and every response (success or problem) conforms to the document."""
    # Cursors are opaque: a well-formed string that no page ever produced is rightly refused.
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance])
