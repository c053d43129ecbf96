"""Residents follow plans and commitments and hear about progress and overdue milestones."""

import pytest
from django.core import mail

from openhromada.notifications.models import Follow, Notification
from openhromada.plans import services
from tests.factories import UserFactory
from tests.plans.fixtures import D, report

pytestmark = pytest.mark.django_db
BASE = "/hromady/khmelnytska/plans/2025-2026/"


def test_resident_follows_a_commitment_and_is_notified_of_progress(
    client, reporting, official, django_capture_on_commit_callbacks
):
    resident = UserFactory(display_name="Мешканка", preferred_language="uk")
    client.force_login(resident)
    response = client.post(BASE + "commitments/1/follow/", {"action": "follow"})
    assert response.status_code == 302
    assert Follow.objects.filter(user=resident).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        report(official, reporting, text="Готово", status="completed", percent=100)
    note = Notification.objects.get(user=resident)
    assert note.title.startswith("Звіт про виконання: 1.1")
    assert note.url == BASE + "commitments/1/" and note.emailed_at
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [resident.email]
    assert "виконано, 100%" in mail.outbox[0].body
    inbox = client.get("/accounts/notifications/").content.decode()
    assert "Звіт про виконання" in inbox
    assert 'Сповіщення <span class="badge">1' in client.get("/").content.decode()
    client.post("/accounts/notifications/read/")
    assert not Notification.objects.filter(user=resident, read_at__isnull=True).exists()


def test_plan_followers_hear_about_overdue_milestones_in_their_language(
    reporting, django_capture_on_commit_callbacks
):
    from openhromada.notifications.services import follow

    reader = UserFactory(preferred_language="en")
    follow(user=reader, obj=reporting.commitment.plan)
    with django_capture_on_commit_callbacks(execute=True):
        services.milestones_mark_overdue(today=D(2025, 7, 1))
    note = Notification.objects.get(user=reader)
    assert note.title.startswith("Milestone overdue: 1.1")
    assert mail.outbox[0].subject.startswith("[Open Hromada] Milestone overdue")


def test_each_follower_is_told_once_even_following_plan_and_commitment(
    reporting, official, django_capture_on_commit_callbacks
):
    from openhromada.notifications.services import follow

    reader = UserFactory()
    follow(user=reader, obj=reporting.commitment)
    follow(user=reader, obj=reporting.commitment.plan)
    with django_capture_on_commit_callbacks(execute=True):
        report(official, reporting)
    assert Notification.objects.filter(user=reader).count() == 1


def test_unfollow_stops_notifications(
    client, reporting, official, django_capture_on_commit_callbacks
):
    resident = UserFactory()
    client.force_login(resident)
    client.post(BASE + "follow/", {"action": "follow"})
    client.post(BASE + "follow/", {"action": "unfollow"})
    with django_capture_on_commit_callbacks(execute=True):
        report(official, reporting)
    assert not Notification.objects.exists()


def test_unconfirmed_users_cannot_follow(client, reporting):
    client.force_login(UserFactory(verified=False))
    response = client.post(BASE + "follow/", {"action": "follow"}, follow=True)
    assert "Підтвердьте адресу електронної пошти" in response.content.decode()
    assert not Follow.objects.exists()


def test_following_needs_sign_in_and_drafts_cannot_be_followed(client, plan):
    assert client.post(BASE + "follow/", {"action": "follow"}).status_code == 302
    client.force_login(UserFactory())
    assert client.post(BASE + "follow/", {"action": "follow"}).status_code == 404
    assert not Follow.objects.exists()


def test_inbox_is_private(client, reporting):
    owner = UserFactory()
    Notification.objects.create(user=owner, title="Приватне", url="/")
    client.force_login(UserFactory())
    assert "Приватне" not in client.get("/accounts/notifications/").content.decode()


def test_the_database_backend_queues_the_notification_for_the_worker(
    settings, reporting, official, django_capture_on_commit_callbacks
):
    """With the production backend the request only queues a row; the worker delivers it."""
    from django_tasks_db.models import DBTaskResult

    from openhromada.notifications.services import follow

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    reader = UserFactory()
    follow(user=reader, obj=reporting.commitment)
    with django_capture_on_commit_callbacks(execute=True):
        report(official, reporting)
    assert not Notification.objects.exists()  # queued, not yet delivered
    row = DBTaskResult.objects.get()
    assert row.task_path == "openhromada.plans.tasks.notify_milestone_event"
    row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])  # as the worker does
    assert Notification.objects.filter(user=reader).count() == 1
