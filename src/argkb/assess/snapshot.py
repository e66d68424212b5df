"""The argument graph kept beside the derived store's database it was read from
(``argkb.store.views``).

Reading the argument graph out of pyoxigraph at a million triples costs about 3 s of CPU, most of it
decoding half a million terms; the graph itself is small (every IRI once, then integers). So
``load`` keeps it as a view of the committed database: the next command on the same database reads
it back in a tenth of the time, and the first command after any change (a new database) reads the
store again.

The encoding: every IRI once, in a list; arguments and claims as tuples of indexes into it, in the
order ``load`` gives them (dict order is part of the result: it orders tables and ties).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from rdflib import URIRef

from argkb.assess.graph import Argument, ArgumentGraph, Claim

#: the view's name; a change to the encoding below changes the number
VIEW = "argument-graph-3"


def view_name(labels: bool) -> str:
    """The view's name: its encoding, a digest of the code that computes what it keeps (so a view
    written by another version of argkb is never read), and whether it holds every label."""
    return f"{VIEW}-{_code_digest()}" + ("-labelled" if labels else "")


@cache
def _code_digest() -> str:
    """The first 12 hex digits of the SHA-256 of the modules whose results a view keeps (read as
    files of this package: importing them here would make an import cycle with ``load``)."""
    digest = hashlib.sha256()
    for name in _CODE:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:12]


#: the modules of argkb.assess that compute what a view keeps
_CODE = (
    "graph.py",
    "incremental.py",
    "load.py",
    "queries.py",
    "strength.py",
    "strength_view.py",
    "snapshot.py",
)


def encode(graph: ArgumentGraph) -> dict:
    """The graph as marshal's types. The numbering and the arguments' and claims' tuples are kept
    on the graph (it is not changed once read): a view written again with the strengths' index
    (``load.keep_strengths``) numbers only what the index adds, as a fresh encoding would."""
    kept = graph.__dict__.get("_encoded")
    if kept is not None:
        return _with_strengths(graph, *kept)
    index: dict[URIRef, int] = {}
    i = _numbering(index)
    arguments = [
        (
            i(a.iri),
            a.label,
            i(a.perspective),
            i(a.conclusion),
            i(a.attacks),
            tuple(i(p) for p in a.premises),
            a.weakens,
        )
        for a in graph.arguments.values()
    ]
    claims = [
        (i(c.iri), c.label, c.implication, tuple(i(h) for h in _in_order(c.held_by)), c.base)
        for c in graph.claims.values()
    ]
    graph.__dict__["_encoded"] = (index, arguments, claims)
    return _with_strengths(graph, index, arguments, claims)


def _in_order(lenses: frozenset):
    """The lenses in their IRIs' order (a set's own order depends on the process's string hashes,
    and the view is then the same bytes in every process)."""
    return sorted(lenses, key=str) if len(lenses) > 1 else lenses


def _numbering(index: dict):
    """``i(node)``: the node's number in ``index`` (a new node gets the next one), -1 for None."""

    def i(node) -> int:
        if node is None:
            return -1
        found = index.get(node)
        if found is None:
            found = index[node] = len(index)
        return found

    return i


def _with_strengths(graph: ArgumentGraph, index: dict, arguments: list, claims: list) -> dict:
    i = _numbering(index)
    data: dict = {"arguments": arguments, "claims": claims}
    strength = graph.__dict__.get("_strength_index")
    if strength is not None:  # the strengths' influence graph, numbered once (strength_view)
        data["strength_index"] = strength.to_data(i)
    data["iris"] = [str(node) for node in index]  # last: numbering may have met new IRIs
    return data


def decode(data) -> ArgumentGraph | None:
    """The graph ``encode`` wrote, or None when the data is not such a graph."""
    try:
        new = str.__new__  # the IRIs were URIRefs already: no need to check them again
        iris = [new(URIRef, text) for text in data["iris"]]
        arguments: dict[URIRef, Argument] = {}
        for node, label, perspective, conclusion, attacks, premises, weakens in data["arguments"]:
            iri = iris[node]
            arguments[iri] = Argument(
                iri,
                label,
                _at(iris, perspective),
                _at(iris, conclusion),
                _at(iris, attacks),
                [iris[p] for p in premises],
                weakens,
            )
        claims: dict[URIRef, Claim] = {}
        for node, label, implication, held, base in data["claims"]:
            iri = iris[node]
            claims[iri] = Claim(iri, label, implication, frozenset(iris[h] for h in held), base)
    except (KeyError, IndexError, TypeError, ValueError):
        return None
    graph = ArgumentGraph(arguments, claims)
    graph.__dict__["_iris"] = iris
    if "strength_index" in data:  # rebuilt from it when strengths are first asked for
        graph.__dict__["_strength_index_data"] = data["strength_index"]
    return graph


def has_strength_index(data) -> bool:
    return isinstance(data, dict) and "strength_index" in data


def _at(iris: list, i: int):
    return None if i < 0 else iris[i]
