"""The argument graph read by one index scan per property on pyoxigraph (``load_scans``), the same
graph ``argkb.assess.load``'s queries read, without their joins; the scans run ahead on worker
threads (``argkb.store.prefetch``), those whose values are all IRIs packed.
"""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from argkb.assess.graph import WEAKEN, Argument, ArgumentGraph, Claim, _score
from argkb.assess.queries import PREFIXES, SCAN_BODY, SCAN_COLUMNS, SCAN_Q
from argkb.store.prefetch import Prefetch
from argkb.vocab.namespaces import ARGKB, RDFS

# --- the same graph by index scans (pyoxigraph) --------------------------------------------------
# Reading a term out of pyoxigraph's store costs a dictionary lookup per term, and its OPTIONAL
# joins cost more than the lookups: at a million triples the four queries above take 10-20 s, one
# scan per property a few. Each scan reads one property of every node; the terms are made once
# per IRI (one URIRef object per IRI, so later dict and set lookups compare by identity). Where
# the queries above keep the first of several values (two labels, two perspectives, ...), the
# scans cannot know which row would have come first: they give up, and ``load`` runs the queries.


def plain_oxigraph(store) -> bool:
    from argkb.store.base import OxigraphStore

    return (
        isinstance(store, OxigraphStore)
        and type(store).query is OxigraphStore.query
        and getattr(store, "ox", None) is not None
    )


class Several(Exception):
    """A node has several values where ``load``'s queries keep the first one."""


def load_scans(store, labels: bool = True, shared=None) -> ArgumentGraph | None:
    import pyoxigraph

    from argkb.rdf.strict import from_ox
    from argkb.store.sparql_terms import term_sparql

    named = pyoxigraph.NamedNode
    iris: dict[str, URIRef] = {}

    def own_iri(v: str) -> URIRef:
        u = iris.get(v)
        if u is None:
            u = iris[v] = URIRef(v)
        return u

    def own_term(t):
        if type(t) is named:
            return own_iri(t.value)
        return None if t is None else from_ox(t)

    # with a shared reader, its terms (one object per IRI across both readers) and its scans
    term: Any = own_term if shared is None else (lambda t: None if t is None else shared.term(t))
    iri: Any = own_iri if shared is None else shared.iri

    # the scans below, read ahead on other threads (in order); by the shared reader's threads
    # when it queued them already (``queue_shared``)
    preset = getattr(shared, "prefetch", None)
    ahead = preset if preset is not None else Prefetch(store, PREFIXES)

    def rows(name: str, *args):
        return ahead.rows(SCAN_Q[name] % args if args else SCAN_Q[name])

    def iri_rows(name: str, *args) -> list[tuple]:
        """The scan's rows as terms, read packed when every value is an IRI."""
        found = ahead.packed(
            SCAN_BODY[name] % args if args else SCAN_BODY[name], SCAN_COLUMNS[name]
        )
        if found is None:
            return [tuple(term(t) for t in row) for row in rows(name, *args)]
        if len(SCAN_COLUMNS[name]) == 1:
            return [(iri(n),) for (n,) in found]
        return [(iri(n), iri(v)) for n, v in found]

    def instances(name: str) -> list[tuple]:
        """A class's scan: the shared reader's when it read the class whole, else ``iri_rows``."""
        found = shared.instances(_CLASSES[name]) if hasattr(shared, "instances") else None
        return [(n,) for n in found] if found is not None else iri_rows(name)

    def pairs(name: str):
        return [(term(n), term(v)) for n, v in rows(name)]

    def single(name: str) -> dict:
        """node -> its one value (the same value read twice, from two files, is one value)."""
        if shared is not None and name in _SHARED:
            found = {}
            for node, values in shared.pairs(_SHARED[name]).items():
                if len(values) > 1:  # distinct values: the scan below would find them too
                    raise Several(node)
                found[node] = values[0]
            return found
        found = {}
        for node, value in iri_rows(name):
            old = found.setdefault(node, value)
            if old is not value and old != value:
                raise Several(node)
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
        lenses = (
            None
            if shared is not None
            else bound_values("perspective", [v for (v,) in iri_rows("perspectives")])
        )
        scores = pairs("scores")  # qualifier -> base score: a handful, each then read per qualifier
        qualifiers = bound_values("scores", [q for q, _ in scores])
        _queue(ahead, shared, labels, lenses, qualifiers, preset is not None)
        order = list(dict.fromkeys(n for (n,) in instances("arguments")))
        arguments = set(order)
        perspective: dict = {}
        if lenses is not None:
            for (
                value,
                text,
            ) in lenses:  # one scan per lens: its IRI is read once, not once per argument
                for (node,) in iri_rows("perspective_of", text):
                    old = perspective.setdefault(node, value)
                    if old is not value and old != value:
                        raise Several(node)
        else:
            perspective = single("perspective")
        conclusion, attacks = single("conclusion"), single("attacks")
        weakens = {node for node, value in iri_rows("force") if value == WEAKEN}
        premises: dict = {}
        for node, value in (
            _pairs_of(shared, "premise") if shared is not None else iri_rows("premise")
        ):
            if node in arguments:
                if (
                    type(value) is not URIRef
                ):  # sorted with other terms: rdflib's order, the queries'
                    raise Several(node)
                found = premises.get(node)
                if found is None:
                    premises[node] = [value]
                elif value not in found:
                    found.append(value)
        implications = [n for (n,) in instances("implications")]
        claim_order = list(
            dict.fromkeys([*implications, *(n for (n,) in instances("claims"))])
        )  # CLAIMS_Q's
        known = arguments.union(claim_order)
        label: dict = {}
        if shared is not None and labels:  # the same texts: label_text(t) is str(from_ox(t) or "")
            label = shared_labels(shared, known)
        else:
            for n, v in rows("labels" if labels else "implication_labels"):
                node = term(n)
                if node in known:
                    text = label_text(v)
                    old = label.setdefault(node, text)
                    if old != text:
                        raise Several(node)
        base: dict = {}
        if qualifiers is not None:
            for (_q, text), (_, value) in zip(qualifiers, scores):
                for (node,) in iri_rows("qualified", text):
                    if node in known:
                        old = base.setdefault(node, value)
                        if old is not value and old != value:
                            raise Several(node)
        else:
            base = {node: value for node, value in single("base").items() if node in known}
        held_pairs = iri_rows("held")
    except Several:
        return None
    finally:
        if preset is None:
            ahead.close()
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
    for node, value in held_pairs:
        held.setdefault(node, set()).add(value)
    for node, lenses_ in held.items():
        if node in claims:
            claims[node].held_by = frozenset(lenses_)
    return ArgumentGraph(out, claims)


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _queue(ahead, shared, labels: bool, lenses, qualifiers, preset: bool = False) -> None:
    """Queue the scans ``_load_scans`` reads, in the order it reads them (those a shared reader
    answers left out; with ``lenses`` None, ``perspective`` by ``single``; with ``preset``, those
    ``queue_shared`` queued)."""
    if not preset:
        names = ["arguments"] + (["perspective"] if shared is None and lenses is None else [])
        ahead_packed = [(SCAN_BODY[name], SCAN_COLUMNS[name]) for name in names]
        ahead_packed += [
            (SCAN_BODY["perspective_of"] % text, ("node",)) for _v, text in lenses or ()
        ]
        names = [] if shared is not None else ["conclusion", "attacks"]
        names += (
            ["force"] + ([] if shared is not None else ["premise"]) + ["implications", "claims"]
        )
        ahead_packed += [(SCAN_BODY[name], SCAN_COLUMNS[name]) for name in names]
        for body, columns in ahead_packed:
            if not _read_by(shared, body):
                ahead.ahead_packed(body, columns)
    if shared is None or not labels:
        ahead.ahead(SCAN_Q["labels" if labels else "implication_labels"])
    for _q, text in qualifiers or ():
        ahead.ahead_packed(SCAN_BODY["qualified"] % text, ("node",))
    if qualifiers is None:
        ahead.ahead(SCAN_Q["base"])
    if not preset:
        ahead.ahead_packed(SCAN_BODY["held"], SCAN_COLUMNS["held"])


#: the scans a shared reader's ``load_scans`` reads whatever the data: ``queue_shared``'s (the
#: classes' the map's reader has read already: ``Scanner.instances``)
_FIXED = ["force", "held"]
#: the class each class scan reads
_CLASSES = {
    "arguments": ARGKB.Argument,
    "implications": ARGKB.Implication,
    "claims": ARGKB.Claim,
}


def _read_by(shared, body: str) -> bool:
    """Whether the shared reader has read this class scan already (``Scanner.instances``)."""
    for name, cls in _CLASSES.items():
        if SCAN_BODY[name] == body:
            return hasattr(shared, "instances") and shared.instances(cls) is not None
    return False


def queue_shared(ahead) -> None:
    """Queue on ``ahead`` (a ``Prefetch`` with ``argkb.assess.queries.PREFIXES``) the scans
    ``load_scans(store, True, shared)`` will read whatever the data, for a shared reader whose
    ``prefetch`` is ``ahead``: its argument graph's scans then run while the reader's caller is
    busy with its own."""
    for name in _FIXED:
        ahead.ahead_packed(SCAN_BODY[name], SCAN_COLUMNS[name])


#: the scans a shared reader (``load``'s ``shared``) answers: scan name -> its property
_SHARED = {
    "perspective": ARGKB.perspective,
    "conclusion": ARGKB.conclusion,
    "attacks": ARGKB.attacks,
    "premise": ARGKB.premise,
    "labels": RDFS.label,
}


def shared_labels(shared, known) -> dict:
    """node -> its label's text, for the nodes in ``known``, from the shared reader's labels
    (``Several``: a node has two)."""
    label: dict = {}
    for node, values in shared.pairs(_SHARED["labels"]).items():
        if node in known:
            for value in values:
                text = str(value or "")
                if label.setdefault(node, text) != text:
                    raise Several(node)
    return label


def _pairs_of(shared, name: str):
    """``(node, value)`` for each distinct value of each node, as the shared reader has them."""
    return [
        (node, value) for node, values in shared.pairs(_SHARED[name]).items() for value in values
    ]
