"""What a contribution would change: new nodes by type, new links, links to existing nodes,
conflicts.

A *conflict* gives an existing node a second value for a single-valued property (its
label, statement, perspective, conclusion, qualifier, warrant, …: every
``owl:FunctionalProperty`` of the ontology, plus labels, titles and a quote's anchor).
``argkb add`` refuses conflicts unless ``--amend``, which supersedes the old value
(``argkb.contrib.amend``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from argkb.contrib.prepare import Problem
from argkb.rdf.ids import short, show
from argkb.vocab.namespaces import OA

ALWAYS_SINGLE = {
    RDFS.label,
    SKOS.prefLabel,
    DCTERMS.title,
    OA.hasSource,
    OA.exact,
    OA.start,
    OA.end,
}


def single_valued(ontology: Graph) -> set[URIRef]:
    return ALWAYS_SINGLE | {
        p for p in ontology.subjects(RDF.type, OWL.FunctionalProperty) if isinstance(p, URIRef)
    }


_n = show  # a term as a person writes it


@dataclass
class Conflict:
    node: Node
    prop: Node
    old: list  # the values the knowledge base has
    new: object  # the value the contribution gives

    def __str__(self) -> str:
        return (
            f"{_n(self.node)} already has {_n(self.prop)} {', '.join(_n(v) for v in self.old)}; "
            f"the contribution gives {_n(self.new)}"
        )

    def to_dict(self) -> dict:
        return {
            "node": str(self.node),
            "property": str(self.prop),
            "old": [_n(v) for v in self.old],
            "new": _n(self.new),
        }


@dataclass
class Diff:
    new_nodes: dict[str, list[Node]] = field(default_factory=dict)  # type (CURIE) -> nodes
    new_links: list[tuple] = field(default_factory=list)  # triples among new nodes / literals
    links_to_existing: list[tuple] = field(
        default_factory=list
    )  # new triples touching existing nodes
    already_present: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    replaced: list = field(
        default_factory=list
    )  # (--amend) Replaced facts: the files asserting them stay as they are
    compared: bool = (
        True  # False when refused ids stopped the comparison: there are no counts to show
    )

    @property
    def nothing_new(self) -> bool:
        return (
            not self.new_links and not self.links_to_existing and not any(self.new_nodes.values())
        )

    @property
    def refused(self) -> bool:
        return bool(self.conflicts or self.problems)

    def to_text(self) -> str:
        if not self.compared:
            return "\n".join(
                [f"refused ids: {len(self.problems)}", *(f"  {p}" for p in self.problems)]
            )
        out: list[str] = []
        count = sum(len(v) for v in self.new_nodes.values())
        out.append(f"new nodes: {count}")
        for kind, nodes in sorted(self.new_nodes.items()):
            out.append(f"  {kind} ({len(nodes)}): " + ", ".join(_n(n) for n in nodes))
        out.append(f"new links: {len(self.new_links)}")
        out.append(f"links to existing nodes: {len(self.links_to_existing)}")
        out += [f"  {_n(s)} {_n(p)} {_n(o)}" for s, p, o in self.links_to_existing]
        out.append(f"already in the knowledge base: {self.already_present} triples")
        out.append(f"conflicts: {len(self.conflicts)}")
        out += [f"  {c}" for c in self.conflicts]
        if self.problems:
            out.append(f"refused ids: {len(self.problems)}")
            out += [f"  {p}" for p in self.problems]
        return "\n".join(out)

    def to_dict(self) -> dict:
        """The diff as JSON values (what ``to_json`` writes)."""
        return {
            "compared": self.compared,
            "new_nodes": {k: [str(n) for n in v] for k, v in sorted(self.new_nodes.items())},
            "new_links": [[_n(t) for t in triple] for triple in self.new_links],
            "links_to_existing": [[_n(t) for t in triple] for triple in self.links_to_existing],
            "already_present": self.already_present,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "problems": [{"node": p.node, "reason": p.reason} for p in self.problems],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def compute_diff(contribution: Graph, kb, ontology: Graph, problems=()) -> Diff:
    """Compare a (skolemised) contribution with the knowledge base (ontology + data): ``kb`` is its
    Store (index lookups: ``argkb.store.lookup``) or an rdflib Graph of it."""
    from argkb.store.lookup import TripleLookup

    lookup = TripleLookup(kb)
    diff = Diff(problems=list(problems))
    single = single_valued(ontology)
    vocabulary = set(ontology.subjects())

    def existing(node) -> bool:  # a node the knowledge base's data describes
        return node not in vocabulary and lookup.describes(node)

    kinds: dict[str, list[Node]] = defaultdict(list)
    for node in sorted((n for n in set(contribution.subjects()) if not existing(n)), key=str):
        types = sorted(contribution.objects(node, RDF.type), key=str)
        kinds[short(types[-1]) if types else "(untyped)"].append(node)
    diff.new_nodes = dict(kinds)
    conflicts: dict[tuple, Conflict] = {}
    for s, p, o in sorted(contribution, key=lambda t: tuple(str(x) for x in t)):
        known = s in vocabulary or existing(
            s
        )  # a subject the knowledge base does not describe holds none of it
        if known and ((s, p, o) in ontology or lookup.holds(s, p, o)):
            diff.already_present += 1
            continue
        touches = existing(s) or (isinstance(o, URIRef) and existing(o))
        (diff.links_to_existing if touches else diff.new_links).append((s, p, o))
        if existing(s) and p in single:
            old = sorted((v for v in lookup.objects(s, p) if v != o), key=str)
            if old:
                conflicts.setdefault((s, p, o), Conflict(s, p, old, o))
    diff.conflicts = list(conflicts.values())
    return diff
