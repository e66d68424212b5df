"""The fast paths ``argkb lenses`` and ``argkb why`` take at scale, held equal to the plain ones:
the argument graph read by index scans to the one read by the queries, the strengths of the shared
influence graph to ``solve`` on each view's own QBAF (generated knowledge bases, random graphs
with circles of influence), the lens table's strengths to each view's full strengths. The
benchmark's generator and scripts are in test_bench.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


# --- the fast paths of `argkb lenses` and `argkb why`, held equal to the plain ones ---
def _query_load(store):
    """``load`` through the queries (a store that is not pyoxigraph's takes that path)."""
    from argkb.assess.load import load

    class Queries:
        def query(self, *args):
            return store.query(*args)

    return load(Queries())


def test_scans_read_the_same_argument_graph_as_the_queries(tmp_path):
    from argkb.assess.load import _load_scans, load

    generate(tmp_path / "kb", 6_000, seed=2)
    for root in (tmp_path / "kb", REPO):
        store = open_store(KnowledgeBase.locate(root))
        scanned, queried = _load_scans(store), _query_load(store)
        assert scanned is not None and load(store) == scanned
        assert list(scanned.arguments) == list(
            queried.arguments
        )  # the order the attack lists follow
        assert scanned.arguments == queried.arguments and scanned.claims == queried.claims
        lean = load(store, labels=False)
        assert lean.arguments.keys() == queried.arguments.keys() and all(
            a.label == "" for a in lean.arguments.values()
        )
        assert all(
            c.label == (queried.claims[i].label if c.implication else "")
            for i, c in lean.claims.items()
        )


def test_scans_give_up_where_the_queries_keep_the_first_of_two_values(tmp_path):
    from argkb.assess.load import _load_scans

    generate(tmp_path / "kb", 1_000, seed=2)
    (tmp_path / "kb" / "data" / "second-label.ttl").write_text(  # a second label on an argument
        "<https://w3id.org/argkb/id/gen-src-00001-impl0-a0> "
        '<http://www.w3.org/2000/01/rdf-schema#label> "another"@de .\n'
    )
    store = open_store(KnowledgeBase.locate(tmp_path / "kb"))
    assert _load_scans(store) is None


def _reference_strengths(graph, lens, view, model):
    """``view_strengths`` as first written: the view's own QBAF, solved by ``solve``."""
    from argkb.assess.graph import supporters
    from argkb.assess.strength import QBAF, solve

    args = sorted(view)
    claims = sorted(
        {
            c
            for a in args
            for c in (
                graph.arguments[a].conclusion,
                graph.arguments[a].attacks,
                *graph.arguments[a].premises,
            )
            if c is not None and c not in graph.arguments
        }
    )
    nodes = [*claims, *args]
    ix = {n: i for i, n in enumerate(nodes)}
    base, attackers, supporters_, premises = [], [], [], []
    for c in claims:
        info = graph.claims.get(c)
        base.append(info.base_score if info is not None else 1.0)
        attackers.append([ix[a] for a in graph.rebutting.get(c, ()) if a in view])
        supporters_.append([ix[a] for a in supporters(graph, lens, c, view)])
        premises.append([])
    for a in args:
        base.append(1.0)
        attackers.append([ix[b] for b in graph.undercutting.get(a, ()) if b in view])
        supporters_.append([])
        premises.append([ix[p] for p in graph.arguments[a].premises if p in ix])
    return dict(zip(nodes, solve(QBAF(base, attackers, supporters_, premises), model)))


def _assert_same_strengths(graph, lens, view, model, targets=None):
    from argkb.assess.strength_view import view_strengths

    expected = _reference_strengths(graph, lens, view, model)
    got = view_strengths(graph, lens, view, model)
    assert list(got) == list(expected) and all(
        got[k] == expected[k] for k in expected
    )  # exactly, in order
    if targets is not None:
        part = view_strengths(graph, lens, view, model, targets=targets)
        assert part == {t: expected[t] for t in targets if t in expected}


def test_strengths_of_every_view_are_solve_s_on_its_own_qbaf(tmp_path):
    from argkb.assess.assessment import all_lenses
    from argkb.assess.load import load

    generate(tmp_path / "kb", 8_000, seed=3)
    for root in (tmp_path / "kb", REPO):
        store = open_store(KnowledgeBase.locate(root))
        graph = load(store)
        implications = [c for c, info in graph.claims.items() if info.implication]
        for model in ("df-quad", "quadratic-energy"):
            for lens in (None, *all_lenses(store)):
                _assert_same_strengths(
                    graph, lens, graph.lens_arguments(lens)[1], model, implications
                )


def _random_graph(rng):
    from rdflib import URIRef

    from argkb.assess.graph import Argument, ArgumentGraph, Claim

    lenses = [
        URIRef("https://w3id.org/argkb/ontology#" + x)
        for x in ("Realism", "Liberalism", "Constructivism")
    ]
    claims = [URIRef(f"urn:c{i}") for i in range(rng.randint(1, 10))]
    args = [URIRef(f"urn:a{i}") for i in range(rng.randint(1, 12))]
    known = {}
    for c in claims:
        if rng.random() < 0.85:
            held = (
                frozenset(rng.sample(lenses, rng.randint(1, 2)))
                if rng.random() < 0.3
                else frozenset()
            )
            known[c] = Claim(
                c, implication=rng.random() < 0.4, base=rng.choice([None, 0.6, 0.9]), held_by=held
            )
    arguments = {}
    for a in rng.sample(args, len(args)):  # in no particular order: the attack lists follow it
        arg = Argument(a, perspective=rng.choice([*lenses, None]))
        pool = claims + args[:2]  # an argument as a premise too (invalid, still computed)
        arg.premises = sorted(set(rng.sample(pool, min(len(pool), rng.randint(0, 3)))))
        roll = rng.random()
        if roll < 0.55:
            arg.conclusion = rng.choice(claims)
        elif roll < 0.95:
            arg.attacks, arg.weakens = rng.choice(claims + args), rng.random() < 0.3
        arguments[a] = arg
    return ArgumentGraph(arguments, known), lenses


@pytest.mark.slow
def test_strengths_on_random_graphs_with_circles_of_influence(monkeypatch):
    import random

    import argkb.assess.strength as strength

    monkeypatch.setattr(
        strength, "_MAX_STEPS", 500
    )  # circles that never settle stop sooner, both ways alike
    rng = random.Random(7)
    for _ in range(150):
        graph, lenses = _random_graph(rng)
        for model in ("df-quad", "quadratic-energy"):
            for lens in (None, *lenses):
                view = graph.lens_arguments(lens)[1]
                if rng.random() < 0.3:  # any view, not only a lens's
                    view = set(rng.sample(sorted(view), rng.randint(0, len(view))))
                nodes = [*graph.claims, *graph.arguments]
                targets = rng.sample(nodes, min(3, len(nodes)))
                _assert_same_strengths(graph, lens, view, model, targets)


def test_lens_table_strengths_are_each_view_s_full_strengths(tmp_path):
    from argkb.assess.assessment import SILENT, lenses
    from argkb.assess.framework import evaluate

    generate(tmp_path / "kb", 8_000, seed=4)
    kb = KnowledgeBase.locate(tmp_path / "kb")
    comparison = lenses(kb)
    full = {lens: evaluate(comparison.graph, lens) for lens in (None, *comparison.lenses)}
    for row in comparison.rows:
        assert row.overall == full[None].claims.get(row.claim, SILENT)
        assert row.strength[None] == (
            None
            if row.claim not in full[None].strength
            else round(full[None].strength[row.claim], 3)
        )
        for lens in comparison.lenses:
            if row.by_lens[lens] != SILENT:
                assert row.by_lens[lens] == full[lens].claims[row.claim]
                assert row.strength[lens] == round(full[lens].strength[row.claim], 3)
