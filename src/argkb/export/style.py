"""How the argument map looks, shared by every export format: colours, shapes, sizes, legend.

Colours are by node type, except arguments, which are coloured by their perspective (the
lens decides what counts as a reason, so the lens is what a reader looks for). Attacking
arguments get a red dashed border and attack edges are red, whatever the format.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

#: node types in the order legends list them (top of the layered map first)
NODE_TYPES = ("implication", "argument", "claim", "move", "actor", "lever")

#: edge kinds in the order legends list them
EDGE_KINDS = ("premise", "conclusion", "attacks", "trigger", "affects", "actor", "lever")

#: canonical perspective keys (as `--perspective` takes them), in the ontology's order
PERSPECTIVES = ("realism", "liberalism", "constructivism", "diplomatic-practice", "security-analysis")


@dataclass(frozen=True)
class NodeStyle:
    fill: str
    shape_cy: str       # Cytoscape.js
    shape_dot: str      # Graphviz
    shape_yed: str      # yEd y:Shape
    shape_gexf: str     # GEXF viz:shape (disc, square, triangle, diamond)
    mermaid: tuple[str, str]  # Mermaid node delimiters
    size: float         # relative size (GEXF viz:size, DOT/yEd geometry scale)
    text: str = "#1b1b1b"


TYPE_STYLES: dict[str, NodeStyle] = {
    "implication": NodeStyle("#ffd166", "hexagon", "hexagon", "hexagon", "square", ("{{", "}}"), 22),
    "argument": NodeStyle("#bbbbbb", "diamond", "diamond", "diamond", "diamond", ("{", "}"), 12, "#ffffff"),
    "claim": NodeStyle("#e9ecef", "round-rectangle", "box", "roundrectangle", "disc", ("(", ")"), 16),
    "move": NodeStyle("#a8dadc", "rhomboid", "parallelogram", "parallelogram", "triangle", ("[/", "/]"), 16),
    "actor": NodeStyle("#cdb4db", "ellipse", "ellipse", "ellipse", "disc", ("((", "))"), 18),
    "lever": NodeStyle("#b7e4c7", "barrel", "cylinder", "trapezoid", "square", ("[(", ")]"), 14),
}

#: one colour per lens (Tableau 10; red is kept for attacks)
PERSPECTIVE_COLOURS: dict[str, str] = {
    "realism": "#4e79a7",
    "liberalism": "#59a14f",
    "constructivism": "#b07aa1",
    "diplomatic-practice": "#f28e2b",
    "security-analysis": "#9c755f",
}

ATTACK_COLOUR = "#d62728"
BORDER_COLOUR = "#555555"


@dataclass(frozen=True)
class EdgeStyle:
    colour: str
    line: str           # solid | dashed | dotted
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


def fill(node) -> str:
    """The fill colour of a node: its lens's colour for an argument, its type's colour otherwise."""
    if node.type == "argument":
        return PERSPECTIVE_COLOURS.get(node.attrs.get("perspective", ""), TYPE_STYLES["argument"].fill)
    return TYPE_STYLES[node.type].fill


def border(node) -> tuple[str, str, float]:
    """(colour, line style, width) of a node's border: red dashed for attacking arguments."""
    if node.type == "argument" and node.attrs.get("role") in ("rebut", "undercut"):
        return ATTACK_COLOUR, "dashed", 3.0
    return BORDER_COLOUR, "solid", 1.0


def text_colour(node) -> str:
    return TYPE_STYLES[node.type].text


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


def legend() -> list[tuple[str, str, str]]:
    """(what, name, colour) rows: node types, lenses, edge kinds — the legend every format shows."""
    rows = [("node", t, TYPE_STYLES[t].fill) for t in NODE_TYPES if t != "argument"]
    rows += [("perspective", p, PERSPECTIVE_COLOURS[p]) for p in PERSPECTIVES]
    rows += [("edge", k, EDGE_STYLES[k].colour) for k in EDGE_KINDS]
    return rows
