"""The generic leak test (issue 13): nothing kept from the public appears in any public output.

For every kind of public record — each label in `core.visibility.REGISTRY` and in
`core.withholding.REGISTRY` — and every way a record of that kind can be kept from the public
(its own state: draft, hidden, unpublished; withheld, whole or field by field; inside an ancestor
that is any of those), one record is built with a unique marker in its text (and public records
that refer to it), taken out of public that way, and then every public output of the platform is
requested once: every route of the URL resolver, every API list and detail, every bulk file, the
ZIP (live and pre-built), the catalogue, the feeds, Popolo, iCalendar, the sitemap, plan exports
(XLSX and PDF read as text). No output may show the marker; a record kept out whole has no row in
its dataset and no API detail. A new app is covered by registering: its kinds and ways come from
the registries, its pages from the resolver; tests/leaks/table.py says only what cannot be derived
(how to build a record, how to draft it, how to refer to it), and a registered kind without an
entry there fails here.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.utils import translation

from openhromada.core import visibility, withholding
from openhromada.opendata import bulk
from tests.leaks import cases, outputs, table
from tests.leaks.world import MARKERS, World, private_kinds, referring_fields

# Each test only reads what the module's fixture collected; the mark makes pytest-django create
# the test database (it creates none for a session whose tests do not ask for one).
pytestmark = pytest.mark.django_db
CASES = cases.cases(table.STATE_WORDS)
# case id → why it still leaks (strict: the day it stops leaking, the mark must go)
KNOWN_LEAKS: dict[str, str] = {}


def _param(case):
    marks = []
    if case.id in KNOWN_LEAKS:
        marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[case.id]))
    return pytest.param(case, id=case.id, marks=marks)


@pytest.fixture(scope="module")
def leaks(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world built and every output read once for the module; the database is rolled back."""
    media = tmp_path_factory.mktemp("leak-media")
    dumps = tmp_path_factory.mktemp("leak-dumps")
    quiet = {
        "PUBLIC_PAGE_CACHE_SECONDS": 0,
        "RATE_LIMITS": {},
        "API_RATE_ANONYMOUS": "1000000/m",
        "MEDIA_ROOT": str(media),
        "OPENDATA_DUMP_DIR": dumps,
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    }
    with (
        django_db_blocker.unblock(),
        override_settings(**quiet),
        translation.override("uk"),
        transaction.atomic(),
    ):
        world = World().build(CASES)
        collected = outputs.collect(Client(), world, MARKERS)
        transaction.set_rollback(True)
    return world, collected


def _leaked(collected, built) -> list[str]:
    found = [o.where for o in collected.showing(built.mark.text)]
    if "number" in built.carries:  # a number is searched for in every output (slower)
        found += [o.where for o in collected.outputs if built.mark.number_pattern.search(o.text)]
    return found


def _idents(built):
    """(dataset, identifier) of each of the built records in the datasets of its kind."""
    for dataset in bulk.datasets():
        if dataset.model_label == built.kind:
            for obj in built.objs:
                yield dataset, str(getattr(obj, dataset.lookup)).lower()


def _where(collected, built) -> str:
    """Each output that shows the marker, with the text around it."""
    needle = built.mark.text.lower()
    lines = []
    for o in collected.showing(needle):
        at = o.text.find(needle)
        lines.append(f"{o.where}: …{o.text[max(0, at - 120) : at + 60]!r}…")
    return "\n".join(lines)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_nothing_kept_from_the_public_shows_in_any_output(leaks, case):
    world, collected = leaks
    built = world.cases[case.id]
    assert not built.problems, "\n".join(built.problems)
    assert _leaked(collected, built) == [], _where(collected, built)
    if case.keeps_row(table.STATES):
        return
    for dataset, ident in _idents(built):
        assert ident not in collected.rows[dataset.key], f"{case.id}: a row in {dataset.key}"
        status = collected.details.get((dataset.key, ident))
        assert status in (404, 451), f"{case.id}: /api/v1/{dataset.key}/{ident} answered {status}"


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.keeps_row(table.STATES)], ids=lambda c: c.id
)
def test_what_stays_public_of_the_record_shows(leaks, case):
    """The rest of a record with a withheld field, the hromada's answer to hidden content."""
    world, collected = leaks
    built = world.cases[case.id]
    assert not built.problems, "\n".join(built.problems)
    if "shown" in built.carries:
        assert collected.showing(built.shown), f"{built.shown}: what stays public shows nowhere"


@pytest.mark.parametrize("kind", cases.kinds())
def test_a_public_record_of_every_kind_shows(leaks, kind):
    """The control: a public record of the kind, marked alike, is in the outputs (so the test
    above cannot pass because an output fails to show the kind at all)."""
    world, collected = leaks
    built = world.controls[kind]
    assert not built.problems, "\n".join(built.problems)
    if "mark" in built.carries:
        assert _leaked(collected, built), f"{kind}: its public record shows nowhere"
    for dataset, ident in _idents(built):
        assert ident in collected.rows[dataset.key], f"{kind}: no row in {dataset.key}"


def test_every_route_is_requested_or_said_why_not(leaks):
    _world, collected = leaks
    unfilled = {r: why for r, why in collected.routes.items() if why.startswith("cannot fill")}
    unfilled |= {r: why for r, why in collected.routes.items() if why == outputs.NO_VALUES}
    assert unfilled == {}


def test_no_public_output_fails(leaks):
    _world, collected = leaks
    assert [o.where for o in collected.outputs if o.status >= 500] == []


def test_every_own_state_says_how_to_reach_it():
    missing = [k for k in visibility.REGISTRY if cases.has_own_state(k) and k not in table.STATES]
    assert missing == [], "add to tests/leaks/table.py STATES"


def test_every_reference_says_how_to_make_one():
    missing = [
        ref
        for kind in private_kinds()
        for ref in referring_fields(kind)
        if ref not in table.REFERRERS
    ]
    assert missing == [], "add to tests/leaks/table.py REFERRERS"


def test_every_registered_kind_has_cases():
    """Every kind that can be kept from the public has its cases; a kind that never can (a
    monitoring network and its member organisations: public whenever they exist, nothing of
    them withholdable) still has its control above."""
    registered = set(visibility.REGISTRY) | set(withholding.REGISTRY)
    assert {c.kind for c in CASES} == {k for k in registered if cases.ways(k)}
    assert set(cases.kinds()) == registered
