"""The SPARQL the argument map is read with. Every parameter is a ``?_name`` bound at run time.

Each query is run through ``open_store(kb)`` with its parameters bound as RDF terms (a class,
a property), so the same few queries read every node type and every edge kind.
"""

from __future__ import annotations

PREFIXES = """\
PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

#: instances of ?_class (or of any of its subclasses), with their labels; params: _class
NODES = (
    PREFIXES
    + """
SELECT ?node ?label WHERE {
  ?node a/rdfs:subClassOf* ?_class .
  FILTER(isIRI(?node))
  OPTIONAL { ?node rdfs:label ?label }
}"""
)

#: subject and object of every ?_property statement; params: _property
LINKS = (
    PREFIXES
    + """
SELECT ?s ?o WHERE {
  ?s ?_property ?o .
}"""
)

#: a literal value of ?_property (statement, warrant, ...); params: _property
VALUES = (
    PREFIXES
    + """
SELECT ?s ?value WHERE {
  ?s ?_property ?value .
  FILTER(isLiteral(?value))
}"""
)

#: a property whose value is a named term (perspective, qualifier, direction), with that term's
#: label
TERMS = (
    PREFIXES
    + """
SELECT ?s ?term ?label WHERE {
  ?s ?_property ?term .
  OPTIONAL { ?term rdfs:label ?label }
}"""
)

#: who a claim or argument is attributed to (an agent's label)
ATTRIBUTION = (
    PREFIXES
    + """
SELECT ?s ?agent ?label WHERE {
  ?s prov:wasAttributedTo ?agent .
  OPTIONAL { ?agent rdfs:label ?label }
}"""
)

#: the quotes of every claim: exact words, source, its title, offsets
QUOTES = (
    PREFIXES
    + """
SELECT ?claim ?quote ?exact ?source ?title ?start ?end WHERE {
  ?claim argkb:evidence ?quote .
  ?quote oa:exact ?exact .
  OPTIONAL { ?quote oa:hasSource ?source . OPTIONAL { ?source dcterms:title ?title } }
  OPTIONAL { ?quote oa:start ?start }
  OPTIONAL { ?quote oa:end ?end }
}
ORDER BY ?claim ?start"""
)

#: everything said about one node, and its quotes (for the RDF exports); params: _node
DESCRIBE = (
    PREFIXES
    + """
CONSTRUCT { ?s ?p ?o } WHERE {
  ?_node argkb:evidence? ?s .
  ?s ?p ?o .
}"""
)

#: the instances of ?class (asserted types only); params: class
INSTANCES = "SELECT ?s WHERE { ?s a ?class }"

#: every (subject, object) of one property, and every instance of one class: the single-pattern
#: scans of ``argkb.export.scan``; ``%s`` is an IRI of the vocabulary (argkb.vocab), never a user's
#: text
SCAN_PROPERTY = "SELECT ?node ?value WHERE { ?node <%s> ?value }"
SCAN_CLASS = "SELECT ?node WHERE { ?node a <%s> }"
