"""What the ontology forbids, checked before a contribution lands: the OWL 2 RL rules that can fail.

``argkb reason`` (HermiT) finds an inconsistent knowledge base after the fact; ``add`` refuses the
contribution that would make it so. The ontology's axioms are compiled (``Axioms.of``) into a
handful of SPARQL queries, their tables inlined as ``VALUES`` blocks. Types are what OWL 2 RL
infers — asserted (``cax-sco``: through ``rdfs:subClassOf*``), from ``rdfs:domain`` / ``rdfs:range``
(``prp-dom``, ``prp-rng``) and through ``owl:inverseOf`` (``prp-inv``) — and an inconsistency is:

* a node of two disjoint classes (``cax-dw``, ``cax-adc``), also after a functional object
  property makes two values the same node (``prp-fp``);
* two different values of a functional datatype property (``prp-fp`` on data values);
* ``x P x`` for an irreflexive ``P`` (``prp-irp``); ``x P y`` and ``x Q y`` for disjoint ``P``,
  ``Q`` (``prp-pdw``);
* a literal outside the datatype a data property's range names (``xsd:string``: the one range HermiT
  decides as ``argkb reason`` runs it; it ignores ``rdf:langString``).

They run on a small store: the ontology, the contribution, and from the knowledge base every triple
a node the contribution names says of itself, one witness per predicate pointing at it
(``_incoming``: what points at a node only types it), and what the nodes it leads to say of
themselves (bound queries). ``tests/test_safety_axioms.py`` holds the verdicts to HermiT's on
planted fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD

from argkb.contrib.queries import describing, pointing_at, values_block
from argkb.rdf.ids import short
from argkb.store.base import to_ox
from argkb.store.sparql_terms import term_sparql

_BATCH = 500
#: data range -> the FILTER a value outside it passes (``?v`` the value). Only ranges whose verdict
#: was checked against HermiT as ``argkb reason`` runs it: it ignores ``rdf:langString``
#: (unsupported), so no check for it here
_OUTSIDE = {
    XSD.string: f'isLiteral(?v) && (lang(?v) != "" || datatype(?v) != <{XSD.string}>)',
}


@dataclass
class Inconsistency:
    node: URIRef
    reason: str

    def __str__(self) -> str:
        return f"{short(self.node)}: {self.reason}"


@dataclass
class Axioms:
    """The ontology's axioms as tables (what the queries inline)."""

    superclasses: dict = field(default_factory=dict)  # class -> itself and every named superclass
    subject_types: set = field(default_factory=set)  # (property, class) a subject gets
    object_types: set = field(default_factory=set)  # (property, class) an object gets
    disjoint: set = field(default_factory=set)  # (class, class), both orders
    functional_objects: set = field(default_factory=set)
    functional_data: set = field(default_factory=set)
    irreflexive: set = field(default_factory=set)
    disjoint_properties: set = field(default_factory=set)
    data_ranges: set = field(default_factory=set)  # (property, datatype)

    @classmethod
    def of(cls, ontology: Graph) -> Axioms:
        ax = cls()
        named = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        named |= {
            c
            for pair in ontology.subject_objects(RDFS.subClassOf)
            for c in pair
            if isinstance(c, URIRef)
        }
        for c in named:
            ax.superclasses[c] = {
                s for s in ontology.transitive_objects(c, RDFS.subClassOf) if isinstance(s, URIRef)
            }
        for node in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
            head = ontology.value(node, OWL.members)
            members = (
                [m for m in Collection(ontology, head) if isinstance(m, URIRef)]
                if head is not None
                else []
            )
            ax.disjoint |= {pair for a, b in combinations(members, 2) for pair in ((a, b), (b, a))}
        ax.disjoint |= {
            pair for a, b in ontology.subject_objects(OWL.disjointWith) for pair in ((a, b), (b, a))
        }
        domains = set(ontology.subject_objects(RDFS.domain))
        ranges = {(p, c) for p, c in ontology.subject_objects(RDFS.range) if c in ax.superclasses}
        ax.subject_types, ax.object_types = set(domains), set(ranges)
        for p, q in ontology.subject_objects(OWL.inverseOf):  # x P y iff y Q x
            for a, b in ((p, q), (q, p)):
                ax.subject_types |= {(a, c) for prop, c in ranges if prop == b}
                ax.object_types |= {(a, c) for prop, c in domains if prop == b}
        functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
        data = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
        ax.functional_data = functional & data
        ax.functional_objects = functional - data
        ax.irreflexive = set(ontology.subjects(RDF.type, OWL.IrreflexiveProperty))
        ax.disjoint_properties = {
            pair
            for a, b in ontology.subject_objects(OWL.propertyDisjointWith)
            for pair in ((a, b), (b, a))
        }
        ax.data_ranges = {
            (p, r) for p, r in ontology.subject_objects(RDFS.range) if p in data and r in _OUTSIDE
        }
        return ax

    # ------------------------------------------------------------ queries
    def typing(self) -> str:
        """SELECT ?x ?c: every class ``?c`` of a focus node ``?x`` that takes part in a
        disjointness, as OWL 2 RL infers it (asserted types, domains, ranges, inverses, then
        superclasses); ``#FOCUS`` binds ``?x``."""
        relevant = {a for a, _b in self.disjoint}
        pairs = sorted(
            (term_sparql(t), term_sparql(c))
            for t, sups in self.superclasses.items()
            for c in sups
            if c in relevant
        )
        subj = " ".join(
            f"({term_sparql(p)} {term_sparql(c)})" for p, c in sorted(self.subject_types)
        )
        obj = " ".join(f"({term_sparql(p)} {term_sparql(c)})" for p, c in sorted(self.object_types))
        return (
            f"SELECT DISTINCT ?x ?c WHERE {{ #FOCUS {{ ?x a ?t }} UNION {{ VALUES (?sp ?t) {{ "
            f"{subj} }} ?x ?sp ?so }} UNION {{ VALUES (?op ?t) {{ {obj} }} ?os ?op ?x }} VALUES "
            f"(?t ?c) {{ {' '.join(f'({t} {c})' for t, c in pairs)} }} }}"
        )

    def queries(self) -> list[tuple[str, str]]:
        """(kind, SPARQL) with ``#FOCUS`` where the pattern binding the focus nodes goes (disjoint
        classes: ``typing``)."""
        out = []
        if self.disjoint and self.functional_objects:
            props = " ".join(term_sparql(p) for p in sorted(self.functional_objects))
            out.append(
                (
                    "merged",
                    "SELECT DISTINCT ?x ?p ?a ?b WHERE { #FOCUS VALUES ?p { " + props + " } "
                    "?x ?p ?a . ?x ?p ?b . FILTER (!sameTerm(?a, ?b) && isIRI(?a) && isIRI(?b)) }",
                )
            )
        if self.functional_data:
            props = " ".join(term_sparql(p) for p in sorted(self.functional_data))
            out.append(
                (
                    "values",
                    "SELECT DISTINCT ?x ?p ?a ?b WHERE { #FOCUS VALUES ?p { " + props + " } "
                    "?x ?p ?a . ?x ?p ?b . FILTER (?a != ?b) }",
                )
            )
        if self.irreflexive:
            props = " ".join(term_sparql(p) for p in sorted(self.irreflexive))
            out.append(
                (
                    "irreflexive",
                    "SELECT DISTINCT ?x ?p WHERE { #FOCUS VALUES ?p { " + props + " } ?x ?p ?x }",
                )
            )
        if self.disjoint_properties:
            pairs = " ".join(
                f"({term_sparql(a)} {term_sparql(b)})" for a, b in sorted(self.disjoint_properties)
            )
            out.append(
                (
                    "properties",
                    "SELECT DISTINCT ?x ?p ?q ?y WHERE { #FOCUS VALUES (?p ?q) { " + pairs + " } "
                    "?x ?p ?y . ?x ?q ?y }",
                )
            )
        for prop, datatype in sorted(self.data_ranges):
            out.append(
                (
                    "range",
                    f"SELECT DISTINCT ?x ?p ?v WHERE {{ #FOCUS VALUES (?p ?r) {{ "
                    f"({term_sparql(prop)} {term_sparql(datatype)}) }} ?x ?p ?v FILTER "
                    f"({_OUTSIDE[datatype]}) }}",
                )
            )
        return out


def _why(kind: str, row: dict) -> str:
    n = {
        k: short(v) if isinstance(v, URIRef) else v.n3() if isinstance(v, Literal) else str(v)
        for k, v in row.items()
    }
    return {
        "disjoint": lambda: (
            f"would be both a {n['c1']} and a {n['c2']}, which the ontology declares disjoint"
        ),
        "merged": lambda: (
            f"{n['p']} has one value, so {n['a']} and {n['b']} would be the same node, both a "
            f"{n['c1']} and a {n['c2']}, which the ontology declares disjoint"
        ),
        "values": lambda: f"{n['p']} has one value, but would have {n['a']} and {n['b']}",
        "irreflexive": lambda: f"{n['p']} may not point a node at itself",
        "properties": lambda: f"{n['p']} and {n['q']} may not link the same two nodes ({n['y']})",
        "range": lambda: (
            f"{n['p']} takes {short(row['r']) if 'r' in row else 'another datatype'}, not {n['v']}"
        ),
    }[kind]()


def check_axioms(
    store, contribution: Graph, ontology: Graph, without=frozenset()
) -> list[Inconsistency]:
    """What adding ``contribution`` to the knowledge base behind ``store`` would make inconsistent
    (``without``: triples the change removes, e.g. the values ``--amend`` replaces)."""
    import pyoxigraph as ox

    from argkb.store.base import OxigraphStore
    from argkb.store.focus import focus_pattern
    from argkb.validation.incremental import construct_triples

    # every IRI of the contribution, converted once (one pass over a possibly large graph)
    iris: dict = {}

    def term(t):
        if not isinstance(t, URIRef):
            return to_ox(t)
        found = iris.get(t)
        if found is None:
            found = iris[t] = to_ox(t)
        return found

    local = ox.Store()  # the ontology's axioms are inlined in the queries: only data goes here
    local.extend([ox.Quad(term(s), term(p), term(o)) for s, p, o in contribution])
    focus = sorted(set(iris) - set(ontology.subjects()), key=str)
    linked: set[str] = set()
    for i in range(0, len(focus), _BATCH):
        block = values_block(term_sparql(f) for f in focus[i : i + _BATCH])
        described = construct_triples(store, describing(block))
        local.extend([ox.Quad(t.subject, t.predicate, t.object) for t in described])
        linked.update(t.object.value for t in described if isinstance(t.object, ox.NamedNode))
        local.extend(_incoming(store, block))
    near = sorted(linked - {str(f) for f in focus})
    for i in range(
        0, len(near), _BATCH
    ):  # what the neighbours say of themselves (their types, their values)
        block = values_block(f"<{n}>" for n in near[i : i + _BATCH])
        local.extend(
            [
                ox.Quad(t.subject, t.predicate, t.object)
                for t in construct_triples(store, describing(block))
            ]
        )
    for s, p, o in without:
        local.remove(ox.Quad(to_ox(s), to_ox(p), to_ox(o)))
    small = OxigraphStore(local)
    axioms = Axioms.of(ontology)
    ranges = dict(axioms.data_ranges)
    found: dict[tuple, Inconsistency] = {}

    def rows(query: str, block: str) -> list[dict]:
        result = small.query(query.replace("#FOCUS", block))
        return [dict(zip(result.vars, row)) for row in result.rows]

    def classes(block: str) -> dict:
        out: dict = {}
        for row in rows(axioms.typing(), block):
            out.setdefault(row["x"], set()).add(row["c"])
        return out

    def clashes(types: set) -> list:
        if len(types) < 2:
            return []
        return sorted(
            (a, b) for a, b in axioms.disjoint if a in types and b in types and str(a) < str(b)
        )

    with focus_pattern(
        small, focus, "x"
    ) as marked:  # each query once, whatever the number of nodes
        if axioms.disjoint:
            for node, types in classes(marked).items():
                for c1, c2 in clashes(types):
                    found.setdefault(
                        ("disjoint", node, c1, c2),
                        Inconsistency(node, _why("disjoint", {"c1": c1, "c2": c2})),
                    )
        for kind, query in axioms.queries():
            if kind == "merged":
                _merged(rows(query, marked), small, classes, clashes, found)
                continue
            for row in rows(query, marked):
                if kind == "range":
                    row["r"] = ranges[row["p"]]
                key = (kind, row["x"], *sorted(str(v) for k, v in row.items() if k != "x"))
                found.setdefault(key, Inconsistency(row["x"], _why(kind, row)))
    return sorted(found.values(), key=lambda i: (str(i.node), i.reason))


def _incoming(store, block: str) -> list:
    """One triple per (focus node, predicate pointing at it), its subject a fresh blank node.

    What points at a node only types it (``prp-rng``, ``prp-inv``), and the type depends on the
    predicate alone; every check on values reads the node's own triples. So a node thousands of
    triples point at (``kb:argkb-editors``, a much-quoted source) costs one row per predicate, not
    one per triple."""
    import pyoxigraph as ox

    result = store.query(pointing_at(block))
    out = []
    for node, predicate in result.rows:
        try:
            out.append(ox.Quad(ox.BlankNode(), to_ox(predicate), to_ox(node)))
        except (
            TypeError,
            ValueError,
        ):  # a term pyoxigraph refuses cannot be in the store: nothing to type
            continue
    return out


def _merged(merged: list[dict], small, classes, clashes, found: dict) -> None:
    """Two values of a functional object property are one node: a clash between their types
    (``prp-fp``)."""
    from argkb.store.focus import focus_pattern

    nodes = sorted({r[k] for r in merged for k in ("a", "b")}, key=str)
    if not nodes:
        return
    with focus_pattern(small, nodes, "x") as block:
        types = classes(block)
    for row in merged:
        for c1, c2 in clashes(types.get(row["a"], set()) | types.get(row["b"], set())):
            if (
                c1 in types.get(row["a"], set())
                and c2 in types.get(row["b"], set())
                or c2 in types.get(row["a"], set())
                and c1 in types.get(row["b"], set())
            ):
                key = ("merged", row["x"], row["p"], *sorted((str(row["a"]), str(row["b"]))))
                found.setdefault(
                    key, Inconsistency(row["x"], _why("merged", {**row, "c1": c1, "c2": c2}))
                )
