"""argkb-flavoured Argdown written by hand or by ``argkb draft`` (docs/argdown.md): ``read_graph``
reads pcs, fuzzy quotes and defaults and names the line of an error, ``argkb add`` takes an Argdown
file, and the documented example adds to the seed. The exports' round trips are in
test_argdown_flavour.py."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from argdown_flavour_support import SEED_TEXT, official_parser, same, texts
from argkb.cli.main import cli
from argkb.export import argdown_flavour as fl
from argkb.export.argdown import safe_text, to_argdown_text
from argkb.interop.argdown_flavoured import read_graph
from argkb.interop.model import MapError
from argkb.vocab.namespaces import ARGKB, KB
from conftest import REPO

HAND = """===
title: a hand-written analysis
argkb:
  source: trump-putin-ukraine-talks
  by: argkb-editors
===

[claim-scrutiny]: The relationship is scrutinised. {label: "the relationship is scrutinised", \
quote: "the relationship between Trump and Putin has always been a subject of intense scrutiny"}

[impl-speculation]: Contact sparks speculation. #implication {label: "contact sparks speculation", \
qualifier: Certain, trigger: move-donald-trump-increase-contact, affects: [public], quote: {id: \
quote-speculation, exact: "Any   interaction between them is bound to raise eyebrows"}}

<arg-speculation>: Suspicion frames contact #constructivism {warrant: "A frame of suspicion reads \
any contact as a hidden agenda."}

(1) [claim-scrutiny]
----
(2) [impl-speculation]
"""


def test_a_hand_written_document_reads_with_pcs_fuzzy_quotes_and_defaults():
    g = read_graph(HAND, "hand.argdown", texts, find=_find)
    arg, claim, impl = KB["arg-speculation"], KB["claim-scrutiny"], KB["impl-speculation"]
    assert (arg, ARGKB.premise, claim) in g and (arg, ARGKB.conclusion, impl) in g
    assert (arg, ARGKB.perspective, ARGKB.Constructivism) in g
    assert (arg, KB.x, None) not in g and g.value(arg, fl.KEYS["by"][0]) == KB["argkb-editors"]
    assert (
        g.value(claim, fl.KEYS["by"][0]) is None
    )  # quoted: the default attribution is not applied
    quote = g.value(impl, ARGKB.evidence)
    assert quote == KB["quote-speculation"]
    start, end = int(g.value(quote, fl.KEYS["start"][0])), int(g.value(quote, fl.KEYS["end"][0]))
    assert (
        SEED_TEXT[start:end] == str(g.value(quote, fl.KEYS["exact"][0]))
        and "  " not in SEED_TEXT[start:end]
    )
    assert g.value(claim, ARGKB.evidence) == KB["quote-scrutiny"]


def _find(text, words):
    from argkb.interop.anchoring import find_words

    return find_words(text, words)


@pytest.mark.parametrize(
    "change, words",
    [
        ('{label: "the relationship is scrutinised",', "line 8"),
        ("(1) [claim-scrutiny]", "line 15, column 3"),
        ('intense scrutiny"}', "line 8"),
    ],
)
def test_errors_name_the_line(change, words):
    broken = {
        '{label: "the relationship is scrutinised",': HAND.replace(
            '{label: "the relationship is scrutinised",', '{label: "x", colour: red,'
        ),
        "(1) [claim-scrutiny]": HAND.replace(
            "(1) [claim-scrutiny]\n", "(1) [claim-scrutiny]\n  + [impl-speculation]\n"
        ),
        'intense scrutiny"}': HAND.replace('intense scrutiny"}', 'intense scrutiny and more"}'),
    }[change]
    with pytest.raises(MapError, match=words):
        read_graph(broken, "hand.argdown", texts, find=None)


def test_plain_argdown_is_not_taken_for_the_flavour(tmp_path, runner):
    plain = tmp_path / "plain.argdown"
    plain.write_text("[T]: Taxes should fall.\n  + <G>: Growth. #realism\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", "--kb", str(REPO), str(plain), "--from", "argdown"])
    assert result.exit_code == 0, result.output
    assert "argkb:todo" in result.output and "plain-claim" in result.output


def test_what_the_body_cannot_hold_goes_to_the_data_and_still_round_trips():
    from rdflib import Literal

    g = Graph()
    odd = KB["claim-odd"]
    for p, o in (
        (RDF.type, ARGKB.Claim),
        (ARGKB.statement, Literal("A #tag and [brackets] {x} // not a comment", lang="en")),
        (fl.KEYS["label"][0], Literal("no language")),
        (fl.KEYS["comment"][0], Literal("deux", lang="fr")),
        (fl.KEYS["asOf"][0], Literal("2024", datatype=fl.XSD.gYear)),
    ):
        g.add((odd, p, o))
    assert not safe_text("A #tag and [brackets]")
    same(read_graph(to_argdown_text(g), "odd.argdown", texts), g)


def test_the_draft_as_argdown_parses_and_imports_back_to_the_turtle_draft(tmp_path, runner):
    paths = {
        fmt: tmp_path / f"draft.{ext}" for fmt, ext in (("argdown", "argdown"), ("turtle", "ttl"))
    }
    for fmt, path in paths.items():
        result = runner.invoke(
            cli,
            [
                "draft",
                "--kb",
                str(REPO),
                "trump-putin-ukraine-talks",
                "--format",
                fmt,
                "-o",
                str(path),
            ],
        )
        assert result.exit_code == 0, result.output
    [parsed] = official_parser([paths["argdown"]])
    turtle = Graph().parse(paths["turtle"])
    implications = set(turtle.subjects(RDF.type, ARGKB.Implication))
    assert parsed["errors"] == [] and parsed["statements"] == len(implications) > 10
    back = tmp_path / "back.ttl"
    result = runner.invoke(
        cli,
        ["import", "--kb", str(REPO), str(paths["argdown"]), "--from", "argdown", "-o", str(back)],
    )
    assert result.exit_code == 0, result.output
    same(Graph().parse(back), turtle)
    assert "// <arg-" in paths["argdown"].read_text(
        encoding="utf-8"
    )  # the argument templates, commented


ADDED = """===
argkb:
  source: trump-putin-ukraine-talks
  by: argkb-editors
===

[impl-test-unsettled]: Closed-door talks unsettle the allies. #implication {label: "closed-door \
talks unsettle allies", QUALIFIER trigger: move-donald-trump-decrease-transparency, affects: \
european-allies, quote: {id: quote-test-closed, exact: "When discussions occur behind closed \
doors, it breeds uncertainty and mistrust"}}

<arg-test-unsettled-liberalism>: Liberal: secrecy withholds information #liberalism {warrant: \
"Talks outside institutions withhold the information allies rely on."}
  + [claim-talks-exclude-allies]
  +> [impl-test-unsettled]
"""


def test_add_takes_an_argdown_file_in_one_contribution(tmp_path, runner):
    from argkb.kb.folder import KnowledgeBase
    from argkb.kb.log import read_log

    assert runner.invoke(cli, ["init", str(tmp_path / "kb")]).exit_code == 0
    kb = tmp_path / "kb"
    before = Graph().parse(kb / "data" / "trump-putin-ukraine-talks.ttl")
    invalid = tmp_path / "invalid.argdown"
    invalid.write_text(ADDED.replace("QUALIFIER ", ""), encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--kb", str(kb), str(invalid)])
    assert (
        result.exit_code == 1 and "invalid.argdown)" in result.output and "rule 2" in result.output
    )
    assert ".ttl" not in result.output  # the scratch import is not named
    result = runner.invoke(cli, ["add", "--kb", str(kb), str(invalid), "-m", "no qualifier"])
    assert (
        result.exit_code == 1 and "rule 2" in result.output and "invalid.argdown" in result.output
    )
    assert read_log(kb / "data") == []  # refused: nothing written
    broken = tmp_path / "broken.argdown"
    broken.write_text(
        ADDED.replace("QUALIFIER ", "qualifier: Could, colour: red, "), encoding="utf-8"
    )
    result = runner.invoke(cli, ["add", "--kb", str(kb), str(broken)])
    assert (
        result.exit_code == 2
        and "broken.argdown: line 7" in result.output
        and "colour" in result.output
    )
    good = tmp_path / "good.argdown"
    good.write_text(ADDED.replace("QUALIFIER ", "qualifier: Could, "), encoding="utf-8")
    result = runner.invoke(
        cli, ["add", "--kb", str(kb), str(good), "-m", "an Argdown contribution"]
    )
    assert result.exit_code == 0, result.output
    [entry] = read_log(kb / "data")
    assert entry.inputs == ["good.argdown"]
    added = KnowledgeBase.locate(kb).graph()
    quote = KB["quote-test-closed"]
    assert (KB["impl-test-unsettled"], ARGKB.evidence, quote) in added and len(added) > len(before)
    start = int(added.value(quote, fl.KEYS["start"][0]))
    assert SEED_TEXT[start:].startswith("When discussions occur behind closed doors")


def test_the_documented_example_parses_and_adds_to_the_seed(tmp_path, runner):
    """docs/argdown.md's full example: the official parser reads it, and it adds to a copy of the
    bundled knowledge base (validated there: no violation), with every part of the flavour in the
    graph."""
    import re

    from argkb.kb.folder import KnowledgeBase

    page = (REPO / "docs" / "argdown.md").read_text(encoding="utf-8")
    example = tmp_path / "example.argdown"
    example.write_text(
        re.search(r"^```argdown\n(.*?)^```$", page, re.S | re.M)[1], encoding="utf-8"
    )
    [parsed] = official_parser([example])
    assert parsed["errors"] == [] and (parsed["statements"], parsed["arguments"]) == (6, 3)
    assert runner.invoke(cli, ["init", str(tmp_path / "kb")]).exit_code == 0
    result = runner.invoke(
        cli, ["add", "--kb", str(tmp_path / "kb"), str(example), "-m", "the documented example"]
    )
    assert result.exit_code == 0 and "0 violations" in result.output, result.output
    g = KnowledgeBase.locate(tmp_path / "kb").graph()
    undercut, realist = (
        KB["arg-example-relief-weakness-diplomatic-attack"],
        KB["arg-example-relief-reads-as-weakness-realist"],
    )
    assert (undercut, ARGKB.attacks, realist) in g and (undercut, ARGKB.force, ARGKB.Weaken) in g
    assert (KB["claim-example-relief-is-leverage"], ARGKB.heldBy, ARGKB.DiplomaticPractice) in g
    assert (KB["claim-example-sanctions-double-edged"], RDF.type, ARGKB.Framing) in g
    assert g.value(KB["move-example-trump-offers-relief"], ARGKB.direction) == ARGKB.Increase
