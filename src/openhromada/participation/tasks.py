"""Background work for participation: record a period's close on its end date; tell followers
about a response, a report or a close. One module for every sub-domain: a queued task is stored
by its import path, so these paths stay put."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task, task_backends

from openhromada.notifications.services import email_notifications, notify

from .models import Call, Consultation, Proposal


def _window(kind: str, pk: int):
    model = {"call": Call, "consultation": Consultation}[kind]
    return model.objects.filter(pk=pk).first()


@task()
def close_due(kind: str, pk: int) -> bool:
    """Queued for each call's and consultation's end date; a changed date queues it again."""
    from .windows import close_if_due  # noqa: PLC0415 - windows queues these tasks

    window = _window(kind, pk)
    return window is not None and close_if_due(window)


def schedule_close(kind: str, pk: int, when) -> None:
    """Queue `close_due` for the end date, where the task backend can defer (the database one
    can); elsewhere the period still closes on time, as `is_open` reads the dates."""
    if task_backends["default"].supports_defer:
        close_due.using(run_after=when).enqueue(kind, pk)


@task()
def notify_closed(kind: str, pk: int) -> int:
    window = _window(kind, pk)
    if window is None:
        return 0
    url = reverse(f"participation:{kind}", args=[pk])

    def message():
        return _("Closed: %(title)s") % {"title": window.title}, window.closed_reason or _(
            "The period for contributions has ended."
        )

    return email_notifications(notify(objects=[window], url=url, message=message))


@task()
def notify_response(proposal_id: int) -> int:
    proposal = Proposal.objects.filter(pk=proposal_id).first()
    if proposal is None:
        return 0

    def message():
        title = _("Response to the proposal “%(title)s”: %(response)s") % {
            "title": proposal.title,
            "response": proposal.get_response_display(),
        }
        return title, proposal.response_reason

    url = reverse("participation:proposal", args=[proposal.pk])
    return email_notifications(notify(objects=[proposal], url=url, message=message))


@task()
def notify_report(consultation_id: int) -> int:
    consultation = Consultation.objects.filter(pk=consultation_id).first()
    if consultation is None:
        return 0

    def message():
        title = _("Consultation report published: %(title)s") % {"title": consultation.title}
        return title, consultation.report[:1000]

    url = reverse("participation:report", args=[consultation.pk])
    return email_notifications(notify(objects=[consultation], url=url, message=message))
