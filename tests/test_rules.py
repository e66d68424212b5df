"""Each rule of the design contract, broken one way per fixture, is caught and named.

Fixtures in tests/data/invalid are contributions read on top of the tiny test
knowledge base; each starts with ``# expect: rule N FOCUS``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.validation.validate import validate
from conftest import left_unchanged, make_kb

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.ttl"))
WARNINGS = sorted((DATA / "warnings").glob("*.ttl"))
VALID = sorted((DATA / "valid").glob("*.ttl"))
EXPECT = re.compile(r"^# expect: rule (\d+) (\S+)$", re.M)


def expectation(path: Path) -> tuple[int, str]:
    rule, focus = EXPECT.search(path.read_text()).groups()
    return int(rule), focus


def with_texts(folder: Path) -> Path:
    for text in (DATA / "invalid" / "sources").glob("*.txt"):
        shutil.copy(text, folder / "data" / "sources" / text.name)
    return folder


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    """One copy of the tiny knowledge base, its store built once, for the tests that only read it:
    they validate a fixture beside it. The copy is checked unchanged at the end."""
    with left_unchanged(with_texts(make_kb(tmp_path_factory.mktemp("rules") / "kb"))) as folder:
        yield KnowledgeBase.locate(folder)


def test_every_rule_has_invalid_fixtures():
    rules = {expectation(p)[0] for p in INVALID} | {expectation(p)[0] for p in WARNINGS}
    assert rules == set(range(8))


def test_mini_kb_conforms_without_warnings(kb):
    report = validate(kb)
    assert report.conforms, report.to_text()
    assert report.warnings == []


@pytest.mark.parametrize("fixture", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_is_refused_naming_node_rule_and_file(kb, fixture):
    rule, focus = expectation(fixture)
    report = validate(kb, [fixture])
    assert not report.conforms
    hits = [r for r in report.violations if r.focus_name == focus and r.rule == rule]
    assert hits, report.to_text()
    assert all(r.rule == rule for r in report.violations), report.to_text()
    assert all(r.message for r in report.violations)
    if (
        focus != "kb:russia"
        and not focus.startswith("kb:claim-signals")
        and not focus.startswith("kb:arg-doubt")
    ):
        assert hits[0].file.endswith(fixture.name) and hits[0].line is not None


@pytest.mark.parametrize("fixture", WARNINGS, ids=[p.stem for p in WARNINGS])
def test_rule7_gives_warnings_not_violations(kb, fixture):
    rule, focus = expectation(fixture)
    report = validate(kb, [fixture])
    assert report.conforms, report.to_text()
    assert [(r.rule, r.focus_name, r.severity) for r in report.results] == [
        (rule, focus, "Warning")
    ]


@pytest.mark.parametrize("fixture", VALID, ids=[p.stem for p in VALID])
def test_valid_contributions_conform(kb, fixture):
    report = validate(kb, [fixture])
    assert report.conforms and not report.warnings, report.to_text()


def test_violation_on_existing_node_names_the_file_that_defines_it(kb):
    report = validate(kb, [DATA / "invalid" / "rule1-actor-two-labels.ttl"])
    (hit,) = report.violations
    assert hit.file.endswith("mini.ttl") and hit.line is not None


def test_whole_kb_report_covers_everything(mini_kb_dir):
    with_texts(mini_kb_dir)
    shutil.copy(
        DATA / "invalid" / "rule2-implication-without-rationale.ttl",
        mini_kb_dir / "data" / "broken.ttl",
    )
    report = validate(KnowledgeBase.locate(mini_kb_dir))
    assert {(r.rule, r.focus_name) for r in report.violations} == {(2, "kb:impl-x")}
    assert any(r.file.endswith("broken.ttl") for r in report.violations)
