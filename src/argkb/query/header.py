"""A named query's header: the ``#+ key: value`` comment lines at the top of a ``.rq`` file.

    #+ summary: one sentence (continued on "#+   " lines)
    #+ params:
    #+   name (iri|perspective|literal|integer[, optional][, default V]): what it is. Example: kb:x
    #+ example: argkb query NAME --param name=x
    #+   ...its output, as comment lines...

``from_text`` reads a query's text into a ``NamedQuery``: its summary, its parameters (``Param``,
each bound to an RDF term from what a user types, never pasted into the text) and its example.
Undeclared ``?_name`` variables become parameters too. (``argkb.query.library`` re-exports all of
it.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.errors import InputError, UsageError
from argkb.rdf import ids

if TYPE_CHECKING:  # pragma: no cover
    from rdflib.term import Identifier

KINDS = (
    "iri",
    "perspective",
    "literal",
    "integer",
)  # "term" (IRI or "quoted" literal): undeclared ones
_FIELD = re.compile(r"^#\+ (\w+):\s?(.*)$")
_CONTINUED = re.compile(r"^#\+   (.*)$")
_PARAM = re.compile(r"^([A-Za-z]\w*)\s*\(([^)]*)\)\s*:\s*(.*)$")
_EXAMPLE = re.compile(r"\s*Example:\s*(\S+)\s*$")
_QUOTED = re.compile(r'^"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*))?$', re.DOTALL)
_VARIABLE = re.compile(r"[?$]_([A-Za-z]\w*)")


@dataclass
class Param:
    name: str
    kind: str = "iri"
    optional: bool = False
    description: str = ""
    example: str | None = None
    default: str | None = None  # used when the user gives no value

    def bind(self, value: str, perspectives: dict | None = None) -> Identifier:
        """The RDF term a user's text stands for (never query text); ``perspectives``: the lens
        names the knowledge base declares (``argkb.store.perspectives``), for perspective
        parameters."""
        from rdflib import Literal

        if self.kind == "literal":
            return Literal(value)
        if self.kind == "integer":
            try:
                return Literal(int(value))
            except ValueError:
                raise UsageError(
                    f"parameter {self.name!r} takes an integer, not {value!r}"
                ) from None
        if self.kind == "perspective":
            return ids.perspective(value, perspectives)
        quoted = _QUOTED.match(value) if self.kind == "term" else None
        if quoted:
            return Literal(quoted.group(1), lang=quoted.group(2))
        return ids.to_iri(value)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "optional": self.optional,
            "default": self.default,
            "description": self.description,
            "example": self.example,
        }


@dataclass
class NamedQuery:
    name: str
    text: str
    path: Path | None = None
    summary: str = ""
    params: list[Param] = field(default_factory=list)
    example: str = ""
    example_output: list[str] = field(default_factory=list)
    declared: bool = False  # the header has a params: field

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "summary": self.summary,
            "file": str(self.path) if self.path else None,
            "params": [p.to_dict() for p in self.params],
            "example": self.example,
            "example_output": self.example_output,
        }


# ------------------------------------------------------------------ header ---
def parse_header(text: str) -> dict[str, list[str]]:
    """The ``#+ key: value`` fields at the top of a query, each as its list of lines."""
    fields: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        stripped = line.rstrip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _FIELD.match(stripped)
        if match:
            current = match.group(1).lower()
            fields[current] = [match.group(2).strip()] if match.group(2).strip() else []
            continue
        match = _CONTINUED.match(stripped)
        if match and current is not None:
            fields[current].append(match.group(1))
    return fields


def _parse_params(lines: list[str], origin: str) -> list[Param]:
    params: list[Param] = []
    for line in lines:
        if line.strip().lower() in ("none", "-", ""):
            continue
        match = _PARAM.match(line)
        if match is None:
            if params and line.startswith(" "):
                params[-1].description += " " + line.strip()
                continue
            raise InputError(
                origin,
                f"query header: cannot read parameter line {line!r} "
                "(expected 'name (kind[, optional]): what it is. Example: value')",
            )
        name, spec, description = match.groups()
        words = [w.strip() for w in spec.split(",")]
        kind = words[0].lower() or "iri"
        if kind not in KINDS:
            raise InputError(
                origin,
                f"query header: parameter {name!r} has unknown kind {kind!r} "
                f"(one of {', '.join(KINDS)})",
            )
        default = next(
            (w.split(None, 1)[1] for w in words[1:] if w.lower().startswith("default ")), None
        )
        params.append(
            Param(
                name,
                kind,
                "optional" in [w.lower() for w in words[1:]] or default is not None,
                description.strip(),
                default=default,
            )
        )
    for p in params:
        example = _EXAMPLE.search(p.description)
        if example:
            p.example = example.group(1)
            p.description = p.description[: example.start()].strip()
    return params


def from_text(text: str, name: str, path: Path | None = None) -> NamedQuery:
    """A query and what its header says; undeclared ``?_name`` variables become IRI parameters."""
    origin = str(path) if path else name
    fields = parse_header(text)
    declared = "params" in fields
    params = _parse_params(fields.get("params", []), origin)
    known = {p.name for p in params}
    for var in dict.fromkeys(_VARIABLE.findall(_without_comments(text))):
        if var not in known:
            params.append(
                Param(
                    var,
                    "term",
                    True,
                    'not declared in the header: an IRI, or a "quoted" literal ("text"@en for '
                    "a language)",
                )
            )
            known.add(var)
    example = fields.get("example", [])
    return NamedQuery(
        name=name,
        text=text,
        path=path,
        summary=" ".join(fields.get("summary", [])),
        params=params,
        example=example[0] if example else "",
        example_output=example[1:],
        declared=declared,
    )


def _without_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
