"""``argkb quote``: a pasted passage of the seed article as a ready Quote node."""

from __future__ import annotations

import json

from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from argkb.cli.main import cli
from argkb.vocab.namespaces import ARGKB, KB, OA
from conftest import REPO

SEED = "trump-putin-ukraine-talks"
TEXT = (REPO / "data" / "sources" / f"{SEED}.txt").read_text(encoding="utf-8")


def run(runner, *args):
    return runner.invoke(cli, ["quote", "--kb", str(REPO), *args])


def test_found_prints_a_quote_node_with_the_stored_text_and_offsets(runner):
    pasted = "such discussions,\n  regardless of their specific content"
    result = run(runner, SEED, pasted)
    assert result.exit_code == 0, result.output
    start = TEXT.index("Such discussions, regardless")
    end = start + len("Such discussions, regardless of their specific content")
    node = KB[f"quote-{SEED}-{start}"]
    expected = Graph()
    for p, o in [
        (RDF.type, ARGKB.Quote),
        (OA.hasSource, KB[SEED]),
        (OA.exact, Literal(TEXT[start:end])),
        (OA.start, Literal(start)),
        (OA.end, Literal(end)),
    ]:
        expected.add((node, p, o))
    assert isomorphic(Graph().parse(data=result.stdout, format="turtle"), expected)


def test_id_names_the_node(runner):
    result = run(runner, SEED, "Such discussions, regardless", "--id", "kb:my-quote")
    assert (URIRef(KB["my-quote"]), RDF.type, ARGKB.Quote) in Graph().parse(
        data=result.stdout, format="turtle"
    )


def test_several_occurrences_are_listed_and_exit_1_unless_one_is_picked(runner):
    count = TEXT.count("Putin talks")
    assert count >= 2
    result = run(runner, SEED, "Putin talks", "--format", "text")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        f"occurs {count} times" in result.stderr
        and "--occurrence N or --near OFFSET" in result.stderr
    )
    second = TEXT.index("Putin talks", TEXT.index("Putin talks") + 1)
    picked = run(runner, SEED, "Putin talks", "--occurrence", "2", "--format", "json")
    assert picked.exit_code == 0
    assert json.loads(picked.stdout)["quote"]["start"] == second
    near = run(runner, SEED, "Putin talks", "--near", str(second + 30), "--format", "json")
    assert json.loads(near.stdout)["quote"]["start"] == second


def test_not_found_shows_the_closest_passages_and_exits_1(runner):
    result = run(
        runner,
        SEED,
        "the discussions between Trump and Putin could perhaps strengthen",
        "--format",
        "json",
    )
    assert result.exit_code == 1
    out = json.loads(result.stdout)
    assert out["status"] == "not-found" and out["matches"] == []
    best = out["closest"][0]
    assert TEXT[best["start"] : best["end"]] == best["exact"]
    assert "between Trump and Putin could either strengthen" in best["exact"]
    assert "closest passages" in run(runner, SEED, "completely absent words here").stderr


def test_bad_requests_exit_2_with_a_fix(runner):
    unknown = run(runner, "trump-putin-ukraine-talk", "Putin")
    assert unknown.exit_code == 2
    assert (
        "did you mean kb:trump-putin-ukraine-talks" in unknown.stderr
        and "argkb source add" in unknown.stderr
    )
    assert run(runner, SEED, "Putin", "--occurrence", "99").exit_code == 2
    assert run(runner, SEED, "Putin", "--occurrence", "1", "--near", "3").exit_code == 2
    assert run(runner, SEED, "   ").exit_code == 2
