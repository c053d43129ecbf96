"""The council's public meetings as an iCalendar feed (RFC 5545), for any calendar app."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from icalendar import Calendar, Event

from openhromada.core.text import clean_text, one_line
from openhromada.core.withholding import for_request

from .selectors import get_council

MEETING_LENGTH = dt.timedelta(hours=2)  # the calendar needs an end; councils rarely record one


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def meetings_ics(request, hromada_slug):
    council = get_council(hromada_slug)
    site = settings.SITE_URL.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//Open Hromada//Coordination councils//UK")
    calendar.add("version", "2.0")
    # text without control characters, which RFC 5545 does not allow, whatever is stored (and
    # names on one line: icalendar writes X- properties unescaped)
    calendar.add("x-wr-calname", one_line(council.name))
    calendar.add("x-wr-timezone", "Europe/Kyiv")
    withheld = for_request(request)
    meetings = withheld.exclude(council.meetings.published()).prefetch_related("items")
    for meeting in meetings.order_by("starts_at"):
        withheld.redact(meeting)
        url = site + reverse("councils:meeting", args=[council.hromada.slug, meeting.number])
        event = Event()
        # RFC 5545 wants UIDs unique worldwide: the site's domain keeps two deployments apart
        event.add("uid", f"council-{council.pk}-meeting-{meeting.pk}@{_domain()}")
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", one_line(f"{council.name}: {meeting}"))
        event.add(
            "description",
            clean_text(
                "\n".join(str(withheld.redact(i)) for i in withheld.keep(meeting.items.all()))
            )
            + f"\n\n{url}",
        )
        event.add("location", one_line(meeting.place or meeting.online_url))
        event.add("url", url)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{council.hromada.slug}-council.ics"'
    return response
