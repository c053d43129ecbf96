"""A published meeting's page describes it as a schema.org Event; calendar entries carry UIDs
that are unique to this deployment."""

import pytest
from icalendar import Calendar

from tests.councils.fixtures import meeting
from tests.twins import head_alternates, jsonld

pytestmark = pytest.mark.django_db


def test_meeting_page_is_a_schema_org_event(client, council, members, held, hromada):
    html = client.get(f"/hromady/{hromada.slug}/council/meetings/{held.number}/").content.decode()
    data = jsonld(html)
    assert data["@type"] == "Event" and data["startDate"].startswith(str(held.starts_at.date()))
    assert data["location"] == {"@type": "Place", "name": "Зала засідань"}
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["organizer"]["@type"] == "GovernmentOrganization"
    assert head_alternates(html)["text/calendar"] == f"/hromady/{hromada.slug}/council/meetings.ics"


def test_a_draft_meeting_is_announced_by_no_json_ld(client, official, council, hromada):
    draft = meeting(official, council, days_ago=-5, publish=False)
    client.force_login(official)
    html = client.get(f"/hromady/{hromada.slug}/council/meetings/{draft.number}/").content.decode()
    assert '"Event"' not in html


def test_calendar_uids_carry_the_sites_domain(client, settings, council, members, held, hromada):
    settings.SITE_URL = "https://gromada.example.org"
    body = client.get(f"/hromady/{hromada.slug}/council/meetings.ics").content
    uids = [str(e["uid"]) for e in Calendar.from_ical(body).walk("VEVENT")]
    assert uids == [f"council-{council.pk}-meeting-{held.pk}@gromada.example.org"]
