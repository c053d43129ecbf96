"""Every public output of the platform, requested once by an anonymous reader and read as text.

- pages and files: every route of the URL resolver, its parameters filled from the world's
  records (a path word names the model, e.g. `calls/<int:pk>`; an enclosing record is found by
  following foreign keys, e.g. a meeting's hromada through its council), each page's pager
  followed to its last page;
- the API: every GET operation of its OpenAPI document, lists followed page by page, details for
  every record of the dataset's model (public or not);
- the ZIP twice: streamed live, then pre-built into OPENDATA_DUMP_DIR.

XLSX is read cell by cell (openpyxl), PDF by its text layer (pypdf), a ZIP member by member.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import sys
import traceback
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from unittest import mock

import openpyxl
import pypdf
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation

from openhromada.core.models import HistoryEntry
from openhromada.opendata import bulk

from . import table
from .world import World

PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
NEXT_PAGE = re.compile(r'<a href="(\?[^"]*)" rel="next"')
SEARCH_BOX = re.compile(r'<input[^>]* name="q"')
MAX_PAGES = 200  # a list followed further than this has a broken pager
SIGN_IN, POST_ONLY, NO_VALUES = "needs a signed-in user", "answers POST only", "no values"
SIMPLE = ("fmt", "key", "section")  # parameters whose values are not records
SEARCH = "mark"  # in every marker (world.MARK, world.SHOWN)


@dataclass
class Output:
    where: str
    status: int
    text: str  # lower-cased: markers are matched without regard to case


@dataclass
class Route:
    route: str
    name: str | None
    pattern: URLPattern

    @property
    def params(self) -> list[tuple[str, str]]:
        return PARAM.findall(self.route)


@dataclass
class Collected:
    outputs: list[Output] = field(default_factory=list)
    # route → what became of it: "requested", or why it was not a public output
    routes: dict[str, str] = field(default_factory=dict)
    rows: dict[str, set] = field(default_factory=dict)  # dataset key → identifiers in its JSONL
    details: dict[tuple[str, str], int] = field(default_factory=dict)  # (key, ident) → status
    # marker (lower-cased) → the outputs that show it, read once for every case
    index: dict[str, list[int]] = field(default_factory=dict)

    def showing(self, text: str) -> list[Output]:
        return [self.outputs[i] for i in self.index.get(text.lower(), ())]


# --- reading a response --------------------------------------------------------------------------


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _xlsx_text(body: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
    cells = (
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    return "\n".join(cells)


def _pdf_text(body: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(body))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def texts(where: str, body: bytes) -> Iterator[tuple[str, str]]:
    """(where, text) of a body; a ZIP gives one per member."""
    if body.startswith(b"PK\x03\x04"):
        archive = zipfile.ZipFile(io.BytesIO(body))
        names = archive.namelist()
        if any(n.startswith("xl/") for n in names):
            yield where, _xlsx_text(body)
            return
        for name in names:
            yield from texts(f"{where}!{name}", archive.read(name))
    elif body.startswith(b"%PDF-"):
        yield where, _pdf_text(body)
    else:
        yield where, body.decode("utf-8", errors="replace")


# --- the URL resolver ----------------------------------------------------------------------------


def routes(patterns=None, prefix: str = "") -> Iterator[Route]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield Route(prefix + str(pattern.pattern), pattern.name, pattern)


def skipped(route: Route) -> str:
    """Why a route is not requested at all ("" when it is)."""
    return next((why for p, why in table.NOT_PUBLIC.items() if route.route.startswith(p)), "")


def model_for_word(word: str, route: str = "") -> str | None:
    """The model a path word numbers: `calls` → participation.call, `items` → agenda items; a
    word that numbers different models in different apps is looked up with the app's prefix
    first (`monitoring/members`)."""
    for key, label in table.URL_WORDS.items():
        where, _, name = key.rpartition("/")
        if where and name == word and f"{where}/" in route:
            return label
    if word in table.URL_WORDS:
        return table.URL_WORDS[word]
    models = [m for m in apps.get_models() if m.__module__.startswith("openhromada.")]
    with translation.override("en"):
        plurals = {m: str(m._meta.verbose_name_plural) for m in models}
    tests = (
        lambda m: f"{m._meta.model_name}s" == word,
        lambda m: plurals[m] == word,
        lambda m: plurals[m].split()[-1] == word,
    )
    for test in tests:
        found = [m._meta.label_lower for m in models if test(m)]
        if found:
            return found[0]
    return None


def numbered_child(label: str) -> str | None:
    """The model numbered inside a `label` record (a plan's commitments)."""
    parent = apps.get_model(label)
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        fks = [f for f in model._meta.concrete_fields if f.many_to_one]
        if "number" in names and any(f.related_model is parent for f in fks):
            return model._meta.label_lower
    return None


@dataclass
class Slot:
    name: str
    converter: str
    model: str | None = None  # the model whose record fills it
    kinds: dict[str, str] | None = None  # `<kind>`: value → model of the next slot


def _slot(
    word: str | None, previous: Slot | None, converter: str, name: str, route: str = ""
) -> Slot | str:
    slot = Slot(name, converter or "str")
    if name in SIMPLE:
        return slot
    if name in table.URL_KIND_PARAMS:
        slot.kinds = table.URL_KINDS.get(word)
        if slot.kinds is None:
            return f"no kinds for “{word}/<kind>” in tests/leaks/table.py URL_KINDS"
        return slot
    if previous is not None and previous.kinds is not None:
        return slot  # the model comes with the kind
    if previous is not None and previous.model is not None:
        slot.model = numbered_child(previous.model)
    else:
        slot.model = model_for_word(word or "", route)
    if slot.model is None:
        return f"no model for “{word}/<{name}>”: add it to tests/leaks/table.py URL_WORDS"
    return slot


def slots(route: Route) -> list[Slot] | str:
    """The route's parameters with what fills each, or why they cannot be filled."""
    if not isinstance(route.pattern.pattern, RoutePattern) and re.search(r"\(\?P?<", route.route):
        return "a regular expression with groups"
    out: list[Slot] = []
    word, previous = None, None
    for segment in route.route.split("/"):
        found = PARAM.findall(segment)
        if not found:
            word, previous = segment or word, None
            continue
        for converter, name in found:
            slot = _slot(word, previous, converter, name, route.route)
            if isinstance(slot, str):
                return slot
            out.append(slot)
            previous = slot
    return out


def _ancestor(obj, label: str, depth: int = 5):
    """The `label` record that `obj` lives in, by following foreign keys (shortest path)."""
    target = apps.get_model(label)
    frontier = [obj]
    for _ in range(depth):
        following = []
        for current in frontier:
            if isinstance(current, target):
                return current
            for f in current._meta.concrete_fields:
                if f.many_to_one or f.one_to_one:
                    value = getattr(current, f.name)
                    if value is not None:
                        following.append(value)
        frontier = following
    return next((o for o in frontier if isinstance(o, target)), None)


def _value(obj, slot: Slot):
    if slot.converter == "slug" or slot.name.endswith("slug"):
        return obj.slug
    if slot.name == "pk" or slot.name.endswith("_id") or not hasattr(obj, "number"):
        return obj.pk
    return obj.number


def _simple_values(route: Route, slot: Slot) -> list[str]:
    if slot.name == "fmt":
        return list(table.URL_FORMATS.get(route.name, ()))
    if slot.name == "key":
        return [d.key for d in bulk.datasets()]
    return list(route.pattern.default_args.get("sitemaps", {}))  # sitemap sections


def fillings(route: Route, found: list[Slot], world: World) -> Iterator[dict]:
    """Every set of parameter values for a route: one per record of its innermost model (its
    enclosing records found from it), times the formats, datasets or sections it takes."""
    simple = [s for s in found if s.name in SIMPLE]
    modelled = [s for s in found if s not in simple]
    values = itertools.product(*[_simple_values(route, s) for s in simple])
    for combination in values:
        extra = dict(zip([s.name for s in simple], combination, strict=True))
        if not modelled:
            yield extra
        else:
            yield from (dict(extra, **kwargs) for kwargs in _modelled(modelled, world))


def _modelled(found: list[Slot], world: World) -> Iterator[dict]:
    choices: list[dict] = [{}]
    kind_slot = next((s for s in found if s.kinds), None)
    if kind_slot is not None:
        choices = [{kind_slot.name: k, "_model": m} for k, m in kind_slot.kinds.items()]
    for choice in choices:
        slots_ = [s for s in found if s is not kind_slot]
        labels = [choice.get("_model") if s.model is None else s.model for s in slots_]
        for obj in world.records(labels[-1]):
            kwargs = {k: v for k, v in choice.items() if k != "_model"}
            for slot, label in zip(slots_, labels, strict=True):
                holder = obj if label == labels[-1] else _ancestor(obj, label)
                if holder is None:
                    break
                kwargs[slot.name] = _value(holder, slot)
            else:
                yield kwargs


# --- requesting ----------------------------------------------------------------------------------


class Reader:
    def __init__(self, client, collected: Collected):
        self.client, self.collected = client, collected
        self.login = reverse("account_login")

    def get(self, url: str, where: str = "") -> tuple[int, object]:
        """Request `url` and every further page its pager links to (`rel="next"`)."""
        status, first = self._get(url, where)
        path, response = url.split("?")[0], first
        for _page in range(MAX_PAGES):
            found = NEXT_PAGE.search(self.collected.outputs[-1].text) if status == 200 else None
            if found is None or response is None:
                break
            following = path + found.group(1).replace("&amp;", "&")
            status, response = self._get(following)
        return (first.status_code if first is not None else 500), first

    def _get(self, url: str, where: str = "") -> tuple[int, object]:
        where = where or url
        try:
            response = self.client.get(url)
            for name, text in texts(where, _body(response)):
                self.collected.outputs.append(Output(name, response.status_code, text.lower()))
            return response.status_code, response
        except Exception:
            self.collected.outputs.append(Output(where, 500, traceback.format_exc().lower()))
            return 500, None

    def signed_in_only(self, status: int, response) -> str:
        if status == 302 and response["Location"].startswith(self.login):
            return SIGN_IN
        return POST_ONLY if status == 405 else ""


def request_routes(reader: Reader, world: World) -> None:
    for route in routes():
        if why := skipped(route):
            reader.collected.routes[route.route] = why
            continue
        found = slots(route)
        if isinstance(found, str):
            reader.collected.routes[route.route] = f"cannot fill: {found}"
            continue
        reader.collected.routes[route.route] = _request_route(reader, route, found, world)


def _request_route(reader: Reader, route: Route, found: list[Slot], world: World) -> str:
    outcome = NO_VALUES
    for kwargs in fillings(route, found, world):
        url = "/" + PARAM.sub(lambda m, kw=kwargs: str(kw[m.group(2)]), route.route)
        status, response = reader.get(url)
        outcome = reader.signed_in_only(status, response) if response else ""
        if outcome:  # the same for every record: the view asks before it looks
            break
        outcome = "requested"
        if status == 200 and SEARCH_BOX.search(reader.collected.outputs[-1].text):
            reader.get(f"{url}?q={SEARCH}")  # a search matching every marker
    return outcome


def request_api(reader: Reader, world: World) -> None:
    _status, response = reader.get("/api/v1/openapi.json")
    reader.get("/api/v1/docs")
    document = json.loads(_body(response))
    datasets = {d.key: d for d in bulk.datasets()}
    for path, operations in document["paths"].items():
        if "get" not in operations:
            continue
        params = re.findall(r"{(\w+)}", path)
        if not params:
            _follow(reader, path)
            continue
        key = path.removeprefix("/api/v1/").split("/")[0]
        dataset = datasets.get(key)
        if dataset is None or len(params) != 1:
            reader.collected.routes[f"api:{path}"] = "cannot fill: not a dataset's detail"
            continue
        for obj in _detail_records(dataset, world):
            ident = getattr(obj, dataset.lookup)
            status, _response = reader.get(path.replace(f"{{{params[0]}}}", str(ident)))
            reader.collected.details[(key, str(ident).lower())] = status
        reader.collected.routes[f"api:{path}"] = "requested"


def _detail_records(dataset, world: World) -> list:
    if dataset.model_label != "core.historyentry":
        return world.records(dataset.model_label)
    about = defaultdict(set)  # the history of every record built for a case
    for built in world.cases.values():
        for obj in built.objs:
            about[obj._meta.label_lower].add(str(obj.pk))
    entries = HistoryEntry.objects.order_by("seq")
    return [e for e in entries if e.object_id in about.get(e.object_type, ())]


def _follow(reader: Reader, path: str) -> None:
    """An API list, page by page (its `next` link)."""
    url = f"{path}?limit=500"
    for page in range(MAX_PAGES):
        status, response = reader.get(url, f"{path} (page {page + 1})")
        following = json.loads(_body(response)).get("next") if status == 200 else None
        if not following:
            break
        url = re.sub(r"^https?://[^/]+", "", following)
    reader.collected.routes[f"api:{path}"] = "requested"


def read_rows(collected: Collected) -> None:
    """The identifiers (the API's detail lookup) of every dataset's rows, from its JSONL file."""
    for dataset in bulk.datasets():
        where = f"/data/{dataset.key}.jsonl"
        text = next((o.text for o in collected.outputs if o.where == where), "")
        ids = set()
        for line in text.splitlines():
            if line.strip():
                ids.add(str(json.loads(line).get(dataset.lookup)))
        collected.rows[dataset.key] = ids


def index_markers(collected: Collected, pattern: re.Pattern) -> None:
    """Which outputs show which marker: each output is read once, not once per case."""
    index = defaultdict(list)
    for i, output in enumerate(collected.outputs):
        for found in set(pattern.findall(output.text)):
            index[found].append(i)
    collected.index = dict(index)


@contextmanager
def whole_feeds():
    """Feeds show their latest FEED_SIZE entries; while collecting they show every entry, so
    each case's entries are in them whenever it was built."""
    with ExitStack() as stack:
        for name, module in list(sys.modules.items()):
            if name.startswith("openhromada.") and isinstance(vars(module).get("FEED_SIZE"), int):
                stack.enter_context(mock.patch.object(module, "FEED_SIZE", 1_000_000))
        yield


def collect(client, world: World, markers: re.Pattern) -> Collected:
    collected = Collected()
    reader = Reader(client, collected)
    with whole_feeds():
        request_routes(reader, world)
    request_api(reader, world)
    # the first request for the ZIP streamed it and (tasks run at once here) built the file
    _status, response = reader.get("/data/openhromada.zip", "/data/openhromada.zip (pre-built)")
    assert response is not None and response.has_header("X-Generated-At"), "no pre-built ZIP"
    read_rows(collected)
    index_markers(collected, markers)
    return collected
