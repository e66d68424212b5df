"""What live amendments take out of the files that assert it (``argkb add --amend``).

An amendment is a contribution of its own: its content file holds the new values, and the log
records each fact it replaces as an ``argkb:replaced`` statement naming the file that asserts the
fact (``argkb:contentFile``). No file is ever edited. Every reader of the knowledge base
(``KnowledgeBase.graph``, the derived store, the in-memory store) leaves a replaced fact out of
*that file* while the amendment is live; another file asserting the same fact still counts.
Retract the amendment and the fact is back, since its replaced statements are no longer read.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF

from argkb.kb.log import log_graph_of
from argkb.vocab.namespaces import ARGKB

#: file (relative to the KB root, POSIX) -> the triples live amendments take out of it
Superseded = dict[str, frozenset]

_CACHE: dict[str, tuple[object, Superseded]] = {}


def superseded(data_dir: Path) -> Superseded:
    """The facts live amendments replaced, by the file asserting them (read from the log; worked out
    once per parse of the log, since every reader of every file asks)."""
    log = log_graph_of(data_dir)
    cached = _CACHE.get(str(data_dir))
    if cached is None or cached[0] is not log:
        cached = _CACHE[str(data_dir)] = (log, from_log_graph(log))
    return dict(cached[1])


def from_log_graph(g) -> Superseded:
    """``superseded`` of a parsed log: the ``argkb:replaced`` statements of contributions not retracted."""
    found: dict[str, set] = {}
    for node in g.subjects(RDF.type, ARGKB.Contribution):
        if g.value(node, ARGKB.retractedAt) is not None:
            continue
        for st in g.objects(node, ARGKB.replaced):
            s, p, o, file = (g.value(st, prop) for prop in (RDF.subject, RDF.predicate, RDF.object, ARGKB.contentFile))
            if isinstance(s, URIRef) and isinstance(p, URIRef) and o is not None and file is not None:
                found.setdefault(Path(str(file)).as_posix(), set()).add((s, p, o))
    return {name: frozenset(triples) for name, triples in found.items()}


def digest(triples) -> str:
    """A short fingerprint of a set of superseded triples ("" for none): the derived store reloads a
    file whose fingerprint changed even when its bytes did not."""
    if not triples:
        return ""
    lines = sorted(" ".join(t.n3() for t in triple) for triple in triples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


__all__ = ["Superseded", "superseded", "from_log_graph", "digest"]
