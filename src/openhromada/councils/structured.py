"""Machine-readable twins of council pages: Popolo JSON, iCalendar, the API and JSON-LD."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from openhromada.core.structured import JSON, alternate, jsonld

ICAL = "text/calendar"


def council_twins(council) -> dict:
    slug = council.hromada.slug
    page = settings.SITE_URL.rstrip("/") + reverse("councils:council", args=[slug])
    return {
        "alternates": [
            alternate(
                JSON, reverse("councils:popolo", args=[slug]), _("The council (Popolo JSON)")
            ),
            alternate(ICAL, reverse("councils:ical", args=[slug]), _("Meetings (iCalendar)")),
            alternate(JSON, f"/api/v1/councils/{council.pk}", _("This council in the API")),
        ],
        "jsonld": jsonld(
            {
                "@type": "GovernmentOrganization",
                "name": council.name,
                "url": page,
                "foundingDate": council.founding_decision_date,
                "areaServed": {
                    "@type": "AdministrativeArea",
                    "name": council.hromada.name,
                    "identifier": council.hromada.code,
                },
                "parentOrganization": {
                    "@type": "GovernmentOrganization",
                    "name": council.hromada.name,
                },
            }
        ),
    }
