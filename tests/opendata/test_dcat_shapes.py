"""The platform's DCAT-AP shapes (opendata/shapes/dcat-ap.ttl) stand alone and are strict: they
catch what a review of the catalogue found wrong, they cover every class the catalogue
publishes, and — when the operator has downloaded DCAT-AP 3.0.1's own shapes
(OPENHROMADA_OFFICIAL_SCHEMAS, README "Open data") — the catalogue passes those too and ours leave
out none of their constraints."""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH, XSD

import openhromada.opendata as opendata_package
from openhromada.opendata.dcat import VCARD
from tests.official_schemas import official_file
from tests.opendata.shape_coverage import missing_constraints

pytestmark = pytest.mark.django_db
OURS = Path(opendata_package.__file__).with_name("shapes") / "dcat-ap.ttl"
EU = "http://publications.europa.eu/resource/authority/"


def _catalogue(client, fmt="ttl", rdf_format="turtle") -> Graph:
    response = client.get(f"/data/catalog.{fmt}")
    assert response.status_code == 200
    return Graph().parse(data=response.content.decode(), format=rdf_format)


def _failures(graph: Graph, shapes: Path = OURS) -> set:
    """(focus node, path) of every violation, empty when the graph conforms."""
    _conforms, report, _text = validate(graph, shacl_graph=Graph().parse(shapes), inference="none")
    return {
        (report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.subjects(RDF.type, SH.ValidationResult)
    }


def _one(graph, cls):
    return next(graph.subjects(RDF.type, cls))


def _replace(graph, node, path, value):
    graph.remove((node, path, None))
    graph.add((node, path, value))
    return node, path


def _modified_as_text(g):
    return _replace(g, _one(g, DCAT.Catalog), DCTERMS.modified, Literal("2025-03-04"))


def _modified_as_a_number(g):
    return _replace(g, _one(g, DCAT.Catalog), DCTERMS.modified, Literal(2025, datatype=XSD.integer))


def _publisher_place_as_text(g):
    return _replace(g, _one(g, FOAF.Agent), DCTERMS.spatial, Literal("Хмельницька громада"))


def _licence_without_title(g):
    licence = _one(g, DCTERMS.LicenseDocument)
    g.remove((licence, DCTERMS.title, None))
    return licence, DCTERMS.title


def _licence_as_text(g):
    return _replace(g, _one(g, DCAT.Distribution), DCTERMS.license, Literal("CC BY 4.0"))


def _two_formats(g):
    distribution, xml = _one(g, DCAT.Distribution), URIRef(f"{EU}file-type/XML")
    g.add((xml, RDF.type, DCTERMS.MediaTypeOrExtent))
    g.add((distribution, DCTERMS["format"], xml))
    return distribution, DCTERMS["format"]


def _access_url_as_text(g):
    distribution = _one(g, DCAT.Distribution)
    return _replace(g, distribution, DCAT.accessURL, Literal("http://127.0.0.1:8000/api/v1/x"))


def _theme_not_a_concept(g):
    return _replace(g, _one(g, DCAT.Dataset), DCAT.theme, URIRef("http://example.org/theme"))


def _period_start_as_text(g):
    period = _one(g, DCTERMS.PeriodOfTime)
    return _replace(g, period, DCAT.startDate, Literal("1 January 2025"))


def _two_publishers(g):
    catalogue = _one(g, DCAT.Catalog)
    other = URIRef("http://127.0.0.1:8000/data/#other")
    g.add((other, RDF.type, FOAF.Agent))
    g.add((other, FOAF.name, Literal("Other")))
    g.add((catalogue, DCTERMS.publisher, other))
    return catalogue, DCTERMS.publisher


def _contact_without_email(g):
    contact = _one(g, VCARD.Kind)
    g.remove((contact, VCARD.hasEmail, None))
    return contact, VCARD.hasEmail


def _dataset_as_blank_node(g):
    catalogue = _one(g, DCAT.Catalog)
    node = BNode()
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((catalogue, DCAT.dataset, node))
    return catalogue, DCAT.dataset


@pytest.mark.parametrize(
    "break_it",
    [
        _modified_as_text,
        _modified_as_a_number,
        _publisher_place_as_text,
        _licence_without_title,
        _licence_as_text,
        _two_formats,
        _access_url_as_text,
        _theme_not_a_concept,
        _period_start_as_text,
        _two_publishers,
        _contact_without_email,
        _dataset_as_blank_node,
    ],
)
def test_our_shapes_alone_catch_a_broken_catalogue(client, public_plan, break_it):
    graph = _catalogue(client)
    assert _failures(graph) == set()
    focus, path = break_it(graph)
    assert (focus, path) in _failures(graph)


def test_every_class_the_catalogue_publishes_has_a_shape(client, public_plan):
    published = set(_catalogue(client).objects(None, RDF.type))
    covered = set(Graph().parse(OURS).objects(None, SH.targetClass))
    assert published - covered == set()


def test_the_coverage_check_notices_a_left_out_constraint():
    ours = Graph().parse(OURS)
    assert missing_constraints(ours, ours) == []
    weaker = Graph().parse(OURS)
    publisher = next(
        p
        for p in weaker.objects(URIRef("https://openhromada.example/shapes#Catalog"), SH.property)
        if weaker.value(p, SH.path) == DCTERMS.publisher
    )
    weaker.remove((publisher, SH.maxCount, None))
    assert missing_constraints(ours, weaker) == [
        f"{DCAT.Catalog.n3()} {DCTERMS.publisher.n3()}: needs maxCount 1"
    ]


def test_catalogue_uses_nothing_that_changed_between_3_0_0_and_3_0_1(client, public_plan):
    graph = _catalogue(client)
    for changed in (DCTERMS.rights, DCAT.spatialResolutionInMeters, DCAT.byteSize):
        assert not list(graph.triples((None, changed, None)))
    assert not list(graph.subjects(RDF.type, URIRef(DCAT.DataService)))


# With the downloaded DCAT-AP 3.0.1 shapes (skipped otherwise) ---------------------------------


@pytest.mark.parametrize(("fmt", "rdf_format"), [("ttl", "turtle"), ("jsonld", "json-ld")])
def test_catalogue_conforms_to_the_official_dcat_ap_shapes(client, public_plan, fmt, rdf_format):
    official = official_file("dcat-ap-SHACL.ttl")
    assert _failures(_catalogue(client, fmt, rdf_format), official) == set()


def test_our_shapes_leave_out_no_official_constraint():
    official = Graph().parse(official_file("dcat-ap-SHACL.ttl"))
    assert missing_constraints(official, Graph().parse(OURS)) == []


def test_official_shapes_catch_a_place_given_as_text(client, public_plan):
    official = official_file("dcat-ap-SHACL.ttl")
    graph = _catalogue(client)
    focus, path = _replace(graph, _one(graph, DCAT.Dataset), DCTERMS.spatial, Literal("Україна"))
    assert (focus, path) in _failures(graph, official)
