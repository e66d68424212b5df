"""Validation messages an author can act on (argkb.validation.hints): the offending value, what it
is, the nearest id meant, the perspectives there are, and where a quote's text really occurs."""

from __future__ import annotations

from pathlib import Path

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.validation.validate import validate

PREFIXES = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb: <https://w3id.org/argkb/id/> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


@pytest.fixture(scope="module")
def mini_kb_dir(shared_mini_kb_dir):
    """The tests here only read the tiny knowledge base: they share one copy (tests/conftest.py)."""
    return shared_mini_kb_dir


def _messages(kb: KnowledgeBase, tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "contribution.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    return [r.message for r in validate(kb, [path]).violations]


def test_a_misspelt_premise_names_the_value_and_the_id_meant(mini_kb, tmp_path):
    messages = _messages(
        mini_kb,
        tmp_path,
        """
kb:arg-new a argkb:Argument ; rdfs:label "a" ; argkb:perspective argkb:Realism ;
    argkb:premise kb:claim-signals-mater ; argkb:warrant "W." ; argkb:conclusion \
kb:impl-allies-doubt .""",
    )
    [message] = messages
    assert message.startswith(
        "premise kb:claim-signals-mater is not an argkb:Claim (nothing defines it); "
        "did you mean kb:claim-signals-matter"
    ), message  # the nearest first


def test_a_reference_to_a_node_of_another_kind_says_what_it_is(mini_kb, tmp_path):
    messages = _messages(
        mini_kb,
        tmp_path,
        """
kb:arg-new a argkb:Argument ; rdfs:label "a" ; argkb:perspective argkb:Realism ;
    argkb:premise kb:russia ; argkb:warrant "W." ; argkb:conclusion kb:impl-allies-doubt .""",
    )
    assert any(
        m.startswith("premise kb:russia is not an argkb:Claim (it is an argkb:State)")
        for m in messages
    ), messages


def test_an_undeclared_perspective_lists_the_perspectives(mini_kb, tmp_path):
    messages = _messages(
        mini_kb,
        tmp_path,
        """
kb:arg-new a argkb:Argument ; rdfs:label "a" ; argkb:perspective argkb:Realist ;
    argkb:premise kb:claim-signals-matter ; argkb:warrant "W." ; argkb:conclusion \
kb:impl-allies-doubt .""",
    )
    [message] = messages
    assert message.startswith("argkb:Realist is not a perspective; the perspectives are ")
    for lens in (
        "argkb:Realism",
        "argkb:Liberalism",
        "argkb:Constructivism",
        "argkb:DiplomaticPractice",
        "argkb:SecurityAnalysis",
    ):
        assert lens in message
    assert message.endswith("did you mean argkb:Realism?")


def test_a_misplaced_quote_says_where_its_text_occurs(mini_kb, tmp_path):
    text = (mini_kb.sources_dir / "mini-source.txt").read_text(encoding="utf-8")
    exact = text[10:40]
    assert text.count(exact) == 1
    [message] = _messages(
        mini_kb,
        tmp_path,
        f"""
kb:quote-new a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "{exact}" ; oa:start 11 ; \
oa:end 41 .""",
    )
    assert message.endswith("; the exact text occurs at [10, 40): set oa:start 10 and oa:end 40"), (
        message
    )


def test_a_quote_not_in_the_source_gets_the_closest_passage(mini_kb, tmp_path):
    text = (mini_kb.sources_dir / "mini-source.txt").read_text(encoding="utf-8")
    original = text[5:45]
    altered = original[:20] + "X" + original[21:]  # one character changed
    [message] = _messages(
        mini_kb,
        tmp_path,
        f"""
kb:quote-new a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "{altered}" ; oa:start 5 ; \
oa:end 45 .""",
    )
    assert "does not occur in the source; the closest passage" in message
    assert "at [5, 45)" in message, message


def test_an_id_of_the_wrong_kind_says_what_it_is_and_which_command_reads_it(runner, mini_kb_dir):
    from argkb.cli.main import cli

    result = runner.invoke(cli, ["impacts", "kb:impl-allies-doubt", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 2
    assert (
        "kb:impl-allies-doubt is an Implication, not a move, lever or actor: "
        "try `argkb trace kb:impl-allies-doubt`"
    ) in result.output
    result = runner.invoke(
        cli, ["trace", "kb:move-us-decrease-sanctions", "--kb", str(mini_kb_dir)]
    )
    assert (
        "kb:move-us-decrease-sanctions is a Move, not a claim: try `argkb impacts" in result.output
    )


def test_a_named_query_on_an_id_that_does_not_exist_exits_2_naming_the_id_meant(
    runner, mini_kb_dir
):
    """A parameter naming no node is a usage error: exit 2, as the help promises (0.3; it was 1)."""
    from argkb.cli.main import cli

    args = ["query", "implications-of-move", "--kb", str(mini_kb_dir), "--param"]
    result = runner.invoke(cli, args + ["move=kb:move-us-decrease-sanction"])
    assert result.exit_code == 2
    assert "no node kb:move-us-decrease-sanction in the knowledge base" in result.output
    assert "did you mean kb:move-us-decrease-sanctions" in result.output
    assert "Traceback" not in result.output
    assert runner.invoke(cli, args + ["move=kb:move-us-decrease-sanctions"]).exit_code == 0


def test_a_blank_node_quote_is_named_by_its_content_and_the_line_that_writes_it(mini_kb, tmp_path):
    text = (mini_kb.sources_dir / "mini-source.txt").read_text(encoding="utf-8")
    exact = text[0:20]
    body = f"""
kb:claim-new a argkb:Claim ; rdfs:label "new"@en ; argkb:statement "New."@en ;
    argkb:evidence [ a argkb:Quote ; oa:hasSource kb:mini-source ;
        oa:exact "{exact}" ; oa:start 1 ; oa:end 21 ] ."""
    path = tmp_path / "contribution.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    [r] = validate(mini_kb, [path]).violations
    assert r.focus.startswith("_:")  # the report's term is still the node
    assert (
        r.focus_name
        == f'[ a argkb:Quote ; oa:exact "{exact}" ] (the argkb:evidence of kb:claim-new)'
    )
    written = (PREFIXES + body).splitlines()
    assert r.line == next(i for i, line in enumerate(written, 1) if "oa:exact" in line)
    assert r.file.endswith("contribution.ttl")
    assert r.message.endswith("; the exact text occurs at [0, 20): set oa:start 0 and oa:end 20")
