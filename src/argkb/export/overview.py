"""The HTML map's first view: first the implications where the lenses disagree (``disagreements``),
then the implications grouped by the lever that triggers them, the levers on which most hangs first
(``overview``), one row each with its qualifier, the move(s) behind it and its status overall and
under each lens — what ``argkb lenses`` prints — with the rows where the lenses that judge it
disagree marked.

An implication triggered through several levers appears under each of them; one whose trigger
is not in the map (a map cut down with ``--focus``) is grouped under ``NO_LEVER``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from argkb.export.model import ArgumentMap, Node
from argkb.export.style import STATUS_ATTRS

NO_LEVER = "no lever in this map"


def lens_statuses(impl: Node, arguing: set[str]) -> dict[str, str]:
    """Status lens -> IN / OUT / UNDEC, or "" under a lens with no argument for or against the
    implication (a lens that only reasons from it does not judge it), as ``argkb lenses`` shows."""
    statuses = impl.statuses()
    return {
        lens: statuses.get(lens, "") if lens == "overall" or lens in arguing else ""
        for lens in STATUS_ATTRS
    }


def diverges(statuses: dict[str, str]) -> bool:
    """True if the lenses that judge the implication give it different statuses (``overall`` not
    counted)."""
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
    """[{lever, label, rows: [row, …]}, …]: the levers on which most hangs first (most implications,
    then most where the lenses disagree, then by label; ``NO_LEVER`` last), rows by implication
    label."""
    incoming: dict[str, list] = defaultdict(list)
    for edge in amap.edges:
        incoming[edge.target].append(edge)
    groups: dict[str, list[dict]] = defaultdict(list)
    for impl in amap.of_type("implication"):
        moves = [e.source for e in incoming[impl.id] if e.kind == "trigger"]
        arguing = {
            amap.nodes[e.source].attrs.get("perspective", "")
            for e in incoming[impl.id]
            if e.kind in ("conclusion", "attacks")
        }
        by_lever: dict[str, list[str]] = defaultdict(list)
        for move in moves:
            for lever in [e.source for e in incoming[move] if e.kind == "lever"] or [""]:
                by_lever[lever].append(move)
        for lever, its_moves in (by_lever or {"": []}).items():
            groups[lever].append(_row(amap, impl, its_moves, arguing))
    out: list[dict[str, Any]] = [
        {
            "lever": lever,
            "label": amap.nodes[lever].label if lever else NO_LEVER,
            "rows": sorted(rows, key=lambda r: (r["label"].lower(), r["id"])),
        }
        for lever, rows in groups.items()
    ]
    return sorted(
        out,
        key=lambda g: (
            not g["lever"],
            -len(g["rows"]),
            -sum(r["diverges"] for r in g["rows"]),
            g["label"].lower(),
        ),
    )


def sharpness(row: dict) -> tuple[int, int]:
    """How sharply the lenses disagree on a row: (1 if one lens holds it IN while another has it
    OUT, else 0; how many lenses judge it)."""
    judged = [s for lens, s in row["statuses"].items() if lens != "overall" and s]
    return int("IN" in judged and "OUT" in judged), len(judged)


def disagreements(groups: list[dict]) -> list[str]:
    """The ids of the implications where the lenses disagree, each once: IN against OUT first, then
    those most lenses judge, then by label — what the overview leads with."""
    rows = {r["id"]: r for g in groups for r in g["rows"] if r["diverges"]}
    return sorted(
        rows, key=lambda i: (tuple(-k for k in sharpness(rows[i])), rows[i]["label"].lower(), i)
    )
