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
