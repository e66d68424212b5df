"""Restricting a query to a set of nodes in time linear in their number (``focus_pattern``).

A ``VALUES ?this { … }`` block is the plain way to restrict a query to some nodes, but pyoxigraph
may join it last, scanning the whole table once per row of a pattern that binds ``?this``
(``VALUES ?this {N nodes} ?this a C`` costs N × |C|): validating a contribution of 16,000
claims spent minutes there. On an in-memory pyoxigraph store of its own (a neighbourhood graph,
``union`` off) the nodes are instead written as marker triples into a named graph of their own,
and the pattern is ``GRAPH <g> { ?this a <urn:argkb:Focus> }``: an indexed triple pattern, joined
like any other. The default graph, which is all the queries read otherwise, does not change, and
the marker graph is removed when the block ends. Any other store gets the ``VALUES`` block.

When the nodes are most of what such a store holds (a large contribution's neighbourhood is mostly
the contribution), even that join costs more than it saves: ``mostly(store, nodes)`` says so, and
the caller then runs the query on the whole store and keeps the rows of the nodes, which gives the
same rows for any query whose rows for one node do not depend on the others (what the compiled
shapes guarantee).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from argkb.store.base import OxigraphStore, to_ox
from argkb.store.sparql_terms import term_sparql

FOCUS_CLASS = "urn:argkb:Focus"
#: at most this many triples per node: the nodes are most of the store (``mostly``)
MOSTLY = 8
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def markable(store) -> bool:
    """An in-memory pyoxigraph store whose default graph is not the union of its named graphs."""
    return isinstance(store, OxigraphStore) and not store.union and store.backend == "memory"


def mostly(store, nodes) -> bool:
    """The store (a neighbourhood graph) holds little besides ``nodes``: at most ``MOSTLY`` triples
    per node."""
    return markable(store) and len(store.ox) <= MOSTLY * len(nodes)


@contextmanager
def focus_pattern(store, nodes: Iterable, var: str = "this") -> Iterator[str]:
    """A SPARQL pattern binding ``?var`` to each of ``nodes`` (rdflib IRIs), valid inside the
    block."""
    nodes = list(nodes)
    if not markable(store):
        yield f"VALUES ?{var} {{ " + " ".join(term_sparql(n) for n in nodes) + " } "
        return
    import pyoxigraph as ox

    graph = ox.NamedNode(f"urn:argkb:focus:{uuid.uuid4()}")
    kind, focus = ox.NamedNode(_RDF_TYPE), ox.NamedNode(FOCUS_CLASS)
    store.ox.extend([ox.Quad(to_ox(n), kind, focus, graph) for n in nodes])
    try:
        yield f"GRAPH <{graph.value}> {{ ?{var} <{_RDF_TYPE}> <{FOCUS_CLASS}> }} "
    finally:
        store.ox.remove_graph(graph)
