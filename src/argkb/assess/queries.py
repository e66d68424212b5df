"""The SPARQL of ``argkb.assess``, in one place: reading the argument graph (``load``: by queries,
or by one index scan per property on pyoxigraph), its neighbourhood (``load_local``, for ``why``),
the grounds of a premise, the moves of a scenario. Parameters are ``?name`` variables bound at run
time.
"""

from __future__ import annotations

# --- the argument graph (load) ---
PREFIX = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
ARGUMENTS_Q = (
    PREFIX
    + """SELECT ?arg ?perspective ?label ?conclusion ?target ?force WHERE {
  ?arg a argkb:Argument .
  OPTIONAL { ?arg argkb:perspective ?perspective }
  OPTIONAL { ?arg rdfs:label ?label }
  OPTIONAL { ?arg argkb:conclusion ?conclusion }
  OPTIONAL { ?arg argkb:attacks ?target }
  OPTIONAL { ?arg argkb:force ?force }
}"""
)
PREMISES_Q = (
    PREFIX + "SELECT ?arg ?premise WHERE { ?arg a argkb:Argument ; argkb:premise ?premise }"
)
CLAIMS_Q = (
    PREFIX
    + """SELECT ?claim ?label ?implication ?base WHERE {
  { ?claim a argkb:Claim } UNION { ?claim a argkb:Implication }
  OPTIONAL { ?claim rdfs:label ?label }
  OPTIONAL { ?claim argkb:qualifier/argkb:baseScore ?base }
  BIND (EXISTS { ?claim a argkb:Implication } AS ?implication)
}"""
)
HELD_Q = PREFIX + "SELECT ?claim ?lens WHERE { ?claim argkb:heldBy ?lens }"

# --- by index scans on pyoxigraph (load_scans.load_scans) ---
#: prefixes of the scans, as pyoxigraph's ``prefixes=`` takes them
PREFIXES = {
    "argkb": "https://w3id.org/argkb/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
}
#: the scans without their prefixes (``SCAN_Q`` has them): a packed scan reads one as a subquery
SCAN_BODY = {
    "arguments": "SELECT ?node WHERE { ?node a argkb:Argument }",
    "perspectives": "SELECT DISTINCT ?value WHERE { ?node argkb:perspective ?value }",
    "perspective": "SELECT ?node ?value WHERE { ?node argkb:perspective ?value }",
    "perspective_of": "SELECT ?node WHERE { ?node argkb:perspective %s }",
    "conclusion": "SELECT ?node ?value WHERE { ?node argkb:conclusion ?value }",
    "attacks": "SELECT ?node ?value WHERE { ?node argkb:attacks ?value }",
    "force": "SELECT ?node ?value WHERE { ?node argkb:force ?value }",
    "premise": "SELECT ?node ?value WHERE { ?node argkb:premise ?value }",
    "claims": "SELECT ?node WHERE { ?node a argkb:Claim }",
    "implications": "SELECT ?node WHERE { ?node a argkb:Implication }",
    "base": "SELECT ?node ?value WHERE { ?node argkb:qualifier/argkb:baseScore ?value }",
    "scores": "SELECT ?node ?value WHERE { ?node argkb:baseScore ?value }",
    "qualified": "SELECT ?node WHERE { ?node argkb:qualifier %s }",
    "labels": "SELECT ?node ?value WHERE { ?node rdfs:label ?value }",
    "implication_labels": (
        "SELECT ?node ?value WHERE { ?node a argkb:Implication ; rdfs:label ?value }"
    ),
    "held": "SELECT ?node ?value WHERE { ?node argkb:heldBy ?value }",
}
SCAN_Q = {name: PREFIX + body for name, body in SCAN_BODY.items()}
#: the variables each scan selects
_NODE, _PAIR = ("node",), ("node", "value")
SCAN_COLUMNS = {name: _PAIR for name in SCAN_BODY} | {
    "arguments": _NODE,
    "perspectives": ("value",),
    "perspective_of": _NODE,
    "claims": _NODE,
    "implications": _NODE,
    "qualified": _NODE,
}

# --- one claim's neighbourhood (load_local) ---
CLAIM_Q = (
    PREFIX
    + """SELECT ?label ?implication ?base ?lens WHERE {
  { ?node a argkb:Claim } UNION { ?node a argkb:Implication }
  OPTIONAL { ?node rdfs:label ?label }
  OPTIONAL { ?node argkb:qualifier/argkb:baseScore ?base }
  OPTIONAL { ?node argkb:heldBy ?lens }
  BIND (EXISTS { ?node a argkb:Implication } AS ?implication)
}"""
)
CONCLUDING_Q = (
    PREFIX + "SELECT DISTINCT ?arg WHERE { ?arg argkb:conclusion ?node ; a argkb:Argument }"
)
ATTACKING_Q = PREFIX + "SELECT DISTINCT ?arg WHERE { ?arg argkb:attacks ?node ; a argkb:Argument }"

# --- why: grounds, and whether a node is a claim ---
GROUNDS_Q = (
    PREFIX
    + """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?quote ?agent ?reference WHERE {
  OPTIONAL { ?node argkb:evidence ?quote }
  OPTIONAL { ?node prov:wasAttributedTo ?agent }
  OPTIONAL { ?node argkb:cites ?reference }
}"""
)
IS_CLAIM_Q = (
    PREFIX
    + "SELECT ?c WHERE { { ?node a argkb:Claim } UNION { ?node a argkb:Implication } BIND(?node "
    "AS ?c) } LIMIT 1"
)
ALL_CLAIMS_Q = (
    PREFIX + "SELECT DISTINCT ?c WHERE { { ?c a argkb:Claim } UNION { ?c a argkb:Implication } }"
)

# --- scenario ---
MOVES_Q = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?move ?label WHERE { ?move a argkb:Move . OPTIONAL { ?move rdfs:label ?label } }"""
TRIGGERS_Q = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
SELECT DISTINCT ?move ?impl WHERE { { ?impl argkb:trigger ?move } UNION { ?move argkb:triggers \
?impl } }"""
