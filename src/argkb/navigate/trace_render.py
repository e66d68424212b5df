"""Rendering a trace (``argkb.navigate.trace``) as a terminal tree, JSON or Markdown."""

from __future__ import annotations

from argkb.navigate.deep import drive, dumps
from argkb.navigate.outline import Line, as_markdown, as_tree
from argkb.navigate.trace import ArgumentNode, ClaimNode

FORMATS = ("tree", "json", "markdown")
_RELATION = {
    "supports": ("supported by", "for"),
    "rebuts": ("rebutted by", "against"),
    "undercuts": ("undercut by", "against"),
}


def render(node: ClaimNode, fmt: str, color: bool = False, width: int = 120) -> str:
    if fmt == "json":
        return dumps(node.to_dict(), indent=2, ensure_ascii=False) + "\n"
    root = outline(node)
    text = (
        as_markdown(root, f"Trace: {node.label}")
        if fmt == "markdown"
        else as_tree(root, color, width)
    )
    if not node.assessed:
        return text
    from argkb.assess.dung import STATUS_MEANING

    return text.rstrip("\n") + "\n\n" + STATUS_MEANING + "\n"


def claim_heading(node: ClaimNode) -> list[tuple[str, str]]:
    parts = [(node.label, "label"), ("  ", ""), (node.id, "id"), *_status(node)]
    if node.ref:
        return parts + [("  (shown above)", "note")]
    kind = "implication" if node.implication else "claim"
    if node.qualifier_label:
        kind += f", {node.qualifier_label}"
    return parts + [(f"  [{kind}]", "note")]


def outline(node: ClaimNode) -> Line:
    root = Line(claim_heading(node))
    drive(_claim_body(root, node))
    return root


def _claim_body(line: Line, node: ClaimNode):
    """A generator run by ``deep.drive``: it yields the sub-walks a recursive function would
    call."""
    if node.ref:
        return
    if node.statement:
        line.add((node.statement, ""))
    for q in node.quotes:
        where = f" ({q.source_title or q.source}, characters {q.start}–{q.end})"
        line.add(("quote: ", "note"), (f"“{q.exact}”", "quote"), (where, "note"))
    for agent in node.attributed_to:
        line.add(
            ("attributed to ", "note"),
            (agent.label, ""),
            ("  ", ""),
            (agent.id, "id"),
            ("  (an interpretation, not the source's words)", "note"),
        )
    if not node.quotes and not node.attributed_to:
        line.add(("unsourced: neither quoted nor attributed", "against"))
    for alt in node.alternatives:
        line.add(
            ("alternative outcome: ", "note"), (alt.label, "label"), ("  ", ""), (alt.id, "id")
        )
    for arg in node.supported_by + node.attacked_by:
        yield _argument(line, arg)
    if node.truncated:
        line.add(("… further arguments beyond --depth", "note"))


def _argument(parent: Line, arg: ArgumentNode):
    words, style = _RELATION.get(arg.relation, (arg.relation, ""))
    line = parent.add(
        (words + " ", style),
        (f"[{arg.perspective_label or 'no lens'}]", f"lens:{arg.perspective or ''}"),
        (" ", ""),
        (arg.label, "label"),
        ("  ", ""),
        (arg.id, "id"),
        *_status(arg),
    )
    if arg.ref:
        line.parts.append(("  (shown above)", "note"))
        return
    if arg.warrant:
        line.add(("warrant: ", "note"), (arg.warrant, ""))
    for premise in arg.premises:
        child = line.add(("premise: ", "note"), *claim_heading(premise))
        yield _claim_body(child, premise)
    for under in arg.undercuts:
        yield _argument(line, under)


def _status(node) -> list[tuple[str, str]]:
    """`` IN`` / `` OUT`` / `` UNDEC`` after a node when ``argkb trace --status`` set it, a claim's
    strength beside."""
    status = node.status
    strength = node.strength if isinstance(node, ClaimNode) else None
    if not status:
        return []
    return [(f"  {status}" + ("" if strength is None else f" (strength {strength:.2f})"), "note")]
