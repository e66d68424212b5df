"""Validate a contribution without loading the knowledge base: its nodes and the neighbourhood they
need.

The focus nodes are the ones the contribution touches: every subject it describes and
every IRI it names. Whole-graph validation of "knowledge base + contribution", reported for
those nodes, is what this reproduces — from a small graph instead of the whole one:

* the contribution itself;
* from the knowledge base (bound queries on ``open_store(kb)``): the description of every focus
  node, of its blank-node values, and of every node it points to (so ``sh:class`` sees their
  types); the arguments pointing at a focus node with ``argkb:premise``, ``argkb:conclusion``
  or ``argkb:attacks`` (rule 2's rationale, rule 7's lenses and unused claims), with their
  types and perspectives; every ``rdfs:subClassOf`` triple (targets and classes count subclasses);
* the support chains going up from the focus arguments' conclusions (rule 4: a new cycle must
  close through them), followed level by level with one bound query per level;
* the text of each source in that graph (rule 6).

The compiled shapes (``argkb.validation.compiled``) then run on that graph with ``VALUES ?this``
restricted to the focus nodes. Blank nodes are renamed to IRIs inside the small graph so they
can be focus nodes too, and named back in the results.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef

from argkb.store import open_store
from argkb.store.base import OxigraphStore, to_ox
from argkb.store.sparql_terms import term_sparql
from argkb.validation import queries
from argkb.vocab.namespaces import ARGKB

SKOLEM = "urn:argkb:bnode:"
#: predicates the shapes follow backwards from a focus node
INCOMING = (ARGKB.premise, ARGKB.conclusion, ARGKB.attacks)
_BATCH = 500
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def touched_nodes(contribution: Graph) -> set:
    """What a contribution is reported on: the nodes it describes and the IRIs it names."""
    nodes = set()
    for s, _p, o in contribution:  # one pass over a possibly large graph
        nodes.add(s)
        if isinstance(o, URIRef):
            nodes.add(o)
    return nodes


class Neighbourhood:
    """The small pyoxigraph graph (blank nodes renamed to IRIs) the shapes read about the focus
    nodes."""

    def __init__(self, store, contribution: Graph, focus: set, source_text):
        import pyoxigraph as ox

        self.ox = ox
        self.remote = store
        self.local = ox.Store()
        self.focus = [_skolem(to_ox(f)) for f in focus]
        self.local.extend(
            [ox.Quad(_skolem(to_ox(s)), to_ox(p), _skolem(to_ox(o))) for s, p, o in contribution]
        )
        self.blank_nodes([f for f in focus if isinstance(f, BNode)])
        iris = sorted(term_sparql(f) for f in focus if isinstance(f, URIRef))
        self.fetch(iris, queries.DESCRIPTIONS_WITH_BLANKS)
        self.fetch(iris, queries.incoming(term_sparql(p) for p in INCOMING))
        values = {
            str(q.object)
            for f in self.focus
            for q in self.local.quads_for_pattern(f, None, None)
            if isinstance(q.object, ox.NamedNode) and not q.object.value.startswith(SKOLEM)
        }
        self.fetch(sorted(values - set(iris)), queries.DESCRIPTIONS)
        self.fetch([], queries.SUBCLASS_TRIPLES)
        self.support_chains()
        self.add_texts(source_text)

    def blank_nodes(self, nodes: list) -> None:
        """The store's own blank focus nodes (a change's reach, ``argkb.validation.change``): their
        triples and blank values, and the triples pointing at them, by index lookups (a query cannot
        name them)."""
        if not nodes or not isinstance(self.remote, OxigraphStore):
            return
        ox, graph = self.ox, None if self.remote.union else self.ox.DefaultGraph()
        quads = []
        for node in (to_ox(n) for n in nodes):
            out = list(self.remote.ox.quads_for_pattern(node, None, None, graph))
            quads += out + list(self.remote.ox.quads_for_pattern(None, None, node, graph))
            quads += [
                q2
                for q in out
                if isinstance(q.object, ox.BlankNode)
                for q2 in self.remote.ox.quads_for_pattern(q.object, None, None, graph)
            ]
        self.local.extend(
            [ox.Quad(_skolem(q.subject), q.predicate, _skolem(q.object)) for q in quads]
        )

    def fetch(self, nodes: list[str], query: str) -> None:
        """Run a CONSTRUCT on the knowledge base with ``?s`` bound to ``nodes`` (SPARQL terms, in
        batches)."""
        batches = [nodes[i : i + _BATCH] for i in range(0, len(nodes), _BATCH)] if nodes else [None]
        if not nodes and queries.binds_nodes(query):
            return
        for batch in batches:
            text = query if batch is None else queries.bound(query, batch)
            self.local.extend(
                [
                    self.ox.Quad(_skolem(t.subject), t.predicate, _skolem(t.object))
                    for t in self._construct(text)
                ]
            )

    def _construct(self, text: str):
        return construct_triples(self.remote, text)

    def objects(self, subjects, predicate) -> set:
        return {
            q.object for s in subjects for q in self.local.quads_for_pattern(s, predicate, None)
        }

    def support_chains(self) -> None:
        """Every argument reachable upwards (premise -> conclusion) from the focus arguments'
        conclusions (rule 4)."""
        premise, conclusion = (
            self.ox.NamedNode(str(ARGKB.premise)),
            self.ox.NamedNode(str(ARGKB.conclusion)),
        )
        frontier = self.objects(self.focus, conclusion)
        seen: set = set()
        while frontier:
            seen |= frontier
            self.fetch(
                sorted(
                    f"<{c.value}>"
                    for c in frontier
                    if isinstance(c, self.ox.NamedNode) and not c.value.startswith(SKOLEM)
                ),
                queries.SUPPORT_LINKS,
            )
            args = {
                q.subject for c in frontier for q in self.local.quads_for_pattern(None, premise, c)
            }
            frontier = self.objects(args, conclusion) - seen

    def add_texts(self, source_text) -> None:
        from pyoxigraph import Triple

        ox = self.ox
        for q in list(
            self.local.quads_for_pattern(
                None, ox.NamedNode(_RDF_TYPE), ox.NamedNode(str(ARGKB.Source))
            )
        ):
            subject = q.subject
            if isinstance(subject, Triple):  # (RDF-star: a quoted triple is no source)
                continue
            text = (
                source_text(URIRef(subject.value)) if not subject.value.startswith(SKOLEM) else None
            )
            if text is not None:
                self.local.add(ox.Quad(subject, ox.NamedNode(str(ARGKB.text)), ox.Literal(text)))


def construct_triples(store, text: str) -> list:
    """A CONSTRUCT's triples as pyoxigraph Triples: straight from pyoxigraph when the store is
    one."""
    import pyoxigraph as ox

    if isinstance(store, OxigraphStore):
        triples = store.ox.query(text, use_default_graph_as_union=store.union)
        if not isinstance(triples, ox.QueryTriples):
            raise TypeError(f"not a CONSTRUCT query: {text[:60]!r}")
        return list(triples)
    return [ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in store.query(text).graph]


def _skolem(term):
    import pyoxigraph as ox

    return ox.NamedNode(SKOLEM + term.value) if isinstance(term, ox.BlankNode) else term


def unskolem(term):
    if isinstance(term, URIRef) and str(term).startswith(SKOLEM):
        return BNode(str(term)[len(SKOLEM) :])
    return term


def check_contribution(kb, contribution: Graph, compiled) -> list:
    """Raw results (``shapes_fast.RawResult``) for the nodes ``contribution`` touches, in the KB's
    context (``open_store(kb)``: the live store, or a view over it, ``argkb.store.view``)."""
    return check_nodes(
        open_store(kb), touched_nodes(contribution), compiled, kb.source_text, contribution
    )


def check_nodes(
    store, focus: set, compiled, source_text, contribution: Graph | None = None
) -> list:
    """Raw results for the ``focus`` nodes of ``store`` (plus ``contribution``), from their
    neighbourhood."""
    from dataclasses import replace

    from argkb.store.base import from_ox

    hood = Neighbourhood(
        store, contribution if contribution is not None else Graph(), focus, source_text
    )
    results = compiled.run(OxigraphStore(hood.local), [from_ox(f) for f in hood.focus])
    return [replace(r, focus=unskolem(r.focus), value=unskolem(r.value)) for r in results]
