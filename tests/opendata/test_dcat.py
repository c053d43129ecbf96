"""The DCAT-AP catalogue parses back, passes the platform's DCAT-AP 3 shapes (every constraint of
the release shapes on the classes it publishes, and stricter ones: test_dcat_shapes.py), and has
what the national portal's harvester (CKAN, ckanext-dcat) reads."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS

import openhromada.opendata as opendata_package
from openhromada.opendata.bulk import datasets

pytestmark = pytest.mark.django_db
OURS = Path(opendata_package.__file__).with_name("shapes") / "dcat-ap.ttl"
DCATAP = "http://data.europa.eu/r5r/"
EU = "http://publications.europa.eu/resource/authority/"
# CKAN's default licence register (ckan/model/license.py, LicenseCreativeCommonsAttribution):
# id "cc-by", url "http://www.opendefinition.org/licenses/cc-by". ckanext-dcat fills a harvested
# dataset's license_id only when a distribution's dct:license equals a register URL
# (ckanext/dcat/profiles/base.py, RDFProfile._license), else when its dct:title equals a title.
CKAN_CC_BY = URIRef("http://www.opendefinition.org/licenses/cc-by")


def _graph(client, fmt="ttl", rdf_format="turtle"):
    response = client.get(f"/data/catalog.{fmt}")
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=rdf_format)


def _conforms(graph, shapes=OURS):
    conforms, _report, text = validate(graph, shacl_graph=Graph().parse(shapes), inference="none")
    return conforms, text


@pytest.mark.parametrize(
    ("fmt", "rdf_format", "content_type"),
    [
        ("jsonld", "json-ld", "application/ld+json"),
        ("ttl", "turtle", "text/turtle"),
        ("rdf", "xml", "application/rdf+xml"),
    ],
)
def test_catalogue_conforms_to_the_dcat_ap_shapes(
    client, public_plan, fmt, rdf_format, content_type
):
    assert client.get(f"/data/catalog.{fmt}")["Content-Type"].startswith(content_type)
    graph = _graph(client, fmt, rdf_format)
    conforms, text = _conforms(graph)
    assert conforms, text


def test_every_dataset_is_described_with_the_portal_metadata(client, settings, public_plan):
    settings.OPENDATA_PUBLISHER = {**settings.OPENDATA_PUBLISHER, "edrpou": "12345678"}
    graph = _graph(client)
    found = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert len(found) == len(datasets())
    for dataset in found:
        titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
        assert set(titles) == {"uk", "en"}
        frequency = graph.value(dataset, DCTERMS.accrualPeriodicity)
        assert str(frequency).startswith(f"{EU}frequency/")
        assert graph.value(dataset, DCTERMS.license) == CKAN_CC_BY
        formats = {
            str(graph.value(d, DCTERMS["format"])).rsplit("/", 1)[1]
            for d in graph.objects(dataset, DCAT.distribution)
        }
        assert formats == {"CSV", "JSON"}
    publisher = next(graph.subjects(RDF.type, FOAF.Agent))
    assert str(graph.value(publisher, DCTERMS.identifier)) == "12345678"  # EDRPOU


def test_publisher_place_is_a_location_iri_with_its_katottg_code(client):
    graph = _graph(client)
    publisher = next(graph.subjects(RDF.type, FOAF.Agent))
    place = graph.value(publisher, DCTERMS.spatial)
    assert isinstance(place, URIRef)
    assert (place, RDF.type, DCTERMS.Location) in graph
    assert str(graph.value(place, DCTERMS.identifier)) == "UA80000000000093317"  # КАТОТТГ
    assert graph.value(place, DCTERMS.isPartOf) == URIRef(f"{EU}country/UKR")


def test_licence_is_the_url_ckan_knows_with_its_title(client, public_plan):
    graph = _graph(client)
    distributions = list(graph.subjects(RDF.type, DCAT.Distribution))
    assert distributions
    for distribution in distributions:  # ckanext-dcat reads the licence of the distributions
        assert graph.value(distribution, DCTERMS.license) == CKAN_CC_BY
    assert (CKAN_CC_BY, RDF.type, DCTERMS.LicenseDocument) in graph
    assert str(graph.value(CKAN_CC_BY, DCTERMS.title)) == (
        "Creative Commons Attribution 4.0 International"
    )
    assert graph.value(CKAN_CC_BY, FOAF.page) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    catalogue = next(graph.subjects(RDF.type, DCAT.Catalog))
    assert graph.value(catalogue, DCTERMS.license) == CKAN_CC_BY


def test_datasets_carry_themes_coverage_and_distributions_their_availability(client, public_plan):
    graph = _graph(client)
    ukraine = URIRef(f"{EU}country/UKR")
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        themes = list(graph.objects(dataset, DCAT.theme))
        assert themes and all(str(t).startswith(f"{EU}data-theme/") for t in themes)
        assert all(graph.value(t, SKOS.prefLabel) for t in themes)
        assert graph.value(dataset, DCTERMS.spatial) == ukraine
        for distribution in graph.objects(dataset, DCAT.distribution):
            assert {d.language for d in graph.objects(distribution, DCTERMS.description)} == {
                "uk",
                "en",
            }
            availability = graph.value(distribution, URIRef(f"{DCATAP}availability"))
            assert availability == URIRef(f"{EU}planned-availability/STABLE")
    places = URIRef("http://127.0.0.1:8000/data/hromadas/")
    assert graph.value(places, DCAT.theme) == URIRef(f"{EU}data-theme/REGI")
    plans = URIRef("http://127.0.0.1:8000/data/plans/")
    assert graph.value(plans, DCAT.theme) == URIRef(f"{EU}data-theme/GOVE")
    assert graph.value(plans, DCTERMS.issued) is not None


def test_plans_cover_the_period_of_the_public_plans(client, public_plan, draft_plan):
    graph = _graph(client)
    period = graph.value(URIRef("http://127.0.0.1:8000/data/plans/"), DCTERMS.temporal)
    assert (period, RDF.type, DCTERMS.PeriodOfTime) in graph
    assert graph.value(period, DCAT.startDate).toPython() == public_plan.start_date
    assert graph.value(period, DCAT.endDate).toPython() == public_plan.end_date


def test_shapes_catch_a_place_given_as_text(client, public_plan):
    graph = _graph(client)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.spatial, None))
    graph.add((dataset, DCTERMS.spatial, Literal("Україна")))
    conforms, text = _conforms(graph)
    assert not conforms and "spatial" in text


def test_shapes_catch_a_dataset_without_a_title_or_theme(client, public_plan):
    graph = _graph(client)
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    graph.remove((dataset, DCTERMS.title, None))
    assert not _conforms(graph)[0]
    graph = _graph(client)
    graph.remove((next(graph.subjects(RDF.type, DCAT.Dataset)), DCAT.theme, None))
    assert not _conforms(graph)[0]


def test_unknown_catalogue_format_is_404(client):
    assert client.get("/data/catalog.xls").status_code == 404
