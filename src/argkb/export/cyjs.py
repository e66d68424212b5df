"""Cytoscape.js elements JSON (``.cyjs``): read by Cytoscape.js (``cy.json(doc)``) and imported by
Cytoscape desktop (File ▸ Import ▸ Network from File). Carries a stylesheet with the shared colours;
the HTML map is drawn from this very document."""

from __future__ import annotations

import json

from argkb import __version__
from argkb.export import style
from argkb.export.model import ArgumentMap


def node_element(node, max_lines: int = 4) -> dict:
    """A node; its label drawn on at most ``max_lines`` lines of 22 characters (the last
    ellipsised)."""
    look = style.type_style(node.type)
    border_colour, border_line, border_width = style.border(node)
    lines = style.wrap(node.label, 22, max_lines)
    width = max(60, 7 * max(len(line) for line in lines) + 26)
    if node.type in ("implication", "move", "argument"):
        width = int(width * 1.25)
    data = dict(node.fields())
    data.update(
        id=node.id,
        name=node.label,
        value=node.id,
        display="\n".join(lines),
        color=style.fill(node),
        shape=look.shape_cy,
        border_color=border_colour,
        border_style=border_line,
        border_width=border_width,
        text_color=style.text_colour(node),
        width=width,
        height=16 * len(lines) + (26 if node.type == "argument" else 18),
    )
    if node.quotes:
        data["quotes"] = [
            {
                "exact": q.exact,
                "source": q.source,
                "source_title": q.source_title,
                "start": q.start,
                "end": q.end,
                "iri": q.iri,
            }
            for q in node.quotes
        ]
    classes = [node.type] + ([node.attrs["role"]] if node.attrs.get("role") else [])
    return {"data": data, "classes": " ".join(classes)}


def edge_element(edge) -> dict:
    look = style.EDGE_STYLES[edge.kind]
    return {
        "data": {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "kind": edge.kind,
            "color": look.colour,
            "line": look.line,
            "width": look.width,
            "arrow": "tee" if edge.kind == "attacks" else "triangle",
        },
        "classes": edge.kind,
    }


def stylesheet() -> list[dict]:
    return [
        {
            "selector": "node",
            "style": {
                "label": "data(display)",
                "shape": "data(shape)",
                "background-color": "data(color)",
                "border-color": "data(border_color)",
                "border-style": "data(border_style)",
                "border-width": "data(border_width)",
                "color": "data(text_color)",
                "width": "data(width)",
                "height": "data(height)",
                "text-wrap": "wrap",
                "text-valign": "center",
                "text-halign": "center",
                "font-size": 11,
                "font-family": "Helvetica, Arial, sans-serif",
            },
        },
        {"selector": "node.implication", "style": {"font-weight": "bold"}},
        {
            "selector": "edge",
            "style": {
                "line-color": "data(color)",
                "target-arrow-color": "data(color)",
                "target-arrow-shape": "data(arrow)",
                "line-style": "data(line)",
                "width": "data(width)",
                "curve-style": "bezier",
                "arrow-scale": 1.1,
                "label": "data(kind)",
                "font-size": 8,
                "color": "data(color)",
                "text-rotation": "autorotate",
                "text-background-color": "#ffffff",
                "text-background-opacity": 0.8,
            },
        },
    ]


def document(amap: ArgumentMap, max_lines: int = 4) -> dict:
    return {
        "format_version": "1.0",
        "generated_by": f"argkb-{__version__}",
        "target_cytoscapejs_version": "~3.30",
        "data": {"name": amap.title, "shared_name": amap.title},
        "directed": True,  # networkx.cytoscape_graph reads a document without it as undirected
        "multigraph": False,
        "elements": {
            "nodes": [node_element(n, max_lines) for n in amap.nodes.values()],
            "edges": [edge_element(e) for e in amap.edges],
        },
        "style": stylesheet(),
    }


def to_cyjs(amap: ArgumentMap, **_) -> str:
    return json.dumps(document(amap), ensure_ascii=False, indent=1) + "\n"
