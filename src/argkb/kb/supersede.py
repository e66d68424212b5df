"""What live amendments take out of the files that assert it (``argkb add --amend``).

An amendment is a contribution of its own: its content file holds the new values, and the log
records each fact it replaces as an ``argkb:replaced`` statement naming the file that asserts the
fact (``argkb:contentFile``). No file is ever edited. Every reader of the knowledge base
(``KnowledgeBase.graph``, the derived store, the in-memory store) leaves a replaced fact out of
*that file* while the amendment is live; another file asserting the same fact still counts.
Retract the amendment and the fact is back, since its replaced statements are no longer read.

A replacement is applied only while the amendment's content file is in place. ``argkb add`` commits
the log first and renames ``….ttl.pending`` to the content file after; a writer killed between the
two left readers with the old facts dropped and the new ones unread (``validate`` failed until the
next write finished the rename). Readers now see the knowledge base as it was until the content is
there (or retracted, or the file gone by hand: the old value stays rather than none).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from argkb.vocab.namespaces import PREFIXES

#: file (relative to the KB root, POSIX) -> the triples live amendments take out of it
Superseded = dict[str, frozenset]

#: the log entry a temporary view holds for an amendment being validated (its content is validated
#: beside the view, not written in it): its replacements apply although it has no content file
PENDING_ID = "pending-amendment"

_CACHE: dict[str, tuple[object, tuple, Superseded]] = {}


def superseded(data_dir: Path) -> Superseded:
    """The facts live amendments replaced, by the file asserting them (read from the log; worked out
    once per parse of the log and state of the amendments' content files, since every reader of
    every file asks)."""
    from argkb.kb.log import log_graph_of

    log = log_graph_of(data_dir)
    root = Path(data_dir).parent
    files = tuple(sorted(amendment_files(log)))
    present = tuple((root / name).is_file() for name in files)
    cached = _CACHE.get(str(data_dir))
    if cached is None or cached[0] is not log or cached[1] != present:
        placed = {name for name, here in zip(files, present) if here}
        cached = _CACHE[str(data_dir)] = (log, present, from_log_graph(log, placed.__contains__))
    return dict(cached[2])


def amendment_files(g) -> set[str]:
    """The content files (relative to the knowledge base) of the live contributions that replace
    facts."""
    from rdflib.namespace import RDF

    from argkb.vocab.namespaces import ARGKB

    return {
        str(g.value(node, ARGKB.contentFile))
        for node in g.subjects(RDF.type, ARGKB.Contribution)
        if g.value(node, ARGKB.retractedAt) is None and g.value(node, ARGKB.replaced) is not None
    }


def from_log_graph(g, in_place=None) -> Superseded:
    """``superseded`` of a parsed log: the ``argkb:replaced`` statements of contributions not
    retracted, whose content file is in place (``in_place(content_file)``; every one when not
    given)."""
    from rdflib import URIRef
    from rdflib.namespace import RDF

    from argkb.vocab.namespaces import ARGKB

    pending = URIRef(f"{PREFIXES['kb']}contribution-{PENDING_ID}")
    found: dict[str, set] = {}
    for node in g.subjects(RDF.type, ARGKB.Contribution):
        if g.value(node, ARGKB.retractedAt) is not None:
            continue
        if (
            in_place is not None
            and node != pending
            and not in_place(str(g.value(node, ARGKB.contentFile)))
        ):
            continue  # committed, its content not yet renamed into place (or gone): not applied
        for st in g.objects(node, ARGKB.replaced):
            s, p, o, file = (
                g.value(st, prop)
                for prop in (RDF.subject, RDF.predicate, RDF.object, ARGKB.contentFile)
            )
            if (
                isinstance(s, URIRef)
                and isinstance(p, URIRef)
                and o is not None
                and file is not None
            ):
                found.setdefault(Path(str(file)).as_posix(), set()).add((s, p, o))
    return {name: frozenset(triples) for name, triples in found.items()}


def digest(triples) -> str:
    """A short fingerprint of a set of superseded triples ("" for none): the derived store reloads a
    file whose fingerprint changed even when its bytes did not."""
    if not triples:
        return ""
    lines = sorted(" ".join(t.n3() for t in triple) for triple in triples)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()[:16]


__all__ = ["Superseded", "superseded", "from_log_graph", "amendment_files", "digest", "PENDING_ID"]
