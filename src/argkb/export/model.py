"""The one graph model every export format is written from.

Nodes are the knowledge base's actors, levers, moves, claims, implications and arguments;
an argument is a node of its own between its premises and its conclusion (as an AIF RA-node),
so its warrant and lens stay visible and an undercut has something to point at. Edges run in
the direction the reasoning flows:

===========  =====================  ==============================================
kind         from → to              RDF it comes from
===========  =====================  ==============================================
premise      claim → argument       ``?argument argkb:premise ?claim``
conclusion   argument → claim       ``?argument argkb:conclusion ?claim``
attacks      argument → claim/arg.  ``?argument argkb:attacks ?target``
trigger      move → implication     ``?implication argkb:trigger ?move``
affects      implication → actor    ``?implication argkb:affects ?actor``
actor        actor → move           ``?move argkb:actor ?actor``
lever        lever → move           ``?move argkb:lever ?lever``
===========  =====================  ==============================================

Everything is read through ``open_store(kb)`` with the bound queries of ``argkb.export.sparql`` (on
the derived pyoxigraph store, by the scans of ``argkb.export.scan``, which give the same rows).

Every argument, claim and implication also carries its status (IN, OUT or UNDEC, from
``argkb.assess.framework``): ``status`` overall and ``status_<lens>`` under each of the five lenses
(``status_realism`` … ``status_security_analysis``), left out where the lens does not see it.
Every implication carries its graded strength in [0, 1] the same way (``strength``,
``strength_realism`` …; DF-QuAD, ``argkb.assess.strength``), written as text with three decimals.
They come from one argument graph read per export (kept as ``ArgumentMap.graph``), labelled six
times; on the derived store it is read from the map's own scans (``GRAPH_PROPERTIES``), or from the
view of it another command kept (``argkb.assess.load``).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from argkb.export import sparql
from argkb.export.scan import QUOTE_PROPERTIES, reader, scanner_of
from argkb.export.statuses import set_statuses
from argkb.export.style import STATUS_ATTRS, STRENGTH_ATTRS
from argkb.rdf.ids import PERSPECTIVES, short
from argkb.vocab.namespaces import ARGKB, PROV, RDFS

if TYPE_CHECKING:  # pragma: no cover
    from argkb.assess.graph import ArgumentGraph
    from argkb.store.base import Store

#: node type -> the class its members belong to (later entries win: an implication is also a claim)
NODE_CLASSES: tuple[tuple[str, URIRef], ...] = (
    ("actor", ARGKB.Actor),
    ("lever", ARGKB.Lever),
    ("move", ARGKB.Move),
    ("claim", ARGKB.Claim),
    ("implication", ARGKB.Implication),
    ("argument", ARGKB.Argument),
)

#: (edge kind, property, True if the edge runs from the statement's object to its subject)
EDGE_PROPERTIES: tuple[tuple[str, URIRef, bool], ...] = (
    ("premise", ARGKB.premise, True),
    ("premise", ARGKB.premiseOf, False),
    ("conclusion", ARGKB.conclusion, False),
    ("conclusion", ARGKB.supportedBy, True),
    ("attacks", ARGKB.attacks, False),
    ("trigger", ARGKB.trigger, True),
    ("trigger", ARGKB.triggers, False),
    ("affects", ARGKB.affects, False),
    ("actor", ARGKB.actor, True),
    ("lever", ARGKB.lever, True),
)

#: the properties the argument graph reads that the map scans too (``argkb.assess.load``'s shared)
GRAPH_PROPERTIES = (ARGKB.perspective, ARGKB.conclusion, ARGKB.attacks, ARGKB.premise, RDFS.label)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_NAME_TOKEN = re.compile(r"^[A-Za-z_][A-Za-z0-9._:-]*$")

#: the attributes ``Node.fields`` writes from ``Node.attrs``, in its order
ATTR_FIELDS = (
    "statement",
    "perspective",
    "perspective_label",
    "role",
    "qualifier",
    "direction",
    "warrant",
    "attribution",
    *STATUS_ATTRS.values(),
    *STRENGTH_ATTRS.values(),
)
#: every field a node can carry, in the order ``Node.fields`` gives them
FIELD_ORDER = ("iri", "type", "label", *ATTR_FIELDS, "quote", "source")

#: attribute name -> literal property
LITERAL_ATTRS = {"statement": ARGKB.statement, "warrant": ARGKB.warrant}

#: attribute name -> property whose value is a named term (its label is what is shown)
TERM_ATTRS = {
    "perspective": ARGKB.perspective,
    "qualifier": ARGKB.qualifier,
    "direction": ARGKB.direction,
}

#: the perspective term -> the key `--perspective` takes (realism, diplomatic-practice, ...)
PERSPECTIVE_KEYS: dict[URIRef, str] = {}
for _key, _term in PERSPECTIVES.items():
    PERSPECTIVE_KEYS.setdefault(_term, _key)


@dataclass
class Quote:
    iri: str
    exact: str
    source: str = ""
    source_title: str = ""
    start: int | None = None
    end: int | None = None

    def cite(self) -> str:
        where = (
            f" [{self.start}–{self.end}]" if self.start is not None and self.end is not None else ""
        )
        return f"“{self.exact}” — {self.source_title or self.source}{where}"


@dataclass
class Node:
    id: str
    iri: str
    type: str
    label: str
    attrs: dict[str, str] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)

    def fields(self) -> dict[str, str]:
        """Every attribute as text, in a fixed order, empty ones left out (what the formats
        write)."""
        out = {"iri": self.iri, "type": self.type, "label": self.label}
        for name in ATTR_FIELDS:
            if self.attrs.get(name):
                out[name] = self.attrs[name]
        if self.quotes:
            out["quote"] = "\n".join(q.cite() for q in self.quotes)
            out["source"] = "; ".join(sorted({q.source_title or q.source for q in self.quotes}))
        return out

    def statuses(self) -> dict[str, str]:
        """Status lens (``overall``, ``realism`` …) -> IN / OUT / UNDEC, for the lenses that see the
        node."""
        return {
            lens: self.attrs[attr] for lens, attr in STATUS_ATTRS.items() if self.attrs.get(attr)
        }

    def strengths(self) -> dict[str, float]:
        """Status lens -> graded strength of an implication, for the lenses that see it."""
        return {
            lens: float(self.attrs[attr])
            for lens, attr in STRENGTH_ATTRS.items()
            if self.attrs.get(attr)
        }


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str

    @property
    def id(self) -> str:
        return f"{self.source}__{self.kind}__{self.target}"


@dataclass
class ArgumentMap:
    nodes: dict[str, Node]
    edges: list[Edge]
    store: Store | None = None
    title: str = "argkb argument map"
    semantics: str = "grounded"
    #: the whole knowledge base's argument graph (``argkb.assess.graph``) the statuses were computed
    #: on
    graph: ArgumentGraph | None = field(default=None, repr=False, compare=False)

    def counts(self) -> tuple[int, int]:
        return len(self.nodes), len(self.edges)

    def of_type(self, node_type: str) -> list[Node]:
        return [n for n in self.nodes.values() if n.type == node_type]

    def out_edges(self, node_id: str, kind: str | None = None) -> list[Edge]:
        return [e for e in self.edges if e.source == node_id and (kind is None or e.kind == kind)]

    def in_edges(self, node_id: str, kind: str | None = None) -> list[Edge]:
        return [e for e in self.edges if e.target == node_id and (kind is None or e.kind == kind)]

    def subgraph(self, keep: set[str]) -> ArgumentMap:
        nodes = {k: v for k, v in self.nodes.items() if k in keep}
        edges = [e for e in self.edges if e.source in nodes and e.target in nodes]
        return ArgumentMap(nodes, edges, self.store, self.title, self.semantics, self.graph)


# --------------------------------------------------------------------- reading
def pick(values: list[Literal]) -> str:
    """One literal of several: English or untagged first, then the first in a stable order."""
    if not values:
        return ""
    if len(values) == 1:  # the usual case, 250,000 times at a million triples: nothing to rank
        return clean(str(values[0]))
    ranked = sorted(
        values, key=lambda v: (getattr(v, "language", None) not in (None, "en"), str(v))
    )
    return clean(str(ranked[0]))


def clean(text: str) -> str:
    """Text without the control characters XML and DOT cannot carry (tabs and newlines kept),
    trimmed."""
    return _CONTROL.sub("", text).strip()


def node_id(iri: URIRef) -> str:
    """The node's id in every format: its CURIE (``kb:x``) if that is an XML name token, else a
    digest."""
    curie = short(iri)
    if _NAME_TOKEN.match(curie):
        return curie
    return "iri-" + hashlib.sha256(str(iri).encode("utf-8")).hexdigest()[:16]


def local_name(iri: str) -> str:
    return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def load(store, semantics: str = "grounded", finish: list | None = None) -> ArgumentMap:
    """The whole knowledge base as an argument map, read through ``store`` (``open_store(kb)``),
    with statuses under ``semantics`` (grounded, preferred or stable). Computed every time:
    ``argkb.export.mapview.load`` keeps it beside the derived store's database. ``finish``: where
    to leave what is still to be waited for (callables: the argument graph's view being written),
    for the caller to run; None: done before this returns."""
    if finish is None:
        finish = []
        try:
            return load(store, semantics, finish)
        finally:
            for settle in finish:
                settle()
    scanner = scanner_of(store)
    if scanner is None:
        return _load(store, semantics, None, reader(store), finish)
    scanner.keep.update(GRAPH_PROPERTIES)  # read again by the argument graph (set_statuses)
    from argkb.assess.load_scans import PREFIXES, queue_shared

    # ahead, in the order they are read: the nodes' classes, the map's scans, then the argument
    # graph's own; the labels, the longest, are read here meanwhile (row by row: cheaper than
    # packed while this thread would only wait)
    scanner.ahead([cls for _, cls in NODE_CLASSES], _scans_ahead(), PREFIXES)
    queue_shared(scanner.prefetch)
    try:
        return _load(store, semantics, scanner, scanner.rows, finish)
    finally:
        scanner.close()


def _scans_ahead() -> list:
    """The properties ``_load`` scans, in its order (the labels aside)."""
    return [
        *LITERAL_ATTRS.values(),
        *TERM_ATTRS.values(),
        PROV.wasAttributedTo,
        *QUOTE_PROPERTIES,
        *(prop for _, prop, _ in EDGE_PROPERTIES),
    ]


def _load(store, semantics: str, scanner, rows, finish: list) -> ArgumentMap:
    types: dict[URIRef, str] = {}
    labels: Any = defaultdict(list) if scanner is None else scanner.labels()
    for node_type, cls in NODE_CLASSES:
        if scanner is not None:  # labels read above: each node's distinct labels, as NODES has
            types.update(dict.fromkeys(scanner.members(cls), node_type))
            continue
        for node, label in rows(sparql.NODES, {"_class": cls}):
            types[node] = node_type
            if label is not None and label not in labels[node]:
                labels[node].append(label)
    nodes = {
        iri: Node(node_id(iri), str(iri), t, pick(labels.get(iri) or []) or local_name(str(iri)))
        for iri, t in types.items()
    }
    _read_attributes(rows, nodes)
    _read_quotes(rows, nodes)
    edges: dict[Edge, None] = {}
    for kind, prop, reverse in EDGE_PROPERTIES:
        for s, o in rows(sparql.LINKS, {"_property": prop}):
            a, b = (o, s) if reverse else (s, o)
            if a in nodes and b in nodes:
                edges[Edge(nodes[a].id, nodes[b].id, kind)] = None
    _set_roles(nodes, edges)
    graph = set_statuses(store, nodes, semantics, scanner, finish)
    # sorted by (type, id) and edges by (kind, source, target): one stable sort per field, the last
    # first (the same order as by tuples; comparing strings costs less than comparing tuples)
    ordered = sorted(nodes.values(), key=lambda n: n.id)
    ordered.sort(key=lambda n: n.type)
    by_id = {n.id: n for n in ordered}
    edge_list = sorted(edges, key=lambda e: e.target)
    edge_list.sort(key=lambda e: e.source)
    edge_list.sort(key=lambda e: e.kind)
    return ArgumentMap(by_id, edge_list, store, semantics=semantics, graph=graph)


def _read_attributes(rows, nodes: dict[URIRef, Node]) -> None:
    for name, prop in LITERAL_ATTRS.items():
        found: dict[URIRef, list] = defaultdict(list)
        for s, value in rows(sparql.VALUES, {"_property": prop}):
            found[s].append(value)
        for s, values in found.items():
            if s in nodes:
                nodes[s].attrs[name] = pick(values)
    for name, prop in TERM_ATTRS.items():
        for s, term, label in rows(sparql.TERMS, {"_property": prop}):
            if s not in nodes:
                continue
            if name == "perspective":
                nodes[s].attrs["perspective"] = PERSPECTIVE_KEYS.get(
                    term, local_name(str(term)).lower()
                )
                nodes[s].attrs["perspective_label"] = (
                    clean(label) if label is not None else local_name(str(term))
                )
            else:
                nodes[s].attrs[name] = (
                    clean(label) if label is not None else local_name(str(term)).lower()
                )
    for s, agent, label in rows(sparql.ATTRIBUTION):
        if s in nodes:
            nodes[s].attrs["attribution"] = clean(label) if label is not None else short(agent)


def _read_quotes(rows, nodes: dict[URIRef, Node]) -> None:
    seen = set()
    for claim, quote, exact, source, title, start, end in rows(sparql.QUOTES):
        if claim not in nodes or (claim, quote) in seen:
            continue
        seen.add((claim, quote))
        nodes[claim].quotes.append(
            Quote(
                str(quote),
                clean(str(exact)),
                str(source) if source is not None else "",
                clean(str(title)) if title is not None else "",
                int(start) if start is not None else None,
                int(end) if end is not None else None,
            )
        )


def _set_roles(nodes: dict[URIRef, Node], edges) -> None:
    """An argument supports (has a conclusion), rebuts (attacks a claim) or undercuts (attacks an
    argument)."""
    by_id = {n.id: n for n in nodes.values()}
    for e in edges:
        node = by_id[e.source]
        if e.kind == "conclusion":
            node.attrs["role"] = "support"
        elif e.kind == "attacks":
            node.attrs["role"] = "undercut" if by_id[e.target].type == "argument" else "rebut"
