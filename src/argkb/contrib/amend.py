"""``argkb add --amend``: an amendment is a contribution of its own that supersedes specific facts.

Its content file holds the new values, like any contribution. For each single-valued fact it
replaces, the log records an ``argkb:replaced`` statement naming the file that asserts the old
value; that file is never edited (its bytes, and the SHA-256 the log holds for it, stay the same).
Readers leave a replaced fact out of the file it came from while the amendment is live
(``argkb.kb.supersede``); retracting the amendment brings the old value back.

``plan_amend`` finds, for each conflict, the files asserting the old value; ``pending_amendment`` is
the log entry a temporary view holds so that validation sees the knowledge base as it would be,
before anything is written.
"""
from __future__ import annotations

from argkb.contrib.diff import Conflict
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution, Replaced, iso, now
from argkb.rdf.ids import show
from argkb.rdf.strict import to_nt

PENDING_ID = "pending-amendment"


def plan_amend(live: KnowledgeBase, conflicts: list[Conflict]) -> list[Replaced]:
    """Every old value the conflicts replace, once per live data file that asserts it (none is edited).

    A UsageError when an old value is asserted by no data file (it comes from the ontology, which
    amendments do not change)."""
    old = {(c.node, c.prop, value) for c in conflicts for value in c.old}
    found: list[Replaced] = []
    located: set = set()
    for path in live.data_files():
        graph = live.read_file(path)
        hits = sorted((t for t in old if t in graph), key=lambda t: tuple(map(str, t)))
        rel = path.relative_to(live.root).as_posix()
        found += [Replaced(str(s), str(p), to_nt(o), rel) for s, p, o in hits]
        located.update(hits)
    missing = sorted(old - located, key=lambda t: tuple(map(str, t)))
    if missing:
        s, p, o = missing[0]
        raise UsageError(f"cannot amend {show(s)} {show(p)} {show(o)}: no data file asserts it (it comes from "
                         f"the ontology, {live.ontology_file.relative_to(live.root)}); amendments change data, "
                         "not the ontology — edit the ontology file and review it like code")
    return found


def pending_amendment(replaced: list[Replaced]) -> Contribution:
    """A stand-in log entry for an amendment not yet committed: what a view's log holds while it is validated."""
    from argkb.vocab.namespaces import KB

    return Contribution(id=PENDING_ID, author="pending", agent=str(KB["contributor-pending"]), started=iso(now()),
                        ended=iso(now()), message="", content_file=f"data/contributions/{PENDING_ID}.ttl",
                        sha256="", replaced=replaced)
