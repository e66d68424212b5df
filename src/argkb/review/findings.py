"""Run the review queries (``queries/review-*.rq``) and collect their findings, with the findings
computed from the verdicts (``argkb.review.verdicts``: decisive premises, verdicts resting on an
editors' premise)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from argkb.errors import InputError
from argkb.query import library
from argkb.rdf.ids import short
from argkb.review import verdicts

PREFIX = "review-"


@dataclass(frozen=True)
class Finding:
    kind: str  # the argkb:Finding, as a CURIE (argkb:UncitedBackground)
    query: str  # the named query that found it
    node: str  # the node it is about, as a CURIE
    detail: str  # what the query says about it (a statement, a label, the other alternative…)
    note: str = ""  # the editors' argkb:reviewNote when they chose to leave it

    @property
    def accepted(self) -> bool:
        return bool(self.note)

    def to_dict(self) -> dict:
        return {**asdict(self), "accepted": self.accepted}


@dataclass
class Review:
    findings: list[Finding] = field(default_factory=list)
    checks: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # (query, finding kind, summary)

    @property
    def open(self) -> list[Finding]:
        return [f for f in self.findings if not f.accepted]

    @property
    def accepted(self) -> list[Finding]:
        return [f for f in self.findings if f.accepted]


def review_queries(kb=None) -> list[library.NamedQuery]:
    """The named queries behind the review, in name order (a knowledge base may add its own)."""
    queries = [q for name, q in library.library(kb).items() if name.startswith(PREFIX)]
    for q in queries:
        if not library.parse_header(q.text).get("finding"):
            raise InputError(
                q.path or q.name,
                "a review query needs a '#+ finding: argkb:Kind' header line "
                "naming the argkb:Finding it reports",
            )
    return queries


def review(kb) -> Review:
    """Every finding of every review query on ``kb``'s store."""
    from argkb.store import open_store

    store = open_store(kb)
    result = Review()
    for query in review_queries(kb):
        kind = library.parse_header(query.text)["finding"][0].strip()
        result.checks.append((query.name, kind, query.summary))
        for row in library.run(store, query).dicts():
            node = row.get("node")
            if node is None:
                continue
            detail, note = row.get("detail"), row.get("note")
            result.findings.append(
                Finding(kind, query.name, short(node), _text(detail), _text(note))
            )
    result.checks.extend(verdicts.CHECKS)
    result.findings.extend(
        Finding(kind, verdicts.CHECK, node, detail, note)
        for kind, node, detail, note in verdicts.computed(store)
    )
    return result


def _text(term) -> str:
    if term is None:
        return ""
    text = str(term)
    return short(term) if text.startswith(("http://", "https://")) else text
