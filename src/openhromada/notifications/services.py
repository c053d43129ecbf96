"""Following objects, and turning events into notifications and e-mails (run as a task)."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from openhromada.core import visibility
from openhromada.core.text import clean_text, one_line
from openhromada.core.withholding import active

from .models import Follow, Notification


def follow(*, user, obj: models.Model) -> Follow:
    if not user.has_perm("core.participate"):
        raise PermissionDenied
    ct = ContentType.objects.get_for_model(obj)
    return Follow.objects.get_or_create(user=user, content_type=ct, object_id=obj.pk)[0]


def unfollow(*, user, obj: models.Model) -> None:
    ct = ContentType.objects.get_for_model(obj)
    Follow.objects.filter(user=user, content_type=ct, object_id=obj.pk).delete()


def is_following(user, obj: models.Model) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    ct = ContentType.objects.get_for_model(obj)
    return Follow.objects.filter(user=user, content_type=ct, object_id=obj.pk).exists()


def followers(objects: Iterable[models.Model]):
    """Users following any of the objects, each once."""
    condition = Q(pk__in=[])
    for obj in objects:
        ct = ContentType.objects.get_for_model(obj)
        condition |= Q(content_type=ct, object_id=obj.pk)
    user_ids = Follow.objects.filter(condition).values_list("user_id", flat=True)
    return get_user_model().objects.filter(pk__in=user_ids, is_active=True)


@transaction.atomic
def notify(
    *,
    objects: Iterable[models.Model],
    url: str,
    message: Callable[[], tuple[str, str]],
    about: Iterable[models.Model] | None = None,
) -> list[Notification]:
    """Notify every follower of `objects`; `message()` is called in each reader's language.

    `about`: the records the message reads (by default `objects`). A message is public text
    sent out of the platform, so it obeys the one visibility rule: nothing is sent about a
    record that is not public (a draft plan's, a withheld meeting's), and withheld fields are
    blanked in the records before `message()` reads them (a meeting place withheld for the
    participants' safety is never e-mailed)."""
    objects = list(objects)
    withheld = active()
    for record in objects if about is None else list(about):
        if not visibility.is_visible(record, withheld):
            return []
        withheld.redact(record)
    created = []
    for user in followers(objects):
        with translation.override(user.preferred_language):
            title, body = message()
            # one line for the subject, whatever the record's text holds (a line break in a
            # subject makes Django refuse the e-mail)
            title, body = one_line(str(title))[:300], clean_text(str(body))
            created.append(Notification(user=user, title=title, body=body, url=url))
    Notification.objects.bulk_create(created)
    return created


def email_notifications(notifications: Iterable[Notification]) -> int:
    """Send each notification to its user by e-mail (in their language) and mark it sent."""
    sent = 0
    site = settings.SITE_URL.rstrip("/")
    for notification in notifications:
        user = notification.user
        with translation.override(user.preferred_language):
            context = {
                "title": one_line(notification.title),  # also for notifications stored before
                "body": clean_text(notification.body),
                "link": site + notification.url,
                "inbox": site + reverse("notifications:inbox"),
            }
            subject = render_to_string("notifications/email/notification_subject.txt", context)
            text = render_to_string("notifications/email/notification_message.txt", context)
            send_mail(
                one_line(subject),
                clean_text(text),
                settings.DEFAULT_FROM_EMAIL,
                [user.email],
            )
        sent += 1
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )
    return sent


def mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
