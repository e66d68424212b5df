"""The benchmark's generator: deterministic by seed, and what it writes is a valid argkb knowledge
base.

No timings are asserted; bench/run.py is exercised once at a tiny size to check it writes its
tables. The fast paths `argkb lenses` and `argkb why` take at scale are held equal to the plain
ones: the argument graph read by index scans to the one read by the queries, the strengths of the
shared influence graph to ``solve`` on each view's own QBAF (generated knowledge bases, random
graphs with circles of influence), the lens table's strengths to each view's full strengths.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from contribution import make_contribution  # noqa: E402
from generate import generate, parse_size  # noqa: E402


def digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((root / "data").rglob("*"))
        if p.is_file()
    }


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a, b, c = (
        generate(tmp_path / name, 1_200, seed) for name, seed in (("a", 4), ("b", 4), ("c", 5))
    )
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")
    assert a["triples"] == b["triples"] >= 1_200
    assert make_contribution(tmp_path / "a", 2) == make_contribution(tmp_path / "b", 2)


def test_size_is_what_was_asked(tmp_path):
    manifest = generate(tmp_path / "kb", 3_000, seed=1)
    graph = Graph()
    for path in (tmp_path / "kb" / "data").glob("*.ttl"):
        graph.parse(path)
    assert len(graph) == manifest["triples"]
    assert 3_000 <= len(graph) < 3_600
    assert (
        parse_size("10k") == 10_000
        and parse_size("1m") == 1_000_000
        and parse_size("2500") == 2_500
    )


def test_generated_kb_validates_through_the_cli(runner, tmp_path):
    generate(tmp_path / "kb", 1_000, seed=2)
    result = runner.invoke(cli, ["validate", "--kb", str(tmp_path / "kb"), "--strict"])
    assert result.exit_code == 0, result.output
    assert "conforms: 0 violations, 0 warnings" in result.output


def test_generated_shape_chains_lenses_attacks_quotes(tmp_path):
    generate(tmp_path / "kb", 2_000, seed=3)
    store = open_store(KnowledgeBase.locate(tmp_path / "kb"))
    ask = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
        ASK { ?a1 argkb:conclusion ?c1 . ?a2 argkb:conclusion ?c2 ; argkb:premise ?c1 .
              ?a3 argkb:premise ?c2 ; argkb:conclusion ?impl . ?impl a argkb:Implication }"""
    assert store.query(ask).boolean  # support chains at least three arguments deep
    counts = store.query("""PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?lens) AS ?lenses) (COUNT(DISTINCT ?att) AS ?attacks) \
(COUNT(DISTINCT ?q) AS ?quotes)
        WHERE { { ?x argkb:perspective ?lens } UNION { ?att argkb:attacks ?t } UNION { ?q a \
argkb:Quote } }""").rows[0]
    assert int(counts[0]) == 5 and int(counts[1]) > 5 and int(counts[2]) > 20


def test_generated_premises_held_by_lenses_and_weakening_attacks(tmp_path):
    manifest = generate(tmp_path / "kb", 20_000, seed=1)
    store = open_store(KnowledgeBase.locate(tmp_path / "kb"))
    held, holders, weakening, attacks = (
        int(x)
        for x in store.query("""PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?c) AS ?held) (COUNT(DISTINCT ?h) AS ?holders) (COUNT(DISTINCT ?w) \
AS ?weak)
               (COUNT(DISTINCT ?a) AS ?att)
        WHERE { { ?c argkb:heldBy ?lens } UNION { ?h argkb:heldBy ?one, ?two FILTER (?one != ?two) }
                UNION { ?w argkb:force argkb:Weaken } UNION { ?a argkb:attacks ?t } }""").rows[0]
    )
    assert held == manifest["held"] and 0 < holders < held  # some held by two lenses
    assert weakening == manifest["weakening"] and 0 < weakening < attacks / 4
    editors = store.query("""PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX argkb: <https://w3id.org/argkb/ontology#>
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c prov:wasAttributedTo \
<https://w3id.org/argkb/id/argkb-editors> ;
        a argkb:Claim . ?a argkb:premise ?c }""").rows[0][0]
    assert 0.1 < int(held) / int(editors) < 0.3  # about a fifth of the editors' premises


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


def test_contribution_is_about_200_triples_and_parses(tmp_path):
    generate(tmp_path / "kb", 1_000, seed=1)
    g = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert 150 <= len(g) <= 260
    again = Graph().parse(data=make_contribution(tmp_path / "kb", 1), format="turtle")
    assert isomorphic(g, again)


@pytest.mark.slow
def test_bench_runs_end_to_end_as_a_process(tmp_path):
    out = tmp_path / "RESULTS.md"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--sizes",
            "600",
            "--skip-baseline-above",
            "0",
            "--work",
            str(tmp_path / "work"),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    text = out.read_text()
    assert "### 600: " in text and "whole-KB validation" in text and "| skipped |" in text
    assert "`argkb lenses` with strengths, whole process" in text and "`argkb why` ≤ 1 s" in text
    assert "Machine:" in text and "did not validate" not in text


@pytest.mark.slow
def test_commands_bench_times_why_and_lenses_as_processes(tmp_path, capsys):
    """bench/commands.py at a tiny size: `argkb why` on five implications and `argkb lenses`, each a
    process."""
    import json

    import commands

    commands.main(["--sizes", "700", "--work", str(tmp_path / "work")])
    out = capsys.readouterr().out
    line = json.loads(out.strip().splitlines()[-1])
    assert line["size"] == "700" and line["lenses_rows"] > 0 and len(line["why_ids"]) == 5
    assert 0 < line["why_p50"] <= line["why_max"] and 0 < line["lenses_min"] <= line["lenses"]
    assert "| 700 |" in out and "`argkb lenses` ≤ 5 s" in out


@pytest.mark.slow
def test_large_add_bench_reports_each_size(capsys):
    """bench/large_add.py at a tiny size: one JSON line with the times, the contribution added."""
    import json

    import large_add

    large_add.main(["--claims", "12"])
    line = json.loads(capsys.readouterr().out.strip())
    assert line["claims"] == 12 and line["exit"] == 0 and line["status"] == "added"
    assert line["seconds"] > 0 and line["ms_per_claim"] > 0 and "target_met" not in line
    assert large_add.with_target({**line, "seconds": 59.0})["target_met"] is True
    assert large_add.with_target({**line, "seconds": 61.0})["target_met"] is False


def test_second_baseline_is_pyshacl_on_a_pyoxigraph_backed_graph(tmp_path):
    """bench/ops.py b_validate_ox: pySHACL on oxrdflib's Oxigraph store finds what it finds on
    rdflib's Memory store: nothing on a generated knowledge base, one violation once a claim loses
    its label."""
    import json

    generate(tmp_path / "kb", 600, 1)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}

    def run(op):
        proc = subprocess.run(
            [sys.executable, str(REPO / "bench" / "ops.py"), op, str(tmp_path / "kb")],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
        )
        assert proc.returncode == 0, proc.stderr
        return json.loads(proc.stdout.strip().splitlines()[-1])

    clean = run("b_validate_ox")
    assert (
        clean["b_validate_ox_violations"] == 0 and 0 < clean["b_ox_load"] < clean["b_validate_ox"]
    )
    first = sorted((tmp_path / "kb" / "data").glob("gen-src-*.ttl"))[0]
    text = first.read_text(encoding="utf-8")
    broken = text.replace("rdfs:label", "rdfs:comment", 1)
    assert broken != text
    first.write_text(broken, encoding="utf-8")
    assert run("b_validate_ox")["b_validate_ox_violations"] >= 1
    assert run("b_validate")["b_validate_conforms"] is False


def test_before_bench_times_a_baseline_commit_beside_the_working_tree(tmp_path):
    """bench/before.py --before HEAD at a tiny size: both sides in one table, the bulk-load floors
    beside."""
    import json

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = tmp_path / "before.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "before.py"),
            "--before",
            "HEAD",
            "--sizes",
            "600",
            "--ops",
            "rebuild,open,summary,trace",
            "--runs",
            "1",
            "--work",
            str(tmp_path / "work"),
            "--output",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    for side in ("before", "after"):
        assert figures[f"{side}_rebuild"]["wall"] > 0 and figures[f"{side}_summary"]["cpu"] > 0
        assert 0 < figures[f"{side}_trace"]["trace_p50"] <= figures[f"{side}_trace"]["trace_p95"]
    graphs, default = figures["floor_disk-graphs"]["quads"], figures["floor_disk-default"]["quads"]
    assert (
        graphs == figures["floor_memory"]["quads"] and 600 < default <= graphs
    )  # (files may repeat a triple)
    text = out.read_text(encoding="utf-8")
    assert (
        "| `argkb store rebuild`, whole process |" in text
        and "rebuild ÷ floor" in text
        and "load average" in text
    )
    worktrees = subprocess.run(
        ["git", "-C", str(REPO), "worktree", "list"], capture_output=True, text=True
    ).stdout
    assert "argkb-before-src-" not in worktrees  # the temporary worktree is gone
