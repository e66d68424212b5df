"""A small outline (nested lines of styled text) printed as a terminal tree or as Markdown.

Trace and impact reports are built as outlines once, then rendered either way: ``as_tree``
(rich, coloured by lens on a terminal) or ``as_markdown`` (a nested list a user can paste).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from argkb.vocab.lenses import BUILT_IN, local_name

#: lens IRI (suffix) -> terminal colour, in the order of the built-in lenses (argkb.vocab.lenses)
LENS_COLOURS = dict(
    zip((local_name(term) for term in BUILT_IN), ("red", "blue", "magenta", "green", "yellow"))
)

# part styles: "label" (a node's name), "id" (its CURIE), "lens" (a perspective), "quote" (source
# words), "for" / "against" (relation words), "note" (secondary text), "" (plain)
_TERMINAL = {
    "label": "bold",
    "id": "dim",
    "quote": "italic",
    "for": "green",
    "against": "red",
    "note": "dim",
    "": "",
}


@dataclass
class Line:
    parts: list[tuple[str, str]] = field(
        default_factory=list
    )  # (text, style); lens style: "lens:<iri>"
    children: list[Line] = field(default_factory=list)

    def add(self, *parts: tuple[str, str]) -> Line:
        child = Line(list(parts))
        self.children.append(child)
        return child


def lens_colour(iri: str | None) -> str:
    if not iri:
        return "cyan"
    return LENS_COLOURS.get(re.split(r"[#/]", iri)[-1], "cyan")


def _style(style: str) -> str:
    if style.startswith("lens:"):
        return f"bold {lens_colour(style[5:])}"
    return _TERMINAL.get(style, "")


def as_tree(root: Line, color: bool = False, width: int = 120) -> str:
    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    def text(line: Line) -> Text:
        t = Text()
        for value, style in line.parts:
            t.append(value, style=_style(style) if color else None)
        return t

    tree = Tree(text(root), guide_style="dim" if color else "")
    stack = [(tree, root)]  # iterative: an outline of any depth
    while stack:
        node, line = stack.pop()
        stack.extend((node.add(text(child)), child) for child in line.children)
    out = io.StringIO()
    Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        width=width,
        color_system="standard" if color else None,
    ).print(tree)
    return out.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def _md_part(value: str, style: str) -> str:
    if not value.strip():
        return value
    if style == "id":
        return "`" + value.replace("`", "") + "`"
    lead = value[: len(value) - len(value.lstrip())]
    trail = value[len(value.rstrip()) :]
    core = md_escape(value.strip())
    if style in ("label", "for", "against") or style.startswith("lens:"):
        core = f"**{core}**"
    elif style in ("quote", "note"):
        core = f"*{core}*"
    return lead + core + trail


def md_text(line: Line) -> str:
    return "".join(_md_part(v, s) for v, s in line.parts)


def as_markdown(root: Line, title: str) -> str:
    lines = [f"# {title}", "", md_text(root), ""]

    stack = [(child, 0) for child in reversed(root.children)]  # iterative: an outline of any depth
    while stack:
        line, indent = stack.pop()
        lines.append("  " * indent + "- " + md_text(line))
        stack.extend((child, indent + 1) for child in reversed(line.children))
    return "\n".join(lines) + "\n"
