"""The argument graph of a database that only added files to its predecessor, derived from the
predecessor's view (``argkb.assess.snapshot``) instead of scanning the whole store again.

The derived store records, when it commits a database that only added triples (new files, and
changed files that kept every triple they had: ``argkb add`` appends to the contributions log), the
predecessor's name and those files' named graphs (``argkb.store.views.write_lineage``).
Triples were only added then, and every property ``load`` reads is one of its node's own (subject
side): a node no added triple is about has the same arguments' and claims' fields as before. So
the graph is the predecessor's, with each node an added triple is about read again (its few
triples, from the whole store), and in the order the new database gives: ``load``'s order is its
index scans', which follow pyoxigraph's term encoding (a hash), so the three scans naming the
arguments, implications and claims are read again (a tenth of the full scans' time at 1M).

Anything else gives up (None), and ``load`` scans the store as before: no lineage, no view of the
predecessor, an added triple about a blank node or a qualifier's base score (which other nodes'
scores read), a node with two values where ``load`` keeps one (its scans give up there too).
"""

from __future__ import annotations

import pyoxigraph
from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.queries import PREFIXES, SCAN_BODY, SCAN_COLUMNS
from argkb.store.prefetch import Prefetch
from argkb.vocab.namespaces import ARGKB, RDF, RDFS


class _Doubt(Exception):
    """The change is not one this module derives: scan the store."""


def derive(store, name: str, labels: bool, without_labels=None) -> ArgumentGraph | None:
    """The graph ``load(store, labels)`` would scan, from the predecessor's view ``name`` (or, when
    ``labels`` is False, its labelled view through ``without_labels``: ``load._without_labels``)
    and the added graphs; None when it cannot tell."""
    from argkb.assess.snapshot import decode, view_name
    from argkb.store.views import predecessor_store, read_lineage, read_view

    lineage = read_lineage(store)
    if lineage is None:
        return None
    before = predecessor_store(store, lineage[0])
    kept = read_view(before, name)
    old = decode(kept) if kept is not None else None
    if old is None and not labels and without_labels is not None:
        old = without_labels(read_view(before, view_name(True)))
    if old is None:
        return None
    try:
        return _derive(store, old, lineage[1], labels)
    except _Doubt:
        return None


def _derive(store, old: ArgumentGraph, graphs: list[str], labels: bool) -> ArgumentGraph:
    with Prefetch(store, PREFIXES) as ahead:  # the ordering scans, read on other threads meanwhile
        for scan in _ORDERING:
            ahead.ahead_packed(SCAN_BODY[scan], SCAN_COLUMNS[scan])
        return _derive_with(store, old, graphs, labels, ahead)


def _derive_with(
    store, old: ArgumentGraph, graphs: list[str], labels: bool, ahead
) -> ArgumentGraph:
    ox = store.ox
    touched: dict[str, pyoxigraph.NamedNode] = {}
    for graph in graphs:
        for quad in ox.quads_for_pattern(None, None, None, pyoxigraph.NamedNode(graph)):
            subject = quad.subject
            if type(subject) is not pyoxigraph.NamedNode:
                raise _Doubt(subject)  # a blank node's triples may be any node's fields
            if quad.predicate == _BASE_SCORE:
                raise _Doubt(subject)  # a qualifier's score: every node it qualifies
            touched[subject.value] = subject
    one = _one_object(old)
    fresh = {iri: _read(ox, node, labels, one) for iri, node in touched.items()}
    arguments = _nodes(_order(ahead, "arguments"), fresh, 0, old.arguments, one)
    claim_order = dict.fromkeys([*_order(ahead, "implications"), *_order(ahead, "claims")])
    claims = _nodes(claim_order, fresh, 1, old.claims, one)
    for iri in fresh:  # typed now as they were: nothing is untyped
        node = one(iri)
        if (node in old.arguments and node not in arguments) or (
            node in old.claims and node not in claims
        ):
            raise _Doubt(iri)
    return ArgumentGraph(arguments, claims)


def _nodes(order, fresh: dict, kind: int, before: dict, one) -> dict:
    """node -> its argument (``kind`` 0) or claim (1), in ``order``: read again if ``fresh``
    has it, else the previous graph's (``_Doubt`` if it had none: the node would be new)."""
    nodes: dict = {}
    for iri in order:
        node = one(iri)
        if iri in fresh:
            nodes[node] = fresh[iri][kind]
        else:
            found = before.get(node)
            if found is None:
                raise _Doubt(iri)
            nodes[node] = found
    return nodes


def _one_object(old: ArgumentGraph):
    """``one(iri)``: the one URIRef object for the IRI (a str, or a term: other terms are returned
    as they are), the previous graph's where it had one, as the scans give one object per IRI
    (dict and set lookups then compare by identity, not by rdflib's slow ``__eq__``)."""
    known: dict[str, URIRef] = {}
    plain = str.__str__
    for node in old.__dict__.get("_iris") or ():
        known[plain(node)] = node
    new = str.__new__

    def one(term):
        if type(term) is str:
            found = known.get(term)
            if found is None:
                found = known[term] = new(URIRef, term)
            return found
        if type(term) is URIRef:
            return known.setdefault(plain(term), term)
        return term

    return one


_BASE_SCORE = pyoxigraph.NamedNode(str(ARGKB.baseScore))
_TYPE = str(RDF.type)


#: the scans whose order is the graph's: its arguments, implications and claims
_ORDERING = ("arguments", "implications", "claims")


def _order(ahead, scan: str) -> list[str]:
    """The IRIs one of ``load``'s ordering scans gives, in its order, first occurrence kept (read
    packed: the subjects' texts)."""
    found = ahead.packed(SCAN_BODY[scan], SCAN_COLUMNS[scan])
    if found is None:
        raise _Doubt(scan)  # a blank node: the scans' terms, not IRIs
    return list(dict.fromkeys(node for (node,) in found))


def _read(ox, node: pyoxigraph.NamedNode, labels: bool, one) -> tuple[Argument, Claim]:
    """The node's fields as argument and as claim, read from every graph, as ``_load_scans`` reads
    them (``_Doubt`` where they give up)."""
    from argkb.rdf.strict import from_ox

    values: dict[str, list] = {}
    for quad in ox.quads_for_pattern(node, None, None):
        found = values.setdefault(quad.predicate.value, [])
        term = one(from_ox(quad.object))
        if term not in found:
            found.append(term)
    types = values.get(_TYPE, [])
    implication = ARGKB.Implication in types
    iri = one(node.value)
    label = ""
    if labels or implication:
        texts = {str(value or "") for value in values.get(str(RDFS.label), [])}
        if len(texts) > 1:
            raise _Doubt(iri)
        label = texts.pop() if texts else ""
    premises = list(values.get(str(ARGKB.premise), []))
    if ARGKB.Argument in types and any(type(p) is not URIRef for p in premises):
        raise _Doubt(iri)
    if len(premises) > 1:
        premises.sort(key=str)
    forces = values.get(str(ARGKB.force), [])
    argument = Argument(
        iri,
        label,
        _one(values, ARGKB.perspective, iri),
        _one(values, ARGKB.conclusion, iri),
        _one(values, ARGKB.attacks, iri),
        premises,
        any(force == WEAKEN for force in forces),
    )
    scores = [
        from_ox(quad.object)
        for qualifier in values.get(str(ARGKB.qualifier), [])
        if isinstance(qualifier, URIRef)
        for quad in ox.quads_for_pattern(pyoxigraph.NamedNode(qualifier), _BASE_SCORE, None)
    ]
    if any(score != scores[0] for score in scores) or any(
        not isinstance(q, URIRef) for q in values.get(str(ARGKB.qualifier), [])
    ):
        raise _Doubt(iri)
    claim = Claim(
        iri,
        label,
        implication,
        frozenset(values.get(str(ARGKB.heldBy), [])),
        _score(scores[0]) if scores else None,
    )
    return argument, claim


def _one(values: dict, prop, iri):
    """The property's one value, None if none (``_Doubt`` if several)."""
    found = values.get(str(prop), [])
    if len(found) > 1:
        raise _Doubt(iri)
    return found[0] if found else None
