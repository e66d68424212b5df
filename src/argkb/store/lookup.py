"""Index lookups on the knowledge base, without loading it into an rdflib graph.

``argkb add`` and ``argkb diff`` compare a contribution with the knowledge base: which of its
subjects the knowledge base already describes, which of its triples it already holds, and the
current values of single-valued properties. Parsing a million-triple knowledge base into rdflib
for that took a minute; on the derived store each question is one index lookup
(``quads_for_pattern``). ``TripleLookup`` answers them on a pyoxigraph store, on any other
``Store`` (a SPARQL endpoint: bound ASK/SELECT queries), or on an rdflib ``Graph``.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.term import Identifier, Node

from argkb.store import queries
from argkb.store.base import OxigraphStore, Store, from_ox, to_ox


class TripleLookup:
    def __init__(self, source: Store | Graph):
        self.source = source
        self._ox = source if isinstance(source, OxigraphStore) else None
        self._described: dict[Node, bool] = {}

    # ------------------------------------------------------------ questions
    def describes(self, node: Node) -> bool:
        """Whether some triple has ``node`` as its subject (cached per node)."""
        if node not in self._described:
            self._described[node] = self._describes(node)
        return self._described[node]

    def holds(self, s: Node, p: Node, o: Node) -> bool:
        if isinstance(self.source, Graph):
            return (s, p, o) in self.source
        quads = self._quads(s, p, o)
        if quads is not None:
            return next(iter(quads), None) is not None
        return bool(self.source.query(queries.HOLDS, {"s": s, "p": p, "o": o}).boolean)

    def objects(self, s: Node, p: Node) -> list:
        if isinstance(self.source, Graph):
            return list(self.source.objects(s, p))
        quads = self._quads(s, p, None)
        if quads is not None:
            return [from_ox(q.object) for q in quads]
        return [row[0] for row in self.source.query(queries.OBJECTS, {"s": s, "p": p}).rows]

    def neighbours(self, node: Identifier) -> set:
        """The nodes ``node`` points to and the nodes pointing to it (IRIs and blank nodes, not
        literals)."""
        if isinstance(self.source, Graph):
            found = {*self.source.objects(node, None), *self.source.subjects(None, node)}
        else:
            out, into = self._quads(node, None, None), self._quads(None, None, node)
            if out is not None and into is not None:
                found = {from_ox(q.object) for q in out} | {from_ox(q.subject) for q in into}
            else:
                found = {row[0] for row in self.source.query(queries.NEIGHBOURS, {"n": node}).rows}
        return {n for n in found if isinstance(n, (URIRef, BNode))}

    # ------------------------------------------------------------ plumbing
    def _describes(self, node: Node) -> bool:
        if isinstance(self.source, Graph):
            return next(iter(self.source.predicate_objects(node)), None) is not None
        if not isinstance(node, URIRef):
            return False  # blank nodes of a contribution are never the knowledge base's
        return self.source.describes(node)

    def _quads(self, s, p, o):
        """The matching quads by index lookup, or None when only a query can say."""
        if self._ox is None:
            return None
        import pyoxigraph

        try:
            terms = [None if t is None else to_ox(t) for t in (s, p, o)]
        except (TypeError, ValueError):
            return None
        graph = None if self._ox.union else pyoxigraph.DefaultGraph()
        return self._ox.ox.quads_for_pattern(*terms, graph)


__all__ = ["TripleLookup"]
