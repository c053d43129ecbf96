"""The DCAT-AP catalogue of every dataset, as an rdflib graph (served as JSON-LD and Turtle).

Properties follow DCAT-AP 3 and what CKAN's DCAT harvester reads: identifier, title and
description in Ukrainian and English, keywords, update frequency (EU vocabulary), landing page,
publisher (with EDRPOU and КАТОТТГ where known), contact point, licence, and per distribution
the access/download URL, format and media type.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, XSD

from .base import Dataset, absolute
from .bulk import datasets

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
IANA = "https://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
FORMATS = {"csv": "CSV", "jsonl": "JSON", "api": "JSON"}
CATALOGUE_DESCRIPTION = _(
    "Open data of the Open Hromada platform: hromadas, OGP Local action plans, "
    "commitments, milestones, progress reports and the public history of changes."
)
MEDIA = {"csv": "text/csv", "jsonl": "application/jsonl", "api": "application/json"}


def _both(graph: Graph, subject, predicate, text) -> None:
    """A literal in Ukrainian and in English."""
    for lang in ("uk", "en"):
        with translation.override(lang):
            graph.add((subject, predicate, Literal(str(text), lang=lang)))


def _publisher(graph: Graph) -> BNode | URIRef:
    info = settings.OPENDATA_PUBLISHER
    node = URIRef(absolute("/data/#publisher"))
    graph.add((node, RDF.type, FOAF.Agent))
    graph.add((node, FOAF.name, Literal(info["name"])))
    if info["edrpou"]:  # the publisher's code in the Unified State Register (ЄДРПОУ)
        graph.add((node, DCTERMS.identifier, Literal(info["edrpou"])))
    if info["katottg"]:
        graph.add((node, DCTERMS.spatial, Literal(info["katottg"])))
    graph.add((node, FOAF.homepage, URIRef(settings.SITE_URL)))
    graph.add((node, FOAF.mbox, URIRef(f"mailto:{info['email']}")))
    return node


def _contact(graph: Graph) -> URIRef:
    info = settings.OPENDATA_PUBLISHER
    node = URIRef(absolute("/data/#contact"))
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(info["name"])))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{info['email']}")))
    return node


def _distribution(graph, dataset: Dataset, kind: str, licence) -> URIRef:
    if kind == "api":
        url = absolute(f"/api/v1/{dataset.key}")
    else:
        url = absolute(f"/data/{dataset.key}.{kind}")
    node = URIRef(f"{url}#distribution")
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, URIRef(url)))
    if kind != "api":
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add((node, DCTERMS.title, Literal(f"{dataset.key} ({kind.upper()})")))
    graph.add((node, DCTERMS["format"], URIRef(f"{EU}file-type/{FORMATS[kind]}")))
    graph.add((node, DCAT.mediaType, URIRef(f"{IANA}{MEDIA[kind]}")))
    graph.add((node, DCTERMS.license, licence))
    return node


def _dataset(graph, dataset: Dataset, publisher, contact, licence, modified) -> URIRef:
    with translation.override("uk"):
        landing = absolute(reverse("opendata:dataset", args=[dataset.key]))
    node = URIRef(landing)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(f"openhromada-{dataset.key}")))
    _both(graph, node, DCTERMS.title, dataset.title)
    _both(graph, node, DCTERMS.description, dataset.description)
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="uk")))
    graph.add((node, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/{dataset.frequency}")))
    graph.add((node, DCAT.landingPage, URIRef(landing)))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, DCTERMS.language, URIRef(f"{EU}language/UKR")))
    graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    for kind in ("csv", "jsonl", "api"):
        graph.add((node, DCAT.distribution, _distribution(graph, dataset, kind, licence)))
    return node


def catalogue() -> Graph:
    graph = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        graph.bind(prefix, ns)
    licence = URIRef(settings.OPENDATA_LICENCE["url"])
    graph.add((licence, RDF.type, DCTERMS.LicenseDocument))
    graph.add((licence, DCTERMS.title, Literal(settings.OPENDATA_LICENCE["name"])))
    with translation.override("uk"):
        node = URIRef(absolute(reverse("opendata:index")))
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.title, Literal("Відкрита громада — відкриті дані", lang="uk")))
    graph.add((node, DCTERMS.title, Literal("Open Hromada — open data", lang="en")))
    _both(graph, node, DCTERMS.description, CATALOGUE_DESCRIPTION)
    publisher, contact = _publisher(graph), _contact(graph)
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, FOAF.homepage, URIRef(settings.SITE_URL)))
    graph.add((node, DCTERMS.language, URIRef(f"{EU}language/UKR")))
    graph.add((node, DCTERMS.language, URIRef(f"{EU}language/ENG")))
    modified = timezone.now().replace(microsecond=0)
    graph.add((node, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    for dataset in datasets():
        graph.add(
            (node, DCAT.dataset, _dataset(graph, dataset, publisher, contact, licence, modified))
        )
    return graph
