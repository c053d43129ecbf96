"""Every way a record of every registered kind can be kept from the public, from the registries.

A kind is a label in `core.visibility.REGISTRY` or `core.withholding.REGISTRY`. Its ways:

- its own publication state, when it has one (a draft plan, a hidden proposal, an unpublished
  meeting or consultation);
- withheld, when the whole record can be withheld; each withholdable field, withheld alone;
- inside an ancestor that is not public: every record it lives in (its visibility parents, their
  parents, and its withholding ancestors) that has a publication state of its own or can be
  withheld whole.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps

from openhromada.core import visibility, withholding

STATE, WITHHOLD = "state", "withhold"


@dataclass(frozen=True)
class Way:
    """How a record is kept from the public: `action` applied to the `target` record (the
    record itself or one of its ancestors), or to one `field` of it."""

    action: str  # STATE or WITHHOLD
    target: str  # the label of the record the action is applied to
    field: str = ""

    def name(self, kind: str, state_words: dict[str, str]) -> str:
        if self.field:
            return f"withheld-field-{self.field}"
        word = state_words.get(self.target, "unpublished") if self.action == STATE else "withheld"
        return word if self.target == kind else f"in-{word}-{self.target}"


@dataclass(frozen=True)
class Case:
    kind: str
    way: Way
    id: str

    @property
    def own(self) -> bool:
        """Is the way applied to the record itself (not to an ancestor)?"""
        return self.way.target == self.kind

    def keeps_row(self, states: dict) -> bool:
        """Does the record keep its open-data row? A withheld field blanks a value of a public
        row; a state may keep it (hidden content: blanked, with the moderation notice)."""
        own_state = self.own and self.way.action == STATE and self.kind in states
        return bool(self.way.field) or (own_state and states[self.kind].keeps_row)


def kinds() -> list[str]:
    return sorted(set(visibility.REGISTRY) | set(withholding.REGISTRY))


def has_own_state(label: str) -> bool:
    spec = visibility.REGISTRY.get(label)
    return spec is not None and spec.unpublished is not None


def record_withholdable(label: str) -> bool:
    spec = withholding.REGISTRY.get(label)
    return spec is not None and spec.record


def parent_labels(label: str) -> list[tuple[str, str]]:
    """(field name, label) of the records `label` lives in, by the visibility rule."""
    spec = visibility.REGISTRY.get(label)
    model = apps.get_model(label)
    return [
        (name, model._meta.get_field(name).related_model._meta.label_lower)
        for name in (spec.parents if spec else ())
    ]


def ancestors(label: str) -> list[str]:
    """Every record `label` lives in, nearest first: visibility parents (recursively) and the
    withholding ancestors."""
    found: list[str] = []
    queue = [p for _n, p in parent_labels(label)]
    spec = withholding.REGISTRY.get(label)
    queue += list(spec.ancestors) if spec else []
    while queue:
        current = queue.pop(0)
        if current in found or current == label:
            continue
        found.append(current)
        queue += [p for _n, p in parent_labels(current)]
    return found


def ways(label: str) -> list[Way]:
    out = []
    if has_own_state(label):
        out.append(Way(STATE, label))
    if record_withholdable(label):
        out.append(Way(WITHHOLD, label))
    spec = withholding.REGISTRY.get(label)
    out += [Way(WITHHOLD, label, field) for field in (spec.fields if spec else ())]
    for ancestor in ancestors(label):
        if has_own_state(ancestor):
            out.append(Way(STATE, ancestor))
        if record_withholdable(ancestor):
            out.append(Way(WITHHOLD, ancestor))
    return out


def cases(state_words: dict[str, str]) -> list[Case]:
    return [
        Case(kind, way, f"{kind}:{way.name(kind, state_words)}")
        for kind in kinds()
        for way in ways(kind)
    ]
