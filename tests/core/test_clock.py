"""The demo's time machine (core.clock): what is written inside `travel` carries the story's
date — history entries, `auto_now` and `default=timezone.now` fields — the chain stays valid,
and the real clock comes back afterwards."""

import datetime as dt

import pytest
from django.utils import timezone

from openhromada.core import clock
from openhromada.core.history import record_create, verify_chain
from openhromada.notifications.models import Notification
from openhromada.participation.models import Proposal
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_inside_travel_now_is_the_story_s_date_and_after_it_the_real_one():
    day = dt.date(2025, 2, 12)
    with clock.travel(day) as start:
        assert timezone.localdate() == day
        first, second = timezone.now(), timezone.now()
        assert start <= first < second  # what happens in order stays in order
        story = timezone.localtime(Proposal._meta.get_field("created_at").get_default())
        assert story.date() == day
        user = UserFactory()
        note = Notification.objects.create(user=user, title="t", url="/")  # auto_now_add
        entry = record_create(actor=None, obj=note, fields=["title"])
    assert timezone.localtime(note.created_at).date() == day
    assert timezone.localtime(entry.created_at).date() == day
    assert verify_chain().ok
    assert timezone.localdate() != day
    after = timezone.localtime(Proposal._meta.get_field("created_at").get_default())
    assert after.date() == timezone.localdate()  # in Kyiv, as the day is (also near midnight)


def test_travel_never_writes_the_future_and_nests():
    with clock.travel(timezone.now() + dt.timedelta(days=30)) as start:
        assert start <= timezone.now() <= clock._real_now()
    with clock.travel(dt.date(2024, 9, 1)):
        with clock.travel(dt.date(2024, 10, 1)):
            assert timezone.localdate() == dt.date(2024, 10, 1)
        assert timezone.localdate() == dt.date(2024, 9, 1)
        assert Proposal._meta.get_field("created_at").get_default().date() == dt.date(2024, 9, 1)
    assert timezone.now() - clock._real_now() < dt.timedelta(seconds=1)
