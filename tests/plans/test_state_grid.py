"""Role × action × plan state: "may they, now?" is one permission per action — who (an official
of the plan's hromada), when (the plan's state) and what (a plan to submit has commitments) — and
the services, the pages and the API answer alike from it, saying why when it is not now.

The expectations are written out below, cell by cell, not worked out from the rules."""

import re

import pytest
from django.core.exceptions import PermissionDenied

from openhromada.core import permissions
from openhromada.core.errors import ServiceError
from openhromada.plans import services
from openhromada.plans.models import ActionPlan, Commitment, Milestone
from tests.factories import actor_for
from tests.plans.fixtures import make_commitment, make_milestone, move, report

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "resident",
    "official",
    "official_elsewhere",
    "council_member",
    "monitor",
    "operator",
    "admin",
]
WRITERS = {"official"}  # officials of the plan's hromada write it; operators do not
# state → the moves that bring a new draft plan (with a commitment and a milestone) there
STATES = {
    "draft": [],
    "co_creation": ["co_creation"],
    "submitted": ["co_creation", "submitted"],
    "implementation": ["co_creation", "submitted", "implementation"],
    "completed": ["co_creation", "submitted", "implementation", "completed"],
    "withdrawn": ["withdrawn"],
    "co_creation_empty": ["co_creation"],  # the same, for a plan without commitments
}
# the status as the reason names it (Ukrainian)
STATUS_UK = {
    "draft": "чернетка",
    "co_creation": "спільне напрацювання",
    "submitted": "подано",
    "implementation": "виконання",
    "completed": "виконано",
    "withdrawn": "відкликано",
    "co_creation_empty": "спільне напрацювання",
}

OK = "allowed"
EDIT = ("plan_state", "дані можна редагувати лише під час підготовки")
WRITE = ("plan_state", "потім змінюють лише через внесення змін")
AMEND = ("plan_state", "редагуйте саме зобов’язання")
REPORT = ("plan_state", "про виконання звітують")
MOVE = ("plan_state", "План не може перейти")
EMPTY = ("empty", "Додайте хоча б одне зобов’язання")
S = ["draft", "co_creation", "submitted", "implementation", "completed", "withdrawn"]


def _row(*cells, empty=None):
    """One action's answers for an official, in the order of S (and for the empty plan)."""
    row = dict(zip(S, cells, strict=True))
    if empty is not None:
        row["co_creation_empty"] = empty
    return row


# permission → (what it is asked about, {state: OK or (code, what the reason says)})
EXPECTED = {
    "plans.change_actionplan": ("plan", _row(OK, OK, EDIT, EDIT, EDIT, EDIT, empty=OK)),
    "plans.add_commitment": ("plan", _row(OK, OK, WRITE, WRITE, WRITE, WRITE, empty=OK)),
    "plans.change_commitment": ("commitment", _row(OK, OK, WRITE, WRITE, WRITE, WRITE)),
    "plans.add_milestone": ("commitment", _row(OK, OK, WRITE, WRITE, WRITE, WRITE)),
    "plans.amend_commitment": ("commitment", _row(AMEND, AMEND, OK, OK, OK, OK)),
    "plans.report_progress": ("milestone", _row(REPORT, REPORT, OK, OK, REPORT, REPORT)),
    "plans.return_to_draft": ("plan", _row(MOVE, OK, MOVE, MOVE, MOVE, MOVE, empty=OK)),
    "plans.open_co_creation": ("plan", _row(OK, MOVE, MOVE, MOVE, MOVE, MOVE, empty=MOVE)),
    "plans.submit_actionplan": ("plan", _row(MOVE, OK, MOVE, MOVE, MOVE, MOVE, empty=EMPTY)),
    "plans.start_implementation": ("plan", _row(MOVE, MOVE, OK, MOVE, MOVE, MOVE, empty=MOVE)),
    "plans.complete_actionplan": ("plan", _row(MOVE, MOVE, MOVE, OK, MOVE, MOVE, empty=MOVE)),
    "plans.withdraw_actionplan": ("plan", _row(OK, OK, OK, OK, MOVE, MOVE, empty=OK)),
}
MOVE_TO = {
    "plans.return_to_draft": "draft",
    "plans.open_co_creation": "co_creation",
    "plans.submit_actionplan": "submitted",
    "plans.start_implementation": "implementation",
    "plans.complete_actionplan": "completed",
    "plans.withdraw_actionplan": "withdrawn",
}


@pytest.fixture
def world(request, plan, official):
    """The plan in the state the test is about, with its commitment and milestone (none for
    the empty plan), each read afresh."""
    state = request.node.callspec.params["state"]
    if state != "co_creation_empty":
        request.getfixturevalue("milestone")
    move(plan, official, *STATES[state])
    plan = ActionPlan.objects.select_related("hromada").get(pk=plan.pk)
    milestone = (
        Milestone.objects.select_related("commitment__plan__hromada").filter(commitment__plan=plan)
    ).first()
    return {
        "plan": plan,
        "commitment": milestone.commitment if milestone else None,
        "milestone": milestone,
    }


def _cells(state):
    """(permission, target kind, expected) for the actions that apply in `state`."""
    for perm, (kind, by_state) in EXPECTED.items():
        if state in by_state:
            yield perm, kind, by_state[state]


def _check_refusal(error, expected, state, where):
    code, says = expected
    assert isinstance(error, ServiceError), where
    assert error.code == code, where
    assert says in error.message, (where, error.message)
    if code == "plan_state":
        assert f"«{STATUS_UK[state]}»" in error.message, (where, error.message)


@pytest.mark.parametrize("state", list(STATES))
def test_each_role_may_act_on_the_plan_exactly_as_the_table_says(state, world, hromada, official):
    actors = {name: actor_for(name, hromada) for name in ROLES if name != "official"}
    actors["official"] = official
    for perm, kind, expected in _cells(state):
        target = world[kind]
        for name, actor in actors.items():
            actor = type(actor).objects.get(pk=actor.pk) if actor.pk else actor  # no caches
            where = (perm, state, name)
            allowed = name in WRITERS and expected == OK
            assert actor.has_perm(perm, target) is allowed, where
            if allowed:
                continue
            why = permissions.refusal(actor, perm, target)
            if name not in WRITERS:
                assert type(why) is PermissionDenied, where  # who: a 403
            else:
                _check_refusal(why, expected, state, where)  # when or what: a reason


def _act(perm, official, world):
    """Do the action through its service."""
    plan, commitment, milestone = world["plan"], world["commitment"], world["milestone"]
    if perm == "plans.change_actionplan":
        return services.plan_update(actor=official, plan=plan, title="Новий план")
    if perm == "plans.add_commitment":
        return make_commitment(official, plan, title="Ще одне")
    if perm == "plans.change_commitment":
        return services.commitment_update(actor=official, commitment=commitment, title="Інша")
    if perm == "plans.amend_commitment":
        return services.commitment_amend(
            actor=official, commitment=commitment, reason="Рішення ради", title="Інша"
        )
    if perm == "plans.add_milestone":
        return make_milestone(official, commitment, expected_output="Ще етап")
    if perm == "plans.report_progress":
        return report(official, milestone)
    return services.plan_transition(actor=official, plan=plan, to_status=MOVE_TO[perm])


@pytest.mark.parametrize(
    ("perm", "state"),
    [(perm, state) for perm, (_kind, by_state) in EXPECTED.items() for state in by_state],
)
def test_the_service_does_it_or_says_why_as_the_table_says(perm, state, world, official):
    expected = EXPECTED[perm][1][state]
    if expected == OK:
        assert _act(perm, official, world) is not None
        return
    with pytest.raises(ServiceError) as error:
        _act(perm, official, world)
    _check_refusal(error.value, expected, state, (perm, state))


@pytest.mark.parametrize("state", ["co_creation"])
@pytest.mark.parametrize("name", ["operator", "official_elsewhere", "council_member"])
def test_the_service_refuses_those_who_do_not_run_the_plan(name, state, world, hromada):
    actor = actor_for(name, hromada)
    with pytest.raises(PermissionDenied):
        _act("plans.change_actionplan", actor, world)
    with pytest.raises(PermissionDenied):
        _act("plans.submit_actionplan", actor, world)
    with pytest.raises(PermissionDenied):
        services.plan_transition(actor=actor, plan=world["plan"], to_status="nowhere")


def _page(client, plan, suffix=""):
    return client.get(f"/hromady/{plan.hromada.slug}/plans/{plan.slug}/{suffix}").content.decode()


@pytest.mark.parametrize("state", list(STATES))
def test_the_plan_page_offers_exactly_the_moves_the_table_allows(client, state, world, official):
    client.force_login(official)
    page = _page(client, world["plan"])
    select = re.search(r'<select id="t-to".*?</select>', page, re.S)
    offered = set(re.findall(r'<option value="(\w+)">', select.group(0))) if select else set()
    allowed = {to for perm, to in MOVE_TO.items() if EXPECTED[perm][1][state] == OK}
    assert offered == allowed
    assert ("plans/2025-2026/edit/" in page) is (
        EXPECTED["plans.change_actionplan"][1][state] == OK
    )
    # a move the state allows but the plan is not ready for is explained, not just missing
    assert ("Додайте хоча б одне зобов’язання" in page) is (state == "co_creation_empty")


@pytest.mark.parametrize("state", [s for s in STATES if s != "co_creation_empty"])
def test_the_commitment_page_offers_exactly_what_the_table_allows(client, state, world, official):
    client.force_login(official)
    page = _page(client, world["plan"], "commitments/1/")
    links = {
        "plans.change_commitment": "Редагувати зобов’язання",
        "plans.amend_commitment": "Внести зміну до зобов’язання",
        "plans.add_milestone": "commitments/1/milestones/new/",
        "plans.report_progress": "milestones/1/progress/",
    }
    for perm, marker in links.items():
        assert (marker in page) is (EXPECTED[perm][1][state] == OK), (perm, state)


@pytest.mark.parametrize(
    ("state", "suffix", "perm"),
    [
        ("submitted", "edit/", "plans.change_actionplan"),
        ("submitted", "commitments/new/", "plans.add_commitment"),
        ("implementation", "commitments/1/milestones/new/", "plans.add_milestone"),
        ("completed", "commitments/1/milestones/1/progress/", "plans.report_progress"),
        ("co_creation", "commitments/1/milestones/1/progress/", "plans.report_progress"),
    ],
)
def test_a_form_that_is_not_open_now_says_why(client, state, suffix, perm, world, official):
    client.force_login(official)
    response = client.get(f"/hromady/{world['plan'].hromada.slug}/plans/2025-2026/{suffix}")
    assert response.status_code == 400
    _code, says = EXPECTED[perm][1][state]
    assert says in response.content.decode()


@pytest.mark.parametrize("state", ["implementation", "completed"])
def test_the_api_reports_progress_or_says_why(client, state, world, official):
    from openhromada.opendata.tokens import token_create

    _token, plain = token_create(actor=official, name="t", scope="write")
    response = client.post(
        f"/api/v1/milestones/{world['milestone'].pk}/progress",
        {"date": "2025-03-01", "text": "Зроблено", "status": "in_progress", "percent": 20},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {plain}",
    )
    expected = EXPECTED["plans.report_progress"][1][state]
    if expected == OK:
        assert response.status_code == 201, response.content
    else:
        assert response.status_code == 400
        assert expected[1] in response.json()["detail"], response.json()
    assert Commitment.objects.count() == 1
