"""`argkb validate` says what it checked: which knowledge base (its folder; the bundled one or not),
which files, how many nodes, which rules."""

from __future__ import annotations

import json

from rdflib import RDF, Graph, URIRef

from argkb.cli.main import cli
from conftest import DATA, REPO

KB_NS = "https://w3id.org/argkb/id/"


def typed_kb_nodes(*files) -> int:
    g = Graph()
    for f in files:
        g.parse(f)
    return len(
        {
            s
            for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(KB_NS)
        }
    )


def test_whole_kb_names_folder_files_nodes_and_rules(runner, mini_kb_dir):
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 0, result.output
    data_files = sorted((mini_kb_dir / "data").rglob("*.ttl"))
    first = result.output.splitlines()[0]
    assert first == (
        f"checked knowledge base {mini_kb_dir}: {len(data_files)} data file"
        f"{'s' * (len(data_files) != 1)}, {typed_kb_nodes(*data_files)} nodes, 8 rules (0–7)"
    )


def test_json_says_what_was_checked(runner, mini_kb_dir):
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--format", "json"])
    checked = json.loads(result.output)["checked"]
    assert checked["knowledge_base"] == str(mini_kb_dir) and checked["bundled"] is False
    assert checked["rules"] == list(range(8)) and checked["contribution"] is False


def test_files_are_checked_in_the_context_of_the_kb(runner, mini_kb_dir):
    contribution = DATA / "valid" / "new-implication-two-lenses.ttl"
    result = runner.invoke(cli, ["validate", str(contribution), "--kb", str(mini_kb_dir)])
    first = result.output.splitlines()[0]
    assert first.startswith("checked 1 file (") and contribution.name in first
    assert f"): {typed_kb_nodes(contribution)} nodes against 8 rules (0–7)" in first
    assert first.endswith(f"in the context of knowledge base {mini_kb_dir}")


def test_the_bundled_kb_is_named_as_such(runner, tmp_path, monkeypatch):
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(
        tmp_path
    )  # no knowledge base here or above: argkb falls back to its bundled one
    result = runner.invoke(cli, ["validate", "--format", "json"])
    checked = json.loads(result.output)["checked"]
    assert checked["bundled"] is True and checked["knowledge_base"] in (
        str(REPO),
        str(REPO / "src/argkb/bundled"),
    )
