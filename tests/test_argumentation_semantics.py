"""The semantics in argkb.assess.dung against a brute-force enumeration of every subset and against
py_arg."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.assess.dung import IN, OUT, UNDEC, Framework, extensions, grounded, labelling_of, labels

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)


@st.composite
def frameworks(draw, max_args=7):
    n = draw(st.integers(min_value=0, max_value=max_args))
    pairs = [(a, b) for a in range(n) for b in range(n)]
    attacks = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs))) if pairs else set()
    return Framework(list(range(n)), attacks)


def brute(af: Framework):
    """Complete, preferred and stable extensions by checking every subset."""
    args = af.arguments
    att = {(a, b) for a, b in af.attacks}
    attackers = {a: {x for x, y in att if y == a} for a in args}

    def defended(s, a):
        return all(any((d, b) in att for d in s) for b in attackers[a])

    subsets = [frozenset(c) for k in range(len(args) + 1) for c in combinations(args, k)]
    cf = [s for s in subsets if not any((a, b) in att for a in s for b in s)]
    admissible = [s for s in cf if all(defended(s, a) for a in s)]
    complete = [s for s in admissible if all(a in s for a in args if defended(s, a))]
    preferred = [s for s in admissible if not any(s < t for t in admissible)]
    stable = [s for s in cf if all(a in s or any((d, a) in att for d in s) for a in args)]
    grounded_ext = frozenset.intersection(*complete) if complete else frozenset()
    return grounded_ext, set(preferred), set(stable)


def sceptical(af, exts):
    if not exts:
        return {a: UNDEC for a in af.arguments}
    labs = [labelling_of(af, e) for e in exts]
    return {
        a: IN
        if all(lab[a] == IN for lab in labs)
        else OUT
        if all(lab[a] == OUT for lab in labs)
        else UNDEC
        for a in af.arguments
    }


@settings(max_examples=1500, deadline=None)
@given(frameworks())
def test_semantics_agree_with_brute_force(af):
    g, pref, stab = brute(af)
    assert {a for a, label in grounded(af).items() if label == IN} == g
    assert labelling_of(af, g) == grounded(af)
    assert set(extensions(af, "preferred", limit=10_000)) == pref
    assert set(extensions(af, "stable", limit=10_000)) == stab
    assert labels(af, "preferred") == (sceptical(af, pref), len(pref))
    assert labels(af, "stable") == (sceptical(af, stab), len(stab))


def _py_arg(af):
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    objs = {a: Argument(str(a)) for a in af.arguments}
    paf = AbstractArgumentationFramework(
        "af", list(objs.values()), [Defeat(objs[a], objs[b]) for a, b in af.attacks]
    )
    name = lambda ext: frozenset(int(x.name) for x in ext)  # noqa: E731
    return (
        name(get_grounded_extension(paf)),
        {name(e) for e in get_preferred_extensions(paf)},
        {name(e) for e in get_stable_extensions(paf)},
    )


@settings(max_examples=1000, deadline=None)
@given(frameworks(max_args=6))
def test_grounded_preferred_and_stable_agree_with_py_arg(af):
    """One py_arg run per framework (it computes all three) checks the three semantics."""
    g, pref, stab = _py_arg(af)
    assert {a for a, label in grounded(af).items() if label == IN} == g
    assert set(extensions(af, "stable", limit=10_000)) == stab
    assert set(extensions(af, "preferred", limit=10_000)) == pref


def test_textbook_examples():
    # a <-> b, b -> c: grounded decides nothing; preferred {a, c} and {b}; stable the same
    af = Framework(["a", "b", "c"], {("a", "b"), ("b", "a"), ("b", "c")})
    assert grounded(af) == {"a": UNDEC, "b": UNDEC, "c": UNDEC}
    assert set(extensions(af, "preferred")) == {frozenset("ac"), frozenset("b")}
    assert labels(af, "preferred") == ({"a": UNDEC, "b": UNDEC, "c": UNDEC}, 2)
    # an odd cycle has no stable extension: everything UNDEC, zero extensions
    odd = Framework(["a", "b", "c"], {("a", "b"), ("b", "c"), ("c", "a")})
    assert labels(odd, "stable") == ({"a": UNDEC, "b": UNDEC, "c": UNDEC}, 0)
    # a chain: a IN, b OUT, c IN; a self-attacker is never IN
    chain = Framework(["a", "b", "c", "d"], {("a", "b"), ("b", "c"), ("d", "d")})
    assert grounded(chain) == {"a": IN, "b": OUT, "c": IN, "d": UNDEC}
    assert labels(chain, "preferred")[0] == {"a": IN, "b": OUT, "c": IN, "d": UNDEC}
