"""Machine-readable twins of council pages: Popolo JSON, iCalendar, the API and JSON-LD (a
council as a GovernmentOrganization, a meeting as an Event)."""

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


def _location(meeting) -> list[dict]:
    """Where the meeting is, as far as it is public (withheld place or link blanked)."""
    where = []
    if meeting.place:
        where.append({"@type": "Place", "name": meeting.place})
    if meeting.online_url:
        where.append({"@type": "VirtualLocation", "url": meeting.online_url})
    return where


ATTENDANCE = {
    (True, False): "https://schema.org/OfflineEventAttendanceMode",
    (False, True): "https://schema.org/OnlineEventAttendanceMode",
    (True, True): "https://schema.org/MixedEventAttendanceMode",
}


def meeting_twins(council, meeting) -> dict:
    """A published meeting as a schema.org Event (drafts are announced by nothing)."""
    if not meeting.agenda_published_at:
        return {}
    slug = council.hromada.slug
    site = settings.SITE_URL.rstrip("/")
    data = {
        "@type": "Event",
        "name": f"{council.name}: {meeting}",
        "url": site + reverse("councils:meeting", args=[slug, meeting.number]),
        "startDate": meeting.starts_at,
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": {
            "@type": "GovernmentOrganization",
            "name": council.name,
            "url": site + reverse("councils:council", args=[slug]),
        },
    }
    if where := _location(meeting):
        data["location"] = where[0] if len(where) == 1 else where
        mode = ATTENDANCE[(bool(meeting.place), bool(meeting.online_url))]
        data["eventAttendanceMode"] = mode
    return {
        "alternates": [
            alternate(ICAL, reverse("councils:ical", args=[slug]), _("Meetings (iCalendar)")),
            alternate(JSON, f"/api/v1/council-meetings/{meeting.pk}", _("This meeting in the API")),
        ],
        "jsonld": jsonld(data),
    }
