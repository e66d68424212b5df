"""Reading the argument graph from a store: SPARQL queries, or one index scan per property on
pyoxigraph.

``load`` is the one entry point (``argkb.assess.framework.load`` re-exports it); the graph's classes
and the query texts are in ``argkb.assess.graph``.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.queries import ARGUMENTS_Q, CLAIMS_Q, HELD_Q, PREMISES_Q, SCAN_Q
from argkb.vocab.namespaces import ARGKB, RDFS


def load(store, labels: bool = True, shared=None, later: bool = False) -> ArgumentGraph:
    """Read arguments and claims through a Store (``open_store(kb)``) with SPARQL.

    ``labels=False``: only the implications' labels are read (all ``lenses`` and ``scenario`` show);
    the other labels are left empty. On pyoxigraph (the derived store) the graph is read by one
    index scan per property (``_load_scans``), not by the joins below; the result is the same.

    ``shared``: a reader of the same store that scanned some properties already (the export's
    ``argkb.export.scan.Scanner``: ``term(t)`` and ``pairs(prop)``, subject -> its distinct
    values); the graph takes those properties from it rather than decoding their rows again.

    ``later``: the caller computes strengths and then calls ``keep_strengths``, which writes the
    view of a graph read from the store (with its strengths' index): the view is written once.
    """
    if _plain_oxigraph(store):
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


# --- the same graph by index scans (pyoxigraph) --------------------------------------------------
# Reading a term out of pyoxigraph's store costs a dictionary lookup per term, and its OPTIONAL
# joins cost more than the lookups: at a million triples the four queries above take 10-20 s, one
# scan per property a few. Each scan reads one property of every node; the terms are made once
# per IRI (one URIRef object per IRI, so later dict and set lookups compare by identity). Where
# the queries above keep the first of several values (two labels, two perspectives, ...), the
# scans cannot know which row would have come first: they give up, and ``load`` runs the queries.


def _plain_oxigraph(store) -> bool:
    from argkb.store.base import OxigraphStore

    return (
        isinstance(store, OxigraphStore)
        and type(store).query is OxigraphStore.query
        and getattr(store, "ox", None) is not None
    )


class _Several(Exception):
    """A node has several values where ``load``'s queries keep the first one."""


def _load_scans(store, labels: bool = True, shared=None) -> ArgumentGraph | None:
    import pyoxigraph

    from argkb.rdf.strict import from_ox
    from argkb.store.sparql_terms import term_sparql

    named = pyoxigraph.NamedNode
    iris: dict[str, URIRef] = {}

    def own_term(t):
        if type(t) is named:
            v = t.value
            u = iris.get(v)
            if u is None:
                u = iris[v] = URIRef(v)
            return u
        return None if t is None else from_ox(t)

    # with a shared reader, its terms (one object per IRI across both readers) and its scans
    term: Any = own_term if shared is None else (lambda t: None if t is None else shared.term(t))

    def rows(name: str, *args):
        text = SCAN_Q[name] % args if args else SCAN_Q[name]
        return store.ox.query(text, use_default_graph_as_union=store.union)

    def pairs(name: str):
        return [(term(n), term(v)) for n, v in rows(name)]

    def single(name: str) -> dict:
        """node -> its one value (the same value read twice, from two files, is one value)."""
        if shared is not None and name in _SHARED:
            found = {}
            for node, values in shared.pairs(_SHARED[name]).items():
                if len(values) > 1:  # distinct values: the scan below would find them too
                    raise _Several(node)
                found[node] = values[0]
            return found
        found = {}
        for n, v in rows(name):
            node, value = term(n), term(v)
            old = found.setdefault(node, value)
            if old is not value and old != value:
                raise _Several(node)
        return found

    def bound_values(name: str, values) -> list | None:
        """``(IRI, its SPARQL text)`` for each value, or None when one is no IRI (read them the slow
        way)."""
        try:
            bound = [(value, term_sparql(value)) for value in values if isinstance(value, URIRef)]
        except ValueError:
            return None
        return bound if len(bound) == len(values) else None

    def label_text(t) -> str:
        if type(t) is pyoxigraph.Literal and (t.language or t.datatype.value == _XSD_STRING):
            return t.value  # str(Literal(v) or "") is v for a plain or language-tagged string
        return str(from_ox(t) or "")

    try:
        order = list(dict.fromkeys(term(n) for (n,) in rows("arguments")))
        arguments = set(order)
        perspective: dict = {}
        lenses = (
            None
            if shared is not None
            else bound_values("perspective", [term(v) for (v,) in rows("perspectives")])
        )
        if lenses is not None:
            for (
                value,
                text,
            ) in lenses:  # one scan per lens: its IRI is read once, not once per argument
                for (n,) in rows("perspective_of", text):
                    node = term(n)
                    old = perspective.setdefault(node, value)
                    if old is not value and old != value:
                        raise _Several(node)
        else:
            perspective = single("perspective")
        conclusion, attacks = single("conclusion"), single("attacks")
        weakens = {node for node, value in pairs("force") if value == WEAKEN}
        premises: dict = {}
        for node, value in _pairs_of(shared, "premise") if shared is not None else rows("premise"):
            if shared is None:
                node, value = term(node), term(value)
            if node in arguments:
                if (
                    type(value) is not URIRef
                ):  # sorted with other terms: rdflib's order, the queries'
                    raise _Several(node)
                found = premises.get(node)
                if found is None:
                    premises[node] = [value]
                elif value not in found:
                    found.append(value)
        implications = [term(n) for (n,) in rows("implications")]
        claim_order = list(
            dict.fromkeys([*implications, *(term(n) for (n,) in rows("claims"))])
        )  # CLAIMS_Q's
        known = arguments.union(claim_order)
        label: dict = {}
        if shared is not None and labels:  # the same texts: label_text(t) is str(from_ox(t) or "")
            label = _shared_labels(shared, known)
        else:
            for n, v in rows("labels" if labels else "implication_labels"):
                node = term(n)
                if node in known:
                    text = label_text(v)
                    old = label.setdefault(node, text)
                    if old != text:
                        raise _Several(node)
        base: dict = {}
        scores = pairs("scores")  # qualifier -> base score: a handful, each then read per qualifier
        qualifiers = bound_values("scores", [q for q, _ in scores])
        if qualifiers is not None:
            for (_q, text), (_, value) in zip(qualifiers, scores):
                for (n,) in rows("qualified", text):
                    node = term(n)
                    if node in known:
                        old = base.setdefault(node, value)
                        if old is not value and old != value:
                            raise _Several(node)
        else:
            base = {node: value for node, value in single("base").items() if node in known}
    except _Several:
        return None
    out: dict[URIRef, Argument] = {}
    for node in order:
        found = premises.get(node)
        if found is None:
            found = []
        elif len(found) > 1:
            found.sort(key=str)  # IRIs alone: rdflib's order is their strings'
        out[node] = Argument(
            node,
            label.get(node, ""),
            perspective.get(node),
            conclusion.get(node),
            attacks.get(node),
            found,
            node in weakens,
        )
    claims: dict[URIRef, Claim] = {}
    for node in claim_order:
        score = base.get(node)
        claims[node] = Claim(
            node, label.get(node, ""), False, frozenset(), None if score is None else _score(score)
        )
    for node in implications:
        claims[node].implication = True
    held: dict[URIRef, set] = {}
    for node, value in pairs("held"):
        held.setdefault(node, set()).add(value)
    for node, lenses_ in held.items():
        if node in claims:
            claims[node].held_by = frozenset(lenses_)
    return ArgumentGraph(out, claims)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: the scans a shared reader (``load``'s ``shared``) answers: scan name -> its property
_SHARED = {
    "perspective": ARGKB.perspective,
    "conclusion": ARGKB.conclusion,
    "attacks": ARGKB.attacks,
    "premise": ARGKB.premise,
    "labels": RDFS.label,
}


def _shared_labels(shared, known) -> dict:
    """node -> its label's text, for the nodes in ``known``, from the shared reader's labels
    (``_Several``: a node has two)."""
    label: dict = {}
    for node, values in shared.pairs(_SHARED["labels"]).items():
        if node in known:
            for value in values:
                text = str(value or "")
                if label.setdefault(node, text) != text:
                    raise _Several(node)
    return label


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
        label = _shared_labels(shared, graph.arguments.keys() | graph.claims.keys())
    except _Several:
        return None
    for node, argument in graph.arguments.items():
        argument.label = label.get(node, "")
    for node, claim in graph.claims.items():
        claim.label = label.get(node, "")
    return graph


def _pairs_of(shared, name: str):
    """``(node, value)`` for each distinct value of each node, as the shared reader has them."""
    return [
        (node, value) for node, values in shared.pairs(_SHARED[name]).items() for value in values
    ]
