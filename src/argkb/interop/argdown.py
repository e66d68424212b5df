"""Argdown, the subset argkb reads (docs/import.md), parsed with a lark grammar (``argdown.lark``).

Read: statements (``[Title]: text``, ``[Title]``, untitled text), arguments (``<Title>: text``,
``<Title>``), relations in indented lists (``+ - +> -> <+ <- _> <_ ><``), premise-conclusion
structures (``(1) …``, inference lines ``--``/``----`` with an optional rule and ``{uses: […]}``),
``#tags`` and ``#(tags)``, mentions, links, headings, comments and the front matter (skipped).
Anything else — an unbalanced ``{``, a relation with nothing above it to relate to — is refused
with its line and column.

How it maps (``model``): a statement is a statement; each inference step of an argument's
premise-conclusion structure is a support from the premises it uses to its conclusion; an
argument without one stands on its description, which becomes its one premise (and with no
description, its premises are a TODO). Relations follow Argdown's meaning: ``X  + Y`` and
``X  <+ Y``: Y supports X; ``X  +> Y``: X supports Y; ``-``, ``<-``, ``->`` likewise for attacks;
``_>`` / ``<_`` undercut; ``><`` two attacks. A statement supporting an argument is one more
premise of it; anything attacking an argument attacks (undercuts) its last inference step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lark import Lark, Token, UnexpectedInput

from argkb.interop.argdown_layout import Item, items, position
from argkb.interop.model import ATTACK, SUPPORT, ImportedMap, Inference, MapError, Statement

_USES = re.compile(r"uses\s*:\s*\[([\d,\s]*)\]")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)")

#: relation symbol -> (kind, True if the child is the one doing it)
RELATIONS = {
    "+": (SUPPORT, True),
    "<+": (SUPPORT, True),
    "+>": (SUPPORT, False),
    "-": (ATTACK, True),
    "<-": (ATTACK, True),
    "->": (ATTACK, False),
    "<_": (ATTACK, True),
    "_>": (ATTACK, False),
    "><": ("contradiction", False),
}


@lru_cache(maxsize=1)
def parser() -> Lark:
    return Lark(
        (Path(__file__).with_name("argdown.lark")).read_text(encoding="utf-8"),
        parser="lalr",
        lexer="contextual",
        propagate_positions=True,
    )


@dataclass
class Node:
    kind: str  # "statement" or "argument"
    key: str
    title: str = ""
    text: str = ""
    tags: list[str] = field(default_factory=list)
    #: ("statement", node, number, (line, column)) /
    #: ("inference", rule, uses, data blocks as (text, line, column), (line, column))
    pcs: list = field(default_factory=list)
    data: list = field(default_factory=list)  # its {data} blocks: (text, line, column)
    at: tuple = (0, 0)  # (line, column) where it is first defined or named


class Reader:
    def __init__(self, name: str):
        self.map = ImportedMap(name)
        self.nodes: dict[str, Node] = {}
        self.relations: list[tuple[str, Node, Node]] = []  # (symbol, parent, child)
        self.relation_at: list[tuple[int, int]] = []  # (line, column) of each relation
        self.order: list[Node] = []  # nodes in the order the text names them
        self._anonymous = 0
        self._steps_of: dict[str, list[Inference]] = {}  # an argument's inference steps, in order
        self._premises: dict[str, set[str]] = {}  # inference id -> its premises, to test quickly
        self._repeats: dict[str, int] = {}  # relation id -> how many so far

    # ------------------------------------------------------------------ parsing
    def parse(self, text: str) -> None:
        stack: list[tuple[int, Node]] = []
        pcs_owner: Node | None = None
        for item in items(text):
            top = self._tree(item).children[0]
            kind, tokens = top.data, list(top.scan_values(lambda v: isinstance(v, Token)))
            if kind == "heading":
                stack, pcs_owner = [], None
                continue
            if kind == "inference":
                if pcs_owner is None:
                    raise self._error(
                        item,
                        0,
                        "an inference line (--) outside a premise-conclusion structure; "
                        "put the argument's <Title> on the line before its (1)",
                    )
                rule = self._text(item, [t for t in tokens if t.type != "DASHES"])
                data = " ".join(t.value for t in tokens if t.type == "DATA")
                uses = (
                    [int(n) for n in re.findall(r"\d+", m.group(1))]
                    if (m := _USES.search(data))
                    else None
                )
                blocks = [
                    (t.value, *position(item, t.start_pos)) for t in tokens if t.type == "DATA"
                ]
                pcs_owner.pcs.append(("inference", rule, uses, blocks, position(item, 0)))
                continue
            first = top.children[0]
            symbol = first.value if isinstance(first, Token) and first.type == "RELATION" else None
            node = self._node(item, top.children[-1])
            if kind == "pcs":
                if pcs_owner is None:
                    raise self._error(
                        item,
                        0,
                        "a numbered statement outside a premise-conclusion structure; "
                        "put the argument's <Title> on the line before it",
                    )
                number = int(first.value[1:-1]) if isinstance(first, Token) else 0
                pcs_owner.pcs.append(("statement", node, number, position(item, 0)))
                stack = [(item.indent, node)]
                continue
            if symbol is None:
                stack = [(item.indent, node)]
                pcs_owner = node if node.kind == "argument" and not node.pcs else None
                continue
            while stack and stack[-1][0] >= item.indent:
                stack.pop()
            if not stack:
                raise self._error(
                    item,
                    0,
                    f"the relation {symbol!r} has nothing above it to relate to: indent it "
                    "under the statement or argument it relates to",
                )
            self.relations.append((symbol, stack[-1][1], node))
            self.relation_at.append(position(item, 0))
            stack.append((item.indent, node))

    def _tree(self, item: Item):
        try:
            return parser().parse(item.text)
        except UnexpectedInput as exc:
            index = getattr(exc, "pos_in_stream", None) or 0
            token = getattr(exc, "token", None)
            if token is not None and getattr(token, "start_pos", None) is not None:
                index = token.start_pos
            raise self._error(
                item,
                index,
                "outside the Argdown subset argkb reads (see docs/import.md): "
                f"unexpected {item.text[index : index + 20]!r}",
            ) from None

    def _error(self, item: Item, index: int, reason: str) -> MapError:
        line, column = position(item, index)
        return MapError(f"line {line}, column {column}: {reason}")

    def _text(self, item: Item, tokens: list[Token]) -> str:
        words = [t for t in tokens if t.type not in ("TAG", "DATA", "DASHES")]
        if not words:
            return ""
        start, stop = (
            _span(words[0])[0],
            _span(words[-1])[1],
        )  # tags after the last word are left out
        pieces, at = [], start
        for t in (
            tokens
        ):  # tags become their names, data blocks a space: one pass, not one replace per token
            begin, end = _span(t)
            if t.type in ("TAG", "DATA") and start <= begin < stop and begin >= at:
                pieces += [item.text[at:begin], " " if t.type == "DATA" else _tag_name(t.value)]
                at = end
        pieces.append(item.text[at:stop])
        text = "".join(pieces)
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links: their text
        text = re.sub(r"@(\[[^\]]+\]|<[^>]+>)", r"\1", text)  # mentions: the title
        return " ".join(_MARKUP.sub("", text).split())

    def _node(self, item: Item, body) -> Node:
        tokens = list(body.scan_values(lambda v: isinstance(v, Token)))
        tags = [_tag_name(t.value) for t in tokens if t.type == "TAG"]
        title_token = tokens[0] if tokens and tokens[0].type in ("STITLE", "ATITLE") else None
        kind = (
            "argument" if title_token is not None and title_token.type == "ATITLE" else "statement"
        )
        text = self._text(
            item,
            tokens[2:]
            if body.data.startswith("defined")
            else ([] if title_token is not None else tokens),
        )
        if title_token is None:
            self._anonymous += 1
            node = Node(kind, f"s{self._anonymous}", text=text, at=position(item, 0))
            self.nodes[node.key] = node
            self.order.append(node)
        else:
            title = " ".join(title_token.value[1:-1].split())
            key = f"{kind[0]}:{title}"
            known = self.nodes.get(key)
            if known is None:
                known = self.nodes[key] = Node(
                    kind, key, title=title, at=position(item, title_token.start_pos)
                )
                self.order.append(known)
            node = known
            if text and not node.text:
                node.text = text
                node.at = position(item, title_token.start_pos)
        node.tags += [t for t in tags if t not in node.tags]
        node.data += [(t.value, *position(item, t.start_pos)) for t in tokens if t.type == "DATA"]
        return node

    # ------------------------------------------------------------------ mapping
    def build(self) -> ImportedMap:
        m = self.map
        for node in self.nodes.values():
            if node.kind == "statement":
                m.statements[node.key] = Statement(
                    node.key, node.text or node.title, title=node.title, tags=node.tags
                )
        for node in self.nodes.values():
            if node.kind == "argument":
                self._argument(node)
        for symbol, parent, child in self.relations:
            self._relation(symbol, parent, child)
        for inf in m.inferences.values():
            missing = [p for p in inf.premises if p not in m.statements]
            if missing:
                raise MapError(
                    f"argument {inf.title!r} uses premises that are not in its structure: {missing}"
                )
        return m

    def _argument(self, node: Node) -> None:
        """One support per inference step: from the statements it ``uses`` (by number), else from
        the previous step's conclusion and the statements after it, to the statement after the
        line."""
        statements: list[Node] = []
        pending, since, step = None, 0, 0
        for entry in node.pcs:
            if entry[0] == "inference":
                pending = entry[1:3]
                continue
            statements.append(entry[1])
            if pending is None:
                continue
            rule, uses = pending
            premises = (
                [statements[i - 1].key for i in uses if 0 < i < len(statements)]
                if uses
                else [s.key for s in statements[since:-1]]
            )
            since, pending, step = len(statements) - 1, None, step + 1
            inf_id = node.key if step == 1 else f"{node.key}#{step}"
            inference = Inference(
                inf_id,
                SUPPORT,
                premises,
                entry[1].key,
                tags=list(node.tags),
                title=node.title + (f" ({rule})" if rule else ""),
            )
            self.map.inferences[inf_id] = inference
            self._steps_of.setdefault(node.key, []).append(inference)
            self._premises[inf_id] = set(premises)
        if step == 0:  # no premise-conclusion structure: the argument stands as its description
            self.map.statements[node.key] = Statement(
                node.key, node.text or node.title, title=node.title, tags=node.tags
            )

    def _steps(self, node: Node) -> list[Inference]:
        return self._steps_of.get(node.key, [])

    def _reason(self, node: Node) -> str:
        """What a node offers as a reason: a statement itself, an argument its final conclusion
        (or, without a structure, its description)."""
        steps = self._steps(node) if node.kind == "argument" else []
        return steps[-1].target if steps else node.key

    def _relation(self, symbol: str, parent: Node, child: Node) -> None:
        kind, child_acts = RELATIONS[symbol]
        if kind == "contradiction":
            self._relation("->", parent, child)
            self._relation("->", child, parent)
            return
        actor, target = (child, parent) if child_acts else (parent, child)
        steps = self._steps(target) if target.kind == "argument" else []
        reason = self._reason(actor)
        if kind == SUPPORT and steps:  # one more premise of the argument it supports
            held = self._premises.get(steps[-1].id)
            if held is None:
                held = self._premises[steps[-1].id] = set(steps[-1].premises)
            if reason not in held:
                held.add(reason)
                steps[-1].premises.append(reason)
            return
        aimed = steps[-1].id if steps else self._reason(target)
        if kind == SUPPORT and reason == aimed:
            return  # an argument supporting its own conclusion
        base = f"{actor.key} {symbol} {target.key}"
        n = self._repeats[base] = self._repeats.get(base, 0) + 1
        inf_id = base + (f" {n}" if n > 1 else "")
        title = actor.title if actor.kind == "argument" else ""
        self.map.inferences[inf_id] = Inference(
            inf_id, kind, [reason], aimed, title=title, tags=list(actor.tags)
        )


def _span(token: Token) -> tuple[int, int]:
    """Where a token lies in its item's text, [start, end): lark sets both for every token it
    lexes."""
    if token.start_pos is None or token.end_pos is None:  # pragma: no cover - a token lark made up
        raise ValueError(f"token {token.type} has no position")
    return token.start_pos, token.end_pos


def _tag_name(tag: str) -> str:
    return tag[2:-1] if tag.startswith("#(") else tag[1:]


def read(text: str, name: str) -> ImportedMap:
    reader = Reader(name)
    reader.parse(text)
    return reader.build()
