"""Whether the platform's Popolo schema leaves out any constraint of the specification's own
schemas (JSON Schema draft 03): for each class, ours (`$defs/<class>`) must take an object, and
for each property of theirs declare it with types no wider, the same format, a pattern that
rejects every sample theirs rejects, the same class behind each `$ref`, the same items, and
require what they require."""

import re

SPEC = "http://www.popoloproject.com/schemas/"
SPEC_BARE = "http://popoloproject.com/schemas/"
# strings a date pattern may be asked about: dates, times, offsets, and near misses
SAMPLES = [
    *("2024", "2024-05", "2024-05-06", "2024-5-6", "24-05-06", "2024-05-06-07", "x2024", ""),
    *("2024-05-06T10Z", "2024-05-06T10:00Z", "2024-05-06T10:00:00Z", "2024-05-06T10:00:00"),
    *("2024-05-06T10:00:00+02", "2024-05-06T10:00:00+02:00", "2024-05-06T10:00:00+0200"),
    *("2024-05-06T10:00:00.5Z", "2024-05-06 10:00:00Z", "2024-05T10:00Z", "٢٠٢٤-٠٥-٠٦"),
]


def _types(node: dict) -> set:
    declared = node.get("type", ["string", "number", "integer", "boolean", "object", "array"])
    return {declared} if isinstance(declared, str) else set(declared)


def _class_of(ref: str) -> str | None:
    """The Popolo class a `$ref` names, in their form (a URL) or ours (#/$defs/<class>)."""
    for prefix in (SPEC, SPEC_BARE):
        if ref.startswith(prefix):
            return ref.removeprefix(prefix).removesuffix(".json#")
    return ref.removeprefix("#/$defs/")


def _resolve(node: dict, defs: dict, classes: set) -> dict:
    """Our property as it applies: shared $defs (text, day, uri…) folded in, siblings winning
    (they only narrow it); a $ref to a class kept as it is."""
    while "$ref" in node and _class_of(node["$ref"]) not in classes:
        shared = dict(defs[_class_of(node["$ref"])])
        shared.update({k: v for k, v in node.items() if k != "$ref"})
        node = shared
    return node


def _pattern_lenience(theirs: str, mine: str | None) -> list[str]:
    if mine is None:
        return [f"needs pattern {theirs}"]
    return [
        f"pattern lets {sample!r} through"
        for sample in SAMPLES
        if not re.search(theirs, sample) and re.search(mine, sample)
    ]


def _property_lenience(theirs: dict, mine: dict, defs: dict, classes: set) -> list[str]:
    mine = _resolve(mine, defs, classes)
    if "$ref" in theirs:  # draft 03: a $ref stands for the whole property
        wanted = _class_of(theirs["$ref"])
        return [] if mine.get("$ref") == f"#/$defs/{wanted}" else [f"needs $ref {wanted}"]
    problems = []
    if not _types(mine) <= _types(theirs):
        problems.append(f"type {sorted(_types(mine))} is wider than {sorted(_types(theirs))}")
    if "format" in theirs and mine.get("format") != theirs["format"]:
        problems.append(f"needs format {theirs['format']}")
    if "pattern" in theirs:
        problems += _pattern_lenience(theirs["pattern"], mine.get("pattern"))
    if "items" in theirs:
        problems += [
            f"items: {p}"
            for p in _property_lenience(theirs["items"], mine.get("items", {}), defs, classes)
        ]
    return problems


def missing_constraints(official: dict[str, dict], ours: dict) -> list[str]:
    """What `ours` leaves out of the specification's class schemas `official` (name → schema)."""
    defs, classes, missing = ours["$defs"], set(official), []
    for name, theirs in sorted(official.items()):
        mine = defs.get(name)
        if mine is None:
            missing.append(f"{name}: not stated")
            continue
        if _types(mine) != {"object"}:
            missing.append(f"{name}: must be an object")
        for prop, spec in theirs.get("properties", {}).items():
            if prop not in mine.get("properties", {}):
                missing.append(f"{name}.{prop}: not stated")
                continue
            if spec.get("required") is True and prop not in mine.get("required", []):
                missing.append(f"{name}.{prop}: must be required")
            for problem in _property_lenience(spec, mine["properties"][prop], defs, classes):
                missing.append(f"{name}.{prop}: {problem}")
    return missing
