"""The catalogue says when the data last changed — read from the data, the same on every fetch —
so a harvester re-reads a dataset only when it changed; and it is built once per content
version, with no query per row."""

import datetime as dt

import pytest
from django.utils.http import http_date
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from openhromada.core.pagecache import bump_public_version
from openhromada.plans.models import ActionPlan, Commitment

pytestmark = pytest.mark.django_db
SITE = "http://127.0.0.1:8000"
PAST = dt.datetime(2025, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def _graph(client):
    response = client.get("/data/catalog.ttl")
    assert response.status_code == 200
    return response, Graph().parse(data=response.content.decode(), format="turtle")


def _modified(graph, node):
    value = graph.value(node, DCTERMS.modified)
    return value.toPython() if value is not None else None


def test_modified_is_when_the_data_changed_not_when_it_was_asked(client, public_plan):
    Commitment.objects.update(updated_at=PAST)
    Commitment.objects.filter(pk=Commitment.objects.order_by("pk").first().pk).update(
        updated_at=PAST + dt.timedelta(days=2)
    )
    first_response, first = _graph(client)
    _second_response, second = _graph(client)
    commitments = URIRef(f"{SITE}/data/commitments/")
    assert _modified(first, commitments) == PAST + dt.timedelta(days=2)
    assert _modified(second, commitments) == _modified(first, commitments)
    catalogue = next(first.subjects(RDF.type, DCAT.Catalog))
    stamps = [_modified(first, d) for d in first.subjects(RDF.type, DCAT.Dataset)]
    newest = max(s for s in stamps if s)  # a dataset without rows has no date
    assert _modified(first, catalogue) == newest == _modified(second, catalogue)
    assert first_response["Last-Modified"] == http_date(newest.timestamp())


def test_a_draft_never_counts_as_a_change(client, public_plan, draft_plan):
    ActionPlan.objects.filter(pk=public_plan.pk).update(updated_at=PAST)
    ActionPlan.objects.filter(pk=draft_plan.pk).update(updated_at=PAST + dt.timedelta(days=9))
    _response, graph = _graph(client)
    assert _modified(graph, URIRef(f"{SITE}/data/plans/")) == PAST


def test_catalogue_is_built_once_per_content_version(
    client, settings, public_plan, django_assert_max_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    with django_assert_max_num_queries(40):  # one aggregate per dataset, none per row
        _graph(client)
    with django_assert_max_num_queries(2):
        _graph(client)
    ActionPlan.objects.filter(pk=public_plan.pk).update(updated_at=PAST + dt.timedelta(days=400))
    bump_public_version()  # what every public change does after commit
    _response, graph = _graph(client)
    assert _modified(graph, URIRef(f"{SITE}/data/plans/")) == PAST + dt.timedelta(days=400)
