"""Demonstration content for places: OGP Local membership as DOMAIN.md gives it (labelled demo)."""

import datetime as dt

from openhromada.core.models import DataOrigin

from .models import Hromada
from .services import hromada_update

# КАТОТТГ code → (membership start, official website). Dates are demonstration data.
OGP_LOCAL_MEMBERS = {
    "UA68040470000053519": (dt.date(2020, 12, 1), "https://khm.gov.ua"),  # Хмельницька
    "UA05020030000031457": (dt.date(2022, 6, 1), "https://www.vmr.gov.ua"),  # Вінницька
    "UA61040490000035010": (dt.date(2022, 6, 1), "https://ternopilcity.gov.ua"),  # Тернопільська
    "UA80000000000093317": (dt.date(2022, 6, 1), "https://kyivcity.gov.ua"),  # Київ
    "UA18080150000022496": (dt.date(2024, 3, 1), ""),  # Звягельська
    "UA53040070000083099": (dt.date(2024, 3, 1), ""),  # Оржицька
}

# Hromadas the later demo content is about (round tables, seminars, petitions examples).
NAMED_IN_DOMAIN = {
    "UA07080170000013585": "Луцька",
    "UA63120270000028556": "Харківська",
    "UA32020010000093088": "Білоцерківська",
    "UA32140150000040954": "Фастівська",
    "UA74020030000069340": "Менська",
    "UA26040190000081578": "Івано-Франківська",
    "UA23080070000068953": "Мелітопольська",
    "UA74100390000073425": "Чернігівська",
    "UA18040190000029215": "Житомирська",
    "UA74020010000010449": "Корюківська",
    "UA74080130000060606": "Прилуцька",
    "UA53020050000041411": "Градизька",
}


def load(*, actor) -> list[Hromada]:
    """Mark the demo OGP Local members; idempotent (no change → no history entry)."""
    members = []
    for code, (since, website) in OGP_LOCAL_MEMBERS.items():
        hromada = Hromada.objects.get(code=code)
        hromada_update(
            actor=actor,
            hromada=hromada,
            ogp_member_since=since,
            membership_origin=DataOrigin.DEMO,
            website=website or hromada.website,
        )
        members.append(hromada)
    return members
