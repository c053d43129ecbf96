"""The DCAT-AP catalogue of every dataset, as an rdflib graph (served as JSON-LD, Turtle, RDF/XML).

Properties follow DCAT-AP 3 (checked against the SHACL shapes in shapes/dcat-ap.ttl) and what CKAN's
DCAT harvester reads: identifier, title and description in Ukrainian and English, keywords,
themes (EU data themes), update frequency (EU vocabulary), landing page, publisher (with EDRPOU
and КАТОТТГ where known), contact point, licence, coverage in space and time, when the data was
first published and last changed, and per distribution the access/download URL, format, media
type, description and planned availability. Every resource an IRI points at is typed with the
class DCAT-AP expects, so the range shapes can check it.

When the data last changed comes from the data itself (one aggregate query per dataset), so a
harvester sees a dataset as changed only when it did; the serialised catalogue is cached per
version of the public content.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from openhromada.core.pagecache import VERSION_KEY
from openhromada.core.text import clean_text
from openhromada.core.withholding import Active, active

from .base import Dataset, absolute
from .bulk import datasets

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
IANA = "https://www.iana.org/assignments/media-types/"
EU = "http://publications.europa.eu/resource/authority/"
UKRAINE = URIRef(f"{EU}country/UKR")
THEMES = URIRef(f"{EU}data-theme")
STABLE = URIRef(f"{EU}planned-availability/STABLE")
FORMATS = {"csv": "CSV", "jsonl": "JSON", "api": "JSON"}
MEDIA = {"csv": "text/csv", "jsonl": "application/jsonl", "api": "application/json"}
CATALOGUE_DESCRIPTION = _(
    "Open data of the Open Hromada platform: hromadas, OGP Local action plans, "
    "commitments, milestones, progress reports and the public history of changes."
)
DISTRIBUTION_DESCRIPTIONS = {
    "csv": _(
        "Every public record of the dataset as CSV: UTF-8, a header row, lines ending in CRLF. "
        "Values are exact, as recorded: cells that begin with =, +, - or @ are not altered."
    ),
    "jsonl": _("Every public record of the dataset as JSON Lines: one JSON object per line."),
    "api": _(
        "The dataset in the JSON API: filters, cursor pages and single records, "
        "described by the OpenAPI document /api/v1/openapi.json."
    ),
}
# labels of the EU vocabulary concepts the catalogue uses (the vocabulary's English labels)
THEME_LABELS = {
    "GOVE": _("Government and public sector"),
    "REGI": _("Regions and cities"),
}


def _both(graph: Graph, subject, predicate, text) -> None:
    """A literal in Ukrainian and in English."""
    for lang in ("uk", "en"):
        with translation.override(lang):
            graph.add((subject, predicate, Literal(str(text), lang=lang)))


def _typed(graph: Graph, iri: str | URIRef, kind) -> URIRef:
    """An IRI with the class DCAT-AP's range shapes expect of it."""
    node = URIRef(iri)
    graph.add((node, RDF.type, kind))
    return node


def _concept(graph: Graph, iri: URIRef, label, scheme: URIRef | None = None) -> URIRef:
    _typed(graph, iri, SKOS.Concept)
    _both(graph, iri, SKOS.prefLabel, label)
    if scheme is not None:
        graph.add((iri, SKOS.inScheme, scheme))
    return iri


def _ukraine(graph: Graph) -> URIRef:
    _typed(graph, UKRAINE, DCTERMS.Location)
    _both(graph, UKRAINE, SKOS.prefLabel, _("Ukraine"))
    return UKRAINE


def _publisher(graph: Graph) -> URIRef:
    info = settings.OPENDATA_PUBLISHER
    node = _typed(graph, absolute("/data/#publisher"), FOAF.Agent)
    graph.add((node, FOAF.name, Literal(info["name"])))
    if info["edrpou"]:  # the publisher's code in the Unified State Register (ЄДРПОУ)
        graph.add((node, DCTERMS.identifier, Literal(info["edrpou"])))
    if info["katottg"]:  # where the publisher is: a place of the КАТОТТГ codifier
        place = _typed(graph, absolute(f"/data/#katottg-{info['katottg']}"), DCTERMS.Location)
        graph.add((place, DCTERMS.identifier, Literal(info["katottg"])))
        graph.add((place, DCTERMS.isPartOf, _ukraine(graph)))
        graph.add((node, DCTERMS.spatial, place))
    graph.add((node, FOAF.homepage, _typed(graph, settings.SITE_URL, FOAF.Document)))
    graph.add((node, FOAF.mbox, URIRef(f"mailto:{info['email']}")))
    return node


def _contact(graph: Graph) -> URIRef:
    info = settings.OPENDATA_PUBLISHER
    node = _typed(graph, absolute("/data/#contact"), VCARD.Kind)
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(info["name"])))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{info['email']}")))
    return node


def _licence(graph: Graph) -> URIRef:
    """The licence by the URL CKAN's licence register knows, with its title and own page."""
    info = settings.OPENDATA_LICENCE
    node = _typed(graph, info["register_url"], DCTERMS.LicenseDocument)
    graph.add((node, DCTERMS.title, Literal(info["title"])))
    graph.add((node, DCTERMS.identifier, Literal(info["spdx"])))
    graph.add((node, FOAF.page, URIRef(info["url"])))
    return node


def _distribution(graph, dataset: Dataset, kind: str, licence) -> URIRef:
    if kind == "api":
        url = absolute(f"/api/v1/{dataset.key}")
    else:
        url = absolute(f"/data/{dataset.key}.{kind}")
    node = _typed(graph, f"{url}#distribution", DCAT.Distribution)
    graph.add((node, DCAT.accessURL, URIRef(url)))
    if kind != "api":
        graph.add((node, DCAT.downloadURL, URIRef(url)))
    graph.add((node, DCTERMS.title, Literal(f"{dataset.key} ({kind.upper()})")))
    _both(graph, node, DCTERMS.description, DISTRIBUTION_DESCRIPTIONS[kind])
    file_type = f"{EU}file-type/{FORMATS[kind]}"
    graph.add((node, DCTERMS["format"], _typed(graph, file_type, DCTERMS.MediaTypeOrExtent)))
    graph.add((node, DCAT.mediaType, _typed(graph, f"{IANA}{MEDIA[kind]}", DCTERMS.MediaType)))
    graph.add((node, DCATAP.availability, STABLE))
    graph.add((node, DCTERMS.license, licence))
    return node


@functools.cache
def _has_field(model_label: str, name: str) -> bool:
    return any(f.name == name for f in apps.get_model(model_label)._meta.get_fields())


def dataset_dates(dataset: Dataset, withheld: Active) -> dict:
    """When the public rows were first published and last changed, and the period they cover:
    one aggregate query over the dataset's public rows (empty dict values if it has none)."""
    changed = dataset.modified_field or dataset.updated_field
    created = "created_at" if _has_field(dataset.model_label, "created_at") else changed
    spans = {"modified": Max(changed), "issued": Min(created)}
    if dataset.temporal:
        spans["start"], spans["end"] = Min(dataset.temporal[0]), Max(dataset.temporal[1])
    return dataset.public_queryset(withheld).aggregate(**spans)


def _moment(value) -> Literal:
    if isinstance(value, dt.datetime):
        return Literal(value.astimezone(dt.UTC).replace(microsecond=0), datatype=XSD.dateTime)
    return Literal(value, datatype=XSD.date)


def _period(graph: Graph, start, end) -> BNode:
    node = BNode()
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((node, DCAT.startDate, _moment(start)))
    if end is not None:
        graph.add((node, DCAT.endDate, _moment(end)))
    return node


def _dates(graph: Graph, node, dates: dict) -> None:
    if dates.get("issued"):
        graph.add((node, DCTERMS.issued, _moment(dates["issued"])))
    if dates.get("modified"):
        graph.add((node, DCTERMS.modified, _moment(dates["modified"])))
    if dates.get("start"):
        graph.add((node, DCTERMS.temporal, _period(graph, dates["start"], dates.get("end"))))


def _dataset(graph, dataset: Dataset, agents: tuple, licence, dates: dict) -> URIRef:
    publisher, contact = agents
    with translation.override("uk"):
        landing = absolute(reverse("opendata:dataset", args=[dataset.key]))
    node = _typed(graph, landing, DCAT.Dataset)
    graph.add((node, DCTERMS.identifier, Literal(f"openhromada-{dataset.key}")))
    _both(graph, node, DCTERMS.title, dataset.title)
    _both(graph, node, DCTERMS.description, dataset.description)
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, Literal(keyword, lang="uk")))
    for theme in dataset.themes:
        graph.add(
            (
                node,
                DCAT.theme,
                _concept(graph, URIRef(f"{THEMES}/{theme}"), THEME_LABELS[theme], THEMES),
            )
        )
    frequency = f"{EU}frequency/{dataset.frequency}"
    graph.add((node, DCTERMS.accrualPeriodicity, _typed(graph, frequency, DCTERMS.Frequency)))
    graph.add((node, DCAT.landingPage, _typed(graph, landing, FOAF.Document)))
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, licence))
    graph.add(
        (node, DCTERMS.language, _typed(graph, f"{EU}language/UKR", DCTERMS.LinguisticSystem))
    )
    graph.add((node, DCTERMS.spatial, _ukraine(graph)))
    _dates(graph, node, dates)
    for kind in ("csv", "jsonl", "api"):
        graph.add((node, DCAT.distribution, _distribution(graph, dataset, kind, licence)))
    return node


def _catalogue_node(graph: Graph, agents: tuple, licence) -> URIRef:
    publisher, contact = agents
    with translation.override("uk"):
        node = _typed(graph, absolute(reverse("opendata:index")), DCAT.Catalog)
    graph.add((node, DCTERMS.title, Literal("Відкрита громада — відкриті дані", lang="uk")))
    graph.add((node, DCTERMS.title, Literal("Open Hromada — open data", lang="en")))
    _both(graph, node, DCTERMS.description, CATALOGUE_DESCRIPTION)
    graph.add((node, DCTERMS.publisher, publisher))
    graph.add((node, DCAT.contactPoint, contact))
    graph.add((node, DCTERMS.license, licence))
    graph.add((node, FOAF.homepage, _typed(graph, settings.SITE_URL, FOAF.Document)))
    for code in ("UKR", "ENG"):
        language = _typed(graph, f"{EU}language/{code}", DCTERMS.LinguisticSystem)
        graph.add((node, DCTERMS.language, language))
    graph.add((node, DCTERMS.spatial, _ukraine(graph)))
    graph.add((node, DCAT.themeTaxonomy, _typed(graph, THEMES, SKOS.ConceptScheme)))
    _both(graph, THEMES, DCTERMS.title, _("Data theme"))
    return node


def catalogue(withheld: Active | None = None) -> Graph:
    withheld = active() if withheld is None else withheld
    graph = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
        ("dcatap", DCATAP),
    ):
        graph.bind(prefix, ns)
    licence = _licence(graph)
    agents = (_publisher(graph), _contact(graph))
    node = _catalogue_node(graph, agents, licence)
    _concept(graph, STABLE, _("Stable"))
    issued, modified = [], []
    for dataset in datasets():
        dates = dataset_dates(dataset, withheld)
        issued += [dates["issued"]] if dates["issued"] else []
        modified += [dates["modified"]] if dates["modified"] else []
        graph.add((node, DCAT.dataset, _dataset(graph, dataset, agents, licence, dates)))
    _dates(
        graph, node, {"issued": min(issued, default=None), "modified": max(modified, default=None)}
    )
    return _xml_safe(graph)


def _xml_safe(graph: Graph) -> Graph:
    """Each plain literal cleaned (`core.text.clean_text`): whatever a setting or a record holds,
    the RDF/XML and Turtle stay well-formed (rdflib writes control characters through)."""
    for subject, predicate, value in list(graph):
        if isinstance(value, Literal) and value.datatype is None and clean_text(value) != value:
            graph.remove((subject, predicate, value))
            graph.add((subject, predicate, Literal(clean_text(value), lang=value.language)))
    return graph


def _build(rdf_format: str) -> tuple[str, dt.datetime | None]:
    graph = catalogue()
    modified = graph.value(next(graph.subjects(RDF.type, DCAT.Catalog)), DCTERMS.modified)
    return graph.serialize(format=rdf_format), modified.toPython() if modified else None


def serialised(rdf_format: str) -> tuple[str, dt.datetime | None]:
    """The catalogue in `rdf_format` and when its data last changed, built once per version of
    the public content (every public change bumps it; the time limit only bounds how long a
    worker with its own cache may lag behind) — like the public page cache, off when that is."""
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if seconds <= 0:
        return _build(rdf_format)
    key = f"opendata:catalogue:{cache.get(VERSION_KEY, 0)}:{rdf_format}"
    cached = cache.get(key)
    if cached is None:
        cached = _build(rdf_format)
        cache.set(key, cached, seconds)
    return cached
