"""Reading what a contributor gives: parse, skolemise, check the ids it defines.

Blank nodes are *skolemised*: each becomes ``kb:genid-<content>-<node>``, named from
the SHA-256 of the contribution's canonical form, so the same content always gives the
same ids and two contributions never share one by accident. A contribution may define
(use as subject) only nodes under ``kb:``; it may not redefine ontology terms, use an
``argkb:`` term the ontology lacks, declare ``owl:imports``, or write the log's own
nodes (``kb:contribution-…``, ``argkb:Contribution``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import OWL, RDF

from argkb.errors import InputError
from argkb.kb.folder import MAX_NAME_BYTES
from argkb.rdf.ids import short
from argkb.rdf.parse import USER_MAX_BYTES, parse_file
from argkb.rdf.serialize import turtle_bytes
from argkb.rdf.strict import check_graph
from argkb.vocab.namespaces import ARGKB, KB, PREFIXES

#: the largest contribution file argkb reads (bytes); larger ones are refused before reading
MAX_BYTES = USER_MAX_BYTES
RESERVED = "contribution-"


@dataclass
class Problem:
    """Why a contribution is refused before any SHACL rule runs."""

    node: str
    reason: str

    def __str__(self) -> str:
        return f"{self.node}: {self.reason}"


@dataclass
class Prepared:
    files: list[Path]
    graph: Graph  # skolemised: no blank nodes
    turtle: str  # the content file, byte for byte
    sha256: str
    problems: list[Problem] = field(default_factory=list)
    had_blank_nodes: bool = False  # the files themselves used blank nodes (skolemised in ``graph``)
    given: Graph | None = None  # the files' triples as read (blank nodes kept)

    @property
    def sha8(self) -> str:
        return self.sha256[:8]


def read_inputs(files, max_bytes: int = MAX_BYTES, allow_network: bool = False) -> Graph:
    graphs = []
    for path in files:
        one = check_graph(
            parse_file(Path(path), max_bytes=max_bytes, allow_network=allow_network), path
        )
        if len(one) == 0:
            raise InputError(path, "holds no triples: nothing to contribute")
        graphs.append(one)
    if len(graphs) == 1:
        return graphs[0]  # one file: its graph as parsed (a copy of a large one costs seconds)
    graph = Graph()
    for one in graphs:
        graph += one  # each file's blank nodes stay its own
    return graph


def has_blank_nodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def skolemise(graph: Graph, blank: bool | None = None) -> Graph:
    """``blank``: whether ``graph`` has blank nodes, when the caller knows (one scan of a large
    graph, not two)."""
    if not (has_blank_nodes(graph) if blank is None else blank):
        # nothing to name: canonicalising a large graph would cost much and change nothing
        return graph
    canonical = to_canonical_graph(graph)
    digest = hashlib.sha256(
        "\n".join(sorted(" ".join(t.n3() for t in triple) for triple in canonical)).encode("utf-8")
    ).hexdigest()[:8]

    def iri(term):
        if isinstance(term, BNode):
            return KB[f"genid-{digest}-{hashlib.sha256(str(term).encode()).hexdigest()[:8]}"]
        return term

    out = Graph()
    for s, p, o in canonical:
        out.add((iri(s), p, iri(o)))
    return out


def prepare(
    files, ontology: Graph, max_bytes: int = MAX_BYTES, allow_network: bool = False
) -> Prepared:
    """Parse ``files`` into one skolemised graph, its content file and digest, and the id
    problems."""
    files = [Path(f) for f in files]
    given = read_inputs(files, max_bytes, allow_network)
    blank = has_blank_nodes(given)
    graph = skolemise(given, blank)
    data = turtle_bytes(graph, name="the contribution")
    sha = hashlib.sha256(data).hexdigest()
    return Prepared(
        files, graph, data.decode("utf-8"), sha, check_ids(graph, ontology), blank, given
    )


def _local(node) -> str:
    return str(node)[len(str(KB)) :] if str(node).startswith(str(KB)) else str(node)


def check_ids(graph: Graph, ontology: Graph) -> list[Problem]:
    problems: dict[tuple[str, str], Problem] = {}

    def refuse(node, reason):
        problems.setdefault(
            (str(node), reason),
            Problem(short(node) if isinstance(node, URIRef) else str(node), reason),
        )

    ontology_terms = set(ontology.subjects())
    kb, argkb = str(KB), PREFIXES["argkb"]
    subjects: set = (
        set()
    )  # each subject and each term is judged once: their verdicts depend on them alone
    terms: set = set()
    for s, p, o in graph:
        if isinstance(
            s, BNode
        ):  # validate FILE checks files before skolemising: blank nodes are fine
            continue
        if p == OWL.imports:
            refuse(
                s,
                "declares owl:imports; argkb never fetches imports: put the triples in the "
                "contribution",
            )
        if s not in subjects:
            subjects.add(s)
            if not str(s).startswith(kb):
                what = (
                    "redefines the ontology term"
                    if s in ontology_terms
                    else "defines a node outside kb:"
                )
                refuse(
                    s, f"{what} {short(s)}; a contribution may only define nodes under kb: ({KB})"
                )
            elif str(s)[len(kb) :].startswith(RESERVED):
                refuse(
                    s, "kb:contribution-… ids belong to the contributions log; choose another id"
                )
        if (
            p == RDF.type
            and o == ARGKB.Source
            and len(f"{_local(s)}.txt".encode()) > MAX_NAME_BYTES
        ):
            refuse(
                s,
                "a source's id names its text file data/sources/ID.txt, which may be at most "
                f"{MAX_NAME_BYTES} bytes long; choose a shorter id",
            )
        if p == RDF.type and o == ARGKB.Contribution:
            refuse(s, "only argkb add may record an argkb:Contribution")
        for term in (p, o):
            if isinstance(term, URIRef) and term not in terms:
                terms.add(term)
                if str(term).startswith(argkb) and term not in ontology_terms:
                    refuse(term, "is not a term of the argkb ontology (a typo?)")
    return sorted(problems.values(), key=lambda x: (x.node, x.reason))


def validate_files(kb, files, engine: str = "auto"):
    """``argkb validate``: the validation report of ``files`` in the knowledge base's context (of
    the knowledge base itself without files) and the id problems ``argkb add`` would refuse the
    files for."""
    from argkb.validation.validate import validate

    problems = (
        check_ids(read_inputs(files, allow_network=kb.allow_network), kb.ontology_graph())
        if files
        else []
    )
    return validate(kb, files, engine=engine), problems
