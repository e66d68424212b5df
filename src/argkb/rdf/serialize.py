"""Deterministic, readable Turtle: the same triples always give the same bytes.

Prefixes first (only those used), then one block per subject in sorted order; within a
block ``a`` first, then ``rdfs:label``, then the other predicates sorted, objects sorted.
Blank nodes are refused (contributions are skolemised before they get here), unless
``blank_nodes=True`` asks for them as ``_:bN`` labels (files an author keeps editing, e.g. ``argkb anchor``).
"""
from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from argkb.vocab.namespaces import PREFIXES

_FIRST = {RDF.type: "0", RDFS.label: "1"}
#: datatypes Turtle writes bare (when the lexical form is already the bare one)
_NATIVE = {XSD.integer: re.compile(r"^[+-]?[0-9]+$").match, XSD.boolean: re.compile(r"^(true|false)$").match}


def _name(term, used: set[str], blanks: dict | None = None) -> str:
    if isinstance(term, BNode) and blanks is not None:
        return blanks.setdefault(term, f"_:b{len(blanks) + 1}")
    if isinstance(term, URIRef):
        if term == RDF.type:
            return "a"
        iri = str(term)
        for prefix, ns in PREFIXES.items():
            local = iri[len(ns):]
            if iri.startswith(ns) and local and _plain_local(local):
                used.add(prefix)
                return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(term, Literal):
        if term.datatype in _NATIVE and _NATIVE[term.datatype](str(term)):
            return str(term)
        text = term.n3()
        if term.datatype is not None:   # shorten the datatype IRI too
            text = text[: text.rindex("^^")] + "^^" + _name(term.datatype, used)
        return text
    if isinstance(term, BNode):
        raise ValueError("blank nodes must be skolemised before serialising")
    return term.n3()


def _plain_local(local: str) -> bool:
    return all(c.isalnum() or c in "-_" for c in local) and not local[0] in "-" and not local[-1] == "."


def _sort_key(term) -> tuple:
    return (0 if isinstance(term, URIRef) else 1, str(term), str(getattr(term, "datatype", "") or ""),
            str(getattr(term, "language", "") or ""))


def to_turtle(graph: Graph, header: str = "", blank_nodes: bool = False) -> str:
    """The graph as sorted, prefixed Turtle (``header`` lines are written as comments first)."""
    used: set[str] = set()
    blanks: dict | None = {} if blank_nodes else None
    blocks: list[str] = []
    for subject in sorted(set(graph.subjects()), key=_sort_key):
        preds = sorted(set(graph.predicates(subject)), key=lambda p: (_FIRST.get(p, "2"), str(p)))
        lines = []
        for pred in preds:
            objects = sorted(graph.objects(subject, pred), key=_sort_key)
            rendered = ", ".join(_name(o, used, blanks) for o in objects)
            lines.append(f"    {_name(pred, used)} {rendered}")
        blocks.append(_name(subject, used, blanks) + "\n" + " ;\n".join(lines) + " .\n")
    out = [f"# {line}".rstrip() for line in header.splitlines()]
    out += [f"@prefix {p}: <{PREFIXES[p]}> ." for p in PREFIXES if p in used]
    return "\n".join(out) + "\n\n" + "\n".join(blocks)
