"""``argkb anchor``: offsets filled in and corrected from the exact text; never a guess between
occurrences."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from argkb.cli.main import cli
from argkb.vocab.namespaces import ARGKB, KB, OA

TEXT = (
    "If the United States eases sanctions, Russia could grow bolder. Allies might then doubt "
    "American resolve."
)
PREFIXES = """@prefix argkb: <https://w3id.org/argkb/ontology#> . @prefix kb: \
<https://w3id.org/argkb/id/> .
@prefix oa: <http://www.w3.org/ns/oa#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
CLAIM = """kb:claim-doubt-2 a argkb:Claim ; rdfs:label "allies doubt" ;
    argkb:statement "Allies might then doubt American resolve." ;
    argkb:evidence [ a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "Allies might then \
doubt American resolve." ] .
kb:q-bolder-2 a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "Russia could grow bolder." ;
    oa:start 3 ; oa:end 9 .
"""


def run(runner, kb_dir, *args):
    return runner.invoke(cli, ["anchor", "--kb", str(kb_dir), *map(str, args)])


def test_fills_in_blank_node_quotes_and_corrects_wrong_offsets(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "c.ttl"
    path.write_text(PREFIXES + CLAIM, encoding="utf-8")
    result = run(runner, mini_kb_dir, path, "--write")
    assert result.exit_code == 0, result.output
    doubt, bolder = TEXT.index("Allies might"), TEXT.index("Russia could")
    assert f"oa:start {doubt}, oa:end {len(TEXT)}" in result.stderr
    assert f"offsets [3, 9) → [{bolder}, {bolder + 25})" in result.stderr
    assert 'the quote "Allies might then doubt American resolve."' in result.stderr
    expected = Graph().parse(data=PREFIXES + CLAIM, format="turtle")
    expected.set((KB["q-bolder-2"], OA.start, Literal(bolder)))
    expected.set((KB["q-bolder-2"], OA.end, Literal(bolder + 25)))
    blank = expected.value(KB["claim-doubt-2"], ARGKB.evidence)
    expected.add((blank, OA.start, Literal(doubt)))
    expected.add((blank, OA.end, Literal(len(TEXT))))
    assert isomorphic(Graph().parse(path, format="turtle"), expected)
    assert runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), str(path)]).exit_code == 0
    again = run(runner, mini_kb_dir, path)
    assert again.exit_code == 0 and "0 filled in, 0 corrected, 2 already right" in again.stderr


def test_pasted_wording_becomes_the_stored_wording(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "c.ttl"
    path.write_text(
        PREFIXES
        + 'kb:q a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "russia  could\\ngrow '
        'bolder" .',
        encoding="utf-8",
    )
    result = run(runner, mini_kb_dir, path, "-o", tmp_path / "out.ttl")
    assert result.exit_code == 0, result.output
    out = Graph().parse(tmp_path / "out.ttl", format="turtle")
    assert out.value(KB.q, OA.exact) == Literal("Russia could grow bolder")
    assert "russia  could" in path.read_text(encoding="utf-8")  # -o leaves the input alone


def test_several_occurrences_are_never_guessed(runner, mini_kb_dir, tmp_path):
    (mini_kb_dir / "data" / "sources" / "mini-source.txt").write_text(
        TEXT + " Russia could grow bolder.", encoding="utf-8"
    )
    path = tmp_path / "c.ttl"
    path.write_text(
        PREFIXES + 'kb:q a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "Russia could grow '
        'bolder." .',
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = run(runner, mini_kb_dir, path, "--write")
    assert result.exit_code == 1
    assert "occurs 2 times" in result.stderr and "--near OFFSET" in result.stderr
    assert f"at {TEXT.index('Russia')}, {len(TEXT) + 1}" in result.stderr
    assert path.read_bytes() == before


def test_absent_text_and_unregistered_source_say_what_to_do(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "c.ttl"
    path.write_text(
        PREFIXES + 'kb:q a argkb:Quote ; oa:hasSource kb:mini-source ; oa:exact "Russia could grow '
        'weaker." .\n'
        'kb:r a argkb:Quote ; oa:hasSource kb:elsewhere ; oa:exact "anything" .',
        encoding="utf-8",
    )
    result = run(runner, mini_kb_dir, path)
    assert result.exit_code == 1
    assert "the closest passage is" in result.stderr and "Russia could grow bolder" in result.stderr
    assert (
        "kb:elsewhere has no registered text; register the article with `argkb source add FILE "
        "--id elsewhere" in result.stderr
    )


def test_write_refuses_files_it_would_turn_into_another_format(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "c.jsonld"
    path.write_text("{}", encoding="utf-8")
    result = run(runner, mini_kb_dir, path, "--write")
    assert result.exit_code == 2 and "-o OUT.ttl" in result.output
    assert path.read_text(encoding="utf-8") == "{}"


def test_write_keeps_the_files_comments_and_layout(runner, mini_kb_dir, tmp_path):
    """--write edits only the offsets and wording in the file's own text: every comment, blank line
    and the author's order stay; the file reads back as the anchored graph."""
    commented = (
        PREFIXES
        + "\n# Claims from the mini source.  (keep this comment)\n\n"
        + CLAIM.replace(
            'oa:exact "Russia could grow bolder." ;',
            'oa:exact "russia  could grow bolder." ;   # pasted, wrong case: anchor fixes it',
        )
        + "\n# the end of the file\n"
    )
    path = tmp_path / "c.ttl"
    path.write_text(commented, encoding="utf-8")
    result = run(runner, mini_kb_dir, path, "--write")
    assert result.exit_code == 0, result.output
    assert "re-serialised" not in result.stderr
    written = path.read_text(encoding="utf-8")
    for comment in (
        "# Claims from the mini source.  (keep this comment)",
        "# pasted, wrong case: anchor fixes it",
        "# the end of the file",
    ):
        assert comment in written
    bolder, doubt = TEXT.index("Russia could"), TEXT.index("Allies might")
    g = Graph().parse(path, format="turtle")
    assert (g.value(KB["q-bolder-2"], OA.start), g.value(KB["q-bolder-2"], OA.end)) == (
        Literal(bolder),
        Literal(bolder + 25),
    )
    assert g.value(KB["q-bolder-2"], OA.exact) == Literal("Russia could grow bolder.")
    blank = g.value(KB["claim-doubt-2"], ARGKB.evidence)
    assert (g.value(blank, OA.start), g.value(blank, OA.end)) == (
        Literal(doubt),
        Literal(len(TEXT)),
    )
    # the rest of the text is untouched: removing the new values gives back the original lines
    assert written.splitlines()[:6] == commented.splitlines()[:6]
