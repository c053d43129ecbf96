"""A home for each role: what waits for the person, gathered from the apps' selectors.

Each section is a selector of the app that owns the records (a QuerySet, or a short list for
the few derived ones), shown bounded — at most `LIMIT` rows and the total — so the page costs
the same number of queries whatever the person has on their plate; a longer list has its own
paginated page (`/my/<key>/`). Which sections a person sees follows their roles: officials see
their hromadas' work, council members and secretaries their councils' meetings, moderators the
queue, monitors their assignments and the assessments due, network coordinators their networks'
applications, assignments and reports to publish, and everyone signed in what they put in and
what they follow.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from openhromada.accounts.models import Role
from openhromada.core.history_display import describe
from openhromada.core.withholding import for_request
from openhromada.councils import selectors as councils
from openhromada.monitoring.models import MonitoringNetwork
from openhromada.monitoring.selectors import homes as monitoring
from openhromada.notifications import selectors as notifications
from openhromada.opendata.history_data import public_entry_objects
from openhromada.opendata.links import page_urls
from openhromada.participation.calls import selectors as calls
from openhromada.participation.comments import selectors as comments
from openhromada.participation.consultations import selectors as consultations
from openhromada.participation.moderation.selectors import open_reports
from openhromada.places.models import Hromada
from openhromada.plans import selectors as plans

LIMIT = 20  # rows a section shows on the home; the rest are on its own page

OFFICIAL, COUNCIL, RESIDENT = "official", "council", "resident"
MONITOR, COORDINATOR = "monitor", "coordinator"
ROWS = "portal/_my_rows.html"
MONITORING_ROWS = "portal/_my_monitoring_rows.html"


@dataclass(frozen=True)
class Spec:
    """One section: who sees it (`group`), its heading, what it says when empty, its rows (a
    QuerySet of the owning app's selector, from the request), how loaded rows are completed
    for showing (deadlines, what is new), and the template that shows its rows."""

    key: str
    group: str
    title: Any
    empty: Any
    rows: Callable[[Any], Any]
    complete: Callable[[list, Any], list] = lambda items, request: items
    template: str = ROWS


@dataclass
class Shown:
    spec: Spec
    items: list
    total: int
    paged: bool = True  # the full list has its own page

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


def _now(request):
    if not hasattr(request, "_home_now"):
        request._home_now = timezone.now()
    return request._home_now


def _today(request):
    return timezone.localdate(_now(request))


SPECS = [
    Spec(
        "overdue-milestones",
        OFFICIAL,
        _("Overdue milestones"),
        _("Nothing is overdue."),
        lambda r: plans.overdue_milestones_for(r.user, timezone.localdate(_now(r))),
    ),
    Spec(
        "proposals-awaiting",
        OFFICIAL,
        _("Proposals awaiting a response"),
        _("Every proposal has its response."),
        lambda r: calls.proposals_awaiting_response_for(r.user),
    ),
    Spec(
        "comments-awaiting",
        OFFICIAL,
        _("Consultation comments awaiting an outcome"),
        _("Every consultation comment has its outcome."),
        lambda r: consultations.comments_awaiting_outcome_for(r.user),
    ),
    Spec(
        "consultations-awaiting",
        OFFICIAL,
        _("Consultations awaiting their summary report"),
        _("No consultation is waiting for its report."),
        lambda r: consultations.consultations_awaiting_report_for(r.user, _now(r)),
    ),
    Spec(
        "reports-awaiting-reply",
        OFFICIAL,
        _("Monitoring reports awaiting your reply"),
        _("No monitoring report is waiting for the hromada's reply."),
        lambda r: monitoring.reports_awaiting_reply_for(r.user, _today(r)),
        lambda items, r: monitoring.days_left(items, _today(r)),
        MONITORING_ROWS,
    ),
    Spec(
        "my-assignments",
        MONITOR,
        _("My assignments"),
        _("You are not assigned to any action plan now."),
        lambda r: monitoring.open_assignments_for(r.user, _today(r)),
        lambda items, r: monitoring.labelled(items),
        MONITORING_ROWS,
    ),
    Spec(
        "assessments-due",
        MONITOR,
        _("Assessments due"),
        _("Every commitment of your assigned plans has its assessment."),
        lambda r: monitoring.assessments_due_for(r.user, _today(r)),
        lambda items, r: monitoring.labelled(items),
        MONITORING_ROWS,
    ),
    Spec(
        "replies-received",
        MONITOR,
        _("Replies from hromadas"),
        _("No hromada has replied to your reports lately."),
        lambda r: monitoring.replies_received_for(r.user, _now(r)),
        template=MONITORING_ROWS,
    ),
    Spec(
        "network-applications",
        COORDINATOR,
        _("Applications to join"),
        _("No organisation is waiting for a decision on its application."),
        lambda r: monitoring.applications_for(r.user),
        template=MONITORING_ROWS,
    ),
    Spec(
        "network-assignments",
        COORDINATOR,
        _("Monitors' assignments"),
        _("No monitor of your networks is assigned to a plan now."),
        lambda r: monitoring.network_assignments_for(r.user, _today(r)),
        lambda items, r: monitoring.labelled(items),
        MONITORING_ROWS,
    ),
    Spec(
        "reports-to-publish",
        COORDINATOR,
        _("Reports ready to publish"),
        _("No report's reply period has ended unpublished."),
        lambda r: monitoring.reports_to_publish_for(r.user, _today(r)),
        template=MONITORING_ROWS,
    ),
    Spec(
        "meetings-without-agenda",
        COUNCIL,
        _("Meetings without a published agenda"),
        _("Every agenda is published."),
        lambda r: councils.meetings_without_agenda_for(r.user),
        lambda items, r: councils.agenda_deadlines(items),
    ),
    Spec(
        "meetings-without-minutes",
        COUNCIL,
        _("Past meetings without published minutes"),
        _("Every past meeting has its minutes published."),
        lambda r: councils.meetings_without_minutes_for(r.user, _now(r)),
        lambda items, r: councils.minutes_deadlines(items, _now(r)),
    ),
    Spec(
        "my-proposals",
        RESIDENT,
        _("My proposals"),
        _("You have not submitted a proposal yet."),
        lambda r: calls.proposals_by(r.user),
    ),
    Spec(
        "supported",
        RESIDENT,
        _("Proposals I support"),
        _("You do not support any proposal yet."),
        lambda r: calls.supported_by(r.user, for_request(r)),
    ),
    Spec(
        "my-comments",
        RESIDENT,
        _("My comments"),
        _("You have not commented yet."),
        lambda r: comments.comments_by(r.user, for_request(r)),
    ),
    Spec(
        "following",
        RESIDENT,
        _("What I follow"),
        _(
            "You follow nothing yet: press “Follow” on a plan, a commitment, a council, a call "
            "for proposals or a consultation to hear what changes."
        ),
        lambda r: notifications.follows_of(r.user),
        lambda items, r: notifications.with_news(items, r.user, for_request(r)),
    ),
]
BY_KEY = {spec.key: spec for spec in SPECS}


def bounded(rows, limit: int = LIMIT) -> tuple[list, int]:
    """At most `limit` rows and how many there are: one query, two when the list is longer."""
    items = list(rows[: limit + 1])
    if len(items) <= limit:
        return items, len(items)
    return items[:limit], rows.count()


@dataclass
class Roles:
    """What the person is, read once: the hromadas they are an official of, whether they serve
    on a council, whether they moderate, the networks they monitor for and coordinate."""

    official_of: list = field(default_factory=list)
    councils: list = field(default_factory=list)
    moderates: bool = False
    monitors_for: list = field(default_factory=list)
    coordinates: list = field(default_factory=list)

    def sees(self, group: str) -> bool:
        if group == OFFICIAL:
            return bool(self.official_of)
        if group == COUNCIL:
            return bool(self.councils)
        if group == MONITOR:
            return bool(self.monitors_for)
        if group == COORDINATOR:
            return bool(self.coordinates)
        return True


def _networks(held: list) -> tuple[list, list]:
    """The networks the person monitors for and those they coordinate (one query, none when
    they hold no network role)."""
    monitored = {n for role, _h, n in held if role == Role.MONITOR and n}
    coordinated = {n for role, _h, n in held if role == Role.COORDINATOR and n}
    if not monitored and not coordinated:
        return [], []
    networks = list(
        MonitoringNetwork.objects.filter(pk__in=monitored | coordinated).only(
            "slug", "name_uk", "name_en"
        )
    )
    return (
        [n for n in networks if n.pk in monitored],
        [n for n in networks if n.pk in coordinated],
    )


def roles_of(user) -> Roles:
    held = list(user.roles.values_list("role", "hromada_id", "network_id"))
    official_ids = [h for role, h, _n in held if role == Role.OFFICIAL]
    official_of = list(
        Hromada.objects.filter(pk__in=official_ids).only("slug", "name_uk", "name_en")
    )
    platform = any(role in (Role.OPERATOR, Role.ADMIN) for role, _h, _n in held)
    monitors_for, coordinates = _networks(held)
    return Roles(
        official_of=official_of,
        councils=list(councils.councils_served_by(user).select_related("hromada")),
        moderates=bool(official_of) or platform or user.is_superuser,
        monitors_for=monitors_for,
        coordinates=coordinates,
    )


def section(spec: Spec, request) -> Shown:
    items, total = bounded(spec.rows(request))
    return Shown(spec, spec.complete(items, request), total)


def plans_awaiting(request) -> Shown:
    """Plans whose lifecycle waits for the official: by their dates (plans) or because every
    call for proposals on them has closed (participation). Few per hromada: shown whole."""
    now = _now(request)
    by_dates, dated = bounded(
        plans.plans_awaiting_status_for(request.user, timezone.localdate(now))
    )
    by_calls, called = bounded(calls.plans_with_calls_closed_for(request.user, now))
    for plan in by_calls:
        plan.awaiting = "calls_closed"
    spec = Spec(
        "plans-awaiting",
        OFFICIAL,
        _("Plans awaiting a change of status"),
        _("No plan is waiting for a change of status."),
        lambda r: [],
    )
    return Shown(spec, by_dates + by_calls, dated + called, paged=False)


def home(request) -> dict:
    """Everything the person's home shows, by their roles: the sections of each group."""
    roles = roles_of(request.user)
    groups: dict[str, list[Shown]] = {
        OFFICIAL: [],
        COUNCIL: [],
        MONITOR: [],
        COORDINATOR: [],
        RESIDENT: [],
    }
    for spec in SPECS:
        if roles.sees(spec.group):
            groups[spec.group].append(section(spec, request))
    if roles.official_of:
        groups[OFFICIAL].append(plans_awaiting(request))
    return {
        "roles": roles,
        "official_sections": groups[OFFICIAL],
        "council_sections": groups[COUNCIL],
        "monitor_sections": groups[MONITOR],
        "coordinator_sections": groups[COORDINATOR],
        "resident_sections": groups[RESIDENT],
        "moderation_queue": open_reports(request.user).count() if roles.moderates else None,
    }


# --- the home page: what is open now across the platform, and the latest public changes ------

OPEN_ON_HOME = 10  # calls and consultations, each
ACTIVITY_ON_HOME = 10  # public history entries


def open_now(request) -> dict:
    """Open calls and consultations, closing soonest first (as "Take part" lists them), bounded;
    `more_open`: whether the "Take part" page lists more."""
    withheld, now = for_request(request), timezone.now()
    open_calls = calls.open_calls(withheld, now, OPEN_ON_HOME + 1)
    open_consultations = consultations.open_consultations(now, OPEN_ON_HOME + 1)
    return {
        "open_calls": open_calls[:OPEN_ON_HOME],
        "open_consultations": open_consultations[:OPEN_ON_HOME],
        "more_open": max(len(open_calls), len(open_consultations)) > OPEN_ON_HOME,
    }


def _in_language(path: str) -> str:
    """A page's path (open data's links are in the default language) in the reader's."""
    language = translation.get_language()
    if not path.startswith("/") or language == settings.LANGUAGE_CODE:
        return path
    return f"/{language}{path}"


def recent_activity(request) -> list:
    """The latest public changes across the platform, as the history shows them (withheld
    values hidden, references through the visibility rule), each with its record's page."""
    withheld = for_request(request)
    entries = list(public_entry_objects(withheld).order_by("-seq")[:ACTIVITY_ON_HOME])
    urls = page_urls(entries)
    for entry in describe(entries, None, withheld):
        entry.url = _in_language(urls.get((entry.object_type, entry.object_id), ""))
    return entries
