"""Reading the argument graph from a store: SPARQL queries, or one index scan per property on
pyoxigraph.

``load`` is the one entry point (``argkb.assess.framework.load`` re-exports it); the graph's classes
and the query texts are in ``argkb.assess.graph``.
"""

from __future__ import annotations

from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.queries import ARGUMENTS_Q, CLAIMS_Q, HELD_Q, PREMISES_Q, SCAN_Q


def load(store, labels: bool = True) -> ArgumentGraph:
    """Read arguments and claims through a Store (``open_store(kb)``) with SPARQL.

    ``labels=False``: only the implications' labels are read (all ``lenses`` and ``scenario`` show);
    the other labels are left empty. On pyoxigraph (the derived store) the graph is read by one
    index scan per property (``_load_scans``), not by the joins below; the result is the same.
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
        graph = _load_scans(store, labels)
        if graph is not None:
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


def keep_strengths(store, graph: ArgumentGraph) -> None:
    """Keep the graph's strength index (numbered once, and the overall strengths it solved) in its
    view of the store's database (``argkb.assess.snapshot``), when the view does not hold it yet:
    once per database."""
    name, has_index = graph.__dict__.get("_view", (None, True))
    if name is None or has_index or graph.__dict__.get("_strength_index") is None:
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


def _load_scans(store, labels: bool = True) -> ArgumentGraph | None:
    import pyoxigraph

    from argkb.rdf.strict import from_ox
    from argkb.store.base import term_sparql

    named = pyoxigraph.NamedNode
    iris: dict[str, URIRef] = {}

    def term(t):
        if type(t) is named:
            v = t.value
            u = iris.get(v)
            if u is None:
                u = iris[v] = URIRef(v)
            return u
        return None if t is None else from_ox(t)

    def rows(name: str, *args):
        text = SCAN_Q[name] % args if args else SCAN_Q[name]
        return store.ox.query(text, use_default_graph_as_union=store.union)

    def pairs(name: str):
        return [(term(n), term(v)) for n, v in rows(name)]

    def single(name: str) -> dict:
        """node -> its one value (the same value read twice, from two files, is one value)."""
        found: dict = {}
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
        lenses = bound_values("perspective", [term(v) for (v,) in rows("perspectives")])
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
        for n, v in rows("premise"):
            node, value = term(n), term(v)
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
