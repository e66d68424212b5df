"""Graphviz DOT: a layered drawing (implications on top, premises below), with an optional
cluster per perspective (``clusters=True``) and a legend of colours in the graph label."""

from __future__ import annotations

from argkb.export import style
from argkb.export.model import ArgumentMap


def quote(text: str) -> str:
    """A DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    body = text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "")
    return '"' + body.replace("\n", "\\n") + '"'


def _html(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _legend(status_lens: str | None = None) -> str:
    cells = []
    for what, name, colour in style.legend(status_lens):
        white = what == "perspective" or (what == "status" and name in ("IN", "OUT"))
        font = ' color="white"' if white else ""
        sample = (
            f"<font{font}>{_html(name)}</font>"
            if what != "edge"
            else f'<font color="{colour}">→ {_html(name)}</font>'
        )
        bg = f' bgcolor="{colour}"' if what != "edge" else ""
        cells.append(f"<td{bg}>{sample}</td>")
    rows = "".join(cells)
    return (
        '<<table border="0" cellborder="1" cellspacing="2" '
        f'cellpadding="3"><tr>{rows}</tr></table>>'
    )


def _node_line(node, status_lens: str | None = None) -> str:
    look = style.type_style(node.type)
    colour, line, width = style.border(node)
    styles = ["filled", "rounded"] if look.shape_dot == "box" else ["filled"]
    if line == "dashed":
        styles.append("dashed")
    fields = node.fields()
    tooltip = fields.get("statement") or fields.get("warrant") or node.label
    if node.statuses():
        tooltip += "\nStatus: " + "; ".join(f"{lens} {s}" for lens, s in node.statuses().items())
    attrs = {
        "label": "\n".join(style.wrap(node.label)),
        "shape": look.shape_dot,
        "style": ",".join(styles),
        "fillcolor": style.fill(node, status_lens),
        "color": colour,
        "penwidth": str(width),
        "fontcolor": style.text_colour(node, status_lens),
        "tooltip": tooltip,
        "URL": node.iri,
        "class": node.type,
    }
    return f"  {quote(node.id)} [" + ", ".join(f"{k}={quote(v)}" for k, v in attrs.items()) + "];"


def to_dot(amap: ArgumentMap, clusters: bool = False, status_lens: str | None = None, **_) -> str:
    """``status_lens`` (``overall`` or a perspective key) fills arguments and claims by their
    status."""
    lines = [
        "digraph argkb {",
        f"  graph [rankdir=BT, splines=true, nodesep=0.3, ranksep=0.6, fontname=Helvetica, "
        f"labelloc=b, label={_legend(status_lens)}, tooltip={quote(amap.title)}];",
        '  node [fontname=Helvetica, fontsize=10, margin="0.08,0.04"];',
        "  edge [fontname=Helvetica, fontsize=8];",
    ]
    grouped: dict[str, list] = {}
    for node in amap.nodes.values():
        key = node.attrs.get("perspective") if clusters and node.type == "argument" else None
        if key:
            grouped.setdefault(key, []).append(node)
        else:
            lines.append(_node_line(node, status_lens))
    for i, (key, nodes) in enumerate(sorted(grouped.items())):
        colour = style.PERSPECTIVE_COLOURS.get(key, style.BORDER_COLOUR)
        label = nodes[0].attrs.get("perspective_label", key)
        lines.append(f"  subgraph cluster_{i} {{")
        lines.append(
            f"    label={quote(label)}; color={quote(colour)}; fontcolor={quote(colour)}; "
            "style=rounded;"
        )
        lines += ["  " + _node_line(n, status_lens) for n in nodes]
        lines.append("  }")
    for edge in amap.edges:
        look = style.EDGE_STYLES[edge.kind]
        attrs = {
            "label": edge.kind,
            "color": look.colour,
            "fontcolor": look.colour,
            "style": look.line,
            "penwidth": str(look.width),
            "arrowhead": "tee" if edge.kind == "attacks" else "normal",
        }
        if edge.kind == "affects":
            attrs["constraint"] = (
                "false"  # keeps the layers: what an implication affects is drawn beside it
            )
        lines.append(
            f"  {quote(edge.source)} -> {quote(edge.target)} ["
            + ", ".join(f"{k}={quote(v)}" for k, v in attrs.items())
            + "];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
