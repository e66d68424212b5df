"""``argkb draft``: valid Turtle, quotes anchored in the stored text, proposals marked as such,
and ``argkb validate`` failing with exactly one message per open TODO."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF, RDFS

from argkb.vocab import ARGKB, KB, OA

REPO = Path(__file__).resolve().parent.parent
SEED_TEXT = (REPO / "data" / "sources" / "trump-putin-ukraine-talks.txt").read_text(
    encoding="utf-8"
)


def _cli():
    from argkb.cli.main import cli

    return cli


@pytest.fixture(scope="module")
def seed_draft(tmp_path_factory) -> tuple[Path, Graph]:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("draft") / "draft.ttl"
    result = CliRunner().invoke(
        _cli(), ["draft", "trump-putin-ukraine-talks", "--kb", str(REPO), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out, Graph().parse(out, format="turtle")


def test_every_quote_is_the_text_at_its_offsets(seed_draft):
    _, g = seed_draft
    quotes = list(g.subjects(RDF.type, ARGKB.Quote))
    assert len(quotes) >= 25
    for q in quotes:
        start, end, exact = (g.value(q, p).toPython() for p in (OA.start, OA.end, OA.exact))
        assert SEED_TEXT[start:end] == exact
        assert g.value(q, OA.hasSource) == KB["trump-putin-ukraine-talks"]


def test_every_implication_quotes_its_sentence_and_marks_its_proposals(seed_draft):
    _, g = seed_draft
    implications = list(g.subjects(RDF.type, ARGKB.Implication))
    assert implications
    for impl in implications:
        quote = g.value(impl, ARGKB.evidence)
        assert " ".join(str(g.value(quote, OA.exact)).split()) == str(
            g.value(impl, ARGKB.statement)
        )
        proposed = set(g.objects(impl, ARGKB.proposed))
        assert {ARGKB.qualifier, RDFS.label} <= proposed
        assert (ARGKB.trigger in proposed) == (g.value(impl, ARGKB.trigger) is not None)
        assert len(list(g.objects(impl, ARGKB.todo))) >= 2  # the move and the arguments


def test_strain_allies_sentence_gets_the_moves_and_actors_it_names(seed_draft):
    _, g = seed_draft
    start = SEED_TEXT.index("For instance, if Trump signals a willingness to ease sanctions")
    [impl] = [
        i
        for i in g.subjects(RDF.type, ARGKB.Implication)
        if g.value(g.value(i, ARGKB.evidence), OA.start).toPython() == start
    ]
    assert g.value(impl, ARGKB.qualifier) == ARGKB.Could  # "it could strain relations"
    assert KB["move-donald-trump-decrease-sanctions"] in set(
        g.objects(impl, ARGKB.trigger)
    )  # Trump + ease sanctions
    affects = set(g.objects(impl, ARGKB.affects))
    assert {KB.russia, KB.ukraine} <= affects
    assert KB["donald-trump"] not in affects  # the mover, not the affected


def test_validate_gives_one_clear_violation_per_open_todo(seed_draft):
    from click.testing import CliRunner

    path, g = seed_draft
    todos = {(str(s), str(o)) for s, o in g.subject_objects(ARGKB.todo)}
    result = CliRunner().invoke(
        _cli(), ["validate", "--kb", str(REPO), str(path), "--format", "json"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    report = json.loads(result.output)
    violations = [r for r in report["results"] if r["severity"] == "Violation"]
    assert len(violations) == len(todos)
    assert {
        (r["focus"], re.match(r"open TODO: (.*) \(delete", r["message"]).group(1))
        for r in violations
    } == todos


def test_a_todo_deleted_but_not_done_brings_the_rule_back(seed_draft, tmp_path):
    from argkb.kb.folder import KnowledgeBase
    from argkb.validation.validate import validate

    _, g = seed_draft
    impl = next(iter(g.subjects(RDF.type, ARGKB.Implication)))
    g.remove((impl, ARGKB.todo, None))
    path = tmp_path / "edited.ttl"
    g.serialize(path, format="turtle")
    mine = [
        r for r in validate(KnowledgeBase.locate(REPO), [path]).violations if r.focus == str(impl)
    ]
    assert any("rationale" in r.message for r in mine), [r.message for r in mine]
    assert not any(r.message.startswith("open TODO") for r in mine)


def test_claims_drafts_the_other_claims_too(tmp_path):
    from click.testing import CliRunner

    out = tmp_path / "draft.ttl"
    result = CliRunner().invoke(
        _cli(),
        ["draft", "kb:trump-putin-ukraine-talks", "--claims", "--kb", str(REPO), "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    g = Graph().parse(out, format="turtle")
    claims = set(g.subjects(RDF.type, ARGKB.Claim))
    assert len(claims) >= 20
    statements = {str(g.value(c, ARGKB.statement)) for c in claims}
    assert "Secondly, Ukraine remains a highly sensitive and contested region." in statements
    assert "Why do these talks matter?" not in statements  # a question is not a claim


def test_unregistered_source_is_a_usage_error_naming_source_add(tmp_path):
    from click.testing import CliRunner

    result = CliRunner().invoke(_cli(), ["draft", "no-such-article", "--kb", str(REPO)])
    assert result.exit_code == 2
    assert "argkb source add" in result.output and "kb:no-such-article" in result.output
    assert "Traceback" not in result.output


def test_unquoted_consequences_leaves_out_the_sentences_implications_quote():
    from argkb.author.detect import detect
    from argkb.author.draft import unquoted_consequences
    from argkb.kb.folder import KnowledgeBase

    kb = KnowledgeBase.locate(REPO)
    left = unquoted_consequences(kb, "trump-putin-ukraine-talks")
    every = detect(SEED_TEXT)
    strain = SEED_TEXT.index("For instance, if Trump signals a willingness to ease sanctions")
    assert 0 < len(left) < len(every)
    assert strain in {f.sentence.start for f in every}
    assert strain not in {f.sentence.start for f in left}  # kb:impl-strain-allies quotes it


def test_the_draft_parses_when_a_name_wraps_the_text_holds_a_nul_or_a_line_ends_in_a_quote(
    mini_kb_dir, runner
):
    """An actor's name wrapped across lines ended the proposal's comment (the rest of the name was
    read as Turtle), a NUL and a line break after `\\"` were written by f-strings into strings
    pyoxigraph rejects: the draft is now written term by term by the strict serialiser and re-parsed
    before it is returned."""
    import pyoxigraph as ox

    from argkb.rdf.strict import ox_triples

    article = mini_kb_dir / "article.txt"
    article.write_text(
        "If sanctions are lifted, the United\nStates could lose leverage over Russia.\n"
        'If the talks fail, Russia might say "no\\"\nagain.\n'
        "If Europe acts, the X deal would hold.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        _cli(),
        ["source", "add", str(article), "--id", "art", "--title", "Art", "--kb", str(mini_kb_dir)],
    )
    assert result.exit_code == 0, result.output
    stored = mini_kb_dir / "data" / "sources" / "art.txt"
    stored.write_text(stored.read_text(encoding="utf-8").replace(" X ", " \0 "), encoding="utf-8")
    out = mini_kb_dir / "draft.ttl"
    result = runner.invoke(_cli(), ["draft", "art", "--kb", str(mini_kb_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    strict = list(ox.parse(data, ox.RdfFormat.TURTLE))  # raises on anything the grammar forbids
    g = Graph().parse(data=data.decode(), format="turtle")
    assert {q.triple for q in strict} == ox_triples(g)
    exact = {str(o) for o in g.objects(None, OA.exact)}
    assert "If sanctions are lifted, the United\nStates could lose leverage over Russia." in exact
    assert 'If the talks fail, Russia might say "no\\"\nagain.' in exact
    assert "If Europe acts, the \0 deal would hold." in exact
    assert ARGKB.affects in set(g.predicates()) and KB["move-us-decrease-sanctions"] in set(
        g.objects(None, ARGKB.trigger)
    )
    assert '("United States")' in data.decode()  # the wrapped name, on one comment line


def test_comment_text_is_one_line():
    from argkb.rdf.serialize import comment_text

    assert comment_text("a\nb\rc\x1b[31md\u2028e\0f") == "a b c [31md e f"
    assert len(comment_text("x" * 1000)) == 300
