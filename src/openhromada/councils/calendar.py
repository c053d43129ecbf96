"""The council's public meetings as an iCalendar feed (RFC 5545), for any calendar app."""

import datetime as dt

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from icalendar import Calendar, Event

from openhromada.core.withholding import for_request

from .selectors import get_council

MEETING_LENGTH = dt.timedelta(hours=2)  # the calendar needs an end; councils rarely record one


def meetings_ics(request, hromada_slug):
    council = get_council(hromada_slug)
    site = settings.SITE_URL.rstrip("/")
    calendar = Calendar()
    calendar.add("prodid", "-//Open Hromada//Coordination councils//UK")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", council.name)
    calendar.add("x-wr-timezone", "Europe/Kyiv")
    withheld = for_request(request)
    meetings = withheld.exclude(council.meetings.published()).prefetch_related("items")
    for meeting in meetings.order_by("starts_at"):
        withheld.redact(meeting)
        url = site + reverse("councils:meeting", args=[council.hromada.slug, meeting.number])
        event = Event()
        event.add("uid", f"council-{council.pk}-meeting-{meeting.pk}@openhromada")
        event.add("dtstamp", meeting.updated_at)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + MEETING_LENGTH)
        event.add("summary", f"{council.name}: {meeting}")
        event.add(
            "description",
            "\n".join(str(withheld.redact(i)) for i in withheld.keep(meeting.items.all()))
            + f"\n\n{url}",
        )
        event.add("location", meeting.place or meeting.online_url)
        event.add("url", url)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{council.hromada.slug}-council.ics"'
    return response
