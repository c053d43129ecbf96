"""Who may do what with a coordination council, and when — one permission per action, asked
alike by the services, the pages and the API (see core.permissions).

Editors: the council's secretary and co-chairs (through a current membership linked to their
account), officials of the hromada and operators. Members may also see draft agendas.
A meeting's record follows its course: the agenda is published once (with at least one item);
attendance and decisions are recorded after the meeting has happened; the minutes are published
once, after the agenda; and with the minutes the meeting's record is closed.
"""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _

from openhromada.accounts.predicates import (
    is_council_member_of,
    is_official_of,
    is_operator_or_admin,
)
from openhromada.core import permissions

from .lifecycle import OFFICER_POSTS
from .models import Council, Meeting, Membership


def _council(obj):
    """The council an object belongs to (a council, a meeting, an item, a membership…)."""
    if obj is None or isinstance(obj, Council):
        return obj
    for path in ("council", "meeting"):
        if hasattr(obj, path):
            return _council(getattr(obj, path))
    return None


def _posts(user, council) -> set[str]:
    """Posts the user holds today on the council through linked profiles (cached per request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or council is None:
        return set()
    cache = user.__dict__.setdefault("_council_posts", {})
    if council.pk not in cache:
        cache[council.pk] = set(
            Membership.objects.active_on(timezone.localdate())
            .filter(council=council, person__user=user)
            .values_list("post", flat=True)
        )
    return cache[council.pk]


@rules.predicate
def is_officer_of_council(user, obj) -> bool:
    """The council's secretary or a co-chair, today."""
    return bool(_posts(user, _council(obj)) & set(OFFICER_POSTS))


@rules.predicate
def is_member_of_council(user, obj) -> bool:
    """A current member through a linked profile, or holding the council-member role."""
    council = _council(obj)
    return council is not None and (
        bool(_posts(user, council)) or is_council_member_of(user, council.hromada)
    )


@rules.predicate
def is_official_of_council(user, obj) -> bool:
    council = _council(obj)
    return council is not None and is_official_of(user, council.hromada)


def _meeting(obj):
    """The meeting an object belongs to: a meeting, or one of its agenda items."""
    return obj if isinstance(obj, Meeting) else getattr(obj, "meeting", None)


@rules.predicate
def has_no_council(user, hromada) -> bool:
    return hromada is not None and not Council.objects.filter(hromada=hromada).exists()


@rules.predicate
def meeting_has_happened(user, obj) -> bool:
    meeting = _meeting(obj)
    return meeting is not None and meeting.has_happened


@rules.predicate
def agenda_is_published(user, obj) -> bool:
    meeting = _meeting(obj)
    return meeting is not None and meeting.agenda_published_at is not None


@rules.predicate
def agenda_has_items(user, obj) -> bool:
    meeting = _meeting(obj)
    return meeting is not None and meeting.items.exists()


@rules.predicate
def minutes_are_published(user, obj) -> bool:
    meeting = _meeting(obj)
    return meeting is not None and meeting.minutes_published_at is not None


can_edit = is_officer_of_council | is_official_of_council | is_operator_or_admin

EDITOR = permissions.who(can_edit)
NO_COUNCIL_YET = permissions.Condition(
    has_no_council, lambda u, o: _("This hromada already has a coordination council."), "exists"
)
RECORD_OPEN = permissions.Condition(
    ~minutes_are_published,
    lambda u, o: _("The minutes are published: the meeting's record is closed."),
    "closed",
)
HAPPENED = permissions.Condition(
    meeting_has_happened,
    lambda u, o: _("The meeting has not happened yet: attendance and votes come after."),
    "not_happened",
)
HAPPENED_FOR_MINUTES = permissions.Condition(
    meeting_has_happened,
    lambda u, o: _("The meeting has not happened yet: its minutes come after it."),
    "not_happened",
)
AGENDA_UNPUBLISHED = permissions.Condition(
    ~agenda_is_published, lambda u, o: _("The agenda is already published."), "published"
)
AGENDA_NOT_EMPTY = permissions.Condition(
    agenda_has_items,
    lambda u, o: _("Add at least one agenda item before publishing the agenda."),
    "empty",
)
AGENDA_PUBLISHED = permissions.Condition(
    agenda_is_published, lambda u, o: _("Publish the agenda first."), "agenda_unpublished"
)
MINUTES_UNPUBLISHED = permissions.Condition(
    ~minutes_are_published, lambda u, o: _("The minutes are already published."), "published"
)

# Setting up a council: officials of the hromada (the object is the hromada) and operators, once.
permissions.add(
    "councils.add_council", permissions.who(is_official_of | is_operator_or_admin), NO_COUNCIL_YET
)
# The council's details, its members and new meetings.
rules.add_perm("councils.change_council", can_edit)
# Linking a member's public profile to a platform account gives that account the post's rights:
# only officials and operators grant it, as they grant every other role.
rules.add_perm("councils.link_account", is_official_of_council | is_operator_or_admin)
# Draft agendas: editors and members.
rules.add_perm("councils.view_draft", can_edit | is_member_of_council)

# A meeting's record (the object is the meeting; the agenda and decision ones also take an item).
permissions.add("councils.change_meeting", EDITOR, RECORD_OPEN)  # its time and place
permissions.add("councils.change_agenda", EDITOR, RECORD_OPEN)  # add and edit agenda items
permissions.add("councils.publish_agenda", EDITOR, AGENDA_UNPUBLISHED, AGENDA_NOT_EMPTY)
permissions.add("councils.record_attendance", EDITOR, HAPPENED, RECORD_OPEN)
permissions.add("councils.record_motion", EDITOR, HAPPENED, RECORD_OPEN)
permissions.add(
    "councils.publish_minutes",
    EDITOR,
    HAPPENED_FOR_MINUTES,
    AGENDA_PUBLISHED,
    MINUTES_UNPUBLISHED,
)
