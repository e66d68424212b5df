"""OWL reasoning over the knowledge base with owlready2: consistency, explanations, inferences.

The ontology and data are read through ``open_store(kb)`` (one CONSTRUCT of every triple, so a
persistent or remote store works too), stripped of ``owl:imports`` (nothing is fetched),
converted to N-Triples and loaded into a fresh owlready2 ``World``. HermiT (or Pellet) decides
consistency, unsatisfiable classes and inferred types / property values. An inconsistency is
explained by ``pellet explain`` (which finds a minimal set of axioms behind it), put into words
by ``argkb.reason.explain``; the data assertions of that set are then set aside and the check is
repeated, so that several independent mistakes are each reported once.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Identifier, Node

from argkb.errors import ArgkbError
from argkb.kb.scratch import scratch, system_temp_in
from argkb.rdf.ids import short
from argkb.reason.pellet import Explanation, find_java
from argkb.store import open_store

EVERYTHING = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_BASE = "http://argkb.invalid/reasoning"
TEXT_LIMIT = 40  # inferences listed in text output
_META = (str(OWL), str(RDF), "http://www.w3.org/2000/01/rdf-schema#")


@dataclass
class ReasonResult:
    consistent: bool
    reasoner: str
    seconds: float
    explanations: list[Explanation] = field(default_factory=list)
    unsatisfiable: list[URIRef] = field(default_factory=list)
    inferred: Graph = field(default_factory=Graph)
    inferred_file: Path | None = None
    #: the part of ``inferred`` anyone could read off the ontology: superclasses of asserted types,
    #: values restating an asserted one through owl:inverseOf
    routine: Graph = field(default_factory=Graph)

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable

    def findings(self) -> list[tuple]:
        """What the reasoner inferred beyond the class hierarchy and inverse properties."""
        return sorted(t for t in self.inferred if t not in self.routine)

    def inferred_types(self) -> list[tuple[Node, Node]]:
        return sorted((s, o) for s, p, o in self.inferred if p == RDF.type)

    def inferred_values(self) -> list[tuple[Node, Node, Node]]:
        return sorted((s, p, o) for s, p, o in self.inferred if p != RDF.type)

    def render(self, fmt: str = "text") -> str:
        return (
            json.dumps(self.to_json(), indent=2, ensure_ascii=False)
            if fmt == "json"
            else self.to_text()
        )

    def to_json(self) -> dict:
        return {
            "consistent": self.consistent,
            "reasoner": self.reasoner,
            "seconds": round(self.seconds, 2),
            "inconsistencies": [
                {
                    "explanation": e.headline,
                    "because": e.because,
                    "individuals": [str(i) for i in e.individuals],
                    "axioms": e.raw,
                }
                for e in self.explanations
            ],
            "unsatisfiable_classes": [str(c) for c in self.unsatisfiable],
            "findings": [
                {"subject": str(s), "property": str(p), "object": str(o)}
                for s, p, o in self.findings()
            ],
            "inferred_types": [
                {"individual": str(s), "type": str(o), "routine": (s, RDF.type, o) in self.routine}
                for s, o in self.inferred_types()
            ],
            "inferred_values": [
                {
                    "subject": str(s),
                    "property": str(p),
                    "object": str(o),
                    "routine": (s, p, o) in self.routine,
                }
                for s, p, o in self.inferred_values()
            ],
            "inferred_file": str(self.inferred_file) if self.inferred_file else None,
        }

    def to_text(self) -> str:
        lines = []
        if self.consistent:
            lines.append(
                f"consistent: the knowledge base has a model under the ontology ({self.reasoner}, "
                f"{self.seconds:.1f} s)"
            )
        else:
            n = len(self.explanations)
            lines.append(
                f"INCONSISTENT: {n} problem{'s' if n != 1 else ''} found ({self.reasoner} + pellet "
                f"explain, {self.seconds:.1f} s)"
            )
            for i, e in enumerate(self.explanations, 1):
                lines.append(f"{i}. {e.headline}")
                lines += [f"     because {b}" for b in e.because]
        if self.unsatisfiable:
            lines.append(
                "unsatisfiable classes (nothing can belong to them): "
                + ", ".join(short(c) for c in self.unsatisfiable)
            )
        if self.consistent:
            lines += self._findings_text()
        if self.inferred_file:
            lines.append(f"inferences written to {self.inferred_file}")
        return "\n".join(lines)

    def _findings_text(self) -> list[str]:
        """The findings first; the routine inferences only counted."""
        found = self.findings()
        if not found:
            lines = [
                "findings: none (nothing inferred beyond the class hierarchy and inverse "
                "properties)"
            ]
        else:
            lines = [
                f"findings: {len(found)} inferred beyond the class hierarchy and inverse properties"
            ]
            shown = [
                f"  {short(s)} a {short(o)}"
                if p == RDF.type
                else f"  {short(s)} {short(p)} {short(o)}"
                for s, p, o in found
            ]
            lines += shown[:TEXT_LIMIT]
            if len(shown) > TEXT_LIMIT:
                lines.append(
                    f"  … and {len(shown) - TEXT_LIMIT} more (all of them with --format json or "
                    "--infer)"
                )
        types = sum(1 for _ in self.routine.triples((None, RDF.type, None)))
        values = len(self.routine) - types
        if types or values:
            lines.append(
                f"routine, not listed: {types} superclass type(s) (e.g. every implication is a "
                f"claim) and {values} inverse property value(s); all with --format json or --infer"
            )
        return lines


def kb_triples(kb) -> Graph:
    """Every triple of the knowledge base (ontology + data + --data files), without owl:imports."""
    g = open_store(kb).query(EVERYTHING).graph
    g.remove((None, OWL.imports, None))
    return g


def reason(kb, reasoner: str = "hermit", max_explanations: int = 10) -> ReasonResult:
    """Run the OWL reasoner on the knowledge base; explain what is wrong if it is inconsistent."""
    java = find_java()
    start = time.perf_counter()
    asserted = kb_triples(kb)
    # the reasoners' input files go to a scratch folder in the cache, never the system's temporary
    # folder: removed after, and recovered by the next command if this one is killed (owlready2 also
    # left its file behind whenever the knowledge base was inconsistent)
    with scratch(kb, "reason") as folder, system_temp_in(folder):
        world, error = _run(asserted, reasoner, java)
        if error is not None:
            from argkb.reason.explain import explain_all

            explanations = explain_all(asserted, java, max_explanations, folder, kb)
            return ReasonResult(False, reasoner, time.perf_counter() - start, explanations)
    unsat = sorted(
        URIRef(c.iri) for c in world.inconsistent_classes() if not c.iri.startswith(_META[0])
    )
    inferred, routine = _inferences(world, asserted)
    return ReasonResult(
        True, reasoner, time.perf_counter() - start, [], unsat, inferred, routine=routine
    )


def _run(graph: Graph, reasoner: str, java: str):
    """Load ``graph`` into a fresh World and reason; returns (world, inconsistency error or
    None)."""
    import owlready2

    owlready2.JAVA_EXE = java
    world = owlready2.World()
    data = graph.serialize(format="nt", encoding="utf-8")
    world.get_ontology(_BASE + "#").load(fileobj=io.BytesIO(data), format="ntriples")
    try:
        with world.get_ontology(_BASE + "/inferred#"):
            if reasoner == "pellet":
                owlready2.sync_reasoner_pellet(world, infer_property_values=True, debug=0)
            else:
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=True, debug=0, ignore_unsupported_datatypes=True
                )
    except owlready2.OwlReadyInconsistentOntologyError as exc:
        return world, exc
    except owlready2.OwlReadyJavaError as exc:
        raise ArgkbError(f"the reasoner failed: {str(exc).strip()[-800:]}") from None
    return world, None


def _inferences(world, asserted: Graph) -> tuple[Graph, Graph]:
    """Types (with every superclass the reasoner settled) and object property values not asserted,
    and the routine part of them (superclasses of asserted types, inverse and symmetric values):
    ``(inferred, routine)``.

    Values that only restate an asserted value through owl:inverseOf (or an owl:SymmetricProperty)
    are added too (queries can use them) but types of ontology-level nodes (classes, properties) are
    left out.
    """
    out, routine = Graph(), Graph()
    individuals: set[Identifier] = {
        s for s in asserted.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, Identifier)
    } | {
        s
        for s, o in asserted.subject_objects(RDF.type)
        if isinstance(s, URIRef) and isinstance(o, URIRef) and not str(o).startswith(_META)
    }
    for iri in sorted(individuals):
        ind = world[str(iri)]
        told = _told_superclasses(asserted, iri)
        for cls in getattr(ind, "INDIRECT_is_a", ()):
            cls_iri = getattr(cls, "iri", None)
            if (
                cls_iri
                and not cls_iri.startswith(_META)
                and (iri, RDF.type, URIRef(cls_iri)) not in asserted
            ):
                out.add((iri, RDF.type, URIRef(cls_iri)))
                if URIRef(cls_iri) in told:
                    routine.add((iri, RDF.type, URIRef(cls_iri)))
    reasoned = world.as_rdflib_graph()
    for s, p, o in reasoned:
        if (
            isinstance(s, URIRef)
            and isinstance(o, URIRef)
            and s in individuals
            and p != RDF.type
            and not str(p).startswith(_META)
            and not str(p).startswith(_BASE)
            and (s, p, o) not in asserted
            and (p, RDF.type, OWL.ObjectProperty) in asserted
        ):
            out.add((s, p, o))
    # a symmetric property is its own inverse: ``a alternativeTo b`` restates ``b alternativeTo a``
    pairs = [
        *asserted.subject_objects(OWL.inverseOf),
        *((p, p) for p in asserted.subjects(RDF.type, OWL.SymmetricProperty)),
    ]
    for p, q in pairs:
        for a, b in ((p, q), (q, p)):
            for s, o in asserted.subject_objects(a):
                if isinstance(o, URIRef) and not isinstance(s, BNode) and (o, b, s) not in asserted:
                    out.add((o, b, s))
                    routine.add((o, b, s))
    return out, routine


def _told_superclasses(asserted: Graph, individual) -> set:
    """Every class the ontology's rdfs:subClassOf chains put above the individual's asserted
    types."""
    return {
        c
        for t in asserted.objects(individual, RDF.type)
        if isinstance(t, URIRef)
        for c in asserted.transitive_objects(t, RDFS.subClassOf)
    }


def write_inferences(result: ReasonResult, target: Path, user_path: bool = True) -> Path:
    """The inferences as Turtle at ``target`` (a derived file: never inside data/). A user's path
    must be a regular file or a new name in an existing folder (``--infer FILE``); only argkb's own
    cache folder is created."""
    from argkb.kb.folder import new_graph
    from argkb.rdf.atomic import atomic_write_text

    if not result.consistent:
        raise ArgkbError("nothing inferred: the knowledge base is inconsistent (fix it first)")
    g = new_graph()
    for t in result.inferred:
        g.add(t)
    header = (
        "# Inferred by `argkb reason --infer` (OWL reasoner output): derived, not a source; "
        "regenerate, do not edit.\n"
    )
    target = Path(target)
    atomic_write_text(
        target,
        header + g.serialize(format="turtle"),
        create_folders=not user_path,
        option="--infer" if user_path else None,
    )
    return target


def reason_and_infer(
    kb, infer_to: str | None = None, reasoner: str = "hermit", max_explanations: int = 10
) -> ReasonResult:
    """``argkb reason``: ``reason``, and with ``infer_to`` (a path, or "" for the cache's
    ``inferred.ttl``) the inferences written there — never among the sources (``data/``,
    ``ontology/``)."""
    from argkb.errors import UsageError

    target = None
    if infer_to is not None:
        target = Path(infer_to) if infer_to else kb.cache_dir / "inferred.ttl"
        if target.resolve().is_relative_to(
            kb.data_dir.resolve()
        ) or target.resolve().is_relative_to(kb.ontology_dir.resolve()):
            raise UsageError(
                f"{target}: inferences are derived, never written among the sources "
                "(data/, ontology/); choose another file"
            )
        if infer_to:  # the user's own path: a regular file or a new name in an existing folder
            from argkb.rdf.atomic import check_output_path

            check_output_path(target, "--infer")
    result = reason(kb, reasoner=reasoner, max_explanations=max_explanations)
    if target is not None:
        result.inferred_file = write_inferences(result, target, user_path=bool(infer_to))
    return result
