"""Mermaid flowchart: renders on GitHub (in a ```mermaid block) and with mermaid-cli.

``mermaid`` is one diagram. Mermaid draws at most ``MAX_EDGES`` links with its default
configuration (a secure setting: a diagram cannot raise it), so ``mermaid-md`` writes Markdown
holding the same map split into diagrams that each stay under that limit: the structure
(actors, levers, moves, implications) and the arguments of each perspective, every part cut
again into pieces of at most ``MAX_EDGES`` links when it is still too big. Nodes shared by
parts are drawn in each; every edge is drawn exactly once.

Every label is written inside double quotes with all but plain letters, digits and spaces
as Mermaid entity codes (``#34;``), so no label can close its node, start a link or carry markup.
"""

from __future__ import annotations

from argkb.export import style
from argkb.export.model import ArgumentMap, Edge

_SAFE = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-")


#: mermaid's default maxEdges (a secure setting: a diagram cannot raise it itself)
MAX_EDGES = 500
#: mermaid's default maxTextSize, in characters (also a setting a diagram cannot raise)
MAX_TEXT = 50_000


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
        lines.insert(
            1,
            f"%% {len(amap.edges)} edges: over mermaid's default maxEdges ({MAX_EDGES}). Render "
            f'with a config that raises it (mmdc -c config.json with {{"maxEdges": N}}), export '
            "it split into diagrams that render with the defaults (--format mermaid-md), or "
            "export a smaller map (--perspective, --source, --focus)",
        )
    classes: dict[str, list[str]] = {}
    attackers: list[str] = []
    for node in amap.nodes.values():
        open_, close = style.type_style(node.type).mermaid
        lines.append(f'  {ids[node.id]}{open_}"{label(node.label)}"{close}')
        classes.setdefault(_class_name(node), []).append(ids[node.id])
        if style.border(node)[1] == "dashed":
            attackers.append(ids[node.id])
    for edge in amap.edges:
        arrow = (
            f"-. {edge.kind} .->"
            if style.EDGE_STYLES[edge.kind].line != "solid"
            else f"-->|{edge.kind}|"
        )
        lines.append(f"  {ids[edge.source]} {arrow} {ids[edge.target]}")
    for node_type in style.NODE_TYPES:
        look = style.type_style(node_type)
        lines.append(
            f"  classDef {node_type} "
            f"fill:{look.fill},stroke:{style.BORDER_COLOUR},color:{look.text}"
        )
    for key, colour in style.PERSPECTIVE_COLOURS.items():
        lines.append(
            f"  classDef p_{key.replace('-', '_')} "
            f"fill:{colour},stroke:{style.BORDER_COLOUR},color:#ffffff"
        )
    lines.append(
        f"  classDef attacker stroke:{style.ATTACK_COLOUR},stroke-width:3px,stroke-dasharray:5 5"
    )
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
        edge_look = style.EDGE_STYLES[kind]
        dash = ",stroke-dasharray:5 5" if edge_look.line == "dashed" else ""
        lines.append(
            f"  linkStyle {','.join(numbers)} "
            f"stroke:{edge_look.colour},stroke-width:{edge_look.width:g}px{dash}"
        )
    text = "\n".join(lines) + "\n"
    if len(text) > MAX_TEXT:
        note = (
            f"%% {{}} characters: over mermaid's default maxTextSize ({MAX_TEXT}). Render with a "
            f'config that raises it (mmdc -c config.json with {{{{"maxTextSize": N}}}}), export '
            "it split into diagrams (--format mermaid-md), or export a smaller map "
            "(--perspective, --source, --focus)"
        )
        size = len(text)
        while len(text) + len(note.format(size)) + 1 != size:  # the note's own line counts too
            size = len(text) + len(note.format(size)) + 1
        lines.insert(2 if len(amap.edges) > MAX_EDGES else 1, note.format(size))
        text = "\n".join(lines) + "\n"
    return text


def to_mermaid_markdown(amap: ArgumentMap, **_) -> str:
    """Markdown: the map as
    ```mermaid diagrams of at most ``MAX_EDGES`` links each (see the module's doc)."""
    parts = split(amap)
    out = [
        f"# {_md(amap.title)}",
        "",
        f"{len(amap.nodes)} nodes and {len(amap.edges)} links in {len(parts)} "
        f"diagram{'s' * (len(parts) != 1)} (mermaid draws at most {MAX_EDGES} links per diagram "
        "with its default configuration). Written by `argkb export --format mermaid-md`.",
        "",
    ]
    for title, part in parts:
        out += [
            f"## {_md(title)}",
            "",
            f"{len(part.nodes)} nodes, {len(part.edges)} links.",
            "",
            "```mermaid",
            to_mermaid(part).rstrip("\n"),
            "```",
            "",
        ]
    return "\n".join(out)


def _md(text: str) -> str:
    """Text safe in a Markdown heading: HTML's specials as entities, Markdown's punctuation
    escaped."""
    text = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join("\\" + c if c in "\\`*_{}[]()#+!|~" else c for c in text)


def split(amap: ArgumentMap) -> list[tuple[str, ArgumentMap]]:
    """(title, part) for each diagram: the whole map when it fits, else by perspective, then by
    size."""
    if len(amap.edges) <= MAX_EDGES:
        return [(amap.title, amap)]
    groups: dict[str, list[Edge]] = {}
    for edge in amap.edges:
        groups.setdefault(_group(amap, edge), []).append(edge)
    linked = {n for e in amap.edges for n in (e.source, e.target)}
    alone = [n for n in amap.nodes if n not in linked]  # drawn with the structure
    parts = []
    for key in sorted(groups, key=lambda k: (k != "structure", k)):
        edges = groups[key]
        pieces = [edges[i : i + MAX_EDGES] for i in range(0, len(edges), MAX_EDGES)]
        for number, piece in enumerate(pieces, 1):
            keep = {n for e in piece for n in (e.source, e.target)} | (
                set(alone) if key == "structure" and number == 1 else set()
            )
            nodes = {k: v for k, v in amap.nodes.items() if k in keep}
            name = (
                "Structure: actors, levers, moves, implications"
                if key == "structure"
                else f"Arguments: {key}"
            )
            title = f"{name} ({number} of {len(pieces)})" if len(pieces) > 1 else name
            parts.append(
                (
                    title,
                    ArgumentMap(
                        nodes, piece, amap.store, f"{amap.title} — {title}", amap.semantics
                    ),
                )
            )
    if alone and "structure" not in groups:
        nodes = {k: amap.nodes[k] for k in alone}
        parts.insert(
            0,
            (
                "Unlinked nodes",
                ArgumentMap(nodes, [], amap.store, f"{amap.title} — unlinked", amap.semantics),
            ),
        )
    return parts


def _group(amap: ArgumentMap, edge: Edge) -> str:
    """The perspective label of the argument an edge belongs to, or "structure"."""
    for end in (edge.source, edge.target):
        node = amap.nodes.get(end)
        if node is not None and node.type == "argument":
            return (
                node.attrs.get("perspective_label")
                or node.attrs.get("perspective")
                or "no perspective"
            )
    return "structure"
