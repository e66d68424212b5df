"""``argkb add --amend``: an amendment is a contribution of its own that supersedes specific facts.

Its content file holds the new values, like any contribution. For each single-valued fact it
replaces, the log records an ``argkb:replaced`` statement naming the file that asserts the old
value; that file is never edited (its bytes, and the SHA-256 the log holds for it, stay the same).
Readers leave a replaced fact out of the file it came from while the amendment is live
(``argkb.kb.supersede``); retracting the amendment brings the old value back.

This module owns amending, on the writing side: ``plan_amend`` finds, for each conflict, the files
asserting the old value; ``amended_log`` is the log as the pending amendment would make it, which
``argkb add`` validates the contribution against (``argkb.store.view.knowledge_base_as``: the
knowledge base in memory as that log reads it, nothing written); ``amended_hint`` tells someone
adding content again that an amendment replaced some of it. Readers leave replaced facts out through
``argkb.kb.supersede`` (the knowledge-base layer, which every reader of a file reaches);
``argkb retract`` of an amendment is a retraction like any other (its log entry, retracted, no
longer replaces anything).
"""

from __future__ import annotations

from argkb.contrib.diff import Conflict
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution, Replaced, iso, now
from argkb.kb.supersede import PENDING_ID  # noqa: E402,F401 - the view's stand-in entry (kept importable here)
from argkb.rdf.ids import show
from argkb.rdf.strict import to_nt


def plan_amend(live: KnowledgeBase, conflicts: list[Conflict]) -> list[Replaced]:
    """Every old value the conflicts replace, once per live data file that asserts it (none is
    edited).

    A UsageError when an old value is asserted by no data file (it comes from the ontology, which
    amendments do not change)."""
    old = {(c.node, c.prop, value) for c in conflicts for value in c.old}
    where = _files_asserting(live, old)
    found = [
        Replaced(str(s), str(p), to_nt(o), rel)
        for (s, p, o), files in sorted(where.items(), key=lambda item: tuple(map(str, item[0])))
        for rel in files
    ]
    missing = sorted(old - set(where), key=lambda t: tuple(map(str, t)))
    if missing:
        s, p, o = missing[0]
        raise UsageError(
            f"cannot amend {show(s)} {show(p)} {show(o)}: no data file asserts it (it comes from "
            f"the ontology, {live.ontology_file.relative_to(live.root)}); amendments change data, "
            "not the ontology — edit the ontology file and review it like code"
        )
    return found


def _files_asserting(live: KnowledgeBase, triples: set) -> dict[tuple, list[str]]:
    """Triple -> the live data files (relative, sorted) asserting it, superseded facts left out. On
    the derived store (one named graph per file) each is an index lookup; otherwise every file is
    read."""
    from argkb.store import open_store
    from argkb.store.base import OxigraphStore, to_ox
    from argkb.store.derived import graph_iri

    files = {path.relative_to(live.root).as_posix(): path for path in live.data_files()}
    store = open_store(live)
    found: dict[tuple, set] = {}
    if isinstance(store, OxigraphStore) and store.union:
        names = {graph_iri(live.root, path): rel for rel, path in files.items()}
        for triple in triples:
            s, p, o = (to_ox(t) for t in triple)
            for quad in store.ox.quads_for_pattern(s, p, o, None):
                graph = getattr(quad.graph_name, "value", None)  # (none for the default graph)
                rel = names.get(graph) if graph is not None else None
                if rel is not None:
                    found.setdefault(triple, set()).add(rel)
    else:
        for rel, path in files.items():
            graph = live.read_file(path)
            for triple in triples:
                if triple in graph:
                    found.setdefault(triple, set()).add(rel)
    return {triple: sorted(rels) for triple, rels in found.items()}


def amended_log(entries: list[Contribution], replaced: list[Replaced]) -> list[Contribution] | None:
    """The log as the pending amendment replacing ``replaced`` would make it (None when it replaces
    nothing)."""
    return [*entries, pending_amendment(replaced)] if replaced else None


def amended_hint(same: list[Contribution], entries: list[Contribution]) -> str:
    """When the same content was added before and amendments replaced some of its facts: how to get
    them back."""
    if not same:
        return ""
    amendments = [
        c.id
        for c in entries
        if not c.retracted and any(r.file == same[-1].content_file for r in c.replaced)
    ]
    if not amendments:
        return ""
    return (
        f"; the same content was added as contribution {same[-1].id}, and amendment(s) "
        f"{', '.join(amendments)} replaced some of its facts: `argkb retract {amendments[-1]} "
        "--reason TEXT` brings them back"
    )


def pending_amendment(replaced: list[Replaced]) -> Contribution:
    """A stand-in log entry for an amendment not yet committed: what the log validated against
    holds."""
    from argkb.vocab.namespaces import KB

    return Contribution(
        id=PENDING_ID,
        author="pending",
        agent=str(KB["contributor-pending"]),
        started=iso(now()),
        ended=iso(now()),
        message="",
        content_file=f"data/contributions/{PENDING_ID}.ttl",
        sha256="",
        replaced=replaced,
    )
