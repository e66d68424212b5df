"""Reading the argument graph from a store: SPARQL queries, or one index scan per property on
pyoxigraph (``argkb.assess.load_scans``).

``load`` is the one entry point (``argkb.assess.framework.load`` re-exports it); the graph's classes
and the query texts are in ``argkb.assess.graph``.
"""

from __future__ import annotations

from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.load_scans import Several, plain_oxigraph, shared_labels
from argkb.assess.load_scans import load_scans as _load_scans
from argkb.assess.queries import ARGUMENTS_Q, CLAIMS_Q, HELD_Q, PREMISES_Q


def load(store, labels: bool = True, shared=None, later: bool = False) -> ArgumentGraph:
    """Read arguments and claims through a Store (``open_store(kb)``) with SPARQL.

    ``labels=False``: only the implications' labels are read (all ``lenses`` and ``scenario`` show);
    the other labels are left empty. On pyoxigraph (the derived store) the graph is read by one
    index scan per property (``_load_scans``), not by the joins below; the result is the same.

    ``shared``: a reader of the same store that scanned some properties already (the export's
    ``argkb.export.scan.Scanner``: ``term(t)``, ``iri(text)`` and ``pairs(prop)``, subject -> its
    distinct values); the graph takes those properties from it rather than decoding their rows
    again.

    ``later``: the caller computes strengths and then calls ``keep_strengths``, which writes the
    view of a graph read from the store (with its strengths' index): the view is written once.
    """
    if plain_oxigraph(store):
        from argkb.assess.snapshot import decode, encode, has_strength_index, view_name
        from argkb.store.views import read_view, write_view

        name = view_name(labels)
        kept = read_view(store, name)
        graph = decode(kept) if kept is not None else None
        if graph is not None:
            graph.__dict__["_view"] = (name, has_strength_index(kept))
            return graph
        # the graph with (without) labels another command kept (lenses, export) holds this one
        if labels:
            graph = _with_labels(read_view(store, view_name(False)), shared) if shared else None
        else:
            graph = _without_labels(read_view(store, view_name(True)))
        if graph is None:  # the predecessor's view and the files added since (a new database)
            from argkb.assess.incremental import derive

            graph = derive(store, name, labels, _without_labels)
        if graph is None:
            graph = _load_scans(store, labels, shared)
        if graph is not None:
            if later:
                graph.__dict__["_unwritten"] = True
            else:
                write_view(store, name, encode(graph))
            graph.__dict__["_view"] = (name, False)
            return graph
    arguments: dict[URIRef, Argument] = {}
    for row in store.query(ARGUMENTS_Q).dicts():
        a = arguments.setdefault(row["arg"], Argument(row["arg"]))
        a.label = a.label or str(row["label"] or "")
        a.perspective = a.perspective or row["perspective"]
        a.conclusion = a.conclusion or row["conclusion"]
        a.attacks = a.attacks or row["target"]
        a.weakens = a.weakens or row["force"] == WEAKEN
    for row in store.query(PREMISES_Q).rows:
        if row[0] in arguments and row[1] not in arguments[row[0]].premises:
            arguments[row[0]].premises.append(row[1])
    for a in arguments.values():
        a.premises.sort()
    claims: dict[URIRef, Claim] = {}
    for iri, label, implication, base in store.query(CLAIMS_Q).rows:
        c = claims.setdefault(iri, Claim(iri))
        c.label = c.label or str(label or "")
        c.implication = c.implication or (
            implication is not None and implication.toPython() is True
        )
        if base is not None and c.base is None:
            c.base = _score(base)
    held: dict[URIRef, set] = {}
    for claim, lens in store.query(HELD_Q).rows:
        held.setdefault(claim, set()).add(lens)
    for iri, lenses in held.items():
        if iri in claims:
            claims[iri].held_by = frozenset(lenses)
    return ArgumentGraph(arguments, claims)


def _without_labels(kept) -> ArgumentGraph | None:
    """The graph ``load(store, labels=False)`` reads, from the view of ``load(store)``'s (None if
    there is none). That view is written only when the scans read the graph, and then the scans
    without labels read the same graph, with the labels of the nodes typed argkb:Implication alone
    (``implication_labels``): the claims marked ``implication``."""
    from argkb.assess.snapshot import decode

    graph = decode(kept) if kept is not None else None
    if graph is None:
        return None
    claims = graph.claims
    for claim in claims.values():
        if not claim.implication:
            claim.label = ""
    for node, argument in graph.arguments.items():
        same = claims.get(node)
        if same is None or not same.implication:
            argument.label = ""
    return graph


def keep_strengths(store, graph: ArgumentGraph) -> None:
    """Keep the graph's strength index (numbered once, and the overall strengths it solved) in its
    view of the store's database (``argkb.assess.snapshot``), when the view does not hold it yet:
    once per database; and a view ``load(..., later=True)`` left unwritten, with or without it."""
    name, has_index = graph.__dict__.get("_view", (None, True))
    unwritten = graph.__dict__.pop("_unwritten", False)
    if (
        name is None
        or has_index
        or (graph.__dict__.get("_strength_index") is None and not unwritten)
    ):
        return
    from argkb.assess.snapshot import encode
    from argkb.store.views import write_view

    if write_view(store, name, encode(graph)):
        graph.__dict__["_view"] = (name, True)


def _with_labels(kept, shared) -> ArgumentGraph | None:
    """The graph ``load(store)`` reads, from the view of ``load(store, labels=False)``'s and the
    labels the shared reader scanned (None if there is no such view, or a node has two labels:
    the scans would give up too). The lean view is written only when the scans read the graph;
    the labelled scans read the same graph then, unless two labels make them give up."""
    from argkb.assess.snapshot import decode

    graph = decode(kept) if kept is not None else None
    if graph is None:
        return None
    try:
        label = shared_labels(shared, graph.arguments.keys() | graph.claims.keys())
    except Several:
        return None
    for node, argument in graph.arguments.items():
        argument.label = label.get(node, "")
    for node, claim in graph.claims.items():
        claim.label = label.get(node, "")
    return graph
