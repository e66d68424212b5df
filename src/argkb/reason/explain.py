"""Inconsistencies in words: ``pellet explain`` output turned into sentences a user understands.

Pellet prints a minimal set of axioms (a justification) behind ``Thing subClassOf Nothing``,
one per line, with local names: ``russia type Claim``, ``Functional qualifier``,
``DisjointClasses(Actor Claim …)``. We parse each axiom, map its names back to IRIs,
recognise the usual shapes of modelling mistakes (disjoint classes, a functional property
with two distinct values, an irreflexive property used reflexively, a value outside an
enumeration) and say what is wrong, then list each axiom in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF

from argkb.rdf.ids import short
from argkb.reason.pellet import Explanation, run_pellet_explain

_NOT_ENTAILED = "AXIOM IS NOT ENTAILED"
_DATA_NS = ("https://w3id.org/argkb/id/",)
_ONTOLOGY_NS = "https://w3id.org/argkb/ontology#"


@dataclass(frozen=True)
class Axiom:
    kind: str  # type | value | different | same | characteristic | domain | range | subclass
    #                      | disjoint | alldifferent | oneof | inverse | other
    terms: tuple  # IRIs (URIRef) or raw strings, by kind
    text: str


def parse_explanation(stdout: str) -> list[str] | None:
    """The axiom lines of the first explanation, or None when nothing is inconsistent."""
    if _NOT_ENTAILED in stdout:
        return None
    body = stdout.split("Explanation(s):", 1)[-1] if "Explanation(s):" in stdout else stdout
    axioms, current, depth = [], "", 0
    for line in body.splitlines():
        line = re.sub(r"^\s*\d+\)\s*", "", line).strip()
        if not line:
            continue
        current = f"{current} {line}" if current else line
        depth = current.count("(") - current.count(")") + current.count("{") - current.count("}")
        if depth <= 0:
            axioms.append(current)
            current = ""
    if current:
        axioms.append(current)
    return axioms


def _rank(term: URIRef) -> int:
    """Which IRI a bare local name means first: data ids, then argkb's terms, then the rest."""
    iri = str(term)
    return 0 if iri.startswith(_DATA_NS) else 1 if iri.startswith(_ONTOLOGY_NS) else 2


class Names:
    """Pellet's local names back to the IRIs of the graph (data ids first)."""

    def __init__(self, graph: Graph):
        self.by_local: dict[str, URIRef] = {}
        for term in sorted(
            {t for triple in graph for t in triple if isinstance(t, URIRef)},
            key=lambda t: (_rank(t), str(t)),
        ):
            self.by_local.setdefault(re.split(r"[#/]", str(term))[-1], term)

    def __call__(self, name: str):
        return self.by_local.get(name.strip(), name.strip())


def to_axiom(text: str, names: Names) -> Axiom:
    group = re.match(r"^(DisjointClasses|DifferentIndividuals|DisjointProperties)\((.*)\)$", text)
    if group:
        kind = {
            "DisjointClasses": "disjoint",
            "DifferentIndividuals": "alldifferent",
            "DisjointProperties": "disjointprops",
        }[group.group(1)]
        return Axiom(kind, tuple(names(x) for x in group.group(2).split()), text)
    oneof = re.match(r"^(\S+) equivalentTo \{(.*)\}$", text)
    if oneof:
        return Axiom(
            "oneof", (names(oneof.group(1)), *(names(x) for x in oneof.group(2).split(","))), text
        )
    words = text.split()
    if len(words) == 2:
        return Axiom("characteristic", (words[0], names(words[1])), text)
    if len(words) == 3:
        s, p, o = words
        kind = {
            "type": "type",
            "differentFrom": "different",
            "sameAs": "same",
            "domain": "domain",
            "range": "range",
            "subClassOf": "subclass",
            "inverseOf": "inverse",
            "propertyDisjointWith": "disjointprops",
        }.get(p, "value")
        terms = (names(s), names(o)) if kind != "value" else (names(s), names(p), names(o))
        return Axiom(kind, terms, text)
    return Axiom("other", (), text)


def _a(cls) -> str:
    local = re.split(r"[#/:]", str(cls))[-1]
    return f"{'an' if local[:1].lower() in 'aeiou' else 'a'} {local}"


def _n(term) -> str:
    return short(term) if isinstance(term, URIRef) else str(term)


def in_words(ax: Axiom) -> str:
    t = ax.terms
    match ax.kind:
        case "type":
            return f"{_n(t[0])} is declared {_a(t[1])}"
        case "value":
            return f"{_n(t[0])} has {_n(t[1])} {_n(t[2])}"
        case "different":
            return f"{_n(t[0])} is declared different from {_n(t[1])}"
        case "same":
            return f"{_n(t[0])} is declared the same as {_n(t[1])}"
        case "domain":
            return f"whatever has a {_n(t[0])} is {_a(t[1])} (domain)"
        case "range":
            return f"whatever is the {_n(t[0])} of something is {_a(t[1])} (range)"
        case "subclass":
            return f"every {_n(t[0]).split(':')[-1]} is {_a(t[1])}"
        case "inverse":
            return f"{_n(t[0])} is the inverse of {_n(t[1])}"
        case "disjoint":
            return "nothing can be two of " + ", ".join(_n(x) for x in t) + " (disjoint classes)"
        case "alldifferent":
            return ", ".join(_n(x) for x in t) + " are distinct individuals"
        case "disjointprops":
            return (
                "no two things are related by both "
                + " and ".join(_n(x) for x in t)
                + " (disjoint properties)"
            )
        case "oneof":
            return f"{_a(t[0])} is exactly one of " + ", ".join(_n(x) for x in t[1:])
        case "characteristic":
            return {
                "Functional": (
                    f"{_n(t[1])} is functional: nothing has two different {_n(t[1])} values"
                ),
                "Irreflexive": f"{_n(t[1])} is irreflexive: nothing has itself as its {_n(t[1])}",
                "InverseFunctional": f"{_n(t[1])} is inverse-functional",
            }.get(t[0], ax.text)
    return ax.text


def _distinct(axioms, x, y) -> bool:
    for ax in axioms:
        if ax.kind == "alldifferent" and x in ax.terms and y in ax.terms:
            return True
        if ax.kind == "different" and {x, y} == set(ax.terms):
            return True
    return False


def _types(axioms) -> dict:
    """What each individual is, by the axioms of the explanation (with subclass steps)."""
    types: dict = {}
    domains = {ax.terms[0]: ax.terms[1] for ax in axioms if ax.kind == "domain"}
    ranges = {ax.terms[0]: ax.terms[1] for ax in axioms if ax.kind == "range"}
    for ax in axioms:
        if ax.kind == "type":
            types.setdefault(ax.terms[0], set()).add(ax.terms[1])
        elif ax.kind == "value":
            s, p, o = ax.terms
            if p in domains:
                types.setdefault(s, set()).add(domains[p])
            if p in ranges:
                types.setdefault(o, set()).add(ranges[p])
    supers = [(ax.terms[0], ax.terms[1]) for ax in axioms if ax.kind == "subclass"]
    for _ in supers:
        for classes in types.values():
            classes |= {b for a, b in supers if a in classes}
    return types


def headline(axioms: list[Axiom]) -> tuple[str, list]:
    """What is wrong, in one sentence, and the individuals involved."""
    kinds = {ax.kind for ax in axioms}
    chars = {(ax.terms[0], ax.terms[1]) for ax in axioms if ax.kind == "characteristic"}
    values = [ax.terms for ax in axioms if ax.kind == "value"]
    for s, p, o in values:
        if s == o and ("Irreflexive", p) in chars:
            return (
                f"{_n(s)} {_n(p)} itself, but {_n(p)} is irreflexive: nothing may be related to "
                "itself by it",
                [s],
            )
    for s, p, o in values:
        twins = sorted({o2 for s2, p2, o2 in values if s2 == s and p2 == p and o2 != o}, key=str)
        if ("Functional", p) in chars and twins:
            o2 = twins[0]
            first, second = sorted([o, o2], key=str)
            why = (
                "they are declared different individuals"
                if _distinct(axioms, o, o2)
                else _clash_words(axioms, first, second)
            )
            return (
                f"{_n(s)} has two {_n(p)} values, {_n(first)} and {_n(second)}, but {_n(p)} is "
                f"functional (one value only) and {why}",
                [s, first, second],
            )
    if "oneof" in kinds:
        ax = next(ax for ax in axioms if ax.kind == "oneof")
        member = next(
            (t[0] for t in (a.terms for a in axioms if a.kind == "type") if t[1] == ax.terms[0]),
            None,
        )
        if member is not None:
            return (
                f"{_n(member)} is {_a(ax.terms[0])}, but {_a(ax.terms[0])} is exactly one of "
                + ", ".join(_n(x) for x in ax.terms[1:])
                + f", and {_n(member)} is declared different from each",
                [member],
            )
    if "disjointprops" in kinds:
        props = next(ax.terms for ax in axioms if ax.kind == "disjointprops")
        pairs = {(s, o) for s, p, o in values if p in props}
        for s, o in sorted(pairs, key=str):
            return (
                f"{_n(s)} has {_n(o)} as both its "
                + " and its ".join(_n(p) for p in props)
                + ", which the ontology declares disjoint properties",
                [s, o],
            )
    if "disjoint" in kinds:
        for ind, classes in sorted(_types(axioms).items(), key=lambda kv: str(kv[0])):
            clash = _disjoint_pair(axioms, classes)
            if clash:
                return (
                    f"{_n(ind)} is both {_a(clash[0])} and {_a(clash[1])}, which the ontology "
                    "declares disjoint",
                    [ind],
                )
    return (
        "the knowledge base is inconsistent with the ontology; the reasoner traced it to the "
        "axioms below",
        [],
    )


def _disjoint_pair(axioms, classes):
    for ax in axioms:
        if ax.kind == "disjoint":
            hits = sorted((c for c in classes if c in ax.terms), key=str)
            if len(hits) >= 2:
                return hits[0], hits[1]
    return None


def _clash_words(axioms, a, b) -> str:
    types = _types(axioms)
    for ca in sorted(types.get(a, ()), key=str):
        for cb in sorted(types.get(b, ()), key=str):
            if _disjoint_pair(axioms, {ca, cb}):
                return (
                    f"so {_n(a)} and {_n(b)} would be one and the same, yet one is {_a(ca)} and "
                    f"the other {_a(cb)}, which the ontology declares disjoint"
                )
    return "the two cannot be the same individual"


def _data_triples(axioms, graph: Graph) -> list[tuple]:
    """The asserted data triples among the axioms (what to set aside before looking again)."""
    out = []
    for ax in axioms:
        if ax.kind == "type":
            triple = (ax.terms[0], RDF.type, ax.terms[1])
        elif ax.kind == "value":
            triple = ax.terms
        elif ax.kind == "different":
            triple = (ax.terms[0], OWL.differentFrom, ax.terms[1])
        else:
            continue
        if (
            all(isinstance(t, URIRef) for t in triple)
            and str(triple[0]).startswith(_DATA_NS)
            and triple in graph
        ):
            out.append(triple)
    return out


def explain_all(graph: Graph, java: str, limit: int, folder: Path, kb=None) -> list[Explanation]:
    """Up to ``limit`` explanations: explain, set the data assertions involved aside, look again
    (pellet's input written into ``folder``, a scratch folder)."""
    graph = graph + Graph()  # a copy we may shrink
    names = Names(graph)
    parsed: dict = {}  # data file -> its graph, read when first needed
    found: list[Explanation] = []
    while len(found) < limit:
        lines = parse_explanation(run_pellet_explain(graph, java, folder))
        if lines is None:
            break
        axioms = [to_axiom(line, names) for line in lines]
        sentence, individuals = headline(axioms)
        where = [_where(ax, kb, graph, parsed) for ax in axioms]
        order = sorted(range(len(axioms)), key=lambda i: where[i] == " (ontology)")
        because = [in_words(axioms[i]) + where[i] for i in order]
        found.append(
            Explanation(sentence, because, [i for i in individuals if isinstance(i, URIRef)], lines)
        )
        data = _data_triples(axioms, graph)
        if not data:
            break
        for triple in data:
            graph.remove(triple)
    if not found:
        found.append(
            Explanation(
                "the reasoner found the knowledge base inconsistent, but pellet could not explain "
                "why",
                [],
            )
        )
    return found


def _where(ax: Axiom, kb, graph: Graph, parsed: dict) -> str:
    """`` (data: FILE)`` for an assertion from the data, `` (ontology)`` otherwise."""
    triples = _data_triples([ax], graph)
    if not triples:
        return " (ontology)"
    files = _files_with(kb, triples[0], parsed) if kb is not None else []
    return f" (data: {', '.join(files)})" if files else " (data)"


def _files_with(kb, triple, cache: dict) -> list[str]:
    """The data files (and --data files) that assert this triple."""
    from argkb.rdf.parse import parse_file

    found = []
    for path in (*kb.data_files(), *kb.extra):
        if path not in cache:
            cache[path] = kb.read_file(path) if path not in kb.extra else parse_file(path)
        if triple in cache[path]:
            try:
                found.append(str(path.relative_to(kb.root)))
            except ValueError:
                found.append(str(path))
    return found
