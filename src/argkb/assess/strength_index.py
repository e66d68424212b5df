"""The influence graph of a knowledge base's arguments and claims, numbered once, and the solver of
its strengths (``argkb.assess.strength_view`` asks it for each view)."""

from __future__ import annotations

from argkb.assess import strength
from argkb.assess.strength import (
    QBAF,
    _inputs,
    _parts,
    aggregate,
    combine,
    quadratic_energy,
)


class Index:
    """The influence graph of every claim and argument of an ArgumentGraph, numbered once: the
    claims some argument concludes, attacks or reasons from (sorted), then the arguments (sorted),
    as every view's QBAF numbers its own. Inputs in ``view_strengths``'s order: a claim's attackers
    in ``graph.rebutting``'s, its supporters sorted; an argument's undercutters in
    ``graph.undercutting``'s, its premises in its own."""

    def __init__(self, graph):
        from argkb.assess.graph import _sorted

        arguments = graph.arguments
        args = graph.sorted_arguments if hasattr(graph, "sorted_arguments") else _sorted(arguments)
        objs = [arguments[a] for a in args]
        touched = set()  # the claims some argument concludes, attacks or reasons from
        for arg in objs:
            touched.add(arg.conclusion)
            touched.add(arg.attacks)
            touched.update(arg.premises)
        touched.discard(None)
        touched.difference_update(arguments)
        claims = _sorted(touched)
        self.nodes = nodes = [*claims, *args]
        self.n_claims = n = len(claims)
        size = len(nodes)
        ix = {node: i for i, node in enumerate(nodes)}
        self._claims_ix = cix = {c: i for i, c in enumerate(claims)}
        self.arg_ids = {a: n + k for k, a in enumerate(args)}
        infos = [graph.claims.get(c) for c in claims]
        self.base = [info.base_score if info is not None else 1.0 for info in infos] + [1.0] * len(
            args
        )
        self.implication = [info is not None and info.implication for info in infos] + [
            False
        ] * len(args)
        self.implications = [i for i in range(n) if self.implication[i]]
        empty: list = []
        attackers: list[list[int]] = [empty] * size
        supporters: list[list[int]] = [empty] * size
        premises: list[list[int]] = [empty] * size
        dependents: list[list[int]] = [
            [] for _ in range(size)
        ]  # the inputs transposed, with multiplicity
        touches = [empty] * n
        by_lens: dict = {}
        claim_id = cix.get
        for i, arg in enumerate(
            objs, n
        ):  # sorted: each claim's supporters come sorted, as ``supporters`` sorts them
            if arg.premises:
                premises[i] = pre = [ix[p] for p in arg.premises]
                for j in pre:
                    dependents[j].append(i)
            j = claim_id(arg.conclusion)
            if j is not None:
                if supporters[j] is empty:
                    supporters[j] = [i]
                else:
                    supporters[j].append(i)
                dependents[i].append(j)
            touches.append(
                [
                    j
                    for c in (arg.conclusion, arg.attacks, *arg.premises)
                    if (j := claim_id(c)) is not None
                ]
            )
            found = by_lens.get(arg.perspective)
            if found is None:
                by_lens[arg.perspective] = [i]
            else:
                found.append(i)
        for arg in arguments.values():  # in graph.rebutting's and graph.undercutting's order
            t = arg.attacks
            if t is not None:
                i, j = ix[arg.iri], ix[t]
                if attackers[j] is empty:
                    attackers[j] = [i]
                else:
                    attackers[j].append(i)
                dependents[i].append(j)
        self.attackers, self.supporters, self.premises, self.dependents = (
            attackers,
            supporters,
            premises,
            dependents,
        )
        self.touches = touches
        touched_by: list[list[int]] = [[] for _ in range(n)]
        for i in range(n, size):
            for c in touches[i]:
                touched_by[c].append(i)
        self.touched_by = touched_by
        self.by_lens = by_lens
        self._full: dict[str, list[float]] = {}

    def to_data(self, number) -> dict:
        """The index as marshal's types, each node as ``number(node)``
        (``argkb.assess.snapshot``)."""
        return {
            "nodes": [number(x) for x in self.nodes],
            "n": self.n_claims,
            "base": self.base,
            "implication": self.implication,
            "attackers": self.attackers,
            "supporters": self.supporters,
            "premises": self.premises,
            "dependents": self.dependents,
            "touches": self.touches,
            "touched_by": self.touched_by,
            "full": self._full,
            "by_lens": [(number(k), v) for k, v in self.by_lens.items()],
        }

    @classmethod
    def from_data(cls, data: dict, graph) -> Index | None:
        """The index ``to_data`` gave, on the graph's IRIs (``graph.__dict__["_iris"]``); None if it
        does not fit."""
        iris = graph.__dict__.get("_iris")
        try:
            self = cls.__new__(cls)
            self.nodes = nodes = [iris[i] for i in data["nodes"]]
            self.n_claims = n = data["n"]
            claims, args = nodes[:n], nodes[n:]
            if len(args) != len(graph.arguments) or any(a not in graph.arguments for a in args):
                return None
            self._claims_ix = {c: i for i, c in enumerate(claims)}
            self.arg_ids = {a: n + k for k, a in enumerate(args)}
            self.base, self.implication = data["base"], data["implication"]
            self.implications = [i for i in range(n) if self.implication[i]]
            for name in (
                "attackers",
                "supporters",
                "premises",
                "dependents",
                "touches",
                "touched_by",
            ):
                value = data[name]
                if len(value) != (n if name == "touched_by" else len(nodes)):
                    return None
                setattr(self, name, value)
            self.by_lens = {None if k < 0 else iris[k]: v for k, v in data["by_lens"]}
            self._full = dict(data["full"])
        except (KeyError, IndexError, TypeError, ValueError):
            return None
        return self

    def full(self, model: str) -> list[float]:
        """The unclamped strengths of the overall view: every argument, lens None."""
        if model not in self._full:
            self._full[model] = _solve_all(self, model)
        return self._full[model]

    def inview(self, members: list[int]) -> bytearray:
        """1 for the view's arguments and for every claim (a claim is an input only as a premise of
        an argument in view, which touches it)."""
        flags = bytearray(b"\x01") * self.n_claims + bytearray(len(self.nodes) - self.n_claims)
        for i in members:
            flags[i] = 1
        return flags

    def own(self, lens) -> bytearray:
        flags = bytearray(len(self.nodes))
        for i in self.by_lens.get(lens, ()) if lens is not None else ():
            flags[i] = 1
        return flags

    def in_view(self, inview: bytearray, targets=None) -> list[int]:
        """The view's nodes (the claims its arguments touch, then its arguments), or those of
        ``targets``."""
        n = self.n_claims
        if targets is None:
            touched = bytearray(len(self.nodes))
            for i in range(n, len(self.nodes)):
                if inview[i]:
                    touched[i] = 1
                    for c in self.touches[i]:
                        touched[c] = 1
            return [i for i in range(len(self.nodes)) if touched[i]]
        ids = []
        claim_ids, touched_by = self._claim_ids(), self.touched_by
        for t in targets:
            arg = self.arg_ids.get(t)
            if arg is not None:
                if inview[arg]:
                    ids.append(arg)
                continue
            claim = claim_ids.get(t)
            if claim is not None and any(inview[a] for a in touched_by[claim]):
                ids.append(claim)
        return ids

    def _claim_ids(self) -> dict:
        return self._claims_ix

    def reached(self, inview: bytearray, own: bytearray, lens) -> bytearray:
        """The nodes whose strength in this view may differ from the overall view's: those whose
        inputs differ (an argument not counted concludes, attacks or supports them as a premise; an
        implication has support from another lens), and all they influence."""
        start = []
        dependents = self.dependents
        excluded = inview.find(0, self.n_claims)
        while excluded != -1:
            start.extend(dependents[excluded])
            excluded = inview.find(0, excluded + 1)
        if lens is not None:
            supporters = self.supporters
            start += [c for c in self.implications if any(not own[a] for a in supporters[c])]
        dirty = bytearray(len(self.nodes))
        while start:
            i = start.pop()
            if not dirty[i]:
                dirty[i] = 1
                start.extend(dependents[i])
        return dirty


#: a node's inputs: the attackers, supporters and premises that count (node numbers)
Inputs = tuple[list[int], list[int], list[int]]


def _solve(
    idx: Index, model: str, wanted, dirty: bytearray, inview: bytearray, own, lens, x: list[float]
) -> None:
    """Set ``x[i]`` to its final (unclamped) strength for every dirty node the ``wanted`` ones
    depend on through dirty nodes; the others' values in ``x`` are final already. Inputs first, in
    topological order; a part where influence goes round in a circle as ``solve`` does (Euler steps
    from the base scores until nothing moves by more than 1e-10)."""
    n_nodes = len(idx.nodes)
    base, implication = idx.base, idx.implication
    all_att, all_sup, all_pre = idx.attackers, idx.supporters, idx.premises
    filtered = lens is not None or not all(inview)
    inputs: dict[int, Inputs] = {}

    def inputs_of(i: int) -> Inputs:
        att, sup, pre = all_att[i], all_sup[i], all_pre[i]
        if filtered:
            att = [a for a in att if inview[a]]
            if sup:
                if lens is not None and implication[i]:
                    sup = [a for a in sup if inview[a] and own[a]]
                else:
                    sup = [a for a in sup if inview[a]]
            if pre:
                pre = [p for p in pre if inview[p]]
        return att, sup, pre

    # the region: dirty nodes the wanted ones depend on through dirty nodes
    region, seen, todo = [], bytearray(n_nodes), list(wanted)
    while todo:
        i = todo.pop()
        if seen[i]:
            continue
        seen[i] = 1
        region.append(i)
        got = inputs[i] = inputs_of(i)
        for part in got:
            for j in part:
                if dirty[j] and not seen[j]:
                    todo.append(j)
    # Kahn: a node once all its inputs in the region are final
    pending = [0] * n_nodes
    after: dict[int, list[int]] = {}
    for i in region:
        count = 0
        for part in inputs[i]:
            for j in part:
                if seen[j]:
                    count += 1
                    after.setdefault(j, []).append(i)
        pending[i] = count
    ready = [i for i in region if pending[i] == 0]
    while ready:
        i = ready.pop()
        x[i] = _value(model, base[i], *inputs[i], x)
        for k in after.get(i, ()):
            pending[k] -= 1
            if pending[k] == 0:
                ready.append(k)
    rest = [i for i in region if pending[i] > 0]
    if rest:
        _solve_cycles(rest, inputs, base, model, x)


def _solve_all(idx: Index, model: str) -> list[float]:
    """``_solve`` on every node with every argument in view and lens None: the overall view."""
    base, attackers, supporters, premises = idx.base, idx.attackers, idx.supporters, idx.premises
    x = list(base)
    pending = [len(a) + len(s) + len(p) for a, s, p in zip(attackers, supporters, premises)]
    ready = [i for i, count in enumerate(pending) if not count]
    dependents = idx.dependents
    df_quad = model == "df-quad"
    while ready:
        i = ready.pop()
        pre, att, sup = premises[i], attackers[i], supporters[i]
        if df_quad:  # _value's df-quad, inline: the same float operations in the same order
            w = base[i]
            if pre:
                w = min(w, min([x[p] for p in pre]))
            if att:
                rest = 1.0
                for a in att:
                    rest *= 1.0 - x[a]
                va = 1.0 - rest
            else:
                va = 0.0
            if sup:
                rest = 1.0
                for s in sup:
                    rest *= 1.0 - x[s]
                vs = 1.0 - rest
            else:
                vs = 0.0
            x[i] = w - w * (va - vs) if va >= vs else w + (1.0 - w) * (vs - va)
        else:
            x[i] = _value(model, base[i], att, sup, pre, x)
        for k in dependents[i]:
            pending[k] -= 1
            if not pending[k]:
                ready.append(k)
    rest_nodes = [i for i, count in enumerate(pending) if count]
    if rest_nodes:
        _solve_cycles(
            rest_nodes,
            {i: (attackers[i], supporters[i], premises[i]) for i in rest_nodes},
            base,
            model,
            x,
        )
    return x


def _value(
    model: str, w: float, att: list[int], sup: list[int], pre: list[int], x: list[float]
) -> float:
    """``_update`` of one node from its inputs' strengths in ``x``."""
    if pre:
        w = min(w, min(x[p] for p in pre))
    attack, support = [x[a] for a in att], [x[s] for s in sup]
    if model == "df-quad":
        return combine(w, aggregate(attack), aggregate(support))
    return quadratic_energy(w, attack, support)


def _solve_cycles(
    rest: list[int], inputs: dict[int, Inputs], base: list[float], model: str, x: list[float]
) -> None:
    """The nodes on or after a circle of influence: ``solve``'s parts (Tarjan), inputs first."""
    positions = {i: k for k, i in enumerate(sorted(rest))}
    members = sorted(rest)
    local = QBAF(
        [base[i] for i in members],
        [[positions[a] for a in inputs[i][0] if a in positions] for i in members],
        [[positions[s] for s in inputs[i][1] if s in positions] for i in members],
        [[positions[p] for p in inputs[i][2] if p in positions] for i in members],
    )
    outside = {i: inputs[i] for i in members}

    def update(k: int) -> float:
        return _value(model, base[members[k]], *outside[members[k]], x)

    for part in _parts(local):
        nodes = [members[k] for k in part]
        if len(part) == 1 and part[0] not in _inputs(local, part[0]):
            x[nodes[0]] = update(part[0])
            continue
        for i in nodes:
            x[i] = base[i]  # a circle starts from the base scores
        for _ in range(strength._MAX_STEPS):
            moved = 0.0
            new = [update(k) for k in part]
            for i, v in zip(nodes, new):
                step = strength._STEP * (v - x[i])
                x[i] += step
                moved = max(moved, abs(step))
            if moved < strength._EPSILON:
                break
