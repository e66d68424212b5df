"""A graded reading: the strength in [0, 1] of every claim and argument, by a published gradual
semantics.

Two semantics for quantitative bipolar argumentation frameworks (QBAFs: arguments with a base
score, attacks and supports) are offered:

* ``df-quad`` (default): DF-QuAD, Rago, Toni, Aurisicchio & Baroni, "Discontinuity-Free Decision
  Support with Quantitative Argumentation Debates", KR 2016. The attackers' strengths and the
  supporters' strengths are each aggregated by ``1 - prod(1 - v)``; the node moves from its base
  score ``v0`` towards 0 by ``v0 * (va - vs)`` when attack outweighs support, towards 1 by
  ``(1 - v0) * (vs - va)`` when support outweighs attack.
* ``quadratic-energy``: the quadratic energy model, Potyka, "Continuous Dynamical Systems for
  Weighted Bipolar Argumentation", KR 2018. The energy ``E`` is the supporters' strengths summed
  minus the attackers'; with ``h(x) = max(x, 0)^2 / (1 + max(x, 0)^2)`` the strength is
  ``w - w * h(-E) + (1 - w) * h(E)``.

On an acyclic graph the strengths are computed exactly, inputs first. Where attacks go round in a
circle (a strongly connected part), the part is solved as Potyka's continuous dynamical system
``dx/dt = f(x) - x``, integrated by Euler steps until no strength moves by more than 1e-10.

How argkb's knowledge maps onto a QBAF (our choice, documented in docs/assessment.md): every claim
and argument is a node. A claim's base score is its qualifier's ``argkb:baseScore`` for an
implication, 1 for any other claim (taken as given unless attacked); the arguments concluding it
support it, those attacking it (refuting or weakening alike) attack it. An argument is as strong as
its weakest premise (the weakest-link principle of ASPIC+, Modgil & Prakken 2014) before its
undercutters attack it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MODELS = ("df-quad", "quadratic-energy")
_EPSILON = 1e-10
_STEP = 0.5
_MAX_STEPS = 100_000


@dataclass
class QBAF:
    """Nodes 0..n-1, each with a base score, its attackers and supporters, and (argkb's extension)
    premises: a node with premises starts from the weakest premise's strength when that is lower
    than its base score."""

    base: list[float]
    attackers: list[list[int]]
    supporters: list[list[int]]
    premises: list[list[int]] = field(default_factory=list)

    def __post_init__(self):
        if not self.premises:
            self.premises = [[] for _ in self.base]


def aggregate(values) -> float:
    """DF-QuAD's aggregation: 1 - prod(1 - v) (0 for none)."""
    rest = 1.0
    for v in values:
        rest *= 1.0 - v
    return 1.0 - rest


def combine(v0: float, va: float, vs: float) -> float:
    """DF-QuAD's combination of a base score with the aggregated attack and support."""
    if va >= vs:
        return v0 - v0 * (va - vs)
    return v0 + (1.0 - v0) * (vs - va)


def _h(x: float) -> float:
    x = max(x, 0.0)
    return x * x / (1.0 + x * x)


def quadratic_energy(w: float, attack: list[float], support: list[float]) -> float:
    energy = sum(support) - sum(attack)
    return w - w * _h(-energy) + (1.0 - w) * _h(energy)


def _update(model: str, q: QBAF, i: int, x: list[float]) -> float:
    w = q.base[i]
    if q.premises[i]:
        w = min(w, min(x[p] for p in q.premises[i]))
    attack = [x[a] for a in q.attackers[i]]
    support = [x[s] for s in q.supporters[i]]
    if model == "df-quad":
        return combine(w, aggregate(attack), aggregate(support))
    return quadratic_energy(w, attack, support)


def solve(q: QBAF, model: str = "df-quad") -> list[float]:
    """The strength of every node under ``model`` (``df-quad`` or ``quadratic-energy``)."""
    if model not in MODELS:
        raise ValueError(f"unknown gradual semantics {model!r} (choose from {', '.join(MODELS)})")
    x = list(q.base)
    for part in _parts(q):
        if len(part) == 1 and part[0] not in _inputs(q, part[0]):
            x[part[0]] = _update(model, q, part[0], x)
            continue
        for _ in range(_MAX_STEPS):
            moved = 0.0
            new = [_update(model, q, i, x) for i in part]
            for i, v in zip(part, new):
                step = _STEP * (v - x[i])
                x[i] += step
                moved = max(moved, abs(step))
            if moved < _EPSILON:
                break
    return [min(1.0, max(0.0, v)) for v in x]


def _inputs(q: QBAF, i: int) -> list[int]:
    return [*q.attackers[i], *q.supporters[i], *q.premises[i]]


def _parts(q: QBAF) -> list[list[int]]:
    """Strongly connected parts of the influence graph, inputs before what they influence
    (Tarjan's algorithm, iterative: chains may be thousands of nodes long)."""
    n = len(q.base)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    parts: list[list[int]] = []
    counter = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, iter(_inputs(q, root)))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, children = work[-1]
            advanced = False
            for w in children:
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, iter(_inputs(q, w))))
                    advanced = True
                    break
                if on_stack[w]:
                    low[v] = min(low[v], index[w])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                part = []
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    part.append(w)
                    if w == v:
                        break
                parts.append(sorted(part))
    return parts
