"""Tracing a claim back to its rationale: ``trace(kb_or_store, claim) -> TraceNode``.

From an implication (or any claim) the trace collects every argument for or against it —
with its perspective, warrant and premises — and, recursively, every premise's own supporting
and attacking arguments, the undercuts against each argument, and each claim's quotes (source
title, exact words, offsets) or attribution. Each node is expanded once; later occurrences are
references (``ref: true``), which also makes the walk safe on cycles through attacks.

The walk starts from the bound claim and asks a handful of small bound queries per node
(``argkb.navigate.walk``): it never scans the knowledge base, and it reads through ``open_store(kb)``,
whatever store that is. The result is a plain dataclass tree; ``to_dict()`` gives JSON.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.navigate import walk
from argkb.navigate.deep import drive, plain
from argkb.vocab.namespaces import ARGKB, PROV


@dataclass
class Quote:
    iri: str
    source: str | None
    source_title: str | None
    exact: str | None
    start: int | None
    end: int | None


@dataclass
class ArgumentNode:
    iri: str
    id: str
    label: str
    relation: str                       # "supports" | "rebuts" | "undercuts"
    perspective: str | None = None
    perspective_label: str | None = None
    warrant: str | None = None
    premises: list[ClaimNode] = field(default_factory=list)
    undercuts: list[ArgumentNode] = field(default_factory=list)
    ref: bool = False                   # already shown above: not expanded again
    kind: str = "argument"


@dataclass
class ClaimNode:
    iri: str
    id: str
    label: str
    statement: str | None = None
    implication: bool = False
    qualifier: str | None = None
    qualifier_label: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    attributed_to: list[walk.Named] = field(default_factory=list)
    alternatives: list[walk.Named] = field(default_factory=list)   # argkb:alternativeTo, either direction
    supported_by: list[ArgumentNode] = field(default_factory=list)
    attacked_by: list[ArgumentNode] = field(default_factory=list)
    ref: bool = False                   # already shown above: not expanded again
    truncated: bool = False             # has arguments beyond --depth
    kind: str = "claim"

    def to_dict(self) -> dict:
        return plain(self)


TraceNode = ClaimNode


def trace(kb_or_store, claim, perspectives=None, depth: int | None = None) -> ClaimNode:
    """The trace of ``claim`` (an IRI, CURIE or bare name; unknown ids raise UsageError).

    ``perspectives``: only arguments read through these lenses (IRIs or names) are followed.
    ``depth``: how many argument steps to expand below the claim (None: all).
    """
    store = walk.as_store(kb_or_store)
    iri = claim if isinstance(claim, URIRef) else walk.resolve(store, str(claim), ARGKB.Claim, "claim")[0]
    lenses = _lenses(perspectives, store)
    return drive(_Tracer(store, lenses, depth).claim(iri, 0))


def _lenses(perspectives, store) -> set[URIRef] | None:
    """The lenses named (built-in, or declared by the knowledge base in ``store``); None: all."""
    if not perspectives:
        return None
    from argkb.rdf.ids import perspective
    from argkb.store.perspectives import declared_perspectives

    declared = declared_perspectives(store)
    return {p if isinstance(p, URIRef) else perspective(p, declared) for p in perspectives}


class _Tracer:
    """The walk, written as generators run by ``deep.drive``: a chain of any length needs no stack frames."""

    def __init__(self, store, lenses, depth):
        self.store, self.lenses, self.depth = store, lenses, depth
        self.seen: dict[str, ClaimNode | ArgumentNode] = {}

    def claim(self, iri: URIRef, level: int):
        key = str(iri)
        if key in self.seen:
            first = self.seen[key]
            return ClaimNode(first.iri, first.id, first.label, ref=True,
                             implication=isinstance(first, ClaimNode) and first.implication)
        details = walk.info(self.store, iri)
        named = walk.Named.of(iri, details["label"])
        node = ClaimNode(named.iri, named.id, named.label, statement=details["statement"],
                         implication=ARGKB.Implication in walk.classes(self.store, iri),
                         qualifier=details["qualifier"], qualifier_label=details["qualifier_label"])
        self.seen[key] = node
        node.quotes = [Quote(**{k: q[k] for k in ("iri", "source", "source_title", "exact", "start", "end")})
                       for q in walk.quotes(self.store, iri)]
        node.attributed_to = walk.linked(self.store, iri, PROV.wasAttributedTo)
        if node.implication:
            node.alternatives = walk.alternatives(self.store, iri)
        arguments = walk.arguments_about(self.store, iri, self.lenses)
        if self.depth is not None and level >= self.depth:
            node.truncated = bool(arguments)
            return node
        for arg in arguments:
            relation = "supports" if arg["relation"] == "supports" else "rebuts"
            child = yield self.argument(arg, relation, level)
            (node.supported_by if relation == "supports" else node.attacked_by).append(child)
        return node

    def argument(self, arg: dict, relation: str, level: int):
        key = str(arg["iri"])
        named = walk.Named.of(arg["iri"], arg["label"])
        node = ArgumentNode(named.iri, named.id, named.label, relation, arg["perspective"],
                            arg["perspective_label"], arg["warrant"])
        if key in self.seen:
            node.ref, node.premises = True, []
            return node
        self.seen[key] = node
        for premise in walk.linked(self.store, arg["iri"], ARGKB.premise):
            node.premises.append((yield self.claim(URIRef(premise.iri), level + 1)))
        for under in walk.arguments_about(self.store, arg["iri"], self.lenses):
            if under["relation"] == "attacks":
                node.undercuts.append((yield self.argument(under, "undercuts", level)))
        return node


def iter_nodes(node):
    """Every node of a trace, depth first (references included), without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = (current.supported_by + current.attacked_by) if isinstance(current, ClaimNode) \
            else (current.premises + current.undercuts)
        stack.extend(reversed(children))
