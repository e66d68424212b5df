"""The SPARQL the store layer asks (whether a node is described, a triple held, its objects and
neighbours, the declared perspectives, a server's counts): the one module of ``argkb.store`` that
holds query text. Parameters are variables bound at run time (``Store.query(text, bindings)``),
never pasted in."""

from __future__ import annotations

import re
from collections.abc import Mapping

#: whether ``?s`` is the subject of some triple
DESCRIBES = "ASK { ?s ?p ?o }"

#: whether the triple ``?s ?p ?o`` is held
HOLDS = "ASK { ?s ?p ?o }"

#: the objects of ``?s ?p``
OBJECTS = "SELECT ?o WHERE { ?s ?p ?o }"

#: the nodes ``?n`` points to and the nodes pointing to it
NEIGHBOURS = "SELECT DISTINCT ?x WHERE { { ?n ?p ?x } UNION { ?x ?p ?n } }"

#: triples per named graph whose name starts with ``?prefix``
GRAPH_COUNTS = (
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
    "FILTER(STRSTARTS(STR(?g), ?prefix)) } GROUP BY ?g"
)


def count_rows(prologue: str, body: str) -> str:
    """A SELECT's row count asked as a COUNT over it as a subquery (``body``: the SELECT after its
    prologue)."""
    return f"{prologue}\nSELECT (COUNT(*) AS ?argkb_rows) WHERE {{ {body}\n}}"


#: every declared perspective, its notation and labels
PERSPECTIVES_QUERY = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?perspective ?notation ?label WHERE {
  ?perspective a argkb:Perspective .
  OPTIONAL { ?perspective skos:notation ?notation }
  OPTIONAL { ?perspective skos:prefLabel|rdfs:label ?label }
}"""


_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def prefix_prologue(sparql: str, prefixes: Mapping[str, str]) -> str:
    """PREFIX declarations for the ``prefixes`` that ``sparql`` does not declare itself, one a line:
    for a SPARQL server, which takes no prefixes beside the text (pyoxigraph and rdflib take them as
    options)."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    return "".join(
        f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items() if name not in declared
    )


def packed_query(body: str, columns: tuple[str, ...], subjects: tuple[str, ...] = ("node",)) -> str:
    """The aggregate reading ``body`` (a SELECT of the variables ``columns``, without prefixes)
    packed: ``?rows`` the number of its solutions, ``?text`` their values' texts, a space between
    columns and a line break between rows, in the order of the solutions.

    ``?text`` is unbound when a value is a blank node (``STR`` fails on it, and with it the whole
    aggregate), and holds a double quote, which no IRI holds, after each literal of a column not
    in ``subjects`` (the variables in a subject's place: no literal there). Both are cheaper to
    tell apart than an ``isIRI`` test per row, which makes pyoxigraph decode every term."""
    parts = [
        f"STR(?{c})"
        if c in subjects
        else f'STR(?{c}), COALESCE(IF(LANG(?{c}), "{_MARK}", "{_MARK}"), "")'
        for c in columns
    ]
    text = ', " ", '.join(parts)
    text = text if len(parts) == 1 and columns[0] in subjects else f"CONCAT({text})"
    return (
        f"SELECT (COUNT(*) AS ?rows) "
        f'(GROUP_CONCAT({text}; SEPARATOR="\\n") AS ?text) WHERE {{ {body} }}'
    )


_MARK = (
    '\\"'  # the double quote, in the query's string (a literal's LANG is a string; an IRI's fails)
)


#: the separators of ``packed_terms_query``'s text: between rows, and between a row's fields
#: (ASCII's record and unit separators, which a text seldom holds; one that does is told apart)
ROW_SEPARATOR, FIELD_SEPARATOR = "\x1e", "\x1f"


def packed_terms_query(body: str, subject: str, value: str) -> str:
    """The aggregate reading ``body`` (a SELECT of ``?subject`` and ``?value``) packed as
    ``packed_query`` does, whatever kind of literal ``?value`` is: ``?rows`` the number of
    solutions, ``?text`` four fields a row (the subject's IRI, the value's lexical form, its
    language tag, its datatype's IRI), ``FIELD_SEPARATOR`` between the fields and
    ``ROW_SEPARATOR`` between the rows, in the order of the solutions.

    ``?text`` is unbound when a subject is a blank node or a value is not a literal (``STR``,
    ``LANG`` or ``DATATYPE`` fails on it, and with it the whole aggregate)."""
    unit, record = "\\u001f", "\\u001e"  # the separators, escaped in the query's strings
    fields = f', "{unit}", '.join(
        (f"STR(?{subject})", f"STR(?{value})", f"LANG(?{value})", f"STR(DATATYPE(?{value}))")
    )
    return (
        f"SELECT (COUNT(*) AS ?rows) "
        f'(GROUP_CONCAT(CONCAT({fields}); SEPARATOR="{record}") AS ?text) WHERE {{ {body} }}'
    )
