"""E-mails to followers go out whatever text the record holds: a line break in a subject made
Django refuse the message (BadHeaderError) and stopped every e-mail after it (issue 12)."""

import pytest
from django.core import mail

from openhromada.notifications.models import Notification
from openhromada.notifications.services import email_notifications, follow
from tests.factories import UserFactory
from tests.factories.hostile import has_control, hostile, store_raw
from tests.plans.fixtures import report

pytestmark = pytest.mark.django_db


def test_a_multi_line_milestone_still_reaches_its_followers(
    reporting, official, django_capture_on_commit_callbacks
):
    first, second = UserFactory(), UserFactory()
    for reader in (first, second):
        follow(user=reader, obj=reporting.commitment)
    store_raw(reporting, expected_output=hostile("Портал\r\nвідкритих даних"))
    with django_capture_on_commit_callbacks(execute=True):
        report(official, reporting, text="Готово", status="completed", percent=100)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.email, second.email])
    for message in mail.outbox:
        assert "\n" not in message.subject and not has_control(message.subject)
        assert "Портал" in message.subject and not has_control(message.body)
    note = Notification.objects.filter(user=first).get()
    assert "\n" not in note.title and not has_control(note.title)


def test_stored_notifications_with_line_breaks_are_e_mailed(db):
    reader = UserFactory()
    note = Notification.objects.create(user=reader, title="t", body="b", url="/")
    store_raw(note, title=hostile("Звіт\nпро виконання"), body=hostile("Текст"))
    assert email_notifications([note]) == 1
    message = mail.outbox[0]
    assert message.subject.split("] ", 1)[1].startswith("Звіт") and "\n" not in message.subject
    assert not has_control(message.subject) and not has_control(message.body)
