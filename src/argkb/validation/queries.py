"""The SPARQL validation asks besides the shapes' own (which ``argkb.validation.compiled``, ``core``
and ``prebinding`` compile from ``ontology/shapes.ttl``): the neighbourhood a contribution is
checked in, the texts, the hints' lookups, the node count. The one module of ``argkb.validation``
that writes query text by hand. Parameters are ``?_name`` variables bound at run time, or node lists
in ``VALUES ?s`` blocks (``bound``)."""

from __future__ import annotations

from argkb.vocab.namespaces import ARGKB, KB, OA

_SUB = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"

# ---------------------------------------------------- the neighbourhood
# (argkb.validation.incremental)
#: the description of each ?s, and of its blank-node values
DESCRIPTIONS_WITH_BLANKS = (
    "CONSTRUCT { ?s ?p ?o . ?o ?p2 ?o2 } WHERE { ?s ?p ?o . "
    "OPTIONAL { FILTER (isBlank(?o)) ?o ?p2 ?o2 } }"
)
#: the description of each ?s
DESCRIPTIONS = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
#: every rdfs:subClassOf triple
SUBCLASS_TRIPLES = f"CONSTRUCT {{ ?a {_SUB} ?b }} WHERE {{ ?a {_SUB} ?b }}"
#: the arguments supporting each ?s (one level up a support chain)
SUPPORT_LINKS = (
    f"CONSTRUCT {{ ?a <{ARGKB.premise}> ?s . ?a <{ARGKB.conclusion}> ?c }} WHERE {{ "
    f"?a <{ARGKB.premise}> ?s ; <{ARGKB.conclusion}> ?c }}"
)


def incoming(predicates) -> str:
    """What points at each ?s with one of ``predicates`` (term_sparql texts), with the pointer's
    types and lens."""
    union = " UNION ".join(f"{{ ?a {p} ?s BIND ({p} AS ?p) }}" for p in predicates)
    lens = f"<{ARGKB.perspective}>"
    return (
        f"CONSTRUCT {{ ?a ?p ?s . ?a a ?t . ?a {lens} ?lens }} WHERE {{ {union} "
        f"OPTIONAL {{ ?a a ?t }} OPTIONAL {{ ?a {lens} ?lens }} }}"
    )


def binds_nodes(query: str) -> bool:
    """Whether the query reads ``?s`` (then it runs only with nodes to bind it to)."""
    return "?s" in query.split("WHERE", 1)[1]


def bound(query: str, nodes: list[str]) -> str:
    """``query`` with ``?s`` bound to ``nodes`` (SPARQL terms) by a VALUES block opening its WHERE
    clause."""
    at = query.index("WHERE {") + len("WHERE {")
    return query[:at] + " VALUES ?s { " + " ".join(nodes) + " } " + query[at:]


# ------------------------------------------------------------- texts and counts
# (argkb.validation.validate)
#: every source
SOURCES = f"SELECT DISTINCT ?s WHERE {{ ?s a <{ARGKB.Source}> }}"


def target_descriptions(target: str) -> str:
    """The description of every node a check's ``target`` pattern binds to ``?this``."""
    return f"CONSTRUCT {{ ?this ?p ?o }} WHERE {{ {target} ?this ?p ?o }}"


#: the kb: nodes with a type (argkb.validation.scope)
KB_NODES = (
    "SELECT (COUNT(DISTINCT ?node) AS ?n) WHERE { ?node a ?type "
    f'FILTER(STRSTARTS(STR(?node), "{KB}")) }}'
)

# --------------------------------------------------------------------------- hints
# (argkb.validation.hints)
#: the types of ?_node
TYPES = "SELECT ?t WHERE { ?_node a ?t }"
#: the instances of ?_cls and of its subclasses
INSTANCES = f"SELECT ?n WHERE {{ ?n a/{_SUB}* ?_cls }}"
#: a quote's words and source
QUOTE = f"SELECT ?exact ?source WHERE {{ ?_q <{OA.exact}> ?exact ; <{OA.hasSource}> ?source }}"
