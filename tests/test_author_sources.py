"""``argkb source add | list | show``: an article registered whole, in one logged contribution, or
not at all."""

from __future__ import annotations

import hashlib
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, XSD

from argkb.cli.main import cli
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import read_log
from argkb.vocab.namespaces import ARGKB, KB
from contrib_support import run_argkb, tree_digest

ARTICLE = (
    "Caf\u0065\u0301 talks\r\n"
    "If the talks fail, sanctions could be tightened.\rEurope might then rearm.\n"
)


def invoke(runner, kb_dir, *args):
    return (
        runner.invoke(cli, [*args[:2], "--kb", str(kb_dir), *map(str, args[2:])])
        if args[0] == "source"
        else runner.invoke(cli, [args[0], "--kb", str(kb_dir), *map(str, args[1:])])
    )


def add_source(runner, kb_dir, path, ident, *extra):
    return invoke(runner, kb_dir, "source", "add", path, "--id", ident, *extra)


def test_text_is_stored_normalised_with_its_hash_in_one_logged_contribution(
    runner, mini_kb_dir, tmp_path
):
    article = tmp_path / "talks.txt"
    article.write_bytes(ARTICLE.encode("utf-8"))
    result = add_source(
        runner,
        mini_kb_dir,
        article,
        "talks",
        "--title",
        "Talks",
        "--date",
        "2025-03-04",
        "--creator",
        "Ann Lee",
        "--creator",
        "Bo Ma",
        "--publisher",
        "Example Review",
        "--url",
        "https://example.org/talks",
        "--language",
        "en",
        "--author",
        "Ada",
        "-m",
        "why",
    )
    assert result.exit_code == 0, result.output
    stored = (mini_kb_dir / "data" / "sources" / "talks.txt").read_bytes()
    expected = unicodedata.normalize("NFC", ARTICLE.replace("\r\n", "\n").replace("\r", "\n"))
    assert stored.decode("utf-8") == expected and b"\r" not in stored and "Caf\u00e9" in expected
    kb = KnowledgeBase.locate(mini_kb_dir)
    g, node = kb.graph(), KB["talks"]
    assert g.value(node, ARGKB.sha256) == Literal(hashlib.sha256(stored).hexdigest())
    assert g.value(node, DCTERMS.date) == Literal("2025-03-04", datatype=XSD.date)
    assert set(g.objects(node, DCTERMS.creator)) == {Literal("Ann Lee"), Literal("Bo Ma")}
    assert g.value(node, DCTERMS.source) == URIRef("https://example.org/talks")
    [entry] = read_log(kb.data_dir)
    assert (entry.author, entry.message) == ("Ada", "why")
    assert invoke(runner, mini_kb_dir, "validate").exit_code == 0
    quoted = invoke(
        runner, mini_kb_dir, "quote", "talks", "Europe might then rearm", "--format", "json"
    )
    assert json.loads(quoted.stdout)["quote"]["start"] == expected.index("Europe might")


def test_list_and_show_count_quotes_and_claims(runner, mini_kb_dir, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    assert add_source(runner, mini_kb_dir, article, "talks", "--title", "Talks").exit_code == 0
    listed = {
        s["id"]: s
        for s in json.loads(
            invoke(runner, mini_kb_dir, "source", "list", "--format", "json").stdout
        )
    }
    assert listed["kb:talks"]["quotes"] == 0 and listed["kb:talks"]["text_file"].endswith(
        "talks.txt"
    )
    assert listed["kb:mini-source"]["quotes"] == 2 and listed["kb:mini-source"]["claims"] == 2
    shown = invoke(runner, mini_kb_dir, "source", "show", "mini-source")
    assert shown.exit_code == 0
    assert "2 quote(s), 2 claim(s)" in shown.stdout and "kb:quote-bolder" in shown.stdout
    assert invoke(runner, mini_kb_dir, "source", "show", "mini-sourc").exit_code == 2
    talks = json.loads(
        invoke(runner, mini_kb_dir, "source", "show", "talks", "--format", "json").stdout
    )
    stored = (mini_kb_dir / "data" / "sources" / "talks.txt").read_text(encoding="utf-8")
    sentence = "Europe might then rearm."
    assert any(
        {
            "start": stored.index(sentence),
            "end": stored.index(sentence) + len(sentence),
            "sentence": sentence,
        }.items()
        <= item.items()
        for item in talks["unquoted_consequences"]
    )
    assert (
        "1 sentence(s) stating a consequence" not in shown.stdout
    )  # the mini source's are all quoted


def _html(tmp_path):
    page = tmp_path / "page.html"
    body = " ".join(
        ["Sanctions could be tightened if the talks fail, the article argues at length."] * 3
    )
    page.write_text(
        f"""<!doctype html><html lang="en"><head><title>Grain talks - Example News</title>
<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2025-03-04">
</head><body><nav><a href="/">Home</a> | <a href="/about">About us</a></nav>
<article><h1>Grain talks</h1><p>{body}</p><p>Europe might then rearm, which would change the \
balance.</p></article>
<footer>Copyright Example News</footer></body></html>""",
        encoding="utf-8",
    )
    return page


def test_html_goes_through_trafilatura_and_fills_metadata(runner, mini_kb_dir, tmp_path):
    result = add_source(runner, mini_kb_dir, _html(tmp_path), "grain")
    assert result.exit_code == 0, result.output
    text = (mini_kb_dir / "data" / "sources" / "grain.txt").read_text(encoding="utf-8")
    assert "Europe might then rearm" in text and "About us" not in text and "Copyright" not in text
    g = KnowledgeBase.locate(mini_kb_dir).graph()
    assert g.value(KB["grain"], DCTERMS.title) == Literal("Grain talks")
    assert g.value(KB["grain"], DCTERMS.creator) == Literal("Jane Doe")
    assert g.value(KB["grain"], DCTERMS.date) == Literal("2025-03-04", datatype=XSD.date)


def test_pdf_goes_through_pypdf(runner, mini_kb_dir, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    for line in ("If the talks fail, sanctions could be tightened.", "Europe might then rearm."):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, line)
    path = tmp_path / "article.pdf"
    path.write_bytes(bytes(pdf.output()))
    result = add_source(runner, mini_kb_dir, path, "pdf-article", "--title", "A PDF article")
    assert result.exit_code == 0, result.output
    text = (mini_kb_dir / "data" / "sources" / "pdf-article.txt").read_text(encoding="utf-8")
    assert text == "If the talks fail, sanctions could be tightened.\n\nEurope might then rearm."


def test_a_missing_extractor_names_the_extra(runner, mini_kb_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    monkeypatch.setitem(sys.modules, "pypdf", None)
    before = tree_digest(mini_kb_dir)
    for path in (_html(tmp_path), tmp_path / "x.pdf"):
        path.write_bytes(path.read_bytes() if path.exists() else b"%PDF-1.4 not really")
        result = add_source(runner, mini_kb_dir, path, "x", "--title", "T")
        assert result.exit_code == 2 and "pip install 'argkb[ingest]'" in result.stderr
    assert tree_digest(mini_kb_dir) == before


@pytest.mark.parametrize(
    "content, ident, extra, says",
    [
        (b"", "fresh", (), "is empty"),
        (b"  \n\t\n", "fresh", (), "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "fresh", (), "looks binary"),
        ("Caf\u00e9 cr\u00e8me".encode("cp1252"), "fresh", (), "--encoding"),
        (b"A short article.", "fresh", ("--max-bytes", "5"), "over the cap of 5"),
        (b"A short article.", "mini-source", (), "kb:mini-source is already used"),
        (b"A short article.", "russia", (), "kb:russia is already used"),
        (b"A short article.", "9lives", (), "not a valid source id"),
        (b"A short article.", "a/b", (), "not a valid source id"),
        (b"A short article.", "contribution-x", (), "reserved"),
        (b"A short article.", "fresh", ("--date", "4 March 2025"), "YYYY-MM-DD"),
        (b"A short article.", "fresh", ("--url", "example.org"), "http"),
    ],
)
def test_refused_with_nothing_written(runner, mini_kb_dir, tmp_path, content, ident, extra, says):
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    before = tree_digest(mini_kb_dir)
    result = add_source(runner, mini_kb_dir, article, ident, "--title", "T", *extra)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert tree_digest(mini_kb_dir) == before


def test_encoding_option_reads_legacy_text(runner, mini_kb_dir, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes("Caf\u00e9 cr\u00e8me.".encode("cp1252"))
    assert (
        add_source(
            runner, mini_kb_dir, article, "legacy", "--title", "T", "--encoding", "cp1252"
        ).exit_code
        == 0
    )
    assert (mini_kb_dir / "data" / "sources" / "legacy.txt").read_text(
        encoding="utf-8"
    ) == "Caf\u00e9 cr\u00e8me."


def test_retract_refused_while_claims_quote_it(runner, mini_kb_dir, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("Talks resumed. Russia could grow bolder.", encoding="utf-8")
    assert add_source(runner, mini_kb_dir, article, "talks", "--title", "Talks").exit_code == 0
    [entry] = read_log(mini_kb_dir / "data")
    claim = tmp_path / "claim.ttl"
    claim.write_text(
        """@prefix argkb: <https://w3id.org/argkb/ontology#> . @prefix kb: \
<https://w3id.org/argkb/id/> .
@prefix oa: <http://www.w3.org/ns/oa#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:claim-bolder a argkb:Claim ; rdfs:label "bolder" ; argkb:statement "Russia could grow bolder." ;
  argkb:evidence kb:q-bolder .
kb:q-bolder a argkb:Quote ; oa:hasSource kb:talks ; oa:exact "Russia could grow bolder." ; \
oa:start 15 ; oa:end 40 .
""",
        encoding="utf-8",
    )
    added = invoke(runner, mini_kb_dir, "add", claim)
    assert added.exit_code == 0, added.output
    refused = invoke(runner, mini_kb_dir, "retract", entry.id, "--reason", "wrong article")
    assert (
        refused.exit_code == 1
        and "kb:claim-bolder" in refused.output
        and "kb:talks" in refused.output
    )


def test_retracting_an_unquoted_source_takes_it_out(runner, mini_kb_dir, tmp_path):
    article = tmp_path / "talks.txt"
    article.write_text("Talks resumed.", encoding="utf-8")
    assert add_source(runner, mini_kb_dir, article, "talks", "--title", "Talks").exit_code == 0
    [entry] = read_log(mini_kb_dir / "data")
    assert invoke(runner, mini_kb_dir, "retract", entry.id, "--reason", "duplicate").exit_code == 0
    listed = json.loads(invoke(runner, mini_kb_dir, "source", "list", "--format", "json").stdout)
    assert "kb:talks" not in [s["id"] for s in listed]


@pytest.mark.slow
def test_a_killed_process_leaves_the_source_whole_or_absent(mini_kb_dir, tmp_path):
    """Real processes killed (SIGKILL) just before and just after the log's commit point."""
    article = tmp_path / "talks.txt"
    article.write_text("Talks resumed.\n", encoding="utf-8")
    sources = mini_kb_dir / "data" / "sources"
    before = tree_digest(mini_kb_dir)
    killed = run_argkb(
        "source",
        "add",
        article,
        "--id",
        "talks",
        "--title",
        "Talks",
        "--kb",
        mini_kb_dir,
        env={"ARGKB_FAULT": "before-log"},
    )
    assert killed.returncode == -9
    again = run_argkb(
        "source",
        "add",
        article,
        "--id",
        "talks",
        "--title",
        "Talks",
        "--kb",
        mini_kb_dir,
        env={"ARGKB_FAULT": "after-log"},
    )
    assert again.returncode == -9
    assert not (sources / "talks.txt").exists()  # committed, not yet renamed into place
    other = tmp_path / "other.txt"
    other.write_text("Another article.\n", encoding="utf-8")
    done = run_argkb(
        "source", "add", other, "--id", "other", "--title", "Other", "--kb", mini_kb_dir
    )
    assert done.returncode == 0, done.stderr
    assert "completed talks.txt" in done.stdout and "registered kb:other" in done.stdout
    assert (sources / "talks.txt").read_text(encoding="utf-8") == "Talks resumed.\n"
    # both logged (two contributions ending in the same second have no order between them)
    assert sorted(c.inputs for c in read_log(mini_kb_dir / "data")) == [
        ["other.txt"],
        ["talks.txt"],
    ]
    assert set(tree_digest(mini_kb_dir)) - set(before) == {
        "data/sources/talks.txt",
        "data/sources/other.txt",
        "data/contributions.ttl",
        *(f"data/contributions/{c.id}.ttl" for c in read_log(mini_kb_dir / "data")),
    }


DATED = (
    '<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
    '"datePublished": "2025-06-14T08:00:00Z", "author": {"@type": "Person", "name": "Jane '
    'Roe"}}</script>\n'
    "</head>"
)


def test_html_dates_come_from_the_page_metadata_never_from_its_text(runner, mini_kb_dir, tmp_path):
    """The fixture's body says "back in 2011" and "on 3 March 2012"; its metadata gives no date:
    argkb asks for
    --date instead of taking one from the text, and says where each field it took came from."""
    page = tmp_path / "arctic.html"
    page.write_bytes((Path(__file__).parent / "data" / "html" / "back-in-2011.html").read_bytes())
    before = tree_digest(mini_kb_dir)
    result = add_source(runner, mini_kb_dir, page, "arctic")
    assert result.exit_code == 2 and "--date" in result.stderr and "Traceback" not in result.output
    assert tree_digest(mini_kb_dir) == before
    result = add_source(runner, mini_kb_dir, page, "arctic", "--date", "2025-06-01")
    assert result.exit_code == 0, result.output
    assert "date: 2025-06-01" not in result.stdout  # what the options gave needs no origin
    assert "title: Arctic stakes rise (from the page's <meta> tags" in result.stdout
    assert "language: en-GB (from the page's <html lang> attribute)" in result.stdout
    g = KnowledgeBase.locate(mini_kb_dir).graph()
    assert g.value(KB["arctic"], DCTERMS.date) == Literal("2025-06-01", datatype=XSD.date)

    dated = tmp_path / "dated.html"
    dated.write_text(page.read_text(encoding="utf-8").replace("</head>", DATED), encoding="utf-8")
    result = add_source(runner, mini_kb_dir, dated, "arctic-dated")
    assert result.exit_code == 0, result.output
    assert "date: 2025-06-14 (from the page's JSON-LD (datePublished))" in result.stdout
    g = KnowledgeBase.locate(mini_kb_dir).graph()
    assert g.value(KB["arctic-dated"], DCTERMS.date) == Literal("2025-06-14", datatype=XSD.date)
