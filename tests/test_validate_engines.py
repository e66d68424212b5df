"""The compiled shapes (set-based SPARQL on pyoxigraph) give exactly pySHACL's results.

Whole-graph validation by both engines, compared as sets of (focus, rule, shape, severity,
path, value, message): on the repository's seed knowledge base, on the tiny test knowledge
base with every invalid fixture loaded into it at once, and on a generated knowledge base
with broken contributions merged in.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.validation.compiled import Unsupported, compile_shapes
from argkb.validation.validate import validate_whole

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(REPO / "bench"))
from contribution import make_contribution  # noqa: E402
from generate import generate  # noqa: E402
from test_validate_incremental import key  # noqa: E402


def both(kb: KnowledgeBase) -> tuple[set, set]:
    return key(validate_whole(kb, engine="fast")), key(validate_whole(kb, engine="pyshacl"))


@pytest.mark.slow
def test_seed_kb(repo_kb, sparql_parsed_once):
    fast, reference = both(repo_kb)
    assert fast == reference


def every_fixture(mini_kb_dir: Path) -> KnowledgeBase:
    """The tiny knowledge base with every invalid and warning fixture (and their texts) in it."""
    for folder in ("invalid", "warnings"):
        for i, fixture in enumerate(sorted((DATA / folder).glob("*.ttl"))):
            shutil.copy(fixture, mini_kb_dir / "data" / f"{folder}-{i:02d}.ttl")
    for text in (DATA / "invalid" / "sources").glob("*.txt"):
        shutil.copy(text, mini_kb_dir / "data" / "sources" / text.name)
    return KnowledgeBase.locate(mini_kb_dir)


@pytest.mark.slow
def test_every_invalid_fixture_at_once(mini_kb_dir, sparql_parsed_once):
    kb = every_fixture(mini_kb_dir)
    fast, reference = validate_whole(kb, engine="fast"), validate_whole(kb, engine="pyshacl")
    assert len(key(reference)) > 30 and {r[1] for r in key(reference)} == set(range(8))
    assert key(fast) == key(reference)
    # as many results (sh:lessThan gives one per failing pair), and the same sh:ValidationReport
    assert len(fast.results) == len(reference.results)
    assert isomorphic(fast.to_graph(), reference.to_graph())


@pytest.mark.slow
def test_pyshacl_reports_alike_with_each_sparql_text_parsed_once(
    mini_kb_dir, sparql_parsed_once, monkeypatch
):
    """The ``sparql_parsed_once`` fixture the comparisons use spares pySHACL its re-parsing only:
    its results graph is the one it writes without the fixture."""
    from argkb.validation.validate import add_source_texts, run_shacl

    kb = every_fixture(mini_kb_dir)
    once = run_shacl(add_source_texts(kb, kb.graph()), kb.shapes_graph())
    assert len(sparql_parsed_once) >= 8  # the SPARQL constraints of the shapes, each parsed once
    monkeypatch.undo()  # rdflib as it is: every text parsed on every call
    each_time = run_shacl(add_source_texts(kb, kb.graph()), kb.shapes_graph())
    assert len(each_time) > 100 and isomorphic(once, each_time)


@pytest.mark.slow
def test_generated_kb_with_broken_contributions(tmp_path, sparql_parsed_once):
    root = tmp_path / "kb"
    generate(root, 800, seed=3)
    for i, breakage in enumerate(
        (
            "cycle-existing",
            "quote-off-by-one",
            "duplicate-label-existing",
            "implication-without-rationale",
            "bnode-quote",
            "single-lens",
        )
    ):
        text = make_contribution(root, i, breakage).replace("kb:contrib", f"kb:contrib{i}")
        (root / "data" / f"contrib-{i}.ttl").write_text(text, encoding="utf-8")
    fast, reference = both(KnowledgeBase.locate(root))
    assert {r[1] for r in reference} >= {1, 2, 4, 6, 7}
    assert fast == reference


@pytest.mark.parametrize(
    "prop",
    [
        "sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1",
        # nested in a property shape
        "sh:path ex:p ; sh:property [ sh:path ex:q ; sh:minCount 1 ]",
        # a sequence path
        "sh:path ( ex:p ex:q )",
        # a list that is also an inverse
        "sh:path [ sh:inversePath ex:p ; rdf:first ex:q ; rdf:rest () ]",
        # well-formedness not compiled
        "sh:path ex:p ; sh:datatype xsd:byte",
    ],
)
def test_unknown_shacl_feature_is_refused_not_guessed(prop):
    shapes = Graph().parse(
        data=f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdf: \
<http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ {prop} ] .""",
        format="turtle",
    )
    with pytest.raises(Unsupported):
        compile_shapes(shapes)


@pytest.mark.slow
def test_nested_property_shape_end_to_end(runner, mini_kb_dir, sparql_parsed_once):
    """The issue's case: a property shape inside a property shape; `validate` used to say
    "conforms"."""
    from argkb.cli.main import cli

    shapes = mini_kb_dir / "ontology" / "shapes.ttl"
    shapes.write_text(
        shapes.read_text(encoding="utf-8")
        + """
        <urn:test:NestedShape> a sh:NodeShape ; sh:targetClass argkb:Argument ;
            sh:property [ sh:path argkb:conclusion ;
                          sh:property [ sh:path <urn:test:never> ; sh:minCount 1 ] ] .
        """,
        encoding="utf-8",
    )
    auto = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--format", "json"])
    reference = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--format", "json", "--engine", "pyshacl"]
    )
    assert auto.exit_code == reference.exit_code == 1
    assert auto.output == reference.output and "urn:test:never" in auto.output
    fast = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--engine", "fast"])
    assert (
        fast.exit_code == 2 and "does not compile" in fast.output and "--engine auto" in fast.output
    )
    assert "Traceback" not in fast.output


def test_checks_run_through_a_store_like_on_an_endpoint(mini_kb_dir):
    """With ``--endpoint`` the checks run on the server and texts are joined locally: same
    results."""
    from argkb.kb.locate import Locator
    from argkb.validation.compiled import compiled_for
    from argkb.validation.validate import _report, run_fast

    for i, fixture in enumerate(sorted((DATA / "invalid").glob("rule[0-6]*.ttl"))):
        shutil.copy(fixture, mini_kb_dir / "data" / f"invalid-{i:02d}.ttl")
    for text in (DATA / "invalid" / "sources").glob("*.txt"):
        shutil.copy(text, mini_kb_dir / "data" / "sources" / text.name)
    kb = KnowledgeBase.locate(mini_kb_dir)
    through_store = _report(
        run_fast(kb, open_store(kb), compiled_for(kb.shapes_file)), kb, [], Locator(kb), 0
    )
    in_memory = validate_whole(kb, engine="fast")
    assert key(through_store) == key(in_memory)
    assert {r.rule for r in in_memory.results} >= {0, 1, 2, 3, 4, 5, 6}


def test_prebinding_verdicts_are_kept_between_processes(tmp_path, monkeypatch):
    """Parsing the SPARQL constraints with rdflib costs seconds: their verdicts are cached by query
    text."""
    import json
    import shutil as sh

    from argkb.validation import prebinding
    from argkb.validation.compiled import compiled_for

    shapes = tmp_path / "shapes.ttl"
    sh.copy(REPO / "ontology" / "shapes.ttl", shapes)
    monkeypatch.setattr(prebinding, "VERDICTS", {})
    compiled = compiled_for(shapes, tmp_path / "cache")
    saved = json.loads((tmp_path / "cache" / "sparql-constraint-verdicts.json").read_text())
    assert len(saved) >= 8 and set(saved.values()) == {""}
    monkeypatch.setattr(prebinding, "VERDICTS", {})
    monkeypatch.setattr(prebinding, "_check", lambda query: pytest.fail("analysed again"))
    shapes.touch()  # a new mtime: compiled again, from the saved verdicts
    os.utime(shapes, ns=(shapes.stat().st_atime_ns, shapes.stat().st_mtime_ns + 1000))
    again = compiled_for(shapes, tmp_path / "cache")
    assert [c.query for c in again.checks] == [c.query for c in compiled.checks]


@pytest.mark.parametrize(
    "value",
    [
        Literal("04", datatype=XSD.integer, normalize=False),
        Literal("4.0", datatype=XSD.decimal, normalize=False),
    ],
)
def test_data_the_store_would_rewrite_is_refused(value, sparql_parsed_once):
    """pyoxigraph stores "04" as "4" and "4.0" as "4"; SHACL compares terms as written (not in sh:in
    here)."""
    from argkb.validation import validate_graphs

    graph = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetNode ex:x ; sh:property [ sh:path ex:p ; sh:in ( 4 ) ] .""",
        format="turtle",
    )
    graph.add((URIRef("http://example.org/x"), URIRef("http://example.org/p"), value))
    with pytest.raises(Unsupported):
        validate_graphs(graph, graph, engine="fast")
    auto, reference = (
        validate_graphs(graph, graph, engine="auto"),
        validate_graphs(graph, graph, engine="pyshacl"),
    )
    assert (
        [r.terms["value"] for r in auto.results]
        == [r.terms["value"] for r in reference.results]
        == [value]
    )
    assert isomorphic(auto.to_graph(), reference.to_graph())
