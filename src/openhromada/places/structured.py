"""Machine-readable twins of place pages: API records, feeds, CSV, and schema.org JSON-LD."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from openhromada.core.structured import ATOM, CSV, JSON, alternate, jsonld


def directory_twins(page) -> dict:
    """The directory's feeds, and the page as a schema.org CollectionPage listing its hromadas
    (the hromadas on this page, in order; no query beyond the page's own)."""
    site = settings.SITE_URL.rstrip("/")
    directory = reverse("places:directory")
    english = translation.get_language() == "en"
    return {
        "alternates": [
            alternate(JSON, "/api/v1/hromadas", _("Hromadas in the API (JSON)")),
            alternate(CSV, "/data/hromadas.csv", _("All hromadas (CSV)")),
        ],
        "jsonld": jsonld(
            {
                "@type": "CollectionPage",
                "name": _("Hromadas"),
                "url": site + directory,
                "mainEntity": {
                    "@type": "ItemList",
                    "numberOfItems": page.paginator.count,
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": page.start_index() + index,
                            "item": {
                                "@type": "AdministrativeArea",
                                "name": hromada["name_en" if english else "name_uk"],
                                "url": f"{site}{directory}{hromada['slug']}/",
                            },
                        }
                        for index, hromada in enumerate(page.object_list)
                    ],
                },
            }
        ),
    }


def hromada_twins(hromada) -> dict:
    site = settings.SITE_URL.rstrip("/")
    page = site + reverse("places:hromada", args=[hromada.slug])
    data = {
        "@type": "AdministrativeArea",
        "name": hromada.name,
        "alternateName": hromada.name_en if hromada.name == hromada.name_uk else hromada.name_uk,
        "identifier": {"@type": "PropertyValue", "propertyID": "КАТОТТГ", "value": hromada.code},
        "url": page,
        "containedInPlace": {"@type": "AdministrativeArea", "name": hromada.oblast.name},
    }
    if hromada.website:
        data["sameAs"] = hromada.website
    return {
        "alternates": [
            alternate(JSON, f"/api/v1/hromadas/{hromada.code}", _("This hromada in the API")),
            alternate(
                ATOM,
                reverse("opendata:hromada_feed", args=[hromada.slug]),
                _("Public changes (Atom)"),
            ),
        ],
        "jsonld": jsonld(data),
    }
