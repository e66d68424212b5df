"""Round trip: `argkb export --format aif` (and xaif) of a knowledge base, imported again, gives
back the same claims, arguments, relations, perspectives and warrants, compared as graphs with ids
aside (rdflib.compare.isomorphic) — on the seed and on generated knowledge bases."""

from __future__ import annotations

import sys

import pytest
from rdflib import Graph, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF

from argkb.export import render
from argkb.export.select import build_map
from argkb.interop.convert import convert
from argkb.kb.folder import KnowledgeBase
from argkb.validation import validate
from argkb.vocab.namespaces import ARGKB, KB, OA
from conftest import REPO
from import_support import structure

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def seed():
    kb = KnowledgeBase.locate(REPO)
    return kb, build_map(kb), structure(kb.graph())


def read_back(amap, fmt: str, tmp_path, **options) -> tuple[str, dict]:
    exported = tmp_path / f"map.{fmt}.json"
    exported.write_text(render(amap, fmt), encoding="utf-8")
    return convert(exported, fmt, **options)


def assert_same(original: Graph, back: Graph) -> None:
    if not isomorphic(original, back):
        _, only_original, only_back = graph_diff(to_isomorphic(original), to_isomorphic(back))
        pytest.fail(
            f"lost: {sorted(map(str, only_original))[:5]}\n"
            f"gained: {sorted(map(str, only_back))[:5]}"
        )


@pytest.mark.parametrize("fmt", ["aif", "xaif"])
def test_seed_round_trips(seed, tmp_path, fmt):
    _, amap, original = seed
    back = structure(Graph().parse(data=read_back(amap, fmt, tmp_path)[0], format="turtle"))
    assert len(original) > 500
    assert_same(original, back)


def test_a_generated_knowledge_base_round_trips(tmp_path):
    generate(tmp_path / "kb", 1_200, seed=3)
    kb = KnowledgeBase.locate(tmp_path / "kb")
    original = structure(kb.graph())
    back = structure(
        Graph().parse(data=read_back(build_map(kb), "aif", tmp_path)[0], format="turtle")
    )
    assert len(original) > 100
    assert_same(original, back)


def test_seed_read_back_with_its_source_is_quoted_and_conforms(seed, tmp_path):
    """With --source, the claims the seed quotes are quoted again, at offsets that hold their words;
    with warrants and lenses carried by the export, nothing is left to do: validation conforms."""
    repo_kb, amap, _ = seed
    text, summary = read_back(
        amap, "xaif", tmp_path, kb=repo_kb, source="trump-putin-ukraine-talks"
    )
    back = tmp_path / "back.ttl"
    back.write_text(text, encoding="utf-8")
    g, seed = Graph().parse(back), repo_kb.graph()

    def quoted(graph):
        return {
            " ".join(str(graph.value(c, ARGKB.statement)).split())
            for c in graph.subjects(ARGKB.evidence, None)
        }

    assert quoted(g) == quoted(seed) and len(quoted(g)) > 50
    source = repo_kb.source_text(KB["trump-putin-ukraine-talks"])
    for quote in g.subjects(RDF.type, ARGKB.Quote):
        start, end = int(g.value(quote, OA.start)), int(g.value(quote, OA.end))
        assert str(g.value(quote, OA.exact)) == source[start:end]
    report = validate(repo_kb, [back])
    assert report.conforms and summary["todo"] == 0

    # AIF has no citations and no lens descriptions (the seed's claims about method, which no
    # argument uses): the warnings left are what the format could not carry, each on a claim it
    # applies to
    def said(graph, claims):
        return {" ".join(str(graph.value(c, ARGKB.statement)).split()) for c in claims}

    attributed = said(seed, seed.subjects(PROV.wasAttributedTo, KB["argkb-editors"]))
    used = {
        c for p in (ARGKB.premise, ARGKB.conclusion, ARGKB.attacks) for c in seed.objects(None, p)
    }
    unused = said(seed, {c for c in seed.subjects(ARGKB.statement, None) if c not in used})
    allowed = {"UncitedBackgroundShape": attributed, "UnusedClaimShape": unused}
    for w in report.warnings:
        kind = w.shape.rsplit("#", 1)[-1]
        assert kind in allowed and said(g, [URIRef(w.focus)]) <= allowed[kind], (kind, w.focus_name)
