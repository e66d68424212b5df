"""The whole argument map kept beside the derived store's database it was read from
(``argkb.store.views``).

At a million triples, reading the map out of the store and labelling it six times (``model.load``)
costs about 20 s of CPU; the map itself is 130,000 nodes of text. A committed database is never
written again, so ``load`` keeps the map computed from one as a view of it, per semantics:
the next export on the same database reads it back in about a second, and the first export after
any change (a new database) reads the store again. Every export format and filter reads the same
map, so they all gain.

The view is named with a digest of the code that computes the map (the ``argkb.export``,
``argkb.assess``, ``argkb.rdf`` and ``argkb.vocab`` modules, read as files, and the versions of
rdflib and pyoxigraph), so a view written by another version of argkb is never read. The map read
back has no argument graph (``ArgumentMap.graph`` is None): the formats that want it (the HTML
map's traces) load it, from its own view.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from argkb.export import model
from argkb.export.model import ArgumentMap, Edge, Node, Quote
from argkb.store.views import read_view, view_path, write_view

#: the view's name; a change to the encoding below changes the number
VIEW = "export-map-1"

#: the packages whose modules compute the map (their ``*.py`` files are digested)
_PACKAGES = ("export", "assess", "rdf", "vocab")


def load(store, semantics: str = "grounded", finish: list | None = None) -> ArgumentMap:
    """``argkb.export.model.load``'s map of ``store`` under ``semantics``; on a committed database
    of the derived store, read back from its view when it is there, else computed and kept.

    ``finish``: where to leave what may end later (a list of callables the caller runs once it has
    written its output): the map's view is then written by a forked child (``argkb.assess.forked``)
    while the caller writes, and the wait for it, and for the child keeping the argument graph's
    view, is left there. None: both are written when this returns."""
    name = view_name(semantics)
    if view_path(store, name) is None:
        return model.load(store, semantics)
    kept = read_view(store, name)
    amap = decode(kept, store) if kept is not None else None
    if amap is not None:
        return amap
    settles: list = []
    try:
        amap = model.load(store, semantics, settles)
        if finish is None or not _write_beside(store, name, amap, settles):
            write_view(store, name, encode(amap))  # while the graph's view is written beside
    finally:
        if finish is None:
            for settle in settles:
                settle()
        else:
            finish.extend(settles)
    return amap


def _write_beside(store, name: str, amap: ArgumentMap, settles: list) -> bool:
    """The map's view written by a forked child; its wait (writing the view here if the child did
    not) added to ``settles``. False when this process does not fork."""
    from argkb.assess.forked import beside

    child = beside(lambda: True, lambda: write_view(store, name, encode(amap)))
    if child is None:
        return False

    def settle() -> None:
        if not (child.value() is True and child.wait()):
            write_view(store, name, encode(amap))

    settles.append(settle)
    return True


def view_name(semantics: str) -> str:
    """The view of the map under ``semantics``: its encoding, and a digest of the code."""
    return f"{VIEW}-{_code_digest()}-{semantics}"


@cache
def _code_digest() -> str:
    """The first 12 hex digits of the SHA-256 of the modules of ``_PACKAGES``, in a fixed order, and
    of the versions of rdflib and pyoxigraph (they make the terms whose text the map shows)."""
    import pyoxigraph
    import rdflib

    versions = f"rdflib {rdflib.__version__}; pyoxigraph {pyoxigraph.__version__}\n"
    digest = hashlib.sha256(versions.encode())
    root = Path(__file__).resolve().parent.parent
    for package in _PACKAGES:
        for path in sorted((root / package).glob("*.py")):
            digest.update(f"{package}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def encode(amap: ArgumentMap) -> dict:
    """The map as marshal's types: nodes in their order, each edge as indexes into the nodes."""
    index = {node_id: i for i, node_id in enumerate(amap.nodes)}
    nodes = [
        (
            n.id,
            n.iri,
            n.type,
            n.label,
            n.attrs,
            [(q.iri, q.exact, q.source, q.source_title, q.start, q.end) for q in n.quotes],
        )
        for n in amap.nodes.values()
    ]
    kinds: dict[str, int] = {}
    edges = [
        (index[e.source], index[e.target], kinds.setdefault(e.kind, len(kinds))) for e in amap.edges
    ]
    return {
        "title": amap.title,
        "semantics": amap.semantics,
        "nodes": nodes,
        "kinds": list(kinds),
        "edges": edges,
    }


def decode(data, store) -> ArgumentMap | None:
    """The map ``encode`` wrote (read through ``store``), or None when the data is no such map."""
    try:
        nodes: dict[str, Node] = {}
        ids: list[str] = []
        for node_id, iri, node_type, label, attrs, quotes in data["nodes"]:
            nodes[node_id] = Node(
                node_id, iri, node_type, label, attrs, [Quote(*quote) for quote in quotes]
            )
            ids.append(node_id)
        kinds = data["kinds"]
        edges = [
            _edge(ids[source], ids[target], kinds[kind]) for source, target, kind in data["edges"]
        ]
        return ArgumentMap(nodes, edges, store, data["title"], data["semantics"])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _edge(source: str, target: str, kind: str) -> Edge:
    """``Edge(source, target, kind)`` without the frozen dataclass's checked ``__setattr__``."""
    edge = object.__new__(Edge)
    edge.__dict__.update(source=source, target=target, kind=kind)
    return edge
