"""The HTML map's first view: the implications grouped by the lever that triggers them, one row each
with its qualifier, the move(s) behind it and its status overall and under each lens — what
``argkb lenses`` prints — with the rows where the lenses that see it disagree marked.

An implication triggered through several levers appears under each of them; one whose trigger
is not in the map (a map cut down with ``--focus``) is grouped under ``NO_LEVER``.
"""
from __future__ import annotations

from collections import defaultdict

from argkb.export.model import ArgumentMap, Node
from argkb.export.style import STATUS_ATTRS

NO_LEVER = "no lever in this map"


def lens_statuses(impl: Node, arguing: set[str]) -> dict[str, str]:
    """Status lens -> IN / OUT / UNDEC, or "" under a lens with no argument for or against the
    implication (a lens that only reasons from it does not judge it), as ``argkb lenses`` shows."""
    statuses = impl.statuses()
    return {lens: statuses.get(lens, "") if lens == "overall" or lens in arguing else "" for lens in STATUS_ATTRS}


def diverges(statuses: dict[str, str]) -> bool:
    """True if the lenses that judge the implication give it different statuses (``overall`` not counted)."""
    return len({s for lens, s in statuses.items() if lens != "overall" and s}) > 1


def _row(amap: ArgumentMap, impl: Node, moves: list[str], arguing: set[str]) -> dict:
    statuses = lens_statuses(impl, arguing)
    return {
        "id": impl.id,
        "label": impl.label,
        "qualifier": impl.attrs.get("qualifier", ""),
        "moves": sorted(amap.nodes[m].label for m in moves),
        "statuses": statuses,
        "diverges": diverges(statuses),
    }


def overview(amap: ArgumentMap) -> list[dict]:
    """[{lever, label, rows: [row, …]}, …], levers by label, rows by implication label."""
    incoming: dict[str, list] = defaultdict(list)
    for edge in amap.edges:
        incoming[edge.target].append(edge)
    groups: dict[str, list[dict]] = defaultdict(list)
    for impl in amap.of_type("implication"):
        moves = [e.source for e in incoming[impl.id] if e.kind == "trigger"]
        arguing = {amap.nodes[e.source].attrs.get("perspective", "") for e in incoming[impl.id]
                   if e.kind in ("conclusion", "attacks")}
        by_lever: dict[str, list[str]] = defaultdict(list)
        for move in moves:
            for lever in [e.source for e in incoming[move] if e.kind == "lever"] or [""]:
                by_lever[lever].append(move)
        for lever, its_moves in (by_lever or {"": []}).items():
            groups[lever].append(_row(amap, impl, its_moves, arguing))
    out = [{"lever": lever, "label": amap.nodes[lever].label if lever else NO_LEVER,
            "rows": sorted(rows, key=lambda r: (r["label"].lower(), r["id"]))}
           for lever, rows in groups.items()]
    return sorted(out, key=lambda g: (not g["lever"], g["label"].lower()))
