"""Mermaid flowchart: renders on GitHub (in a ```mermaid block) and with mermaid-cli.

Every label is written inside double quotes with all but plain letters, digits and spaces
as Mermaid entity codes (``#34;``), so no label can close its node, start a link or carry markup.
"""
from __future__ import annotations

from argkb.export import style
from argkb.export.model import ArgumentMap

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-")


#: mermaid's default maxEdges (a secure setting: a diagram cannot raise it itself)
MAX_EDGES = 500


def escape(text: str) -> str:
    return "".join(c if c in _SAFE else f"#{ord(c)};" for c in " ".join(text.split()))


def label(text: str) -> str:
    return "<br/>".join(escape(line) for line in style.wrap(text))


def _class_name(node) -> str:
    if node.type == "argument" and node.attrs.get("perspective") in style.PERSPECTIVE_COLOURS:
        return "p_" + node.attrs["perspective"].replace("-", "_")
    return node.type


def to_mermaid(amap: ArgumentMap, **_) -> str:
    ids = {node_id: f"n{i}" for i, node_id in enumerate(amap.nodes)}
    lines = [f"%% {escape(amap.title)} — argkb export", "flowchart BT"]
    if len(amap.edges) > MAX_EDGES:
        lines.insert(1, f"%% {len(amap.edges)} edges: over mermaid's default maxEdges ({MAX_EDGES}). Render with a "
                        "config that raises it (mmdc -c config.json with {\"maxEdges\": N}), or export a smaller "
                        "map (--perspective, --source, --focus)")
    classes: dict[str, list[str]] = {}
    attackers: list[str] = []
    for node in amap.nodes.values():
        open_, close = style.type_style(node.type).mermaid
        lines.append(f'  {ids[node.id]}{open_}"{label(node.label)}"{close}')
        classes.setdefault(_class_name(node), []).append(ids[node.id])
        if style.border(node)[1] == "dashed":
            attackers.append(ids[node.id])
    for edge in amap.edges:
        arrow = f"-. {edge.kind} .->" if style.EDGE_STYLES[edge.kind].line != "solid" else f"-->|{edge.kind}|"
        lines.append(f"  {ids[edge.source]} {arrow} {ids[edge.target]}")
    for node_type in style.NODE_TYPES:
        look = style.type_style(node_type)
        lines.append(f"  classDef {node_type} fill:{look.fill},stroke:{style.BORDER_COLOUR},color:{look.text}")
    for key, colour in style.PERSPECTIVE_COLOURS.items():
        lines.append(f"  classDef p_{key.replace('-', '_')} fill:{colour},stroke:{style.BORDER_COLOUR},color:#ffffff")
    lines.append(f"  classDef attacker stroke:{style.ATTACK_COLOUR},stroke-width:3px,stroke-dasharray:5 5")
    for name, members in classes.items():
        lines.append(f"  class {','.join(members)} {name}")
    if attackers:
        lines.append(f"  class {','.join(attackers)} attacker")
    # one linkStyle line per edge kind listing its links (one line per link overran mermaid's
    # default maxTextSize of 50,000 characters on the whole seed map)
    links: dict[str, list[str]] = {}
    for i, edge in enumerate(amap.edges):
        links.setdefault(edge.kind, []).append(str(i))
    for kind, numbers in links.items():
        look = style.EDGE_STYLES[kind]
        dash = ",stroke-dasharray:5 5" if look.line == "dashed" else ""
        lines.append(f"  linkStyle {','.join(numbers)} stroke:{look.colour},stroke-width:{look.width:g}px{dash}")
    return "\n".join(lines) + "\n"
