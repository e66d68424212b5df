"""``argkb init --empty`` and ``argkb add`` refusing quotes of sources with no registered text."""

from __future__ import annotations

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from conftest import REPO
from contrib_support import tree_digest

QUOTING_UNREGISTERED = """@prefix argkb: <https://w3id.org/argkb/ontology#> . @prefix kb: \
<https://w3id.org/argkb/id/> .
@prefix oa: <http://www.w3.org/ns/oa#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kb:nowhere a argkb:Source ; dcterms:title "Unregistered" ;
  argkb:sha256 "0000000000000000000000000000000000000000000000000000000000000000" .
kb:claim-x a argkb:Claim ; rdfs:label "x" ; argkb:statement "X." ; argkb:evidence kb:q-x .
kb:q-x a argkb:Quote ; oa:hasSource kb:nowhere ; oa:exact "X." ; oa:start 0 ; oa:end 2 .
"""


def test_init_empty_has_ontology_shapes_and_queries_but_no_data(runner, tmp_path):
    target = tmp_path / "mine"
    result = runner.invoke(cli, ["init", "--kb", str(REPO), "--empty", str(target)])
    assert result.exit_code == 0, result.output
    assert "empty: no data yet" in result.output
    kb = KnowledgeBase.locate(target)
    assert kb.ontology_file.is_file() and kb.shapes_file.is_file()
    assert sorted(p.name for p in kb.queries_dir.glob("*.rq")) == sorted(
        p.name for p in (REPO / "queries").glob("*.rq")
    )
    assert kb.data_files() == [] and list(kb.sources_dir.iterdir()) == []
    assert runner.invoke(cli, ["validate", "--kb", str(target)]).exit_code == 0
    listed = runner.invoke(cli, ["source", "list", "--kb", str(target)])
    assert listed.exit_code == 0 and "no sources yet" in listed.output


def test_default_init_keeps_the_seed(runner, tmp_path):
    target = tmp_path / "seeded"
    assert runner.invoke(cli, ["init", "--kb", str(REPO), str(target)]).exit_code == 0
    assert (target / "data" / "sources" / "trump-putin-ukraine-talks.txt").is_file()


def test_add_refuses_quotes_of_a_source_with_no_registered_text(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "c.ttl"
    path.write_text(QUOTING_UNREGISTERED, encoding="utf-8")
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(path)])
    assert result.exit_code == 1
    assert "kb:nowhere" in result.output and "argkb source add FILE --id nowhere" in result.output
    assert tree_digest(mini_kb_dir) == before
