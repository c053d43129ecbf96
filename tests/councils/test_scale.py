"""The scale generator: a council per OGP Local hromada with 15–30 members and 2 years of
meetings, consistent with the rules the services enforce, and idempotent."""

import pytest
from django.db.models import F

from openhromada.councils.models import Council, Meeting, Membership, Motion, Vote
from openhromada.councils.scale import generate
from openhromada.places.models import Hromada

pytestmark = pytest.mark.django_db


def test_scale_councils_are_plausible_and_generated_once(client, django_assert_max_num_queries):
    hromadas = list(Hromada.objects.filter(slug__in=["lutska", "vinnytska"]))
    totals = generate(hromadas=hromadas, seed=3)
    assert totals["councils"] == 2 and totals["meetings"] == 48
    for council in Council.objects.all():
        members = council.memberships.count()
        assert 15 <= members <= 30
        assert council.memberships.filter(post="co_chair_executive").count() == 1
        sides = [m.side for m in Membership.objects.filter(council=council)]
        assert sides.count("public") > sides.count("government")
    counted = Motion.objects.annotate(
        total=F("yes_count") + F("no_count") + F("abstain_count") + F("absent_count")
    )
    for motion in counted[:50]:
        assert motion.total == motion.council.memberships.count()
        if motion.votes.exists():
            assert motion.votes.filter(option="yes").count() == motion.yes_count
    assert Vote.objects.exists()
    for meeting in Meeting.objects.all()[:5]:  # everyone's attendance is recorded
        assert meeting.attendance.count() == meeting.council.memberships.count()
        assert meeting.attendance.filter(present=True).exists()
    assert generate(hromadas=hromadas, seed=3)["councils"] == 0
    assert Meeting.objects.count() == 48
    with django_assert_max_num_queries(9):
        assert client.get("/hromady/lutska/council/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/hromady/lutska/council/decisions/?page=2").status_code == 200
