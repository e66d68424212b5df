"""How the argument map looks, shared by every export format: colours, shapes, sizes, legend.

Colours are by node type, except arguments, which are coloured by their perspective (the
lens decides what counts as a reason, so the lens is what a reader looks for). Attacking
arguments get a red dashed border and attack edges are red, whatever the format.

With a status lens (``overall`` or a perspective key; the HTML map and DOT), arguments, claims
and implications are filled by their status under it instead: IN green, OUT red, UNDEC amber,
and pale grey where that lens does not see them.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from argkb.vocab.lenses import NAMES

#: node types in the order legends list them (top of the layered map first)
NODE_TYPES = ("implication", "argument", "claim", "move", "actor", "lever")

#: edge kinds in the order legends list them
EDGE_KINDS = ("premise", "conclusion", "attacks", "trigger", "affects", "actor", "lever")

#: canonical perspective keys (as `--perspective` takes them), in the ontology's order
PERSPECTIVES = NAMES  # the built-in lenses' keys (argkb.vocab.lenses, from the ontology)


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    shape_cy: str  # Cytoscape.js
    shape_dot: str  # Graphviz
    shape_yed: str  # yEd y:Shape
    shape_gexf: str  # GEXF viz:shape (disc, square, triangle, diamond)
    mermaid: tuple[str, str]  # Mermaid node delimiters
    size: float  # relative size (GEXF viz:size, DOT/yEd geometry scale)
    text: str = "#1b1b1b"


TYPE_STYLES: dict[str, NodeStyle] = {
    "implication": NodeStyle(
        "#ffd166", "hexagon", "hexagon", "hexagon", "square", ("{{", "}}"), 22
    ),
    "argument": NodeStyle(
        "#bbbbbb", "diamond", "diamond", "diamond", "diamond", ("{", "}"), 12, "#ffffff"
    ),
    "claim": NodeStyle(
        "#e9ecef", "round-rectangle", "box", "roundrectangle", "disc", ("(", ")"), 16
    ),
    "move": NodeStyle(
        "#a8dadc", "rhomboid", "parallelogram", "parallelogram", "triangle", ("[/", "/]"), 16
    ),
    "actor": NodeStyle("#cdb4db", "ellipse", "ellipse", "ellipse", "disc", ("((", "))"), 18),
    "lever": NodeStyle("#b7e4c7", "barrel", "cylinder", "trapezoid", "square", ("[(", ")]"), 14),
}

#: one colour per lens (Tableau 10; red is kept for attacks)
PERSPECTIVE_COLOURS: dict[str, str] = dict(
    zip(PERSPECTIVES, ("#4e79a7", "#59a14f", "#b07aa1", "#f28e2b", "#9c755f"))
)

ATTACK_COLOUR = "#d62728"
BORDER_COLOUR = "#555555"

#: status lens (``overall`` or a perspective key) -> the node attribute holding the status under it
STATUS_ATTRS: dict[str, str] = {
    "overall": "status",
    **{p: "status_" + p.replace("-", "_") for p in PERSPECTIVES},
}
#: status lens -> the implication attribute holding its graded strength in [0, 1] under it
STRENGTH_ATTRS: dict[str, str] = {
    lens: "strength" + attr[len("status") :] for lens, attr in STATUS_ATTRS.items()
}

#: status -> (fill, text colour); NOT_IN_VIEW ("silent") for a node the chosen lens says nothing
#: about: an implication it neither concludes nor attacks, an argument or premise it does not count
#: — the one word every view uses (the overview's table marks it "–")
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "IN": ("#1a9850", "#ffffff"),
    "OUT": ("#d73027", "#ffffff"),
    "UNDEC": ("#fdae61", "#1b1b1b"),
}
NOT_IN_VIEW = "silent"
NOT_IN_VIEW_COLOURS = ("#f1f3f5", "#868e96")

#: node types that have a status
STATUS_TYPES = ("argument", "claim", "implication")


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    line: str  # solid | dashed | dotted
    width: float = 1.5


EDGE_STYLES: dict[str, EdgeStyle] = {
    "premise": EdgeStyle("#6c757d", "solid"),
    "conclusion": EdgeStyle("#2a9d8f", "solid", 2.5),
    "attacks": EdgeStyle(ATTACK_COLOUR, "dashed", 2.5),
    "trigger": EdgeStyle("#1d3557", "solid", 2.0),
    "affects": EdgeStyle("#9d4edd", "dotted"),
    "actor": EdgeStyle("#adb5bd", "dotted"),
    "lever": EdgeStyle("#adb5bd", "dotted"),
}


def type_style(node_type: str) -> NodeStyle:
    return TYPE_STYLES[node_type]


def status_of(node, status_lens: str) -> str | None:
    """IN / OUT / UNDEC under the lens (``overall`` or a perspective key), NOT_IN_VIEW, or None
    for a node that has no status (actors, levers, moves)."""
    if node.type not in STATUS_TYPES:
        return None
    return node.attrs.get(STATUS_ATTRS[status_lens]) or NOT_IN_VIEW


def _status_colours(node, status_lens: str | None) -> tuple[str, str] | None:
    status = status_of(node, status_lens) if status_lens else None
    if status is None:
        return None
    return STATUS_COLOURS.get(status, NOT_IN_VIEW_COLOURS)


def fill(node, status_lens: str | None = None) -> str:
    """The fill colour of a node: its status's colour under ``status_lens`` if one is given and the
    node has a status; else its lens's colour for an argument, its type's colour otherwise."""
    by_status = _status_colours(node, status_lens)
    if by_status:
        return by_status[0]
    if node.type == "argument":
        return PERSPECTIVE_COLOURS.get(
            node.attrs.get("perspective", ""), TYPE_STYLES["argument"].fill
        )
    return TYPE_STYLES[node.type].fill


def border(node) -> tuple[str, str, float]:
    """(colour, line style, width) of a node's border: red dashed for attacking arguments."""
    if node.type == "argument" and node.attrs.get("role") in ("rebut", "undercut"):
        return ATTACK_COLOUR, "dashed", 3.0
    return BORDER_COLOUR, "solid", 1.0


def text_colour(node, status_lens: str | None = None) -> str:
    by_status = _status_colours(node, status_lens)
    return by_status[1] if by_status else TYPE_STYLES[node.type].text


def rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def wrap(text: str, width: int = 26, max_lines: int = 4) -> list[str]:
    """A label broken into short lines (the last one ellipsised if it runs on)."""
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines


def status_legend() -> list[tuple[str, str, str]]:
    """(what, name, colour) rows of the status colours."""
    rows = [("status", name, colours[0]) for name, colours in STATUS_COLOURS.items()]
    return rows + [("status", NOT_IN_VIEW, NOT_IN_VIEW_COLOURS[0])]


def legend(status_lens: str | None = None) -> list[tuple[str, str, str]]:
    """(what, name, colour) rows: node types, lenses, edge kinds — the legend every format shows —
    with the status colours after the node types when a status lens is chosen."""
    rows = [("node", t, TYPE_STYLES[t].fill) for t in NODE_TYPES if t != "argument"]
    rows += status_legend() if status_lens else []
    rows += [("perspective", p, PERSPECTIVE_COLOURS[p]) for p in PERSPECTIVES]
    rows += [("edge", k, EDGE_STYLES[k].colour) for k in EDGE_KINDS]
    return rows
