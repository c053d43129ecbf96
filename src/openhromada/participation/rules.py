"""Who may do what in co-creation and consultations — HTML views and the API check these names.

Residents with a verified e-mail contribute unless a moderator blocked them (in this hromada or
everywhere); officials of the hromada and operators run calls and consultations, answer and
moderate. Authors edit their own proposal until it has a response.
"""

import rules
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openhromada.accounts.predicates import is_official_of, is_operator_or_admin, is_verified
from openhromada.core import permissions, visibility
from openhromada.core.withholding import for_user
from openhromada.places.models import Hromada

from .models import Block, Call, Comment, Proposal, Section


def hromada_of(obj):
    """The hromada a participation object belongs to (a hromada, plan, call, proposal, …)."""
    if obj is None or isinstance(obj, Hromada):
        return obj
    if isinstance(obj, Comment):
        return hromada_of(obj.proposal if obj.proposal_id else obj.section)
    if isinstance(obj, Proposal):
        return obj.call.hromada
    if isinstance(obj, Section):
        return obj.consultation.hromada
    return getattr(obj, "hromada", None)


def _blocked_in(user) -> set:
    """Hromada ids the user is blocked in (None = everywhere), read once per request."""
    cached = getattr(user, "_participation_blocks", None)
    if cached is None:
        cached = set(
            Block.objects.filter(user=user, lifted_at__isnull=True).values_list(
                "hromada_id", flat=True
            )
        )
        user._participation_blocks = cached
    return cached


@rules.predicate
def is_blocked(user, obj) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    blocks = _blocked_in(user)
    if not blocks:
        return False
    hromada = hromada_of(obj)
    return None in blocks or (hromada is not None and hromada.pk in blocks)


@rules.predicate
def runs_it(user, obj) -> bool:
    """An official of the object's hromada."""
    hromada = hromada_of(obj)
    return hromada is not None and is_official_of(user, hromada)


@rules.predicate
def is_author(user, obj) -> bool:
    return getattr(obj, "author_id", None) == user.pk


@rules.predicate
def is_unanswered(_user, proposal) -> bool:
    return not proposal.response and proposal.withdrawn_at is None


can_run = runs_it | is_operator_or_admin
can_contribute = is_verified & ~is_blocked

rules.add_perm("participation.add_call", can_run)  # the object is the plan
rules.add_perm("participation.change_call", can_run)
rules.add_perm("participation.respond", can_run)
rules.add_perm("participation.contribute", can_contribute)
rules.add_perm("participation.add_consultation", can_run)  # the object is the hromada
rules.add_perm("participation.change_consultation", can_run)
rules.add_perm("participation.moderate", can_run)
# Blocking everywhere (no hromada) is for operators only; officials block in their hromada.
rules.add_perm("participation.block_everywhere", is_operator_or_admin)


# --- "may they, now?": who, when and what in one permission per action --------------------


def window_of(obj):
    """The open period an object's contributions fall in: a call's, or a consultation's."""
    if isinstance(obj, Proposal):
        return obj.call
    if isinstance(obj, Section):
        return obj.consultation
    return obj  # a call or a consultation


@rules.predicate
def window_is_open(user, obj) -> bool:
    return window_of(obj).is_open()


@rules.predicate
def is_public(user, obj) -> bool:
    """The call or consultation it lives in is public (not in a draft plan, not withheld, a
    consultation published)."""
    return visibility.is_visible(window_of(obj), for_user(user))


@rules.predicate
def is_available(user, obj) -> bool:
    """A proposal still takes supports and comments: not withdrawn, not hidden."""
    return not isinstance(obj, Proposal) or not (obj.is_withdrawn or obj.is_hidden)


@rules.predicate
def is_not_own(user, obj) -> bool:
    return getattr(obj, "author_id", None) != user.pk


# as the pages show a time («10 вересня 2026, 18:01»), in the language of the page
PAGE_DATETIME = "j E Y, H:i"


def _closed_reason(user, obj) -> str:
    window = window_of(obj)
    call = isinstance(window, Call)
    if not window.has_started:
        opens = date_format(timezone.localtime(window.opens_at), PAGE_DATETIME)
        if call:
            return _("The call opens on %(opens)s; proposals are not accepted yet.") % {
                "opens": opens
            }
        return _("The consultation opens on %(opens)s; comments are not accepted yet.") % {
            "opens": opens
        }
    closes = date_format(timezone.localtime(window.closed_at or window.closes_at), PAGE_DATETIME)
    if call:
        return _("The call closed on %(closes)s; contributions are no longer accepted.") % {
            "closes": closes
        }
    return _("The consultation closed on %(closes)s; comments are no longer accepted.") % {
        "closes": closes
    }


# what is not public (a draft plan's call, an unpublished consultation) does not exist for
# contributions: a plain refusal, as its page is a 404
PUBLIC = permissions.Condition(is_public)
OPEN = permissions.Condition(window_is_open, _closed_reason, "closed")
SUPPORTABLE = permissions.Condition(
    is_available, lambda u, o: _("This proposal can no longer be supported."), "unavailable"
)
COMMENTABLE = permissions.Condition(
    is_available, lambda u, o: _("This proposal no longer takes comments."), "unavailable"
)
NOT_OWN = permissions.Condition(
    is_not_own, lambda u, o: _("You cannot support your own proposal."), "own"
)
RESIDENT = permissions.who(can_contribute)

permissions.add("participation.submit_proposal", RESIDENT, PUBLIC, OPEN)  # on the call
permissions.add("participation.support_proposal", RESIDENT, PUBLIC, OPEN, SUPPORTABLE, NOT_OWN)
permissions.add("participation.unsupport_proposal", RESIDENT, PUBLIC, OPEN, SUPPORTABLE)
# on a proposal or a consultation's section
permissions.add("participation.comment", RESIDENT, PUBLIC, OPEN, COMMENTABLE)
permissions.add("participation.answer_survey", RESIDENT, PUBLIC, OPEN)  # on the consultation


@rules.predicate
def content_is_public(user, obj) -> bool:
    """The proposal or comment itself is public: not hidden, nor in anything not public."""
    return visibility.is_visible(obj, for_user(user))


@rules.predicate
def is_shown(_user, obj) -> bool:
    return obj.hidden_at is None


# The author edits or withdraws their proposal until it has a response — and not once a
# moderator hid it: what would be shown again on restoring is what the moderator read.
OWN = permissions.who(is_author)
UNANSWERED = permissions.Condition(
    is_unanswered,
    lambda u, o: _("A proposal with a response, or withdrawn, can no longer be changed."),
    "answered",
)
SHOWN = permissions.Condition(
    is_shown,
    lambda u, o: _("A moderator hid this proposal: it can no longer be changed."),
    "hidden",
)
permissions.add("participation.change_proposal", RESIDENT, OWN, SHOWN, UNANSWERED)
permissions.add("participation.withdraw_proposal", RESIDENT, OWN, SHOWN, UNANSWERED)


# Reporting shows the content reported: only what the public may read (a 404 otherwise).
permissions.add("participation.report_abuse", RESIDENT, permissions.Condition(content_is_public))
