"""The SPARQL the authoring commands ask the store (``argkb source list/show``, ``argkb draft``, ids
in use): the one module of ``argkb.author`` that holds query text. Parameters are ``?_name``
variables, bound at run time (``Store.query(text, bindings)``), never pasted in."""

from __future__ import annotations

from argkb.vocab.namespaces import ARGKB

PREFIXES = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX oa: <http://www.w3.org/ns/oa#>
"""

#: every source, its title, date and how many quotes and claims anchor to it
LIST_QUERY = (
    PREFIXES
    + """SELECT ?source (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date)
       (COUNT(DISTINCT ?quote) AS ?quotes) (COUNT(DISTINCT ?claim) AS ?claims)
WHERE {
  ?source a argkb:Source .
  OPTIONAL { ?source dcterms:title ?t }
  OPTIONAL { ?source dcterms:date ?d }
  OPTIONAL { ?quote oa:hasSource ?source . OPTIONAL { ?claim argkb:evidence ?quote } }
}
GROUP BY ?source ORDER BY ?source"""
)

#: one source's own statements
META_QUERY = """SELECT ?p ?o WHERE { ?_source ?p ?o }"""

#: the claims that quote one source, and through which quotes
ANCHORED_QUERY = (
    PREFIXES
    + """SELECT ?claim ?quote ?start WHERE {
  ?quote oa:hasSource ?_source .
  OPTIONAL { ?quote oa:start ?start }
  OPTIONAL { ?claim argkb:evidence ?quote }
} ORDER BY ?start ?quote ?claim"""
)

TERMS_QUERY = """
SELECT ?node ?kind ?name ?actor ?lever ?direction ?leader WHERE {
    VALUES ?kind { <%(Actor)s> <%(Lever)s> <%(Move)s> }
    ?node a ?kind .
    { ?node <http://www.w3.org/2000/01/rdf-schema#label> ?name }
    UNION { ?node <http://www.w3.org/2004/02/skos/core#altLabel> ?name }
    OPTIONAL { ?node <%(actor)s> ?actor ; <%(lever)s> ?lever ; <%(direction)s> ?direction }
    OPTIONAL { ?node a ?leader . FILTER (?leader = <%(Leader)s>) }
}""" % {
    "Actor": ARGKB.Actor,
    "Lever": ARGKB.Lever,
    "Move": ARGKB.Move,
    "actor": ARGKB.actor,
    "lever": ARGKB.lever,
    "direction": ARGKB.direction,
    "Leader": ARGKB.Leader,
}

#: is the id used at all, and as what
USED_QUERY = (
    "SELECT ?type WHERE { { ?_node ?p ?o OPTIONAL { ?_node a ?type } } UNION { ?s ?p ?_node } }"
)

#: the spans of one source that implications quote or dismissals set aside (``argkb source show``:
#: the consequences no implication quotes)
QUOTED_SPANS_QUERY = (
    "SELECT ?start ?end WHERE { { ?impl a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c ; "
    "?ev ?q . FILTER (?c = ?implication && ?ev = ?evidence) } UNION { ?dismissal ?dismisses ?q } "
    "?q <http://www.w3.org/ns/oa#hasSource> ?_source ; <http://www.w3.org/ns/oa#start> ?start ; "
    "<http://www.w3.org/ns/oa#end> ?end }".replace("?implication", f"<{ARGKB.Implication}>")
    .replace("?evidence", f"<{ARGKB.evidence}>")
    .replace("?dismisses", f"<{ARGKB.dismisses}>")
)

#: whether ?_node is the subject of some triple
DESCRIBED = "ASK { ?_node ?p ?o }"

#: whether any triple names ?_node
MENTIONED = "ASK { { ?_node ?p ?o } UNION { ?s ?p ?_node } }"

#: whether ?_node has the type ?_kind
HAS_TYPE = "ASK { ?_node a ?_kind }"
