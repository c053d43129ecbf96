"""The council's iCalendar feed stays valid whatever text is stored: RFC 5545 allows no control
characters in text, and calendar apps drop a feed that has them (issue 12)."""

import pytest
from icalendar import Calendar

from tests.councils.fixtures import meeting
from tests.factories.hostile import has_control, hostile, store_raw

pytestmark = pytest.mark.django_db


def test_calendar_feed_with_stored_control_characters(client, official, council, hromada):
    made = meeting(official, council, days_ago=-10, items=("Порядок",))
    store_raw(council, name=hostile("Координаційна рада"))
    store_raw(made, place=hostile("Зала засідань"))
    store_raw(made.items.get(), title="Бюджет\x0bучасті\x1b[0m")
    response = client.get(f"/hromady/{hromada.slug}/council/meetings.ics")
    assert response.status_code == 200
    assert not has_control(response.content.decode().replace("\r\n", "\n"))
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]
    assert "Бюджет\nучасті[0m" in str(event["DESCRIPTION"])
    assert str(event["LOCATION"]).startswith("Зала") and "Коорд" in str(calendar["X-WR-CALNAME"])
