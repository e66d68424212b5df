"""The actors ``argkb draft`` can propose when the knowledge base does not hold them: a gazetteer.

States come from pycountry (ISO 3166-1: every state's name, common name and official name),
with the names pycountry does not hold (capital, adjective, short name, leaders) from the
curated ``data/state_names.tsv``; organisations, alliances and named groups from the curated
``data/organisations.tsv``. Each entry has a ``key`` (the ISO alpha-3 code, or the acronym), the
argkb class its stub actor gets, its preferred name and the names it is found by. A leader is an
entry of its own (a stub ``argkb:Leader``) whose key is its state's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from rdflib import URIRef

from argkb.vocab import ARGKB

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Entry:
    """One actor the gazetteer knows: its key, class, preferred name and the names it is found
    by."""

    key: str
    kind: URIRef
    name: str
    names: tuple[str, ...]  # every name it is found by, adjectives included
    state: str | None = None  # for a leader: the key of the state it leads
    adjectives: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        """The names it goes by (its adjectives are found in texts, but are not names)."""
        return tuple(n for n in self.names if n not in self.adjectives)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower().replace("ğ", "g")).strip("-")


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [
        [c.strip() for c in line.split("\t") if c.strip()]
        for line in lines
        if line.strip() and not line.startswith("#")
    ]


@cache
def entries() -> tuple[Entry, ...]:
    """Every entry: the states (pycountry and the curated names), the leaders, the organisations."""
    import pycountry

    curated = {row[0]: row[1:] for row in _rows("state_names.tsv") if row[0] != "leader"}
    found: list[Entry] = []
    for country in pycountry.countries:
        given = [getattr(country, a, None) for a in ("common_name", "name", "official_name")]
        names: list[str] = [n for n in given if isinstance(n, str) and n and "," not in n] or [
            country.name.split(",")[0]
        ]
        cells = curated.get(country.alpha_3, [])
        extra = [c for c in cells if not c.startswith("adj:")]
        adjectives = tuple(c[4:] for c in cells if c.startswith("adj:"))
        preferred = extra[0] if extra else names[0]
        found.append(
            Entry(
                country.alpha_3,
                ARGKB.State,
                preferred,
                tuple(dict.fromkeys([preferred, *names, *extra, *adjectives])),
                adjectives=adjectives,
            )
        )
    for row in _rows("state_names.tsv"):
        if row[0] == "leader":
            found.append(Entry(row[1], ARGKB.Leader, row[2], tuple(row[2:]), state=row[1]))
    kinds = {"Alliance": ARGKB.Alliance, "Organisation": ARGKB.Organisation, "State": ARGKB.State}
    for row in _rows("organisations.tsv"):
        found.append(Entry(row[0], kinds[row[1]], row[2], tuple(dict.fromkeys(row[2:]))))
    return tuple(found)


def name_pattern(names, plural: bool = False) -> re.Pattern | None:
    """One pattern finding any of ``names`` as whole words (an all-capitals name only as
    written)."""
    variants = sorted(
        {re.sub(r"^the\s+", "", n.strip(), flags=re.I) for n in names if n.strip()},
        key=len,
        reverse=True,
    )
    if not variants:
        return None

    def one(v: str) -> str:
        body = (
            r"\s+".join(map(re.escape, v.split()))
            + (r"(?:s|es)?" if plural else "")
            + r"(?:['’]s)?"
        )
        return body if v.upper() != v or not re.search("[A-Z]", v) else f"(?-i:{body})"

    return re.compile(rf"(?<![\w-])(?:{'|'.join(one(v) for v in variants)})(?![\w-])", re.I)


@cache
def _patterns() -> tuple[tuple[Entry, re.Pattern], ...]:
    return tuple((e, p) for e in entries() if (p := name_pattern(e.names)) is not None)


def find(text: str) -> list[tuple[Entry, re.Match]]:
    """The entries named in ``text``, each with its first mention, in the order they occur (longest
    name wins)."""
    hits = []
    for entry, pattern in _patterns():
        match = pattern.search(text)
        if match:
            hits.append((entry, match))
    hits.sort(key=lambda h: (h[1].start(), -(h[1].end() - h[1].start())))
    kept: list[tuple[Entry, re.Match]] = []
    for entry, match in hits:
        if not any(m.start() <= match.start() < m.end() for _, m in kept):
            kept.append((entry, match))
    return kept
