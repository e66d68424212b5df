"""Small bound queries that walk the argument graph one node at a time (used by trace and impacts).

Every query here starts from a node bound as a parameter (``?_node``), so an indexed store
answers it by lookup — no query scans the knowledge base — and all of them go through the
``Store`` interface, whatever the backend (in-memory, persistent or a remote endpoint).
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from argkb.errors import UsageError
from argkb.navigate.lookup import rows as index_rows
from argkb.rdf import ids
from argkb.vocab import ARGKB

PREFIXES = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

Q_TYPES = PREFIXES + "SELECT ?class WHERE { ?_node a/rdfs:subClassOf* ?class . }"

Q_INFO = (
    PREFIXES
    + """SELECT ?label ?statement ?qualifier ?qualifierLabel WHERE {
  OPTIONAL { ?_node rdfs:label ?label . }
  OPTIONAL { ?_node argkb:statement ?statement . }
  OPTIONAL { ?_node argkb:qualifier ?qualifier . OPTIONAL { ?qualifier rdfs:label ?qualifierLabel \
. } }
}"""
)

Q_QUOTES = (
    PREFIXES
    + """SELECT ?quote ?source ?title ?exact ?start ?end WHERE {
  ?_node argkb:evidence ?quote .
  OPTIONAL { ?quote oa:hasSource ?source . OPTIONAL { ?source dcterms:title ?title . } }
  OPTIONAL { ?quote oa:exact ?exact . }
  OPTIONAL { ?quote oa:start ?start . }
  OPTIONAL { ?quote oa:end ?end . }
}"""
)

Q_LINKED = (
    PREFIXES
    + """SELECT ?target ?label WHERE {
  ?_node ?_property ?target .
  OPTIONAL { ?target rdfs:label ?label . }
}"""
)

Q_LINKING = (
    PREFIXES
    + """SELECT ?subject ?label WHERE {
  ?subject ?_property ?_node .
  OPTIONAL { ?subject rdfs:label ?label . }
}"""
)

Q_ARGUMENTS = (
    PREFIXES
    + """SELECT ?argument ?relation ?label ?perspective ?perspectiveLabel ?warrant WHERE {
  { ?argument argkb:conclusion ?_node . BIND("supports" AS ?relation) }
  UNION
  { ?argument argkb:attacks ?_node . BIND("attacks" AS ?relation) }
  OPTIONAL { ?argument rdfs:label ?label . }
  OPTIONAL { ?argument argkb:perspective ?perspective .
             OPTIONAL { ?perspective rdfs:label ?perspectiveLabel . } }
  OPTIONAL { ?argument argkb:warrant ?warrant . }
}"""
)

Q_ALL_OF_CLASS = PREFIXES + "SELECT DISTINCT ?node WHERE { ?node a/rdfs:subClassOf* ?_class . }"


@dataclass
class Named:
    """An IRI with its CURIE and label: how every node appears in traces and impact reports."""

    iri: str
    id: str
    label: str

    @classmethod
    def of(cls, iri, label=None) -> Named:
        return cls(
            str(iri),
            ids.short(URIRef(iri)),
            str(label) if label is not None else ids.short(URIRef(iri)),
        )


def as_store(kb_or_store):
    """A Store from a KnowledgeBase (``open_store(kb)``) or a Store itself."""
    from argkb.kb import KnowledgeBase
    from argkb.store import open_store

    return open_store(kb_or_store) if isinstance(kb_or_store, KnowledgeBase) else kb_or_store


def _text(term) -> str | None:
    return None if term is None else str(term)


def _first_rows(rows, key: str) -> list[dict]:
    """One row per ``key`` value (the first, after sorting for a stable choice among label
    variants)."""
    seen: dict = {}
    for row in sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r.values())):
        seen.setdefault(row[key], row)
    return list(seen.values())


def _rows(store, sparql: str, lookup: str, bindings: dict) -> list[dict]:
    """The rows of ``sparql`` with ``bindings``: by index lookups on the plain embedded store
    (``lookup``'s method ``lookup`` gives the same rows), else by the query itself."""
    found = index_rows(store, lookup, bindings)
    return store.query(sparql, bindings).dicts() if found is None else found


def classes(store, node: URIRef) -> set[URIRef]:
    return {row["class"] for row in _rows(store, Q_TYPES, "types", {"_node": node})}


def info(store, node: URIRef) -> dict:
    """Label, statement and qualifier of a node (None where absent)."""
    rows = _rows(store, Q_INFO, "info", {"_node": node})
    row = _first_rows(rows, "label")[0] if rows else {}
    return {
        "label": _text(row.get("label")) or ids.short(node),
        "statement": _text(row.get("statement")),
        "qualifier": _text(row.get("qualifier")),
        "qualifier_label": _text(row.get("qualifierLabel")),
    }


def quotes(store, node: URIRef) -> list[dict]:
    rows = _first_rows(_rows(store, Q_QUOTES, "quotes", {"_node": node}), "quote")
    out = [
        {
            "iri": str(r["quote"]),
            "source": _text(r.get("source")),
            "source_title": _text(r.get("title")),
            "exact": _text(r.get("exact")),
            "start": int(r["start"]) if r.get("start") is not None else None,
            "end": int(r["end"]) if r.get("end") is not None else None,
        }
        for r in rows
    ]
    return sorted(
        out,
        key=lambda q: (q["source"] or "", q["start"] if q["start"] is not None else -1, q["iri"]),
    )


def linked(store, node: URIRef, prop: URIRef) -> list[Named]:
    """The objects of ``node prop ?x``, with labels, sorted by label."""
    rows = _first_rows(
        _rows(store, Q_LINKED, "linked", {"_node": node, "_property": prop}), "target"
    )
    return sorted(
        (Named.of(r["target"], r.get("label")) for r in rows), key=lambda n: (n.label, n.iri)
    )


def linking(store, node: URIRef, prop: URIRef) -> list[Named]:
    """The subjects of ``?x prop node``, with labels, sorted by label."""
    rows = _first_rows(
        _rows(store, Q_LINKING, "linking", {"_node": node, "_property": prop}), "subject"
    )
    return sorted(
        (Named.of(r["subject"], r.get("label")) for r in rows), key=lambda n: (n.label, n.iri)
    )


def alternatives(store, node: URIRef) -> list[Named]:
    """The implications the source offers as alternatives to ``node`` (argkb:alternativeTo, either
    direction)."""
    from argkb.vocab.namespaces import ARGKB

    found = {
        n.iri: n
        for n in linked(store, node, ARGKB.alternativeTo)
        + linking(store, node, ARGKB.alternativeTo)
    }
    return sorted(found.values(), key=lambda n: (n.label, n.iri))


def arguments_about(store, node: URIRef, perspectives=None) -> list[dict]:
    """The arguments that conclude or attack ``node``, optionally only those under
    ``perspectives``."""
    return _arguments(store, node, perspectives, "arguments")


def attackers(store, node: URIRef, perspectives=None) -> list[dict]:
    """``arguments_about`` but only those attacking ``node`` (an argument's undercuts: nothing
    concludes an argument, and the index lookups need not ask)."""
    return _arguments(store, node, perspectives, "attackers")


def _arguments(store, node: URIRef, perspectives, lookup: str) -> list[dict]:
    # an argument both concluding and attacking ``node`` keeps its "attacks" row here, first in sort
    # order, so asking for the attacks alone keeps the same row for it
    rows = _first_rows(_rows(store, Q_ARGUMENTS, lookup, {"_node": node}), "argument")
    out = []
    for r in rows:
        if perspectives and r.get("perspective") not in perspectives:
            continue
        if lookup == "attackers" and str(r["relation"]) != "attacks":
            continue
        out.append(
            {
                "iri": r["argument"],
                "relation": str(r["relation"]),
                "label": _text(r.get("label")) or ids.short(r["argument"]),
                "perspective": _text(r.get("perspective")),
                "perspective_label": _text(r.get("perspectiveLabel"))
                or (ids.short(r["perspective"]) if r.get("perspective") is not None else None),
                "warrant": _text(r.get("warrant")),
            }
        )
    return sorted(
        out,
        key=lambda a: (
            a["relation"] != "supports",
            a["perspective_label"] or "",
            a["label"],
            str(a["iri"]),
        ),
    )


def resolve(store, text: str, cls: URIRef | tuple, what: str) -> tuple[URIRef, URIRef]:
    """``text`` as the IRI of a node of class ``cls`` (or one of several); returns (iri, class
    matched).

    Unknown or wrong-type ids raise a UsageError naming the nearest ids of that class (found
    only then, with an unbound query: the error path may scan).
    """
    wanted = cls if isinstance(cls, tuple) else (cls,)
    iri = ids.to_iri(text)
    found = classes(store, iri)
    for c in wanted:
        if c in found:
            return iri, c
    if found:
        raise UsageError(wrong_kind_message(iri, found, what))
    known = {
        row["node"] for c in wanted for row in store.query(Q_ALL_OF_CLASS, {"_class": c}).dicts()
    }
    raise UsageError(ids.unknown_message(text, known, what))


#: the command that reads a node of each kind (most specific kinds first)
COMMAND_FOR = [
    (ARGKB.Implication, "Implication", "argkb trace {id}"),
    (ARGKB.Claim, "Claim", "argkb trace {id}"),
    (ARGKB.Move, "Move", "argkb impacts {id}"),
    (ARGKB.Lever, "Lever", "argkb impacts {id}"),
    (ARGKB.Actor, "Actor", "argkb impacts {id}"),
    (ARGKB.Argument, "Argument", "argkb trace CLAIM"),
    (ARGKB.Source, "Source", "argkb query source-quotes --param source={id}"),
    (ARGKB.Perspective, "Perspective", "argkb lenses"),
]


def wrong_kind_message(iri: URIRef, found: set[URIRef], what: str) -> str:
    """ "kb:impl-x is an Implication, not a move, lever or actor: try `argkb trace kb:impl-x`"."""
    name = ids.short(iri)
    for cls, label, command in COMMAND_FOR:
        if cls in found:
            article = "an" if label[0] in "AEIOU" else "a"
            return f"{name} is {article} {label}, not a {what}: try `{command.format(id=name)}`"
    kinds = ", ".join(sorted(ids.short(c) for c in found))
    return f"{name} is not a {what} (it is {kinds})"
