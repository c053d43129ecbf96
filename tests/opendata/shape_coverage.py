"""Whether one set of SHACL shapes leaves out any constraint of another on the classes it
targets: for each property shape of the reference shapes, ours (on the same class and path) must
require at least as many values, allow no more, ask for a node kind no wider, and carry each of
its other constraints (class, datatype, node…) as it is. Used to show that the platform's shapes
are no more lenient than DCAT-AP's."""

from collections import defaultdict

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SH

VL_MESSAGE = URIRef("https://purl.eu/ns/shacl#message")
NOTES = {SH.name, SH.description, SH.message, RDFS.seeAlso, VL_MESSAGE, SH.path, RDF.type}
# the node kinds each node kind allows, as sets of the three basic kinds
KINDS = {
    SH.IRI: {"iri"},
    SH.BlankNode: {"blank"},
    SH.Literal: {"literal"},
    SH.BlankNodeOrIRI: {"blank", "iri"},
    SH.BlankNodeOrLiteral: {"blank", "literal"},
    SH.IRIOrLiteral: {"iri", "literal"},
}


def _property_constraints(shapes: Graph) -> dict:
    """(target class, path) → [constraints of each property shape], from every node shape."""
    found = defaultdict(list)
    for node_shape in set(shapes.subjects(SH.targetClass, None)):
        targets = set(shapes.objects(node_shape, SH.targetClass))
        for prop in shapes.objects(node_shape, SH.property):
            path = shapes.value(prop, SH.path)
            if path is None:  # a property shape named but not defined: nothing to compare
                continue
            constraints = {
                p: o for p, o in shapes.predicate_objects(prop) if p not in NOTES | {SH.severity}
            }
            severity = shapes.value(prop, SH.severity)
            if severity not in (None, SH.Violation):
                continue  # a warning or a note: not a constraint a document must meet
            for target in targets:
                found[(target, path)].append(constraints)
    return found


def _lenience(mine: list[dict], theirs: dict) -> list[str]:
    def values(name):
        return [c[name] for c in mine if name in c]

    problems = []
    if SH.minCount in theirs and max(map(int, values(SH.minCount)), default=0) < int(
        theirs[SH.minCount]
    ):
        problems.append(f"needs minCount {theirs[SH.minCount]}")
    if SH.maxCount in theirs and min(map(int, values(SH.maxCount)), default=10**9) > int(
        theirs[SH.maxCount]
    ):
        problems.append(f"needs maxCount {theirs[SH.maxCount]}")
    if SH.nodeKind in theirs and not any(
        KINDS[kind] <= KINDS[theirs[SH.nodeKind]] for kind in values(SH.nodeKind)
    ):
        problems.append(f"needs nodeKind {theirs[SH.nodeKind].n3()}")
    for name, value in theirs.items():
        if name in (SH.minCount, SH.maxCount, SH.nodeKind):
            continue
        if isinstance(value, BNode):  # a list (sh:or, sh:in…): compared by hand, not here
            problems.append(f"{name.n3()} is not compared")
        elif value not in values(name):
            problems.append(f"needs {name.n3()} {value.n3()}")
    return problems


def missing_constraints(reference: Graph, ours: Graph) -> list[str]:
    """What `ours` leaves out of `reference`, on the classes that `ours` targets."""
    covered = set(ours.objects(None, SH.targetClass))
    mine = _property_constraints(ours)
    missing = []
    for (target, path), shapes in sorted(_property_constraints(reference).items()):
        if target not in covered:
            continue
        for theirs in shapes:
            for problem in _lenience(mine.get((target, path), []), theirs):
                missing.append(f"{target.n3()} {path.n3()}: {problem}")
    return sorted(set(missing))
