"""The argument map's queries (``argkb.export.sparql``) answered on pyoxigraph by one single-pattern
scan per property, joined here: the same rows, without the engine's property paths, OPTIONAL joins
and sort.

At a million triples the map reads about a million rows; the queries' joins and ORDER BY cost more
than the scans (as for the argument graph, ``argkb.assess.load``). Each scan is a one-pattern SPARQL
query run on the store as it is configured (the union of its graphs for the derived store), so it
sees what the query sees. One rdflib term is made per distinct pyoxigraph term.

Where the queries' answer depends on an order the scans cannot reproduce (a node with two values of
a property ``load`` keeps the last of; two quotes of a claim at the same offset), the query itself
is run: ``Scanner.rows`` gives exactly what ``store.query(query, bindings).rows`` gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import Literal

from argkb.export import sparql
from argkb.vocab.namespaces import ARGKB, DCTERMS, OA, PROV, RDFS

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: the properties whose scan serves several queries (the others are read once and let go)
KEPT = (RDFS.label, RDFS.subClassOf)


def reader(store) -> Callable[..., list[tuple]]:
    """``rows(query, bindings=None)`` for ``store``: a ``Scanner`` on the (derived) pyoxigraph
    store, else ``store.query(query, bindings).rows``."""
    from argkb.store.base import OxigraphStore

    if type(store).query is OxigraphStore.query and getattr(store, "ox", None) is not None:
        return Scanner(store).rows
    return lambda query, bindings=None: store.query(query, bindings).rows


class _Ambiguous(Exception):
    """The scans cannot tell the order the query would give its rows in."""


class Scanner:
    """``rows(query, bindings)`` for the map's queries on one pyoxigraph store
    (``OxigraphStore``)."""

    def __init__(self, store):
        import pyoxigraph

        from argkb.rdf.strict import from_ox

        self.store, self._made, self._pairs = store, {}, {}
        self._named, self._from_ox = pyoxigraph.NamedNode, from_ox
        self._literal, self._string, self._typed = (
            pyoxigraph.Literal,
            pyoxigraph.NamedNode(_XSD_STRING),
            {},
        )
        self._labels: dict | None = None

    def term(self, t):
        """The rdflib term; one object per IRI and per typed literal (they recur: the same node in
        many rows, the same offset in many quotes), plain and language-tagged strings made anew."""
        if type(t) is not self._named:
            if type(t) is not self._literal or t.language or t.datatype == self._string:
                return self._from_ox(t)
            key = (
                t.value,
                t.datatype.value,
            )  # a typed literal (an offset): rdflib's constructor is slow, they recur
            found = self._typed.get(key)
            if found is None:
                found = self._typed[key] = self._from_ox(t)
            return found
        found = self._made.get(t)
        if found is None:
            found = self._made[t] = self._from_ox(t)
        return found

    def _query(self, text: str):
        return self.store.ox.query(text, use_default_graph_as_union=self.store.union)

    def pairs(self, prop) -> dict:
        """subject -> [objects] of every ``?s prop ?o`` (rdflib terms; each distinct triple once);
        kept for the properties read more than once (``KEPT``)."""
        found = self._pairs.get(prop)
        if found is None:
            found = {}
            made, named, term = self._made, self._named, self.term
            for s, o in self._query(sparql.SCAN_PROPERTY % prop):
                key = made.get(s) if type(s) is named else None  # ``term`` inlined: a million rows
                if key is None:
                    key = term(s)
                value = made.get(o) if type(o) is named else None
                if value is None:
                    value = term(o)
                values = found.get(key)
                if values is None:
                    found[key] = [value]
                elif value not in values:
                    values.append(value)
            if prop in KEPT:
                self._pairs[prop] = found
        return found

    def labels(self) -> dict:
        return self.pairs(RDFS.label)

    def rows(self, query: str, bindings: dict | None = None) -> list[tuple]:
        bound = bindings or {}
        try:
            if query is sparql.NODES:
                return self._nodes(bound["_class"])
            if query is sparql.LINKS:
                return [
                    (s, o) for s, objects in self.pairs(bound["_property"]).items() for o in objects
                ]
            if query is sparql.VALUES:
                return [
                    (s, o)
                    for s, objects in self.pairs(bound["_property"]).items()
                    for o in objects
                    if isinstance(o, Literal)
                ]
            if query is sparql.TERMS:
                return self._labelled(bound["_property"])
            if query is sparql.ATTRIBUTION:
                return self._labelled(PROV.wasAttributedTo)
            if query is sparql.QUOTES:
                return self._quotes()
        except _Ambiguous:
            pass
        return self.store.query(query, bindings).rows

    def _nodes(self, cls) -> list[tuple]:
        """``?node a/rdfs:subClassOf* ?_class``, IRIs only, with each label (None without one)."""
        below: dict = defaultdict(set)
        for sub, supers in self.pairs(RDFS.subClassOf).items():
            for sup in supers:
                below[sup].add(sub)
        classes, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in classes:
                    classes.add(sub)
                    todo.append(sub)
        nodes: dict = {}
        for c in sorted(classes):
            for (s,) in self._query(sparql.SCAN_CLASS % c):
                if type(s) is self._named:
                    nodes[self.term(s)] = None
        labels = self.labels()
        return [(n, label) for n in nodes for label in labels.get(n, [None])]

    def _labelled(self, prop) -> list[tuple]:
        """``?s prop ?term OPTIONAL { ?term rdfs:label ?label }``; ambiguous when a subject gets two
        rows."""
        labels, out = self.labels(), []
        for s, objects in self.pairs(prop).items():
            rows = [(s, o, label) for o in objects for label in labels.get(o, [None])]
            if len(rows) > 1:
                raise _Ambiguous(s)
            out.extend(rows)
        return out

    def _quotes(self) -> list[tuple]:
        """The QUOTES rows, in its order (by claim, then by start offset)."""
        exact, source, title = (
            self.pairs(OA.exact),
            self.pairs(OA.hasSource),
            self.pairs(DCTERMS.title),
        )
        start, end = self.pairs(OA.start), self.pairs(OA.end)
        out: list[tuple] = []
        for claim, quotes in self.pairs(ARGKB.evidence).items():
            rows = []
            for quote in quotes:
                for text in exact.get(quote, ()):
                    for src in source.get(quote, [None]):
                        for name in title.get(src, [None]) if src is not None else [None]:
                            for first in start.get(quote, [None]):
                                for last in end.get(quote, [None]):
                                    rows.append((claim, quote, text, src, name, first, last))
            if len({r[1] for r in rows}) != len(rows):
                raise _Ambiguous(claim)  # a quote with two values of one of its properties
            offsets = [r[5] for r in rows]
            if any(
                o is not None and (not isinstance(o, Literal) or str(o.datatype) != _XSD_INTEGER)
                for o in offsets
            ):
                raise _Ambiguous(claim)
            keys = [-1 if o is None else int(o) for o in offsets]
            if len(set(keys)) != len(keys):
                raise _Ambiguous(claim)  # two quotes at one offset: the engine's order
            out.extend((claim, rows[i]) for i in sorted(range(len(rows)), key=keys.__getitem__))
        out.sort(key=lambda pair: str(pair[0]))
        return [row for _, row in out]
