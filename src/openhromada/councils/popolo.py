"""Councils as Popolo JSON: organizations, persons, posts, memberships, events, motions and vote
events (with counts and votes). Streamed section by section in keyset chunks, so the export of
every council runs in constant memory. Only public records: published meetings and what was
decided at them; people by name only."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone, translation

from openhromada.core.withholding import active

from .lifecycle import POPOLO_RESULTS, Post
from .models import Council, Meeting, Membership, Motion, Person, Vote
from .selectors import get_council

CHUNK = 1000


def _council_id(pk) -> str:
    return f"council-{pk}"


def _org_id(council_id, name: str) -> str:
    digest = hashlib.sha1(name.strip().lower().encode()).hexdigest()[:12]
    return f"council-{council_id}-org-{digest}"


def _date(value):
    return value.isoformat() if value else None


def _instant(value: dt.datetime) -> str:
    """A moment as Popolo's schemas take it: an RFC 3339 date-time in UTC, to the second."""
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _organizations(councils, withheld) -> Iterator[dict]:
    for council in councils.select_related("hromada").order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": _council_id(council.pk),
            "name": council.name,
            "classification": "coordination council",
            "founding_date": _date(council.founding_decision_date),
            "dissolution_date": _date(council.term_end),
            "identifiers": [{"scheme": "KATOTTG", "identifier": council.hromada.code}],
            "area_id": council.hromada.code,
        }
    represented = (
        Membership.objects.filter(council__in=councils)
        .values_list("council_id", "on_behalf_of", "sector")
        .order_by("council_id", "on_behalf_of", "sector")
        .distinct()
    )
    seen = None
    for council_id, name, sector in represented.iterator(chunk_size=CHUNK):
        if (council_id, name.strip().lower()) == seen:
            continue
        seen = (council_id, name.strip().lower())
        yield {"id": _org_id(council_id, name), "name": name, "classification": sector}


def _persons(councils, withheld) -> Iterator[dict]:
    for person in Person.objects.filter(council__in=councils).order_by("pk").iterator(CHUNK):
        row = {"id": f"person-{person.pk}", "name": person.name}
        if person.bio:
            row["summary"] = person.bio
        yield row


def _posts(councils, withheld) -> Iterator[dict]:
    for pk in councils.order_by("pk").values_list("pk", flat=True).iterator(CHUNK):
        for post in Post:
            yield {
                "id": f"{_council_id(pk)}-post-{post.value}",
                "label": str(post.label),
                "role": post.value,
                "organization_id": _council_id(pk),
            }


def _memberships(councils, withheld) -> Iterator[dict]:
    rows = Membership.objects.filter(council__in=councils).order_by("pk")
    for m in rows.iterator(CHUNK):
        yield {
            "id": f"membership-{m.pk}",
            "person_id": f"person-{m.person_id}",
            "organization_id": _council_id(m.council_id),
            "post_id": f"{_council_id(m.council_id)}-post-{m.post}",
            "on_behalf_of_id": _org_id(m.council_id, m.on_behalf_of),
            "role": m.post,
            "start_date": _date(m.start_date),
            "end_date": _date(m.end_date),
        }


def _events(councils, withheld) -> Iterator[dict]:
    rows = withheld.exclude(Meeting.objects.published().filter(council__in=councils)).order_by("pk")
    for meeting in rows.select_related("council").iterator(CHUNK):
        yield {
            "id": f"meeting-{meeting.pk}",
            "name": f"{meeting.council.name}: {meeting}",
            "classification": "meeting",
            "start_date": _instant(meeting.starts_at),
            "organization_id": _council_id(meeting.council_id),
            "status": "confirmed",
        }


def _public_motions(councils, withheld):
    return withheld.exclude(
        Motion.objects.filter(
            council__in=councils, item__meeting__agenda_published_at__isnull=False
        )
    )


# a motion is proposed, and voted on, at its meeting: its date-time is the meeting's
MOTION_COLUMNS = (
    "pk",
    "council_id",
    "item__meeting_id",
    "item__meeting__starts_at",
    "text",
    "topic",
    "result",
)


def _keyset(queryset, columns) -> Iterator[list[dict]]:
    """Rows as dicts in primary-key chunks: constant memory, one query per chunk."""
    last = 0
    while chunk := list(queryset.filter(pk__gt=last).order_by("pk").values(*columns)[:CHUNK]):
        last = chunk[-1]["pk"]
        yield chunk


def _motions(councils, withheld) -> Iterator[dict]:
    for chunk in _keyset(_public_motions(councils, withheld), MOTION_COLUMNS):
        for motion in chunk:
            withheld.redact_row("councils.motion", motion["pk"], motion)
            yield {
                "id": f"motion-{motion['pk']}",
                "organization_id": _council_id(motion["council_id"]),
                "legislative_session_id": f"meeting-{motion['item__meeting_id']}",
                "text": motion["text"],
                "classification": motion["topic"],
                "date": _instant(motion["item__meeting__starts_at"]),
                "result": POPOLO_RESULTS.get(motion["result"], motion["result"]),
            }


def _votes_for(motion_ids) -> dict[int, list[dict]]:
    votes: dict[int, list[dict]] = defaultdict(list)
    rows = (
        Vote.objects.filter(motion_id__in=motion_ids)
        .order_by("pk")
        .values_list("motion_id", "membership__person_id", "membership__post", "option")
    )
    for motion_id, person_id, post, option in rows:
        # the voter's role in the vote event: the post the member holds in the council
        votes[motion_id].append({"voter_id": f"person-{person_id}", "option": option, "role": post})
    return votes


def _vote_events(councils, withheld) -> Iterator[dict]:
    motions = _public_motions(councils, withheld).filter(result__in=list(POPOLO_RESULTS))
    columns = (*MOTION_COLUMNS, *Motion.COUNT_FIELDS.values())
    for chunk in _keyset(motions, columns):
        votes = _votes_for([m["pk"] for m in chunk])
        for motion in chunk:
            yield {
                "id": f"vote-event-{motion['pk']}",
                "motion_id": f"motion-{motion['pk']}",
                "organization_id": _council_id(motion["council_id"]),
                "legislative_session_id": f"meeting-{motion['item__meeting_id']}",
                "start_date": _instant(motion["item__meeting__starts_at"]),
                "result": POPOLO_RESULTS[motion["result"]],
                "counts": [
                    {"option": option, "value": motion[field]}
                    for option, field in Motion.COUNT_FIELDS.items()
                ],
                "votes": votes.get(motion["pk"], []),
            }


SECTIONS = (
    ("organizations", _organizations),
    ("persons", _persons),
    ("posts", _posts),
    ("memberships", _memberships),
    ("events", _events),
    ("motions", _motions),
    ("vote_events", _vote_events),
)


def stream(councils, withheld=None) -> Iterator[bytes]:
    """One Popolo JSON document for `councils`, in ~64 KB pieces; withheld meetings and
    decisions left out, withheld text blanked."""
    withheld = active() if withheld is None else withheld
    with translation.override("uk"):
        buffer: list[str] = ["{"]
        size = 1
        for index, (name, rows) in enumerate(SECTIONS):
            buffer.append(("," if index else "") + json.dumps(name) + ":[")
            for n, row in enumerate(rows(councils, withheld)):
                text = ("," if n else "") + json.dumps(
                    row, cls=DjangoJSONEncoder, ensure_ascii=False
                )
                buffer.append(text)
                size += len(text)
                if size >= 64 * 1024:
                    yield "".join(buffer).encode()
                    buffer, size = [], 0
            buffer.append("]")
        buffer.append("}")
        yield "".join(buffer).encode()


def _response(councils, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        stream(councils), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = f'<{settings.OPENDATA_LICENCE["url"]}>; rel="license"'
    response["X-Generated-At"] = timezone.now().isoformat(timespec="seconds")
    return response


def council_popolo(request, hromada_slug):
    council = get_council(hromada_slug)
    return _response(Council.objects.filter(pk=council.pk), f"{hromada_slug}-council.popolo.json")


def all_councils_popolo(request):
    return _response(Council.objects.all(), "openhromada-councils.popolo.json")
