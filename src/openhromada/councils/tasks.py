"""Background work for councils: tell followers of a council about new agendas and minutes."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from openhromada.notifications.services import email_notifications, notify

from .models import Meeting


@task()
def notify_meeting_event(meeting_id: int, event: str) -> int:
    """`event` is "agenda" (published) or "minutes" (published). Returns e-mails sent."""
    meeting = Meeting.objects.select_related("council__hromada").filter(pk=meeting_id).first()
    if meeting is None:
        return 0
    council = meeting.council
    url = reverse("councils:meeting", args=[council.hromada.slug, meeting.number])

    def message():
        when = timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y %H:%M")
        if event == "minutes":
            title = _("Minutes published: %(council)s, meeting no. %(n)d")
        else:
            title = _("Agenda published: %(council)s, meeting no. %(n)d on %(when)s")
        body = _("%(items)d agenda items. Place: %(place)s.") % {
            "items": meeting.items.count(),
            "place": meeting.place or meeting.online_url,
        }
        return title % {"council": council.name, "n": meeting.number, "when": when}, body

    return email_notifications(notify(objects=[council], url=url, message=message, about=[meeting]))
