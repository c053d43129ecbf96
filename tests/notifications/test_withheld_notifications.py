"""Notifications are public text sent out of the platform: they obey the visibility rule. A
meeting place withheld for the participants' safety is never e-mailed, and nothing is sent
about a record the public may not see (a milestone of a plan moved back to draft)."""

import pytest
from django.core import mail

from openhromada.core.withholding import withholding_create
from openhromada.councils.tasks import notify_meeting_event
from openhromada.notifications.models import Notification
from openhromada.notifications.services import follow
from openhromada.plans.tasks import notify_milestone_event
from tests.councils.fixtures import meeting
from tests.factories import UserFactory, actor_for

pytestmark = pytest.mark.django_db
PLACE = "Укриття на вул. Таємничій, 7"


@pytest.fixture
def operator(hromada):
    return actor_for("operator", hromada)


def test_a_withheld_meeting_place_is_not_e_mailed(official, council, operator):
    reader = UserFactory()
    follow(user=reader, obj=council)
    made = meeting(official, council, days_ago=-7)
    made.place = PLACE
    made.save(update_fields=["place"])
    withholding_create(actor=operator, obj=made, field="place", reason="Безпека учасників")
    notify_meeting_event.call(made.pk, "agenda")
    sent = " ".join(m.subject + m.body for m in mail.outbox)
    assert mail.outbox and "Таємничій" not in sent
    assert "Таємничій" not in " ".join(n.body for n in Notification.objects.all())


def test_the_place_is_e_mailed_while_it_is_public(official, council):
    reader = UserFactory()
    follow(user=reader, obj=council)
    made = meeting(official, council, days_ago=-7)
    made.place = PLACE
    made.save(update_fields=["place"])
    notify_meeting_event.call(made.pk, "agenda")
    assert "Таємничій" in " ".join(m.body for m in mail.outbox)


def test_nothing_is_sent_about_a_draft_plans_milestone(official, plan, milestone):
    reader = UserFactory()
    follow(user=reader, obj=milestone.commitment)
    assert plan.status == "draft"
    assert notify_milestone_event.call([milestone.pk], "overdue") == 0
    assert not mail.outbox and not Notification.objects.exists()
