"""Premise-conclusion structures of argkb-flavoured Argdown (docs/argdown.md), one argkb argument
per inference step.

``(1) [a] (2) [b] ---- (3) [c] (4) [d] ---- (5) [e]`` under ``<arg-x>`` is two arguments: the last
step is ``arg-x`` itself (premises ``c``, ``d``, conclusion ``e``), the first ``arg-x-step-1``
(premises ``a``, ``b``, conclusion ``c``). A step's premises are the statements its data's
``uses: [n, …]`` numbers, else the previous step's conclusion and the statements after it. The
inference line's text and ``{data}`` are the step's: its text is the warrant, its data the keys
an argument's data takes, with ``lens:`` read as ``perspective:``. Here the structure is checked
and cut into steps; every malformed structure is a ``MapError`` naming the line and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from argkb.interop.model import MapError

#: on an inference line the lens may be written ``lens:`` as well as ``perspective:`` (the data key)
LENS_KEYS = ("perspective", "lens")


@dataclass
class Step:
    premises: list  # the statement nodes the step reasons from
    conclusion: object  # the statement node it concludes
    rule: str  # the inference line's text (the step's warrant)
    blocks: list  # the inference line's {data} blocks: (text, line, column)
    at: tuple[int, int]  # where its inference line starts
    data: dict = field(default_factory=dict)


def _where(at: tuple[int, int]) -> str:
    return f"line {at[0]}, column {at[1]}"


def steps(pcs: list, name: str) -> list[Step]:
    """The inference steps of an argument's structure ``pcs`` (``Node.pcs``), checked."""
    statements: list[tuple] = []  # ("statement", node, number, at), in order
    since, pending, out = 0, None, []
    for entry in pcs:
        if entry[0] == "inference":
            _check_rule(entry, pending, statements[since:], name)
            pending = entry
            continue
        if entry[1].kind != "statement":
            raise MapError(
                f"{_where(entry[3])}: ({entry[2]}) is an argument; a premise-conclusion "
                "structure numbers statements: write [claim-id] there"
            )
        statements.append(entry)
        if pending is not None:
            out.append(_step(pending, statements, since, name))
            since, pending = len(statements) - 1, None
    if pending is not None:
        raise MapError(
            f"{_where(pending[4])}: the inference line of <{name}> has no conclusion "
            "below it; write it as the next numbered statement: (n) [claim-id]: text"
        )
    if not out:
        at = statements[0][3] if statements else (0, 0)
        raise MapError(
            f"{_where(at)}: the premise-conclusion structure of <{name}> has no "
            "inference line; put ---- above its conclusion"
        )
    if len(statements) - 1 > since:
        extra = statements[since + 1]
        raise MapError(
            f"{_where(extra[3])}: ({extra[2]}) follows the last conclusion of <{name}> "
            "with no inference line below it; put ---- and a conclusion after it, or "
            "remove it"
        )
    return out


def _check_rule(entry: tuple, pending, premises: list, name: str) -> None:
    if pending is not None:
        raise MapError(
            f"{_where(entry[4])}: two inference lines of <{name}> with no conclusion "
            f"between them (lines {pending[4][0]} and {entry[4][0]}); write the "
            "intermediate conclusion between them: (n) text"
        )
    if not premises:
        raise MapError(
            f"{_where(entry[4])}: the inference line of <{name}> has no premise above "
            "it; number its premises above it: (1) [claim-id]"
        )


def _step(rule: tuple, statements: list, since: int, name: str) -> Step:
    _, text, uses, blocks, at = rule
    conclusion = statements[-1]
    above = statements[since:-1]
    if uses:
        numbered = {s[2]: s for s in statements[:-1]}
        missing = [n for n in uses if n not in numbered]
        if missing:
            raise MapError(
                f"{_where(at)}: uses: {missing} of <{name}> are not numbered statements "
                "above this inference line; name only the numbers above it"
            )
        above = [numbered[n] for n in dict.fromkeys(uses)]
    return Step([s[1] for s in above], conclusion[1], text, blocks, at)


def merged(blocks: list, load, what: str) -> dict:
    """``{data}`` blocks, (text, line, column) each, read with ``load`` into one dict."""
    data: dict = {}
    for text, line, column in blocks:
        value = load(text, line, what)
        if not isinstance(value, dict):
            raise MapError(
                f"line {line}, column {column}: {text[:30]!r} is not a {{key: value}} block"
            )
        data.update(value)
    return data


def step_data(step: Step, load) -> dict:
    """The data of a step's inference line, ``uses`` left out, ``lens`` read as ``perspective`` and
    the line's text as ``warrant``; ``load(text, line, what)`` reads a block."""
    data = merged(step.blocks, load, "the data of an inference line")
    data.pop("uses", None)
    if all(k in data for k in LENS_KEYS):
        raise MapError(
            f"{_where(step.at)}: the inference line gives both lens: and perspective:; "
            "give the lens once"
        )
    if "lens" in data:
        data["perspective"] = data.pop("lens")
    if step.rule:
        if "warrant" in data and data["warrant"] != step.rule:
            raise MapError(
                f"{_where(step.at)}: the inference line has a text and a warrant: "
                "its text is the warrant; give one of them"
            )
        data["warrant"] = step.rule
    return data
