"""Abstract argumentation (Dung 1995): grounded, preferred and stable labellings.

A framework is a set of arguments and a binary attack relation. A labelling gives each
argument IN (accepted), OUT (attacked by an accepted argument) or UNDEC (neither).

* grounded: the least complete labelling, computed by a work-list in O(arguments + attacks):
  an argument goes IN once every attacker is OUT, and everything an IN argument attacks goes OUT.
* preferred: the maximal admissible sets. Every preferred extension contains the grounded one,
  so the search starts from the grounded labelling and only branches on what it leaves UNDEC,
  one weakly connected part of that residue at a time (the parts are independent).
* stable: the preferred extensions that attack every argument outside them.

For preferred and stable there may be several extensions; ``labels`` reports the sceptical
labelling: IN when IN in every extension, OUT when OUT in every one, UNDEC otherwise (and, for
stable semantics with no extension at all, UNDEC everywhere).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from itertools import product

IN, OUT, UNDEC = "IN", "OUT", "UNDEC"
#: the three statuses in plain words: command help and the footer of every text output that shows
#: them
STATUS_MEANING = (
    "IN: it stands (whatever argues against it has been defeated, or nothing does). "
    "OUT: it falls (an argument that stands attacks it). "
    "UNDEC: undecided (the arguments for and against it hold each other in check, "
    "for example two that attack each other, so neither side wins)."
)
SEMANTICS = ("grounded", "preferred", "stable")


@dataclass
class Framework:
    """Arguments (any hashable ids) and attacks (attacker, attacked) between them."""

    arguments: list
    attacks: set = field(default_factory=set)

    def __post_init__(self):
        self.arguments = list(dict.fromkeys(self.arguments))
        self.index = {a: i for i, a in enumerate(self.arguments)}
        n = len(self.arguments)
        self.attackers: list[list[int]] = [[] for _ in range(n)]
        self.targets: list[list[int]] = [[] for _ in range(n)]
        for a, b in set(self.attacks):
            i, j = self.index[a], self.index[b]
            self.targets[i].append(j)
            self.attackers[j].append(i)


def grounded(af: Framework) -> dict[Hashable, str]:
    """The grounded labelling, in time linear in arguments plus attacks."""
    lab = _grounded_ix(af)
    return {a: lab[i] for i, a in enumerate(af.arguments)}


def _grounded_ix(af: Framework) -> list[str]:
    n = len(af.arguments)
    live = [len(af.attackers[i]) for i in range(n)]  # attackers not yet OUT
    lab: list[str | None] = [None] * n
    todo = deque(i for i in range(n) if live[i] == 0)
    while todo:
        a = todo.popleft()
        if lab[a] is not None:
            continue
        lab[a] = IN
        for t in af.targets[a]:
            if lab[t] is None:
                lab[t] = OUT
                for u in af.targets[t]:
                    live[u] -= 1
                    if live[u] == 0 and lab[u] is None:
                        todo.append(u)
    return [x or UNDEC for x in lab]


def _components(af: Framework, members: list[int]) -> list[list[int]]:
    """Weakly connected parts of the sub-framework on ``members``."""
    inside = set(members)
    seen: set[int] = set()
    parts = []
    for start in members:
        if start in seen:
            continue
        seen.add(start)
        part, stack = [], [start]
        while stack:
            x = stack.pop()
            part.append(x)
            for y in (*af.attackers[x], *af.targets[x]):
                if y in inside and y not in seen:
                    seen.add(y)
                    stack.append(y)
        parts.append(sorted(part))
    return parts


_BLANK, _MUST_OUT = "BLANK", "MUST_OUT"


def _maximal_admissible(af: Framework, part: list[int]) -> list[frozenset[int]]:
    """Maximal admissible subsets of one residue part (Nofal, Atkinson & Dunne 2014, Alg. 1)."""
    inside = set(part)
    start = {a: (UNDEC if a in af.targets[a] else _BLANK) for a in part}
    found: list[frozenset[int]] = []

    def dead(lab) -> bool:
        return any(
            label == _MUST_OUT and not any(lab.get(b) == _BLANK for b in af.attackers[a])
            for a, label in lab.items()
        )

    def walk(lab):
        if dead(lab):
            return
        blank = next((a for a in part if lab[a] == _BLANK), None)
        if blank is None:
            found.append(frozenset(a for a in part if lab[a] == IN))
            return
        yes = dict(lab)
        yes[blank] = IN
        for t in af.targets[blank]:
            if t in inside:
                yes[t] = OUT
        for b in af.attackers[blank]:
            if b in inside and yes[b] != OUT:
                yes[b] = _MUST_OUT
        walk(yes)
        no = dict(lab)
        no[blank] = UNDEC
        walk(no)

    walk(start)
    unique = set(found)
    return [s for s in unique if not any(s < t for t in unique)]


def _part_extensions(
    af: Framework, semantics: str, lab0: list[str]
) -> list[tuple[list[int], list[frozenset[int]]]]:
    """Each part of the grounded residue with its preferred (or stable) extensions."""
    residue = [i for i, label in enumerate(lab0) if label == UNDEC]
    result = []
    for part in _components(af, residue):
        exts = _maximal_admissible(af, part)
        if semantics == "stable":
            exts = [
                e for e in exts if all(a in e or any(b in e for b in af.attackers[a]) for a in part)
            ]
        result.append((part, exts))
    return result


def labels(af: Framework, semantics: str = "grounded") -> tuple[dict[Hashable, str], int]:
    """The (sceptical) labelling under ``semantics`` and how many extensions it has."""
    if semantics not in SEMANTICS:
        raise ValueError(f"unknown semantics {semantics!r}")
    lab0 = _grounded_ix(af)
    if semantics == "grounded":
        return {a: lab0[i] for i, a in enumerate(af.arguments)}, 1
    lab = list(lab0)
    count = 1
    for part, exts in _part_extensions(af, semantics, lab0):
        count *= len(exts)
        for a in part:
            ins = [a in e for e in exts]
            outs = [any(b in e for b in af.attackers[a]) for e in exts]
            lab[a] = IN if exts and all(ins) else OUT if exts and all(outs) else UNDEC
    if count == 0:
        lab = [UNDEC] * len(lab)
    return {a: lab[i] for i, a in enumerate(af.arguments)}, count


def extensions(af: Framework, semantics: str = "grounded", limit: int = 64) -> list[frozenset]:
    """Up to ``limit`` extensions (sets of arguments) under ``semantics``."""
    lab0 = _grounded_ix(af)
    base = frozenset(i for i, label in enumerate(lab0) if label == IN)
    if semantics == "grounded":
        parts: list[list[frozenset[int]]] = []
    else:
        parts = [exts for _, exts in _part_extensions(af, semantics, lab0)]
    out = []
    for combo in product(*parts):
        out.append(frozenset(af.arguments[i] for i in base.union(*combo)))
        if len(out) >= limit:
            break
    return out


def labelling_of(af: Framework, extension: Iterable) -> dict[Hashable, str]:
    """The labelling an extension induces: its members IN, what they attack OUT, the rest UNDEC."""
    members = {af.index[a] for a in extension}
    attacked = {t for a in members for t in af.targets[a]}
    return {
        a: IN if i in members else OUT if i in attacked else UNDEC
        for i, a in enumerate(af.arguments)
    }
