"""A knowledge base inside argkb's own source checkout is read-only unless named (issue 22): running
argkb from a clone must not write into the repository's data/. Naming it (--kb, $ARGKB_HOME) still
can."""

from __future__ import annotations

import shutil
from pathlib import Path

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase, checkout_of
from conftest import DATA, REPO

CONTRIBUTION = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .

kb:claim-checkout-test a argkb:Claim ; rdfs:label "a claim"@en ;
    argkb:statement "A claim added by a test."@en ; prov:wasAttributedTo kb:argkb-editors .
"""


def fake_checkout(folder: Path) -> Path:
    """A folder shaped like argkb's repository: pyproject.toml naming argkb, src/argkb/, ontology/,
    data/."""
    (folder / "src" / "argkb").mkdir(parents=True)
    (folder / "src" / "argkb" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "pyproject.toml").write_text('[project]\nname = "argkb"\n', encoding="utf-8")
    shutil.copytree(REPO / "ontology", folder / "ontology")
    shutil.copytree(DATA / "kb" / "data", folder / "data")
    return folder


def test_the_repository_is_a_checkout_and_a_copy_is_not(tmp_path):
    assert checkout_of(REPO) == REPO and checkout_of(REPO / "tests" / "data" / "kb") == REPO
    assert checkout_of(tmp_path) is None


def test_adding_inside_a_checkout_is_refused_with_the_init_hint(tmp_path, monkeypatch, runner):
    root = fake_checkout(tmp_path / "argkb")
    (tmp_path / "c.ttl").write_text(CONTRIBUTION, encoding="utf-8")
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    monkeypatch.chdir(root)
    before = sorted(p.name for p in (root / "data").rglob("*"))
    result = runner.invoke(cli, ["add", str(tmp_path / "c.ttl"), "--author", "t", "-m", "test"])
    assert result.exit_code == 2, result.output
    assert (
        "inside argkb's own source checkout" in result.output and "argkb init DIR" in result.output
    )
    assert sorted(p.name for p in (root / "data").rglob("*")) == before
    assert runner.invoke(cli, ["validate"]).exit_code == 0  # reading is fine
    assert not KnowledgeBase.locate(cwd=root).named and KnowledgeBase.locate(cwd=root).in_checkout


def test_naming_the_checkout_makes_it_writable(tmp_path, monkeypatch, runner):
    root = fake_checkout(tmp_path / "argkb")
    (tmp_path / "c.ttl").write_text(CONTRIBUTION, encoding="utf-8")
    monkeypatch.delenv("ARGKB_HOME", raising=False)
    monkeypatch.chdir(root)
    result = runner.invoke(
        cli, ["add", str(tmp_path / "c.ttl"), "--kb", str(root), "--author", "t", "-m", "test"]
    )
    assert result.exit_code == 0, result.output
    assert list((root / "data" / "contributions").glob("*.ttl"))
