"""`argkb import --from argdown`: the real Argdown examples (tests/data/interop/argdown, MIT, see
SOURCES.md there) import whole, with every titled statement and argument accounted for and
validation listing only the TODOs; what lies outside the subset is refused with line and column."""

from __future__ import annotations

import re

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from argkb.cli.main import cli
from argkb.interop.argdown import Reader, read
from argkb.interop.argdown_layout import clean
from argkb.validation import validate
from argkb.validation.report import curie
from argkb.vocab.namespaces import ARGKB
from import_support import SAMPLES, imported, open_decisions

ARGDOWN = sorted(p.name for p in (SAMPLES / "argdown").glob("*.argdown"))
_RELATION_LINE = re.compile(r"^\s*(\+>|->|<\+|<-|_>|<_|><|\+|-)\s", re.M)


def titles(path, open_, close):
    text = clean(path.read_text(encoding="utf-8"))
    text = re.sub(
        r"\[[^\[\]\n]*\]\([^()\s]*\)|@\[[^\]]*\]|@<[^>]*>|\{(?:[^{}]|\{[^{}]*\})*\}", "", text
    )  # links, mentions, data
    return {
        " ".join(t.split())
        for t in re.findall(re.escape(open_) + r"([^\[\]<>\n]+)" + re.escape(close), text)
    }


@pytest.mark.parametrize("name", ARGDOWN)
def test_argdown_examples_import_whole(repo_kb, tmp_path, name):
    path, g, summary = imported(tmp_path, f"argdown/{name}", "argdown")
    source = SAMPLES / "argdown" / name
    # every relation line of the file was read as a relation
    reader = Reader(name)
    reader.parse(source.read_text(encoding="utf-8"))
    assert len(reader.relations) == len(
        _RELATION_LINE.findall(clean(source.read_text(encoding="utf-8")))
    )
    # every [statement] and <argument> title is a claim or an argument's label
    labels = {str(o) for o in g.objects(None, RDFS.label)}
    assert titles(source, "[", "]") <= labels
    assert {t for t in titles(source, "<", ">")} <= {
        re.sub(r" \(.*\)$", "", label) for label in labels
    }
    # validation lists exactly the TODOs: a lens and a warrant for each argument
    args = set(g.subjects(RDF.type, ARGKB.Argument))
    found = open_decisions(validate(repo_kb, [path]))
    assert found == {(curie(a), p) for a in args for p in ("argkb:perspective", "argkb:warrant")}


def test_veggie_debate_has_the_relations_the_map_holds(tmp_path):
    _, g, summary = imported(tmp_path, "argdown/veggie_debate.argdown", "argdown")
    assert (summary["supports"], summary["attacks"]) == (35, 23)  # as SOURCES.md counts them


def test_pcs_and_relations_map_onto_arguments():
    m = read(
        """[T]: Taxes should fall.

<Growth>: Lower taxes raise growth. #realism

(1) Lower taxes raise investment.
(2) More investment raises growth.
--
Chain rule {uses: [1,2]}
--
(3) Lower taxes raise growth.
  +> [T]

[T]
  - <Debt>: Lower taxes raise the debt.
    _> <Growth>
  >< [U]: Taxes should rise.
""",
        "t.argdown",
    )
    by_title = {i.title: i for i in m.inferences.values()}
    step = by_title["Growth (Chain rule)"]
    assert (
        step.kind,
        [m.statements[p].text for p in step.premises],
        m.statements[step.target].text,
    ) == (
        "support",
        ["Lower taxes raise investment.", "More investment raises growth."],
        "Lower taxes raise growth.",
    )
    assert step.tags == ["realism"]
    onward = [i for i in m.inferences.values() if i.target == "s:T" and i.kind == "support"]
    assert [m.statements[p].text for p in onward[0].premises] == ["Lower taxes raise growth."]
    undercut = [i for i in m.inferences.values() if i.target == step.id]
    assert [(i.kind, i.title) for i in undercut] == [("attack", "Debt")]
    contradiction = {
        (i.premises[0], i.target)
        for i in m.inferences.values()
        if i.kind == "attack" and {i.target, i.premises[0]} == {"s:T", "s:U"}
    }
    assert contradiction == {("s:T", "s:U"), ("s:U", "s:T")}


@pytest.mark.parametrize(
    "tag,lens",
    [
        ("#realism", ARGKB.Realism),
        ("#(Diplomatic practice)", ARGKB.DiplomaticPractice),
        ("#security_analysis", ARGKB.SecurityAnalysis),
    ],
)
def test_a_perspective_tag_sets_the_lens(repo_kb, tmp_path, tag, lens):
    source = tmp_path / "lens.argdown"
    source.write_text(
        f"[T]: Sanctions work.\n  + <Trade>: Trade ties restrain states. {tag}\n", encoding="utf-8"
    )
    out = tmp_path / "lens.ttl"
    from argkb.interop.convert import convert

    out.write_text(convert(source, "argdown")[0], encoding="utf-8")
    g = Graph().parse(out)
    arg = next(g.subjects(RDF.type, ARGKB.Argument))
    assert (arg, ARGKB.perspective, lens) in g
    assert {p for _, p in open_decisions(validate(repo_kb, [out]))} == {"argkb:warrant"}


@pytest.mark.parametrize(
    "text,where,what",
    [
        ("[A]: fine.\n\n[B]: a {broken brace.\n", "line 3, column 8", "outside the Argdown subset"),
        ("  + [A]: a support of nothing\n", "line 1, column 3", "nothing above it"),
        ("[A]: x\n\n--\n", "line 3, column 1", "outside a premise-conclusion structure"),
    ],
)
def test_outside_the_subset_is_refused_with_line_and_column(runner, tmp_path, text, where, what):
    bad = tmp_path / "bad.argdown"
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(bad), "--from", "argdown"])
    assert result.exit_code == 2, result.output
    assert f"bad.argdown: {where}: " in result.output and what in result.output
    assert "Traceback" not in result.output


def test_a_second_inference_step_uses_the_first_conclusion_and_what_follows():
    m = read(
        """<Chain>

(1) A holds.
(2) If A then B.
----
(3) B holds.
(4) If B then C.
----
(5) C holds.
""",
        "chain.argdown",
    )
    steps = sorted(m.inferences.values(), key=lambda i: i.id)
    assert [
        ([m.statements[p].text for p in i.premises], m.statements[i.target].text) for i in steps
    ] == [(["A holds.", "If A then B."], "B holds."), (["B holds.", "If B then C."], "C holds.")]
