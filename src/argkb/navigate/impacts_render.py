"""Rendering an impact report (``argkb.navigate.impacts``) as a terminal tree, JSON or Markdown."""

from __future__ import annotations

import json

from argkb.navigate.impacts import ImpactReport, ImplicationImpact
from argkb.navigate.outline import Line, as_markdown, as_tree

FORMATS = ("tree", "json", "markdown")


def render(report: ImpactReport, fmt: str, color: bool = False, width: int = 120) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    root = outline(report)
    if fmt == "markdown":
        return as_markdown(root, f"Impacts: {report.subject.label}")
    return as_tree(root, color, width)


def outline(report: ImpactReport) -> Line:
    count = sum(len(m.implications) for m in report.moves)
    single = (
        report.kind == "move" and len(report.moves) == 1
    )  # the move is the root: not shown again below it
    moves = "" if report.kind == "move" else f"{len(report.moves)} move(s), "
    root = Line(
        [
            (report.subject.label, "label"),
            ("  ", ""),
            (report.subject.id, "id"),
            *(
                [(f"  ({_what(report.moves[0])})", "note")]
                if single and _what(report.moves[0])
                else []
            ),
            (f"  [{report.kind}: {moves}{count} implication(s) triggered]", "note"),
        ]
    )
    if not report.moves:
        root.add(("no moves", "note"))
    for move in report.moves:
        what = _what(move)
        line = (
            root
            if single
            else root.add(
                ("move: ", "note"),
                (move.move.label, "label"),
                ("  ", ""),
                (move.move.id, "id"),
                (f"  ({what})" if what else "", "note"),
            )
        )
        if not move.implications:
            line.add(("triggers no implication (under the chosen lenses)", "note"))
        for impl in move.implications:
            _implication(line, impl, "triggers ")
    return root


def _what(move) -> str:
    """Who works which lever which way, in words: "Donald Trump decrease sanctions"."""
    return " ".join(n.label for n in (move.actor, move.direction, move.lever) if n is not None)


def _implication(parent: Line, impl: ImplicationImpact, lead: str) -> None:
    parts = [(lead, "note"), (impl.label, "label"), ("  ", ""), (impl.id, "id")]
    if impl.qualifier_label:
        parts.append((f"  [{impl.qualifier_label}]", "note"))
    if impl.via is not None:
        parts += [
            ("  via ", "note"),
            (f"[{impl.via.perspective_label or 'no lens'}]", f"lens:{impl.via.perspective or ''}"),
            (" ", ""),
            (impl.via.argument.label, ""),
        ]
    if impl.ref:
        parts.append(("  (shown above)", "note"))
    line = parent.add(*parts)
    if impl.ref:
        return
    if impl.statement:
        line.add((impl.statement, ""))
    if impl.affects:
        line.add(("affects: ", "note"), (", ".join(a.label for a in impl.affects), ""))
    for alt in impl.alternatives:
        line.add(
            ("alternative outcome: ", "note"), (alt.label, "label"), ("  ", ""), (alt.id, "id")
        )
    for view in impl.lenses:
        lens = line.add(
            (f"[{view.perspective_label or 'no lens'}]", f"lens:{view.perspective or ''}"),
            (f"  {len(view.supporting)} for, {len(view.attacking)} against", "note"),
        )
        for args, word, style in (
            (view.supporting, "for: ", "for"),
            (view.attacking, "against: ", "against"),
        ):
            for arg in args:
                item = lens.add((word, style), (arg.label, "label"), ("  ", ""), (arg.id, "id"))
                if arg.warrant:
                    item.add(("warrant: ", "note"), (arg.warrant, ""))
                for under in arg.undercut_by:
                    item.add(
                        ("undercut by ", "against"), (under.label, ""), ("  ", ""), (under.id, "id")
                    )
    for child in impl.leads_to:
        _implication(line, child, "leads to ")
