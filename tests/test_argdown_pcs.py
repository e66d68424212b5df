"""Multi-step premise-conclusion structures in argkb-flavoured Argdown (docs/argdown.md, "Chains of
inference steps"): each inference step is an argument, each intermediate conclusion a claim; the
fixtures (tests/data/interop/argdown-pcs) import to their hand-written graphs, the official parser
reads them as the same chains, and what cannot be imported is refused with its line."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph

from argdown_flavour_support import official_parser, same, texts
from argkb.cli.main import cli
from argkb.export.argdown import to_argdown_text
from argkb.interop.argdown_flavoured import read_graph
from argkb.vocab.namespaces import ARGKB, KB
from conftest import REPO

PCS = REPO / "tests" / "data" / "interop" / "argdown-pcs"
FIXTURES = ["two-step", "three-step"]


def imported(runner, tmp_path, path):
    out = tmp_path / (path.stem + ".ttl")
    result = runner.invoke(
        cli, ["import", "--kb", str(REPO), str(path), "--from", "argdown", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return Graph().parse(out)


@pytest.mark.parametrize("name", FIXTURES)
def test_a_chain_imports_to_its_hand_written_graph(runner, tmp_path, name):
    g = imported(runner, tmp_path, PCS / f"{name}.argdown")
    same(g, Graph().parse(PCS / f"{name}.ttl"))


def test_the_official_parser_reads_the_same_chains():
    """Its roles (premise, intermediary and main conclusion) and inference data are the steps'."""
    results = official_parser([PCS / f"{name}.argdown" for name in FIXTURES])
    for name, result in zip(FIXTURES, results):
        assert result["errors"] == [], name
        g = Graph().parse(PCS / f"{name}.ttl")
        chain = next(iter(result["pcs"].values()))
        roles = [m["role"] for m in chain]
        steps = [s for s in g.subjects(ARGKB.conclusion, None)]
        assert roles.count("intermediary-conclusion") == len(steps) - 1
        assert roles[-1] == "main-conclusion"
        intermediate = [m for m in chain if m["role"] == "intermediary-conclusion"]
        for n, member in enumerate(intermediate, 1):
            step = next(s for s in steps if str(s).endswith(f"-step-{n}"))
            warrant = str(g.value(step, ARGKB.warrant))
            assert warrant in member["rules"] or member["data"].get("warrant") == warrant, name
    three = next(iter(results[1]["pcs"].values()))
    lenses = [m["data"].get("lens") for m in three if m["role"] != "premise"]
    assert lenses == [None, "Realism", None]


def test_an_exported_chain_imports_back_to_the_same_graph():
    """The export writes the steps as the separate arguments they are; that reads back the same."""
    g = Graph().parse(PCS / "three-step.ttl")
    same(read_graph(to_argdown_text(g, texts), "back.argdown", texts), g)


def test_the_documented_chain_parses_and_adds_to_the_seed(tmp_path, runner):
    from argkb.kb.folder import KnowledgeBase

    page = (REPO / "docs" / "argdown.md").read_text(encoding="utf-8")
    section = page[page.index("## Chains of inference steps") :]
    example = tmp_path / "chain.argdown"
    block = re.search(r"^```argdown\n(.*?)^```$", section, re.S | re.M)[1]
    example.write_text(block, encoding="utf-8")
    [parsed] = official_parser([example])
    assert parsed["errors"] == [] and parsed["statements"] == 6
    assert runner.invoke(cli, ["init", str(tmp_path / "kb")]).exit_code == 0
    result = runner.invoke(
        cli, ["add", "--kb", str(tmp_path / "kb"), str(example), "-m", "a chain"]
    )
    assert result.exit_code == 0 and "0 violations" in result.output, result.output
    g = KnowledgeBase.locate(tmp_path / "kb").graph()
    arg = "arg-example-relief-eases-pressure"
    assert g.value(KB[arg + "-step-2"], ARGKB.perspective) == ARGKB.Realism
    assert g.value(KB[arg + "-step-1"], ARGKB.perspective) == ARGKB.Liberalism
    middle = KB["claim-easing-sanctions-restore-part-russia"]
    assert (KB[arg + "-step-1"], ARGKB.conclusion, middle) in g
    assert (KB[arg + "-step-2"], ARGKB.premise, middle) in g


HEAD = """===
argkb:
  by: argkb-editors
===

[claim-a]: A holds. {label: "a"}

[claim-b]: B holds. {label: "b"}

<arg-x>: X #realism {warrant: "w"}

"""


@pytest.mark.parametrize(
    "body, line, words",
    [
        ("(1) [claim-a]\n----\n----\n(2) [claim-b]\n", 14, "two inference lines"),
        ("(1) [claim-a]\n----\n(2) Then C.\n----\n", 15, "no conclusion below it"),
        ("----\n(1) [claim-a]\n", 12, "no premise above it"),
        ("(1) [claim-a]\n(2) [claim-b]\n", 12, "has no inference line"),
        ("(1) [claim-a]\n----\n(2) [claim-b]\n(3) [claim-a]\n", 15, "follows the last conclusion"),
        (
            "(1) [claim-a]\n-- {uses: [1, 7]} --\n(2) Then C.\n----\n(3) [claim-b]\n",
            13,
            "uses: [7]",
        ),
        ("(1) [claim-a]\n----\n(2) Then C.\n----\n(3) Then D.\n", 16, "without an id"),
        ("(1) <arg-y>\n----\n(2) [claim-b]\n", 12, "is an argument"),
        (
            "(1) [claim-a]\n----\n(2) Then C.\n-- Because. --\n(3) [claim-b]\n",
            15,
            "on the argument and on its last inference line",
        ),
        ("(1) [claim-a]\n-- {colour: red} --\n(2) Then C.\n----\n(3) [claim-b]\n", 13, "colour"),
        (
            "(1) [claim-a]\n-- {lens: Realism, perspective: Realism} --\n(2) Then C.\n----\n"
            "(3) [claim-b]\n",
            13,
            "give the lens once",
        ),
    ],
)
def test_what_cannot_be_imported_is_refused_with_its_line(runner, tmp_path, body, line, words):
    bad = tmp_path / "bad.argdown"
    bad.write_text(HEAD + body, encoding="utf-8")
    out = tmp_path / "bad.ttl"
    result = runner.invoke(cli, ["import", str(bad), "--from", "argdown", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"bad.argdown: line {line}" in result.output and words in result.output
    assert "Traceback" not in result.output and not out.exists()
    message = result.output.strip().splitlines()
    assert len(message) == 1 and not re.search(r"[.;] [A-Z]", message[0])  # one sentence
