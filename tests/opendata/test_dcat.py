"""The DCAT-AP catalogue parses back, passes the shapes, and has what the national portal reads."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

import openhromada.opendata as opendata_package
from openhromada.opendata.bulk import datasets

pytestmark = pytest.mark.django_db
SHAPES = Path(opendata_package.__file__).with_name("shapes") / "dcat-ap.ttl"


def _graph(client, fmt, rdf_format):
    response = client.get(f"/data/catalog.{fmt}")
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=rdf_format)


@pytest.mark.parametrize(
    ("fmt", "rdf_format", "content_type"),
    [
        ("jsonld", "json-ld", "application/ld+json"),
        ("ttl", "turtle", "text/turtle"),
        ("rdf", "xml", "application/rdf+xml"),
    ],
)
def test_catalogue_conforms_to_the_dcat_ap_shapes(client, fmt, rdf_format, content_type):
    assert client.get(f"/data/catalog.{fmt}")["Content-Type"].startswith(content_type)
    graph = _graph(client, fmt, rdf_format)
    conforms, _report, text = validate(graph, shacl_graph=str(SHAPES), inference="none")
    assert conforms, text


def test_every_dataset_is_described_with_the_portal_metadata(client, settings):
    settings.OPENDATA_PUBLISHER = {**settings.OPENDATA_PUBLISHER, "edrpou": "12345678"}
    graph = _graph(client, "ttl", "turtle")
    found = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(found) == len(datasets())
    for dataset in found:
        titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
        assert set(titles) == {"uk", "en"}
        frequency = graph.value(dataset, DCTERMS.accrualPeriodicity)
        assert str(frequency).startswith(
            "http://publications.europa.eu/resource/authority/frequency/"
        )
        assert graph.value(dataset, DCTERMS.license) == URIRef(
            "https://creativecommons.org/licenses/by/4.0/"
        )
        formats = {
            str(graph.value(d, DCTERMS["format"])).rsplit("/", 1)[1]
            for d in graph.objects(dataset, DCAT.distribution)
        }
        assert formats == {"CSV", "JSON"}
    publisher = next(graph.subjects(RDF.type, FOAF.Agent))
    assert str(graph.value(publisher, DCTERMS.identifier)) == "12345678"  # EDRPOU
    assert str(graph.value(publisher, DCTERMS.spatial)) == "UA80000000000093317"  # КАТОТТГ


def test_shapes_catch_a_dataset_without_a_title(client):
    graph = _graph(client, "ttl", "turtle")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.title, None))
    conforms, _report, _text = validate(graph, shacl_graph=str(SHAPES), inference="none")
    assert not conforms


def test_unknown_catalogue_format_is_404(client):
    assert client.get("/data/catalog.xls").status_code == 404
