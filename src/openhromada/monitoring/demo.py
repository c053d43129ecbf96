"""Demonstration monitoring network (labelled demo data)."""

from openhromada.core.models import DataOrigin
from openhromada.places.models import Oblast

from .models import MonitoringNetwork

# The e-democracy network that united 13 regions (DOMAIN.md); membership here is illustrative.
DEMO_NETWORK_OBLASTS = [
    "UA05",
    "UA07",
    "UA18",
    "UA26",
    "UA32",
    "UA46",
    "UA53",
    "UA56",
    "UA59",
    "UA61",
    "UA68",
    "UA71",
    "UA74",
]


def load() -> MonitoringNetwork:
    network, _created = MonitoringNetwork.objects.get_or_create(
        slug="e-democracy-monitoring-network",
        defaults={
            "name_uk": "Мережа моніторингу електронної демократії",
            "name_en": "E-democracy monitoring network",
            "origin": DataOrigin.DEMO,
        },
    )
    oblasts = [o for o in Oblast.objects.all() if o.code[:4] in DEMO_NETWORK_OBLASTS]
    network.oblasts.set(oblasts)
    return network
