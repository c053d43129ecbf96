"""Oblasts and hromadas as open data (see openhromada.opendata.base)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from openhromada.opendata.base import (
    API_URL,
    UPDATED,
    UPDATED_SINCE,
    URL,
    Column,
    Dataset,
    Filter,
    absolute,
    api_url,
    oblast_filter,
    page_prefix,
)

from .models import Hromada, Oblast


def _oblast_row(row: dict, withheld) -> dict:
    return {
        "code": row["code"],
        "slug": row["slug"],
        "name_uk": row["name_uk"],
        "name_en": row["name_en"],
        "kind": row["kind"],
        "temporarily_occupied": row["temporarily_occupied"],
        "updated_at": row["updated_at"],
        "url": absolute(page_prefix("places:directory")) + f"?oblast={row['slug']}",
        "api_url": api_url("oblasts", row["code"]),
    }


OBLASTS = Dataset(
    key="oblasts",
    themes=("REGI",),
    schema_name="Oblast",
    model_label="places.oblast",
    title=_("Oblasts"),
    description=_(
        "Oblasts, the Autonomous Republic of Crimea and the cities with special status, "
        "from the official codifier, with names in Ukrainian and English."
    ),
    keywords=("КАТОТТГ", "області", "адміністративно-територіальний устрій"),
    frequency="IRREG",
    lookup="code",
    lookup_type=str,
    columns=(
        *(
            Column.from_field(Oblast, name)
            for name in ("code", "slug", "name_uk", "name_en", "kind", "temporarily_occupied")
        ),
        UPDATED,
        URL,
        API_URL,
    ),
    queryset=lambda withheld: Oblast.objects.values(
        "id", "code", "slug", "name_uk", "name_en", "kind", "temporarily_occupied", "updated_at"
    ),
    to_row=_oblast_row,
    filters=(UPDATED_SINCE,),
)

HROMADA_FIELDS = (
    "id",
    "code",
    "slug",
    "name_uk",
    "name_en",
    "category",
    "kind",
    "oblast__code",
    "raion__code",
    "centre_name_uk",
    "centre_name_en",
    "centre_code",
    "population",
    "population_source",
    "temporarily_occupied",
    "website",
    "ogp_member_since",
    "ogp_member_until",
    "membership_origin",
    "updated_at",
)


def _hromada_row(row: dict, withheld) -> dict:
    out = {k.replace("__", "_"): row[k] for k in HROMADA_FIELDS if k != "id"}
    out["url"] = absolute(f"{page_prefix('places:directory')}{row['slug']}/")
    out["api_url"] = api_url("hromadas", row["code"])
    withheld.redact_row("places.hromada", row["id"], out)
    return out


HROMADAS = Dataset(
    key="hromadas",
    themes=("REGI",),
    schema_name="Hromada",
    model_label="places.hromada",
    title=_("Hromadas"),
    description=_(
        "Territorial communities (hromadas) and the cities with special status: codifier data, "
        "kind, administrative centre and OGP Local membership."
    ),
    keywords=("громади", "КАТОТТГ", "OGP Local"),
    frequency="IRREG",
    lookup="code",
    lookup_type=str,
    columns=(
        *(
            Column.from_field(Hromada, name)
            for name in ("code", "slug", "name_uk", "name_en", "category", "kind")
        ),
        Column(
            "oblast_code",
            "string",
            _("КАТОТТГ code of the oblast."),
            references="oblasts.code",
        ),
        Column("raion_code", "string", _("КАТОТТГ code of the raion."), nullable=True),
        *(
            Column.from_field(Hromada, name)
            for name in ("centre_name_uk", "centre_name_en", "centre_code")
        ),
        Column.from_field(Hromada, "population", nullable=True),
        Column.from_field(Hromada, "population_source"),
        Column.from_field(Hromada, "temporarily_occupied"),
        Column.from_field(Hromada, "website", nullable=True),
        Column.from_field(Hromada, "ogp_member_since", nullable=True),
        Column.from_field(Hromada, "ogp_member_until", nullable=True),
        Column.from_field(Hromada, "membership_origin"),
        UPDATED,
        Column("url", "string", _("The hromada's page on the platform.")),
        API_URL,
    ),
    queryset=lambda withheld: Hromada.objects.values(*HROMADA_FIELDS),
    to_row=_hromada_row,
    filters=(
        oblast_filter(""),
        Filter("kind", "kind", Hromada.Kind, _("urban, settlement or rural.")),
        Filter(
            "ogp_member",
            "ogp_member_since__isnull",
            bool,
            _("OGP Local members (true) or not (false)."),
            invert=True,
        ),
        Filter("occupied", "temporarily_occupied", bool, _("In temporarily occupied territory.")),
        UPDATED_SINCE,
    ),
)
