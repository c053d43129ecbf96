"""How people appear in public: by the name they chose or, without one, by a neutral label that
reveals nothing (no internal id, no e-mail); and whom a history entry names.

A resident without a public name (an account made before sign-up asked for one, or in the admin)
is "Мешканець 4F7QZ": the tag is an HMAC of the account's id under SECRET_KEY, so nobody without
the key can get the id back, and it is the same on every page, file and feed, so a reader can
tell two nameless residents apart in one discussion. Rotating SECRET_KEY changes the tags.

Some changes are public while who made them is not: a proposal's support count goes up and down
in the public history, but who supports it stays private (as decidim keeps supports). Apps
register such changes (`register_private_actor`); new entries for them are recorded with
`RESIDENT` as the actor (no id, the label "resident"), and older entries that still name the
person are shown the same way by `public_actor`, which every public output of the history
(pages, feeds, the API and files) calls. The chain itself is never rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from contextlib import nullcontext

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

SYSTEM_ACTOR_LABEL = "system"  # the platform itself: a scheduled task, an import
RESIDENT_ACTOR_LABEL = "resident"  # a resident whom the entry does not name

# Latin capitals and digits that no Ukrainian letter looks like (no A, B, C, E, H, I, K, M, O,
# P, T, X, Y) and no two of which are confused (no 0, 1, L): a tag reads as a code.
TAG_ALPHABET = "23456789DFGJNQRSUVWZ"
TAG_LENGTH = 5
_TAG_SALT = "openhromada.core.people.resident_tag"

# The label that named an account by its id until sign-up asked for a name, in either language.
ID_LABEL_PREFIXES = ("Мешканець №", "Resident #")
_ID_LABEL = re.compile(r"^(?:Мешканець №|Resident #)(\d+)$")

# object type -> fields whose change is public but whose author is not
_PRIVATE_ACTOR_FIELDS: dict[str, frozenset[str]] = {}


class _Resident:
    """The actor of a change whose author stays private (see `core.history._actor`)."""

    pk = None
    is_authenticated = False
    public_name = RESIDENT_ACTOR_LABEL


RESIDENT = _Resident()


def resident_tag(user_id: int) -> str:
    """A short code derived from the account's id and SECRET_KEY; the id cannot be read back."""
    number = int.from_bytes(
        salted_hmac(_TAG_SALT, str(user_id), algorithm="sha256").digest()[:8], "big"
    )
    tag = []
    for _i in range(TAG_LENGTH):
        number, index = divmod(number, len(TAG_ALPHABET))
        tag.append(TAG_ALPHABET[index])
    return "".join(tag)


def resident_label(user_id: int | None, language: str | None = None) -> str:
    """The public name of an account without one: "Мешканець 4F7QZ" (in `language`, or the
    active one)."""
    with translation.override(language) if language else nullcontext():
        if user_id is None:
            return gettext("Resident")
        return gettext("Resident %(tag)s") % {"tag": resident_tag(user_id)}


# What the history shows for the platform and for unnamed residents, in both languages: no
# person may take one of these (or another resident's neutral label) as their public name.
_RESERVED = {
    SYSTEM_ACTOR_LABEL,
    RESIDENT_ACTOR_LABEL,
    "the platform",
    "a resident",
    "платформа",
    "мешканець",
    "by the platform, automatically",
}
_NEUTRAL_LABEL = re.compile(r"^(?:мешканець|resident)\s*№?\s*[0-9a-z]+$")


def _normal(name: str) -> str:
    """Compatibility forms folded (fullwidth letters), invisible characters dropped, spaces
    collapsed, case folded."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(c for c in folded if unicodedata.category(c) != "Cf")
    return " ".join(visible.split()).casefold()


def is_reserved(name: str) -> bool:
    """A name the history keeps for the platform and for unnamed residents: a person using it
    would pass their changes off as the platform's or as another resident's."""
    normal = _normal(name)
    return normal in _RESERVED or bool(_NEUTRAL_LABEL.match(normal))


def public_name(display_name: str, user_id: int | None, language: str | None = None) -> str:
    """The name shown in public: the one the person chose, or the neutral label."""
    if not display_name or is_reserved(display_name):
        return resident_label(user_id, language)
    return display_name


def actor_name(label: str) -> str:
    """A history entry's public label as a reader sees it (in a feed's author, say)."""
    if label == RESIDENT_ACTOR_LABEL:
        return gettext("a resident")
    if label == SYSTEM_ACTOR_LABEL:
        return gettext("the platform")
    return label


def register_private_actor(object_type: str, fields) -> None:
    """Changes of only these fields of `object_type` are public; who made them is not."""
    _PRIVATE_ACTOR_FIELDS[object_type] = frozenset(fields)


def public_actor(
    actor_id: int | None,
    actor_label: str,
    object_type: str,
    changes: dict,
    language: str | None = None,
) -> str:
    """Whom a history entry names in public: the recorded label; "resident" for a change whose
    author is private (also in entries recorded before it was); the neutral label for an entry
    that named an account by its id."""
    private = _PRIVATE_ACTOR_FIELDS.get(object_type)
    if private and changes and private.issuperset(changes):
        return RESIDENT_ACTOR_LABEL
    if actor_id is None:
        return actor_label  # the platform, or a resident the entry does not name
    if is_reserved(actor_label):  # a person named "system": never the platform's voice
        return resident_label(actor_id, language)
    return without_id(actor_label, actor_id, language)


def without_id(label: str, user_id: int | None = None, language: str | None = None) -> str:
    """A stored name with an account's id ("Мешканець №12") as the neutral label; any other
    name as it is. With `user_id`, only a label naming that account is replaced."""
    by_id = _ID_LABEL.match(label)
    if by_id is None or (user_id is not None and int(by_id[1]) != user_id):
        return label
    return resident_label(int(by_id[1]), language)


def replace_id_labels(queryset, field: str) -> int:
    """For data migrations: names stored in `field` that show an account's id become the
    neutral label (in the platform's language). Returns how many rows changed."""
    starts = Q()
    for prefix in ID_LABEL_PREFIXES:
        starts |= Q(**{f"{field}__startswith": prefix})
    changed = []
    for row in queryset.filter(starts).only("pk", field).iterator(chunk_size=1000):
        label = without_id(getattr(row, field), language=settings.LANGUAGE_CODE)
        if label != getattr(row, field):
            setattr(row, field, label)
            changed.append(row)
    queryset.model.objects.bulk_update(changed, [field], batch_size=500)
    return len(changed)
