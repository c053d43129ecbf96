"""Table bodies of the council's long lists, built in Python: rendering dozens of rows through
template tags cost more than the queries behind them (see places.selectors.directory_rows_html).
Every value goes through format_html, so everything is escaped."""

from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .lifecycle import Post, Result, Sector, Topic, VoteOption

VOTED = (Result.ADOPTED, Result.NOT_ADOPTED)


def _labels(choices) -> dict[str, str]:
    return {value: str(label).capitalize() for value, label in choices}


def _council_base(hromada_slug: str) -> str:
    return reverse("councils:council", args=[hromada_slug])


REGISTER_ROW = (
    '<tr><td>{}</td><th scope="row"><a href="{}">{}</a> <span class="muted">({}){}</span></th>'
    '<td>{}</td><td>{}</td><td class="num">{}</td></tr>'
)


def register_rows_html(motions, hromada_slug: str) -> SafeString:
    base = _council_base(hromada_slug)
    topics, results = _labels(Topic.choices), _labels(Result.choices)
    meeting_label, item_label = _("Meeting no. %(n)s"), _("item %(n)s")
    commitment_label = _("Commitment %(n)s")

    def extra(motion) -> str:
        parts = [motion.public_plan.title] if motion.public_plan else []
        parts += [commitment_label % {"n": c.number} for c in motion.public_commitments]
        return "".join(f" · {part}" for part in parts)

    return format_html_join(
        "",
        REGISTER_ROW,
        (
            (
                m.decided_on.strftime("%d.%m.%Y"),
                f"{base}meetings/{m.item.meeting.number}/#item-{m.item.number}",
                truncatechars(m.text, 160),
                f"{meeting_label % {'n': m.item.meeting.number}}, "
                f"{item_label % {'n': m.item.number}}",
                extra(m),
                topics.get(m.topic, m.topic),
                results.get(m.result, m.result),
                f"{m.yes_count} / {m.no_count} / {m.abstain_count}" if m.result in VOTED else "—",
            )
            for m in motions
        ),
    )


MEMBER_ROW = (
    '<tr><th scope="row"><a href="{}">{}</a></th>'
    "<td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}</tr>"
)


def member_rows_html(members, hromada_slug: str, can_edit: bool) -> SafeString:
    base = _council_base(hromada_slug)
    posts, sectors = _labels(Post.choices), _labels(Sector.choices)
    edit = _("Edit")

    def actions(m) -> str:
        if not can_edit:
            return ""
        return format_html(
            '<td><a href="{}members/{}/edit/">{}'
            '<span class="visually-hidden"> — {}</span></a></td>',
            base,
            m.pk,
            edit,
            m.person.name,
        )

    return format_html_join(
        "",
        MEMBER_ROW,
        (
            (
                f"{base}people/{m.person_id}/",
                m.person.name,
                posts.get(m.post, m.post),
                m.on_behalf_of,
                sectors.get(m.sector, m.sector),
                m.start_date.strftime("%d.%m.%Y"),
                actions(m),
            )
            for m in members
        ),
    )


VOTE_ROW = '<tr><td>{}</td><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>'


def vote_rows_html(votes, hromada_slug: str, withheld) -> SafeString:
    base = _council_base(hromada_slug)
    options, results = _labels(VoteOption.choices), _labels(Result.choices)
    return format_html_join(
        "",
        VOTE_ROW,
        (
            (
                v.motion.decided_on.strftime("%d.%m.%Y"),
                f"{base}meetings/{v.motion.item.meeting.number}/#item-{v.motion.item.number}",
                truncatechars(withheld.redact(v.motion).text, 140),
                options.get(v.option, v.option),
                results.get(v.motion.result, v.motion.result),
            )
            for v in votes
        ),
    )


ATTENDANCE_ROW = '<tr><th scope="row"><a href="{}">{}</a></th><td>{}</td><td>{}</td></tr>'


def attendance_rows_html(attendance, hromada_slug: str) -> SafeString:
    base = _council_base(hromada_slug)
    present, absent = _("present"), _("absent")
    meeting_label = _("Meeting no. %(n)s")
    return format_html_join(
        "",
        ATTENDANCE_ROW,
        (
            (
                f"{base}meetings/{a.meeting.number}/",
                meeting_label % {"n": a.meeting.number},
                timezone.localtime(a.meeting.starts_at).strftime("%d.%m.%Y"),
                present if a.present else absent,
            )
            for a in attendance
        ),
    )


def meeting_lines_html(meetings, hromada_slug: str) -> SafeString:
    """List items for the council page's upcoming and past meetings."""
    from django.template.defaultfilters import date as date_filter
    from django.utils.translation import ngettext

    base = _council_base(hromada_slug)
    draft = format_html(' <span class="badge">{}</span>', _("draft agenda"))
    minutes = format_html(' <span class="badge">{}</span>', _("minutes published"))
    meeting_label = _("Meeting no. %(n)s")

    def line(m):
        local = timezone.localtime(m.starts_at)
        items = ngettext("%(n)s agenda item", "%(n)s agenda items", m.item_count) % {
            "n": m.item_count
        }
        return (
            f"{base}meetings/{m.number}/",
            meeting_label % {"n": m.number},
            local.isoformat(),
            date_filter(local, "j E Y, H:i"),
            f", {m.place}" if m.place else "",
            "" if m.agenda_published_at else draft,
            minutes if m.minutes_published_at else "",
            items,
        )

    return format_html_join(
        "",
        '<li><a href="{}">{}</a> — <time datetime="{}">{}</time>{}{}{} '
        '<span class="muted">({})</span></li>',
        (line(m) for m in meetings),
    )
