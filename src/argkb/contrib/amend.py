"""``argkb add --amend``: the new text of each data file that holds a value being replaced.

Files are reviewed like code, so the edit is kept as small as the text allows: where
the old value is written once in a way that, swapped for the new value, gives exactly
the old graph with that one fact replaced, only those characters change (comments and
layout stay). Otherwise the file is rewritten as sorted Turtle, its leading comment
block kept. Either way the log records every replaced fact (``argkb:replaced``).
"""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.compare import isomorphic

from argkb.contrib.diff import Conflict
from argkb.kb.log import LOG_NAME, Replaced
from argkb.rdf.serialize import to_turtle
from argkb.rdf.strict import check_turtle
from argkb.kb.folder import KnowledgeBase
from argkb.rdf.parse import parse_file, parse_text

MAX_TRIES = 40


def plan_amend(live: KnowledgeBase, conflicts: list[Conflict]) -> dict[Path, tuple[str, list[Replaced]]]:
    """For each data file holding a value a conflict replaces: its new text and what was removed."""
    new_value = {(c.node, c.prop): c.new for c in conflicts}
    old = {(c.node, c.prop, value) for c in conflicts for value in c.old}
    plan: dict[Path, tuple[str, list[Replaced]]] = {}
    for path in live.data_files():
        if path.name == LOG_NAME and path.parent == live.data_dir:
            continue
        graph = parse_file(path, Graph())
        hits = sorted((t for t in old if t in graph), key=lambda t: tuple(map(str, t)))
        if not hits:
            continue
        rel = str(path.relative_to(live.root))
        text = path.read_text(encoding="utf-8")
        expected = Graph() + graph
        for s, p, o in hits:
            expected.remove((s, p, o))
        edited, written = None, expected
        if len(hits) == 1 and path.suffix == ".ttl":
            s, p, o = hits[0]
            target = Graph() + expected
            target.add((s, p, new_value[(s, p)]))
            edited, written = _swap_in_place(path, text, graph, o, new_value[(s, p)], target), target
        if edited is None:
            edited, written = to_turtle(expected, _leading_comments(text)), expected
        check_turtle(edited.encode("utf-8"), written, rel)   # the strict parser reads exactly what will be written
        plan[path] = (edited, [Replaced(str(s), str(p), o.n3(), rel) for s, p, o in hits])
    return plan


def _swap_in_place(path: Path, text: str, graph: Graph, old, new, expected: Graph) -> str | None:
    """The text with one written form of ``old`` replaced by ``new`` — if that gives ``expected``."""
    nm = graph.namespace_manager
    forms = {old.n3(nm), old.n3()}
    if isinstance(old, Literal) and old.datatype == XSD.integer:
        forms.add(str(old))   # written bare: 42
    replacement = new.n3(nm)
    tries = 0
    for form in sorted(forms, key=len, reverse=True):
        for match in re.finditer(re.escape(form), text):
            tries += 1
            if tries > MAX_TRIES:
                return None
            candidate = text[:match.start()] + replacement + text[match.end():]
            try:
                if isomorphic(parse_text(candidate, path, Graph(), "turtle"), expected):
                    return candidate
            except Exception:  # noqa: BLE001 - a candidate that does not parse is just not the one
                continue
    return None


def _leading_comments(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines)
