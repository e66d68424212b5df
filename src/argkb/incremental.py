"""Validate a contribution without loading the knowledge base: its nodes and the neighbourhood they need.

The focus nodes are the ones the contribution touches: every subject it describes and
every IRI it names. Whole-graph validation of "knowledge base + contribution", reported for
those nodes, is what this reproduces — from a small graph instead of the whole one:

* the contribution itself;
* from the knowledge base (bound queries on ``kb.store()``): the description of every focus
  node, of its blank-node values, and of every node it points to (so ``sh:class`` sees their
  types); the arguments pointing at a focus node with ``argkb:premise``, ``argkb:conclusion``
  or ``argkb:attacks`` (rule 2's rationale, rule 7's lenses and unused claims), with their
  types and perspectives; every ``rdfs:subClassOf`` triple (targets and classes count subclasses);
* the support chains going up from the focus arguments' conclusions (rule 4: a new cycle must
  close through them), followed level by level with one bound query per level;
* the text of each source in that graph (rule 6).

The compiled shapes (``argkb.shapes_fast``) then run on that graph with ``VALUES ?this``
restricted to the focus nodes. Blank nodes are renamed to IRIs inside the small graph so they
can be focus nodes too, and named back in the results.
"""
from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argkb.namespace import ARGKB
from argkb.store import OxigraphStore, term_sparql

SKOLEM = "urn:argkb:bnode:"
#: predicates the shapes follow backwards from a focus node
INCOMING = (ARGKB.premise, ARGKB.conclusion, ARGKB.attacks)
_BATCH = 500


def touched_nodes(contribution: Graph) -> set:
    """What a contribution is reported on: the nodes it describes and the IRIs it names."""
    nodes = set(contribution.subjects())
    nodes.update(o for o in contribution.objects() if isinstance(o, URIRef))
    return nodes


def neighbourhood(store, contribution: Graph, focus: set, source_text) -> Graph:
    """The part of "knowledge base + contribution" the shapes read about ``focus`` (see module doc)."""
    local = Graph()
    for triple in contribution:
        local.add(triple)
    iris = sorted(n for n in focus if isinstance(n, URIRef))
    _construct(store, local, iris, """
        CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 } WHERE {
          ?s ?p ?o . OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 } }""")
    _construct(store, local, iris, """
        CONSTRUCT { ?a ?p ?s . ?a a ?t . ?a <%s> ?lens } WHERE {
          VALUES ?p { %s } ?a ?p ?s . OPTIONAL { ?a a ?t } OPTIONAL { ?a <%s> ?lens } }"""
               % (ARGKB.perspective, " ".join(term_sparql(p) for p in INCOMING), ARGKB.perspective))
    values = sorted({o for s in focus for o in local.objects(s, None) if isinstance(o, URIRef)} - set(iris))
    _construct(store, local, values, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    for triple in store.query(f"CONSTRUCT {{ ?a <{RDFS.subClassOf}> ?b }} WHERE {{ ?a <{RDFS.subClassOf}> ?b }}").graph:
        local.add(triple)
    _support_chains(store, local, focus)
    for source in set(local.subjects(RDF.type, ARGKB.Source)):
        text = source_text(source) if isinstance(source, URIRef) else None
        if text is not None:
            local.add((source, ARGKB.text, Literal(text)))
    return local


def _construct(store, local: Graph, nodes: list, query: str) -> None:
    """Run a CONSTRUCT with ``?s`` bound to each of ``nodes`` (in batches), adding the triples to ``local``."""
    for i in range(0, len(nodes), _BATCH):
        block = "VALUES ?s { " + " ".join(term_sparql(n) for n in nodes[i:i + _BATCH]) + " } "
        at = query.index("WHERE {") + len("WHERE {")
        for triple in store.query(query[:at] + block + query[at:]).graph:
            local.add(triple)


def _support_chains(store, local: Graph, focus: set) -> None:
    """Add every argument reachable upwards (premise -> conclusion) from the focus arguments' conclusions."""
    frontier = {c for a in focus for c in local.objects(a, ARGKB.conclusion)}
    seen: set = set()
    while frontier:
        seen |= frontier
        iris = sorted(c for c in frontier if isinstance(c, URIRef))
        _construct(store, local, iris, f"""
            CONSTRUCT {{ ?a <{ARGKB.premise}> ?s . ?a <{ARGKB.conclusion}> ?c }} WHERE {{
              ?a <{ARGKB.premise}> ?s ; <{ARGKB.conclusion}> ?c }}""")
        frontier = {c for s in frontier for a in local.subjects(ARGKB.premise, s)
                    for c in local.objects(a, ARGKB.conclusion)} - seen


def skolemize(graph: Graph) -> Graph:
    out = Graph()
    for s, p, o in graph:
        out.add((_skolem(s), p, _skolem(o)))
    return out


def _skolem(term):
    return URIRef(SKOLEM + str(term)) if isinstance(term, BNode) else term


def unskolem(term):
    if isinstance(term, URIRef) and str(term).startswith(SKOLEM):
        return BNode(str(term)[len(SKOLEM):])
    return term


def check_contribution(kb, contribution: Graph, compiled) -> list:
    """Raw results (``shapes_fast.RawResult``) for the nodes ``contribution`` touches, in the KB's context."""
    from dataclasses import replace

    focus = touched_nodes(contribution)
    local = neighbourhood(kb.store(), contribution, focus, kb.source_text)
    small = OxigraphStore()
    small.add_graph(skolemize(local))
    results = compiled.run(small, focus=[_skolem(f) for f in focus])
    return [replace(r, focus=unskolem(r.focus), value=unskolem(r.value)) for r in results]
