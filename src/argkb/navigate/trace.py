"""Tracing a claim back to its rationale: ``trace(kb_or_store, claim) -> TraceNode``.

From an implication (or any claim) the trace collects every argument for or against it —
with its perspective, warrant and premises — and, recursively, every premise's own supporting
and attacking arguments, the undercuts against each argument, and each claim's quotes (source
title, exact words, offsets) or attribution. Each node is expanded once; later occurrences are
references (``ref: true``), which also makes the walk safe on cycles through attacks.

The walk starts from the bound claim and asks a handful of small bound queries per node
(``argkb.navigate.walk``): it never scans the knowledge base, and it reads through
``open_store(kb)``, whatever store that is. The result is a plain dataclass tree; ``to_dict()``
gives JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from argkb.navigate import walk
from argkb.navigate.deep import drive, plain
from argkb.navigate.lookup import remembering
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
    relation: str  # "supports" | "rebuts" | "undercuts"
    perspective: str | None = None
    perspective_label: str | None = None
    warrant: str | None = None
    premises: list[ClaimNode] = field(default_factory=list)
    undercuts: list[ArgumentNode] = field(default_factory=list)
    ref: bool = False  # already shown above: not expanded again
    kind: str = "argument"
    status: str | None = None  # IN / OUT / UNDEC under the lens asked for (``set_statuses``)


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
    alternatives: list[walk.Named] = field(
        default_factory=list
    )  # argkb:alternativeTo, either direction
    supported_by: list[ArgumentNode] = field(default_factory=list)
    attacked_by: list[ArgumentNode] = field(default_factory=list)
    ref: bool = False  # already shown above: not expanded again
    truncated: bool = False  # has arguments beyond --depth
    kind: str = "claim"
    status: str | None = None  # IN / OUT / UNDEC under the lens asked for (``set_statuses``)
    strength: float | None = None  # its strength in [0, 1] under that lens (``set_statuses``)
    assessed: bool = False  # (on the root) statuses were set: JSON then carries them

    def to_dict(self) -> dict:
        """The tree as JSON data; ``status`` (and each claim's ``strength``, to three decimals) only
        when assessed."""
        if not self.assessed:
            return plain(self, skip=_ASSESSMENT)
        return _rounded(plain(self, skip=("assessed",)))


TraceNode = ClaimNode
_ASSESSMENT = ("status", "strength", "assessed")


def trace(
    kb_or_store, claim, perspectives=None, depth: int | None = None, status_lens: str | None = None
) -> ClaimNode:
    """The trace of ``claim`` (an IRI, CURIE or bare name; unknown ids raise UsageError).

    ``perspectives``: only arguments read through these lenses (IRIs or names) are followed.
    ``depth``: how many argument steps to expand below the claim (None: all).
    ``status_lens``: label every claim and argument IN / OUT / UNDEC under this lens (``overall``:
    every argument), each claim with its strength, as ``argkb.assess.framework.graded`` finds them.
    """
    store = walk.as_store(kb_or_store)
    iri = (
        claim
        if isinstance(claim, URIRef)
        else walk.resolve(store, str(claim), ARGKB.Claim, "claim")[0]
    )
    lenses = _lenses(perspectives, store)
    with remembering(
        store
    ):  # each node's triples read once per trace (on the plain embedded store)
        node = drive(_Tracer(store, lenses, depth).claim(iri, 0))
    if status_lens:
        from argkb.assess.framework import graded

        set_statuses(node, *graded(kb_or_store, None if status_lens == "overall" else status_lens))
    return node


def set_statuses(
    root: ClaimNode, status: dict[URIRef, str], strength: dict[URIRef, float] | None = None
) -> None:
    """Fill ``status`` on every claim and argument of the tree (None where not in view) and
    ``strength`` on every claim, from what ``argkb.assess`` found; marks the tree assessed."""
    strength = strength or {}
    root.assessed = True
    stack: list = [root]
    while stack:  # iteratively: a trace may be thousands of arguments deep
        node = stack.pop()
        node.status = status.get(URIRef(node.iri))
        if isinstance(node, ClaimNode):
            node.strength = strength.get(URIRef(node.iri))
            stack.extend(node.supported_by)
            stack.extend(node.attacked_by)
        else:
            stack.extend(node.premises)
            stack.extend(node.undercuts)


def _rounded(data: dict) -> dict:
    """Each claim's strength in the JSON tree to three decimals."""
    stack: list = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if item.get("kind") == "claim" and "strength" in item and item["strength"] is not None:
                item["strength"] = round(item["strength"], 3)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return data


def _lenses(perspectives, store) -> set[URIRef] | None:
    """The lenses named (built-in, or declared by the knowledge base in ``store``); None: all."""
    if not perspectives:
        return None
    from argkb.rdf.ids import perspective
    from argkb.store.perspectives import declared_perspectives

    declared = declared_perspectives(store)
    return {p if isinstance(p, URIRef) else perspective(p, declared) for p in perspectives}


class _Tracer:
    """The walk, written as generators run by ``deep.drive``: a chain of any length needs no stack
    frames."""

    def __init__(self, store, lenses, depth):
        self.store, self.lenses, self.depth = store, lenses, depth
        self.seen: dict[str, ClaimNode | ArgumentNode] = {}

    def claim(self, iri: URIRef, level: int):
        key = str(iri)
        if key in self.seen:
            first = self.seen[key]
            return ClaimNode(
                first.iri,
                first.id,
                first.label,
                ref=True,
                implication=isinstance(first, ClaimNode) and first.implication,
            )
        details = walk.info(self.store, iri)
        named = walk.Named.of(iri, details["label"])
        node = ClaimNode(
            named.iri,
            named.id,
            named.label,
            statement=details["statement"],
            implication=ARGKB.Implication in walk.classes(self.store, iri),
            qualifier=details["qualifier"],
            qualifier_label=details["qualifier_label"],
        )
        self.seen[key] = node
        node.quotes = [
            Quote(**{k: q[k] for k in ("iri", "source", "source_title", "exact", "start", "end")})
            for q in walk.quotes(self.store, iri)
        ]
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
        node = ArgumentNode(
            named.iri,
            named.id,
            named.label,
            relation,
            arg["perspective"],
            arg["perspective_label"],
            arg["warrant"],
        )
        if key in self.seen:
            node.ref, node.premises = True, []
            return node
        self.seen[key] = node
        for premise in walk.linked(self.store, arg["iri"], ARGKB.premise):
            node.premises.append((yield self.claim(URIRef(premise.iri), level + 1)))
        for under in walk.attackers(self.store, arg["iri"], self.lenses):
            if under["relation"] == "attacks":
                node.undercuts.append((yield self.argument(under, "undercuts", level)))
        return node


def iter_nodes(node):
    """Every node of a trace, depth first (references included), without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        children = (
            (current.supported_by + current.attacked_by)
            if isinstance(current, ClaimNode)
            else (current.premises + current.undercuts)
        )
        stack.extend(reversed(children))
