"""The real codifier: every oblast, raion and hromada, with kinds, names and occupation status."""

import copy
from collections import Counter

import pytest

from openhromada.core.history import history_for
from openhromada.places.codifier import KIND_BY_CENTRE_CATEGORY
from openhromada.places.models import Hromada, Oblast, Raion
from openhromada.places.services import codifier_import

pytestmark = pytest.mark.django_db


def test_codifier_counts_match_the_edition_of_19_january_2024():
    assert Oblast.objects.filter(kind__in=["oblast", "arc"]).count() == 25
    assert Oblast.objects.filter(kind="city").count() == 2
    assert Raion.objects.count() == 136
    hromadas = Hromada.objects.filter(category="H")
    assert hromadas.count() == 1772
    assert hromadas.filter(code__startswith="UA01").count() == 303
    assert hromadas.exclude(code__startswith="UA01").count() == 1469


def test_every_hromada_has_a_kind_from_its_centre():
    kinds = Counter(
        Hromada.objects.filter(category="H", temporarily_occupied=False).values_list(
            "kind", flat=True
        )
    )
    assert set(kinds) == {"urban", "settlement", "rural"}
    assert sum(kinds.values()) == 1469
    # The centre is the settlement the codifier numbers 001; these figures are what that gives.
    assert kinds == {"urban": 411, "settlement": 443, "rural": 615}


@pytest.mark.parametrize(
    ("name_uk", "oblast_code", "kind", "centre", "name_en"),
    [
        ("Луцька", "UA07", "urban", "Луцьк", "Lutska"),
        ("Хмельницька", "UA68", "urban", "Хмельницький", "Khmelnytska"),
        ("Оржицька", "UA53", "settlement", "Оржиця", "Orzhytska"),
        ("Звягельська", "UA18", "urban", "Звягель", "Zviahelska"),
    ],
)
def test_known_hromadas_have_their_centre_and_kind(name_uk, oblast_code, kind, centre, name_en):
    hromada = Hromada.objects.get(name_uk=name_uk, code__startswith=oblast_code)
    assert (hromada.kind, hromada.centre_name_uk, hromada.name_en) == (kind, centre, name_en)


def test_kind_rule_maps_centre_categories():
    assert KIND_BY_CENTRE_CATEGORY == {
        "M": "urban",
        "T": "settlement",
        "X": "settlement",
        "C": "rural",
    }
    rural = Hromada.objects.filter(kind="rural", category="H").first()
    assert rural.centre_name_uk  # a village is its centre


def test_kyiv_takes_part_like_a_hromada_and_crimea_is_marked_occupied():
    kyiv = Hromada.objects.get(code="UA80000000000093317")
    assert (kyiv.name_en, kyiv.category, kyiv.kind, kyiv.temporarily_occupied) == (
        "Kyiv",
        "K",
        "urban",
        False,
    )
    assert not Hromada.objects.filter(code__startswith="UA01", temporarily_occupied=False).exists()
    assert Hromada.objects.get(code__startswith="UA85").temporarily_occupied
    assert Oblast.objects.get(code__startswith="UA01").temporarily_occupied


def test_oblasts_have_official_english_names():
    assert Oblast.objects.get(code__startswith="UA68").name_en == "Khmelnytskyi Oblast"
    assert Oblast.objects.get(code__startswith="UA68").name_uk == "Хмельницька область"


def test_names_are_stripped_and_population_never_invented():
    assert not Hromada.objects.filter(name_uk__endswith=" ").exists()
    assert not Hromada.objects.filter(population__isnull=False).exists()


def test_reimport_of_the_same_edition_changes_nothing(real_codifier):
    before = Hromada.objects.count()
    result = codifier_import(codifier=real_codifier)
    assert result.created == {"oblast": 0, "raion": 0, "hromada": 0}
    assert result.updated == {"oblast": 0, "raion": 0, "hromada": 0}
    assert Hromada.objects.count() == before


def test_a_newer_edition_updates_in_place_and_the_change_goes_to_history(real_codifier):
    newer = copy.deepcopy(real_codifier)
    unit = next(u for u in newer.hromadas if u.name_uk == "Луцька")
    unit.name_uk, unit.name_en = "Луцька нова", "Lutska nova"
    hromada = Hromada.objects.get(code=unit.code)
    slug = hromada.slug
    result = codifier_import(codifier=newer)
    assert result.updated["hromada"] == 1 and result.created["hromada"] == 0
    hromada.refresh_from_db()
    assert (hromada.name_uk, hromada.slug) == ("Луцька нова", slug)  # the address stays stable
    entry = history_for(hromada).first()
    assert entry.changes["name_uk"] == ["Луцька", "Луцька нова"]
