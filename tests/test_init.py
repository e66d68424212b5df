"""argkb init: a new writable knowledge base that validates and takes contributions."""

from __future__ import annotations

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from contrib_support import VALID, tree_digest


def test_init_makes_a_writable_knowledge_base(runner, mini_kb_dir, tmp_path):
    target = tmp_path / "mine"
    result = runner.invoke(cli, ["init", "--kb", str(mini_kb_dir), str(target)])
    assert result.exit_code == 0, result.output
    assert f"created knowledge base {target}" in result.output
    for name in (
        "ontology/argkb.ttl",
        "ontology/shapes.ttl",
        "data/mini.ttl",
        "data/sources/mini-source.txt",
        "README.md",
        ".gitignore",
    ):
        assert (target / name).is_file(), name
    assert (target / "queries").is_dir()
    assert ".argkb-cache/" in (target / ".gitignore").read_text()
    assert (target / "data" / "mini.ttl").read_bytes() == (
        mini_kb_dir / "data" / "mini.ttl"
    ).read_bytes()
    assert runner.invoke(cli, ["validate", "--kb", str(target)]).exit_code == 0
    added = runner.invoke(cli, ["add", "--kb", str(target), str(VALID / "editor-claim.nt")])
    assert added.exit_code == 0, added.output
    assert not (mini_kb_dir / "data" / "contributions").exists()  # the source KB is untouched
    assert len(KnowledgeBase.locate(target).data_files()) == 3  # seed, log, contribution


def test_init_copies_contributions_and_their_history(runner, mini_kb_dir, tmp_path):
    assert (
        runner.invoke(
            cli, ["add", "--kb", str(mini_kb_dir), str(VALID / "editor-claim.nt")]
        ).exit_code
        == 0
    )
    target = tmp_path / "copy"
    assert runner.invoke(cli, ["init", "--kb", str(mini_kb_dir), str(target)]).exit_code == 0
    listed = runner.invoke(cli, ["contributions", "--kb", str(target)])
    assert "1 contribution, 1 live" in listed.output


def test_init_refuses_a_folder_that_is_not_empty(runner, mini_kb_dir, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    before = tree_digest(tmp_path)
    result = runner.invoke(cli, ["init", "--kb", str(mini_kb_dir), str(target)])
    assert result.exit_code == 2 and "already exists and is not empty" in result.output
    assert tree_digest(tmp_path) == before


def test_init_from_the_bundled_knowledge_base(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    result = runner.invoke(cli, ["init", "kb"])
    assert result.exit_code == 0, result.output
    assert list((tmp_path / "kb" / "data").glob("*.ttl"))
    assert (tmp_path / "kb" / "ontology" / "shapes.ttl").is_file()
