"""Role × action × meeting state: "may they, now?" is one permission per action — who (the
council's secretary or co-chairs, officials of the hromada, operators), when (before or after the
meeting, agenda or minutes published) and what (an agenda with items) — and the services, the
meeting page and the forms answer alike from it, saying why when it is not now.

The expectations are written out below, cell by cell, not worked out from the rules."""

import pytest
from django.core.exceptions import PermissionDenied

from openhromada.core import permissions
from openhromada.core.errors import ServiceError
from openhromada.councils import services
from openhromada.councils.lifecycle import Result
from openhromada.councils.models import AgendaItem, Council, Meeting
from tests.councils.fixtures import SINCE, meeting
from tests.factories import actor_for

from .test_rules import make_actor

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "official",
    "official_elsewhere",
    "council_member",  # the council-member role: sees drafts, edits nothing
    "linked_member",  # an ordinary member through a linked profile: the same
    "secretary",
    "operator",
    "admin",
]
EDITORS = {"official", "secretary", "operator", "admin"}
# state → (days since the meeting (negative: before it), agenda items, agenda published,
# minutes published)
STATES = {
    "scheduled_empty": (-5, (), False, False),
    "scheduled": (-5, ("Питання",), False, False),
    "announced": (-5, ("Питання",), True, False),
    "held_unannounced": (3, ("Питання",), False, False),
    "held": (3, ("Питання",), True, False),
    "closed": (3, ("Питання",), True, True),
}

OK = "allowed"
CLOSED = ("closed", "запис про засідання закрито")
NOT_YET = ("not_happened", "ще не відбулося")
EMPTY = ("empty", "Додайте хоча б одне питання")
AGENDA_DONE = ("published", "Порядок денний уже оприлюднено")
AGENDA_FIRST = ("agenda_unpublished", "Спершу оприлюдніть порядок денний")
MINUTES_DONE = ("published", "Протокол уже оприлюднено")
S = list(STATES)


def _row(*cells):
    return dict(zip(S, cells, strict=True))


# permission → {state: OK or (code, what the reason says)}, in the order of STATES:
#       scheduled_empty, scheduled, announced, held_unannounced, held, closed
EXPECTED = {
    "councils.change_meeting": _row(OK, OK, OK, OK, OK, CLOSED),
    "councils.change_agenda": _row(OK, OK, OK, OK, OK, CLOSED),
    "councils.publish_agenda": _row(EMPTY, OK, AGENDA_DONE, OK, AGENDA_DONE, AGENDA_DONE),
    "councils.record_attendance": _row(NOT_YET, NOT_YET, NOT_YET, OK, OK, CLOSED),
    "councils.record_motion": _row(NOT_YET, NOT_YET, NOT_YET, OK, OK, CLOSED),
    "councils.publish_minutes": _row(NOT_YET, NOT_YET, NOT_YET, AGENDA_FIRST, OK, MINUTES_DONE),
}


def _in_state(official, council, state) -> Meeting:
    days, items, agenda, minutes = STATES[state]
    made = meeting(official, council, days_ago=days, publish=agenda, items=items)
    if minutes:
        services.minutes_publish(actor=official, meeting=made, minutes_text="Протокол")
    return Meeting.objects.select_related("council__hromada").get(pk=made.pk)


def _actors(official, council, hromada):
    actors = {name: make_actor(name, official, council, hromada) for name in ROLES}
    return {
        name: type(actor).objects.get(pk=actor.pk) if actor.pk else actor  # no cached roles
        for name, actor in actors.items()
    }


def _check_refusal(error, expected, where):
    code, says = expected
    assert isinstance(error, ServiceError), where
    assert error.code == code, where
    assert says in error.message, (where, error.message)


@pytest.mark.parametrize("state", S)
def test_each_role_may_act_on_the_meeting_exactly_as_the_table_says(
    state, official, council, hromada
):
    actors = _actors(official, council, hromada)
    made = _in_state(official, council, state)
    for perm, by_state in EXPECTED.items():
        expected = by_state[state]
        for name, actor in actors.items():
            where = (perm, state, name)
            allowed = name in EDITORS and expected == OK
            assert actor.has_perm(perm, made) is allowed, where
            if allowed:
                continue
            why = permissions.refusal(actor, perm, made)
            if name not in EDITORS:
                assert type(why) is PermissionDenied, where  # who: a 403
            else:
                _check_refusal(why, expected, where)  # when or what: a reason


def _act(perm, actor, made):
    """Do the action through its service."""
    if perm == "councils.change_meeting":
        return services.meeting_update(actor=actor, meeting=made, place="Інша зала")
    if perm == "councils.change_agenda":
        return services.agenda_item_create(actor=actor, meeting=made, title="Ще питання")
    if perm == "councils.publish_agenda":
        return services.meeting_publish_agenda(actor=actor, meeting=made)
    if perm == "councils.record_attendance":
        return services.attendance_record(actor=actor, meeting=made, present=[])
    if perm == "councils.record_motion":
        item = made.items.first() or AgendaItem(meeting=made, number=1)  # none: not saved
        return services.motion_record(
            actor=actor, item=item, text="Прийняти до відома", result=Result.NOT_VOTED
        )
    return services.minutes_publish(actor=actor, meeting=made, minutes_text="Протокол")


@pytest.mark.parametrize(("perm", "state"), [(perm, state) for perm in EXPECTED for state in S])
def test_the_service_does_it_or_says_why_as_the_table_says(perm, state, official, council):
    made = _in_state(official, council, state)
    expected = EXPECTED[perm][state]
    if expected == OK:
        assert _act(perm, official, made) is not None
        return
    with pytest.raises(ServiceError) as error:
        _act(perm, official, made)
    _check_refusal(error.value, expected, (perm, state))


@pytest.mark.parametrize("perm", list(EXPECTED))
@pytest.mark.parametrize("name", ["council_member", "linked_member", "official_elsewhere"])
def test_the_service_refuses_those_who_do_not_keep_the_record(
    name, perm, official, council, hromada
):
    state = next(s for s in S if EXPECTED[perm][s] == OK)  # only *who* stops them
    actor = make_actor(name, official, council, hromada)
    made = _in_state(official, council, state)
    with pytest.raises(PermissionDenied):
        _act(perm, actor, made)


# what each action is on the meeting page: its form's address or its button's
OFFERED = {
    "councils.change_meeting": "/edit/",
    "councils.change_agenda": "/items/new/",
    "councils.publish_agenda": "/publish/",
    "councils.record_attendance": "/attendance/",
    "councils.record_motion": "/decision/",
    "councils.publish_minutes": "/minutes/",
}


@pytest.mark.parametrize("state", S)
@pytest.mark.parametrize("name", ["official", "secretary", "council_member"])
def test_the_meeting_page_offers_exactly_what_the_table_allows(
    client, name, state, official, council, hromada
):
    user = make_actor(name, official, council, hromada)
    made = _in_state(official, council, state)
    client.force_login(user)
    page = client.get(f"/hromady/{hromada.slug}/council/meetings/{made.number}/")
    assert page.status_code == 200
    body = page.content.decode()
    base = f"/council/meetings/{made.number}"
    for perm, path in OFFERED.items():
        expected = name in EDITORS and EXPECTED[perm][state] == OK
        if perm == "councils.record_motion" and not made.items.exists():
            expected = False  # offered on each agenda item: none to offer it on
        where = f"{base}/items/1{path}" if perm == "councils.record_motion" else f'{base}{path}"'
        assert (where in body) is expected, (perm, state, name)


FORMS = {
    "councils.change_meeting": "edit/",
    "councils.change_agenda": "items/new/",
    "councils.record_attendance": "attendance/",
    "councils.record_motion": "items/1/decision/",
    "councils.publish_minutes": "minutes/",
}


@pytest.mark.parametrize(
    ("perm", "state"),
    # a decision is recorded on an agenda item: none on an empty agenda
    [(p, s) for p in FORMS for s in S if STATES[s][1] or p != "councils.record_motion"],
)
def test_a_form_answers_as_the_table_says(client, perm, state, official, council, hromada):
    made = _in_state(official, council, state)
    url = f"/hromady/{hromada.slug}/council/meetings/{made.number}/{FORMS[perm]}"
    client.force_login(actor_for("council_member", hromada))
    assert client.get(url).status_code == 403
    client.force_login(official)
    response = client.get(url)
    expected = EXPECTED[perm][state]
    if expected == OK:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert expected[1] in response.content.decode()


@pytest.mark.parametrize("name", ["official", "operator", "admin", "resident", "council_member"])
def test_a_council_is_set_up_once(name, hromada, official):
    user = official if name == "official" else actor_for(name, hromada)
    may = name in {"official", "operator", "admin"}
    assert user.has_perm("councils.add_council", hromada) is may  # no council yet
    services.council_create(actor=official, hromada=hromada, name="Рада", term_start=SINCE)
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("councils.add_council", hromada)
    why = permissions.refusal(user, "councils.add_council", hromada)
    if may:
        assert isinstance(why, ServiceError) and "вже має координаційну раду" in why.message
        with pytest.raises(ServiceError):
            services.council_create(actor=user, hromada=hromada, name="Друга", term_start=SINCE)
    else:
        assert type(why) is PermissionDenied
    assert Council.objects.filter(hromada=hromada).count() == 1
