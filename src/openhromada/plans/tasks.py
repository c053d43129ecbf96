"""Background work for plans: tell followers about progress and overdue milestones."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from openhromada.notifications.services import email_notifications, notify

from .models import Milestone


def _url(milestone: Milestone) -> str:
    commitment, plan = milestone.commitment, milestone.commitment.plan
    return reverse("plans:commitment", args=[plan.hromada.slug, plan.slug, commitment.number])


@task()
def notify_milestone_event(milestone_ids: list[int], event: str) -> int:
    """`event` is "progress" (a report, maybe a new status) or "overdue". Returns e-mails sent."""
    sent = 0
    for milestone in Milestone.objects.filter(pk__in=milestone_ids).select_related(
        "commitment__plan__hromada"
    ):
        commitment, plan = milestone.commitment, milestone.commitment.plan

        def message(m=milestone, c=commitment, p=plan):
            label = f"{c.number}.{m.number} {m.expected_output[:80]}"
            if event == "overdue":
                title = _("Milestone overdue: %(m)s") % {"m": label}
                body = _("The milestone was due on %(due)s and is not completed. Plan: %(plan)s.")
                return title, body % {"due": m.due_date.isoformat(), "plan": p.title}
            title = _("Progress reported: %(m)s") % {"m": label}
            body = _("New status: %(status)s, %(percent)d%%. Plan: %(plan)s.") % {
                "status": m.get_status_display(),
                "percent": m.percent,
                "plan": p.title,
            }
            return title, body

        sent += email_notifications(
            notify(
                objects=[plan, commitment],
                url=_url(milestone),
                message=message,
                about=[milestone, commitment, plan],
            )
        )
    return sent
