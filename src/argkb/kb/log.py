"""The provenance log ``data/contributions.ttl``: every contribution, who made it, when and why.

Each contribution is an ``argkb:Contribution`` (a ``prov:Activity``) named
``kb:contribution-<ID>``, with ``dcterms:identifier`` ID, ``prov:wasAssociatedWith`` its
author (a ``prov:Agent`` with an ``rdfs:label``), ``prov:startedAtTime`` /
``prov:endedAtTime``, ``rdfs:comment`` (the message), ``argkb:contentFile``,
``argkb:contentSha256`` and ``argkb:inputFile``; a retracted one also has
``argkb:retractedAt``, ``argkb:retractionReason`` and ``argkb:retractedBy``; an amending one
(``argkb add --amend``) ``argkb:replaced`` reified statements, each with the ``argkb:contentFile``
that asserts the replaced fact: while the amendment is live, readers leave that fact out of that
file (``argkb.kb.supersede``); no file is ever edited. The log lives in ``data/`` and is read with
the knowledge base, so SPARQL can ask who added what; no SHACL rule targets these nodes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from argkb.errors import UsageError
from argkb.kb.layout import LOG_NAME, while_unchanged
from argkb.rdf.atomic import atomic_write_bytes
from argkb.rdf.ids import short
from argkb.rdf.parse import parse_file
from argkb.rdf.strict import check_text, from_nt, ox_named_node, to_nt
from argkb.vocab.namespaces import ARGKB, KB, PREFIXES

FILE_MODE = 0o644  # data files are readable by all, like the rest of the knowledge base
CONTRIB_DIR = "contributions"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Replaced:
    subject: str
    predicate: str
    object: str  # the old value, in N-Triples syntax
    file: str  # the file that asserts it (relative to the KB root), left as it is


@dataclass
class Contribution:
    id: str
    author: str  # the agent's label
    agent: str  # the agent's IRI
    started: str  # ISO 8601, UTC
    ended: str
    message: str
    content_file: str  # relative to the KB root
    sha256: str
    inputs: list[str] = field(default_factory=list)
    retracted_at: str | None = None
    retraction_reason: str | None = None
    retracted_by: str | None = None
    replaced: list[Replaced] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return KB[f"contribution-{self.id}"]

    @property
    def retracted(self) -> bool:
        return self.retracted_at is not None

    def to_dict(self) -> dict:
        return {**asdict(self), "iri": str(self.iri), "retracted": self.retracted}


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """UTC, to the microsecond: contributions made within one second still have an order."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def agent_iri(author: str) -> URIRef:
    """``kb:x`` / an IRI as given; a plain name becomes ``kb:contributor-<slug>``."""
    from argkb.rdf.ids import to_iri

    text = check_text(author, "the author (--author, $ARGKB_AUTHOR)").strip()
    if ":" in text:
        prefix, _sep, local = text.partition(":")
        if not (
            "://" in text or text.startswith("urn:") or (prefix in PREFIXES and local.strip(":"))
        ):
            raise UsageError(
                f"author {text!r} holds ':' but is not an agent id; give a name without ':' "
                "(e.g. 'Ada Lovelace') or an agent id such as kb:argkb-editors"
            )
        return URIRef(str(ox_named_node(str(to_iri(text))).value))
    slug = _SLUG.sub("-", text.lower()).strip("-") or "anonymous"
    return KB[f"contributor-{slug}"]


def check_log_text(author: str, text: str, what: str) -> str:
    """The author, checked before anything is written: valid text, a usable agent id; ``text``
    likewise."""
    agent_iri(author)
    check_text(text, what)
    return author


def log_path(data_dir: Path) -> Path:
    return Path(data_dir) / LOG_NAME


def read_log(data_dir: Path) -> list[Contribution]:
    """All contributions in the log, oldest first (an absent log is an empty one)."""
    g = log_graph_of(data_dir)
    entries = [_entry(g, node) for node in g.subjects(RDF.type, ARGKB.Contribution)]
    return sorted(entries, key=lambda c: (_moment(c.ended), c.id))


def _text(g: Graph, node, prop) -> str | None:
    value = g.value(node, prop)
    return None if value is None else str(value)


def _entry(g: Graph, node) -> Contribution:
    agent = g.value(node, PROV.wasAssociatedWith)
    replaced = [
        Replaced(
            str(g.value(st, RDF.subject)),
            str(g.value(st, RDF.predicate)),
            to_nt(g.value(st, RDF.object)),
            str(g.value(st, ARGKB.contentFile)),
        )
        for st in g.objects(node, ARGKB.replaced)
    ]
    retracted_by = g.value(node, ARGKB.retractedBy)
    return Contribution(
        id=_text(g, node, DCTERMS.identifier) or str(node).rsplit("contribution-", 1)[-1],
        author=str(g.value(agent, RDFS.label) or short(agent)),
        agent=str(agent),
        started=_text(g, node, PROV.startedAtTime) or "",
        ended=_text(g, node, PROV.endedAtTime) or "",
        message=_text(g, node, RDFS.comment) or "",
        content_file=_text(g, node, ARGKB.contentFile) or "",
        sha256=_text(g, node, ARGKB.contentSha256) or "",
        inputs=sorted(str(v) for v in g.objects(node, ARGKB.inputFile)),
        retracted_at=_text(g, node, ARGKB.retractedAt),
        retraction_reason=_text(g, node, ARGKB.retractionReason),
        retracted_by=None
        if retracted_by is None
        else str(g.value(retracted_by, RDFS.label) or short(retracted_by)),
        replaced=sorted(replaced, key=lambda r: (r.subject, r.predicate)),
    )


def _agent(g: Graph, iri: str, label: str) -> URIRef:
    node = URIRef(iri)
    g.add((node, RDF.type, PROV.Agent))
    if iri.startswith(str(KB["contributor-"])) and g.value(node, RDFS.label) is None:
        g.add((node, RDFS.label, Literal(label)))
    return node


def log_graph(entries: list[Contribution]) -> Graph:
    g = Graph()
    for c in entries:
        node = c.iri
        g.add((node, RDF.type, ARGKB.Contribution))
        g.add((node, RDF.type, PROV.Activity))
        g.add((node, DCTERMS.identifier, Literal(c.id)))
        g.add((node, PROV.wasAssociatedWith, _agent(g, c.agent, c.author)))
        g.add((node, PROV.startedAtTime, Literal(c.started, datatype=XSD.dateTime)))
        g.add((node, PROV.endedAtTime, Literal(c.ended, datatype=XSD.dateTime)))
        if c.message:
            g.add((node, RDFS.comment, Literal(c.message)))
        g.add((node, ARGKB.contentFile, Literal(c.content_file)))
        g.add((node, ARGKB.contentSha256, Literal(c.sha256)))
        for name in c.inputs:
            g.add((node, ARGKB.inputFile, Literal(name)))
        if c.retracted_at:
            g.add((node, ARGKB.retractedAt, Literal(c.retracted_at, datatype=XSD.dateTime)))
            g.add((node, ARGKB.retractionReason, Literal(c.retraction_reason or "")))
            if c.retracted_by:
                g.add(
                    (node, ARGKB.retractedBy, _agent(g, agent_iri(c.retracted_by), c.retracted_by))
                )
        for r in c.replaced:
            digest = hashlib.sha256(f"{r.subject} {r.predicate} {r.object}".encode()).hexdigest()[
                :8
            ]
            st = KB[f"contribution-{c.id}-replaced-{digest}"]
            g.add((node, ARGKB.replaced, st))
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, URIRef(r.subject)))
            g.add((st, RDF.predicate, URIRef(r.predicate)))
            g.add((st, RDF.object, from_nt(r.object)))
            g.add((st, ARGKB.contentFile, Literal(r.file)))
    return g


def log_bytes(data_dir: Path, entries: list[Contribution]) -> bytes:
    """The log holding ``entries`` as Turtle, re-parsed strictly before it is returned."""
    from argkb.rdf.serialize import turtle_bytes

    header = (
        "argkb contributions log: who added what, when and why (newest last).\n"
        "Written by `argkb add` / `argkb retract`; do not edit by hand."
    )
    return turtle_bytes(log_graph(entries), header, name=str(log_path(data_dir)))


def write_log(data_dir: Path, entries: list[Contribution]) -> None:
    """Rewrite the whole log atomically: this rename is the commit point of every change."""
    atomic_write_bytes(log_path(data_dir), log_bytes(data_dir, entries), mode=FILE_MODE)


def find(entries: list[Contribution], ident: str) -> Contribution:
    """A contribution by its id, a unique prefix of it, its SHA-8 part, or its IRI / CURIE."""
    key = ident.strip().rsplit("contribution-", 1)[-1]
    exact = [c for c in entries if c.id == key]
    if exact:
        return exact[0]
    matches = (
        [c for c in entries if c.id.startswith(key) or c.id.split("-")[-1].startswith(key)]
        if key
        else []
    )
    if len(matches) == 1:
        return matches[0]
    if not matches:
        known = ", ".join(c.id for c in entries[-5:]) or "none yet"
        raise UsageError(f"no contribution {ident!r} (latest: {known}); see `argkb contributions`")
    raise UsageError(f"{ident!r} is ambiguous: " + ", ".join(c.id for c in matches))


_LOG_CACHE: dict[str, tuple[tuple, Graph]] = {}


def log_graph_of(data_dir: Path) -> Graph:
    """The log as parsed (an empty graph when there is none), parsed once while its file is
    unchanged (same inode, time and size: every write replaces it by a rename). Callers must not
    change it."""
    return while_unchanged(log_path(data_dir), _LOG_CACHE, parse_file, Graph)


def retracted_names(data_dir: Path) -> set[str]:
    """File names (in data/contributions/) of retracted contributions."""
    g = log_graph_of(data_dir)
    return {
        Path(str(g.value(node, ARGKB.contentFile))).name
        for node in g.subjects(ARGKB.retractedAt, None)
    }


__all__ = [
    "Contribution",
    "Replaced",
    "read_log",
    "write_log",
    "find",
    "retracted_names",
    "agent_iri",
    "now",
    "iso",
    "LOG_NAME",
    "CONTRIB_DIR",
]
