"""A dataset view over the knowledge base's store: what the store would hold after a change.

``knowledge_base_as(live, log=…, texts=…)`` (a context manager) gives a ``KnowledgeBaseView``
(``argkb.kb.view``: the live folder read through another contributions log) whose store is the live
store with the change applied, so that every reader — validation, its hints, the locator — runs
on it unchanged, and nothing is written into the knowledge base:

* over the derived store: a private copy-on-write checkpoint of it (hard links, as ``--data`` uses),
  with the named graphs of the files the view no longer reads removed, the facts its amendments
  replace taken out of their files' graphs and the ones it brings back put in — a few quads, not a
  million triples re-read;
* otherwise (``ARGKB_STORE=memory``, or no derived store): the view's files read into memory.

When the change leaves the same files and facts (only new source texts), the view shares the live
store. ``changed(live, view)`` says which triples the change removes and adds: what
``argkb retract`` checks.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution
from argkb.kb.view import KnowledgeBaseView
from argkb.store.backends import _OPEN_SNAPSHOTS, SnapshotStore, derived_store, open_store
from argkb.store.base import OxigraphStore, to_ox
from argkb.store.lookup import TripleLookup


@dataclass
class Change:
    """What the view's files and amendments differ in from the live ones, file by file (absolute
    paths)."""

    left_out: list[Path] = field(default_factory=list)  # files the view no longer reads
    brought_in: list[Path] = field(default_factory=list)  # files only the view reads
    taken: dict[Path, frozenset] = field(
        default_factory=dict
    )  # facts the view leaves out of a file both read
    back: dict[Path, frozenset] = field(
        default_factory=dict
    )  # facts the view reads again from such a file

    @property
    def none(self) -> bool:
        return not (self.left_out or self.brought_in or self.taken or self.back)


def change_of(live: KnowledgeBase, view: KnowledgeBase) -> Change:
    """How ``view`` differs from ``live`` (worked out once per view: listing a large knowledge
    base's files costs)."""
    cached = getattr(view, "change", None)
    if isinstance(cached, Change):
        return cached
    before, after = live.data_files(), view.data_files()
    was, now = live.superseded(), view.superseded()
    reads, read = set(after), set(before)
    both = [p for p in after if p in read]
    return Change(
        left_out=[p for p in before if p not in reads],
        brought_in=[p for p in after if p not in read],
        taken={p: t for p in both if (t := now.get(p, frozenset()) - was.get(p, frozenset()))},
        back={p: t for p in both if (t := was.get(p, frozenset()) - now.get(p, frozenset()))},
    )


@contextmanager
def knowledge_base_as(
    live: KnowledgeBase, log: list[Contribution] | None = None, texts: dict[Path, str] | None = None
) -> Iterator[KnowledgeBaseView]:
    """``live`` as ``log`` (and the new source ``texts``) would leave it, its store a view over the
    live one."""
    view = KnowledgeBaseView.of(live, log, texts)
    change = view.change = change_of(live, view)
    store = open_store(live)
    if change.none:
        view._store = store
        yield view
        return
    view._store = _view_store(live, view, store, change)
    try:
        yield view
    finally:
        closing, view._store = view._store, None
        if isinstance(closing, SnapshotStore):
            closing.close()


def _view_store(live: KnowledgeBase, view: KnowledgeBaseView, store, change: Change):
    """A store holding what ``view`` reads: a changed checkpoint of the derived store, else in
    memory."""
    if not (
        isinstance(store, OxigraphStore)
        and store.union
        and store.backend.startswith("disk ")
        and not live.extra
    ):
        return OxigraphStore.from_kb(view)
    import pyoxigraph as ox

    from argkb.store.derived import graph_iri

    try:
        path = derived_store(live).snapshot("view")
    except (
        OSError,
        TimeoutError,
    ):  # the cache cannot take a checkpoint now: read the view's files instead
        return OxigraphStore.from_kb(view)
    try:
        snap = SnapshotStore(ox.Store(str(path)), union=True, backend=f"disk view {path}")
        snap.path = path
        _OPEN_SNAPSHOTS.add(snap)
        name = lambda p: ox.NamedNode(graph_iri(live.root, p))  # noqa: E731 - one line, used four times
        for p in change.left_out:
            snap.ox.remove_graph(name(p))
        for p in change.brought_in:
            snap.ox.extend(
                [ox.Quad(to_ox(s), to_ox(pr), to_ox(o), name(p)) for s, pr, o in view.read_file(p)]
            )
        for p, triples in change.taken.items():
            for s, pr, o in triples:
                snap.ox.remove(ox.Quad(to_ox(s), to_ox(pr), to_ox(o), name(p)))
        snap.ox.extend(
            [
                ox.Quad(to_ox(s), to_ox(pr), to_ox(o), name(p))
                for p, triples in change.back.items()
                for s, pr, o in triples
            ]
        )
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return snap


def changed(live: KnowledgeBase, view: KnowledgeBaseView) -> tuple[set, set]:
    """(removed, added): the triples the live store holds and the view's does not, and the other way
    round."""
    change = change_of(live, view)
    before, after = TripleLookup(open_store(live)), TripleLookup(open_store(view))
    gone: set = set()
    for p in change.left_out:
        gone |= set(live.read_file(p))
    for triples in change.taken.values():
        gone |= set(triples)
    new: set = set()
    for p in change.brought_in:
        new |= set(view.read_file(p))
    for triples in change.back.values():
        new |= set(triples)
    return {t for t in gone if not after.holds(*t)}, {t for t in new if not before.holds(*t)}


__all__ = ["knowledge_base_as", "changed", "change_of", "Change"]
