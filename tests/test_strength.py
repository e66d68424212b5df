"""The graded reading: DF-QuAD and the quadratic energy model against worked examples and their
properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.assess.strength import QBAF, aggregate, combine, solve

# The e-democracy example of Rago, Toni, Aurisicchio & Baroni (KR 2016), as encoded in Potyka's
# Uncertainpy (examples/gradual/BAG/RagoEtAlEDemocracy.bag): base scores and edges.
NAMES = "A1 A2 P1 P2 P3 C1 C2 C3 C4".split()
BASE = [0.5, 0.5, 0.7, 0.5, 0.9, 0.2, 0.2, 0.6, 0.5]
ATTACKS = [("C1", "A2"), ("C2", "P2"), ("C3", "P2"), ("C4", "P2")]
SUPPORTS = [("P1", "A1"), ("P2", "A1"), ("P3", "A2")]


def _edemocracy() -> QBAF:
    ix = {n: i for i, n in enumerate(NAMES)}
    att = [[] for _ in NAMES]
    sup = [[] for _ in NAMES]
    for a, b in ATTACKS:
        att[ix[b]].append(ix[a])
    for a, b in SUPPORTS:
        sup[ix[b]].append(ix[a])
    return QBAF(list(BASE), att, sup)


def test_df_quad_on_the_e_democracy_example():
    # by hand from the paper's definitions: P2 = 0.5 - 0.5 * (1 - 0.8*0.4*0.5) = 0.08;
    # A1 = 0.5 + 0.5 * (1 - 0.3*0.92) = 0.862; A2 = 0.5 + 0.5 * (0.9 - 0.2) = 0.85
    got = dict(zip(NAMES, solve(_edemocracy(), "df-quad")))
    assert got["P2"] == pytest.approx(0.08)
    assert got["A1"] == pytest.approx(0.862)
    assert got["A2"] == pytest.approx(0.85)
    assert got["C3"] == pytest.approx(0.6)  # unattacked, unsupported: its base score


def test_quadratic_energy_on_the_e_democracy_example():
    # by hand: P2: E = -1.3, h(1.3) = 1.69/2.69, 0.5 - 0.5*h = 0.185874; A1: E = 0.7 + 0.185874 ->
    # 0.719852; A2: E = 0.9 - 0.2 = 0.7, h = 0.49/1.49 -> 0.664430
    got = dict(zip(NAMES, solve(_edemocracy(), "quadratic-energy")))
    assert got["P2"] == pytest.approx(0.185874, abs=1e-6)
    assert got["A1"] == pytest.approx(0.719852, abs=1e-6)
    assert got["A2"] == pytest.approx(0.664430, abs=1e-6)


def test_aggregation_and_combination():
    assert aggregate([]) == 0
    assert aggregate([0.5, 0.5]) == pytest.approx(0.75)
    assert combine(0.4, 0.3, 0.3) == pytest.approx(0.4)  # balanced: the base score
    assert combine(0.4, 1.0, 0.0) == pytest.approx(0.0)
    assert combine(0.4, 0.0, 1.0) == pytest.approx(1.0)


@pytest.mark.parametrize("model", ["df-quad", "quadratic-energy"])
def test_a_cycle_settles_on_a_fixed_point(model):
    # two arguments attacking each other with equal base scores settle half-way, by symmetry
    x = solve(QBAF([1.0, 1.0], [[1], [0]], [[], []]), model)
    assert x[0] == pytest.approx(x[1], abs=1e-6)
    assert 0 < x[0] < 1


def test_unknown_model_is_refused():
    with pytest.raises(ValueError, match="unknown gradual semantics"):
        solve(QBAF([0.5], [[]], [[]]), "h-categoriser")


# ------------------------------------------------------------------ properties --
@st.composite
def acyclic(draw, max_nodes=7):
    """A random acyclic QBAF: node j's inputs all have smaller indices."""
    n = draw(st.integers(1, max_nodes))
    base = [draw(st.floats(0, 1)) for _ in range(n)]
    att, sup, prem = [], [], []
    for j in range(n):
        inputs = (
            draw(
                st.lists(
                    st.tuples(st.integers(0, max(j - 1, 0)), st.sampled_from("asp")), max_size=3
                )
            )
            if j
            else []
        )
        att.append(sorted({i for i, k in inputs if k == "a"}))
        sup.append(sorted({i for i, k in inputs if k == "s" and i not in att[-1]}))
        prem.append(sorted({i for i, k in inputs if k == "p"}))
    return QBAF(base, att, sup, prem)


def _naive(q: QBAF, model: str) -> list[float]:
    """The recursive definition, evaluated node by node (brute force: no SCCs, no ordering)."""
    from argkb.assess.strength import quadratic_energy

    memo: dict[int, float] = {}

    def value(i):
        if i not in memo:
            w = q.base[i]
            if q.premises[i]:
                w = min(w, min(value(p) for p in q.premises[i]))
            a = [value(x) for x in q.attackers[i]]
            s = [value(x) for x in q.supporters[i]]
            memo[i] = (
                combine(w, aggregate(a), aggregate(s))
                if model == "df-quad"
                else quadratic_energy(w, a, s)
            )
        return memo[i]

    return [value(i) for i in range(len(q.base))]


@settings(max_examples=200, deadline=None)
@given(acyclic(), st.sampled_from(["df-quad", "quadratic-energy"]))
def test_solve_equals_the_recursive_definition(q, model):
    assert solve(q, model) == pytest.approx(_naive(q, model), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(acyclic(), st.sampled_from(["df-quad", "quadratic-energy"]), st.floats(0, 1), st.data())
def test_a_new_support_never_lowers_and_a_new_attack_never_raises(q, model, score, data):
    target = data.draw(st.integers(0, len(q.base) - 1))
    before = solve(q, model)[target]
    for kind in ("support", "attack"):
        grown = QBAF(
            [*q.base, score],
            [list(x) for x in q.attackers] + [[]],
            [list(x) for x in q.supporters] + [[]],
            [list(x) for x in q.premises] + [[]],
        )
        (grown.supporters if kind == "support" else grown.attackers)[target].append(len(q.base))
        after = solve(grown, model)[target]
        if kind == "support":
            assert after >= before - 1e-12
        else:
            assert after <= before + 1e-12


@settings(max_examples=100, deadline=None)
@given(st.integers(2, 6), st.data(), st.sampled_from(["df-quad", "quadratic-energy"]))
def test_cyclic_graphs_reach_a_fixed_point_in_range(n, data, model):
    base = [data.draw(st.floats(0, 1)) for _ in range(n)]
    att = [
        sorted({data.draw(st.integers(0, n - 1)) for _ in range(data.draw(st.integers(0, 2)))})
        for _ in range(n)
    ]
    q = QBAF(base, att, [[] for _ in range(n)])
    from argkb.assess.strength import _update

    x = solve(q, model)
    assert all(0 <= v <= 1 for v in x)
    assert all(abs(_update(model, q, i, x) - x[i]) < 1e-6 for i in range(n))
