"""Fuzz targets, one per reader (issue 24): AIF, xAIF, SADFace, Kialo, Argdown, HTML, PDF metadata
and the SPARQL front's check. Each input ends in an answer or argkb's one-sentence error (exit 2),
never another exception, within TIME_LIMIT_S. A small budget (MAX_EXAMPLES) so that the suite runs
them every time."""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argkb.errors import ArgkbError
from conftest import module

#: ARGKB_FUZZ_EXAMPLES=1000 for a longer hunt
MAX_EXAMPLES = int(os.environ.get("ARGKB_FUZZ_EXAMPLES", "50"))
TIME_LIMIT_S = 5.0
FUZZ = settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: characters that matter to the readers, and some that should not
_TEXT = st.text(
    st.sampled_from(list("ab <>[]{}()#/*+-:.;,\"'\\\n\r\t\0\x1b") + ["é", "\u2028", "💥"]),
    max_size=60,
)
_ID = st.one_of(
    st.integers(-3, 12),
    st.sampled_from(["1", "1-2", "a", "A", "x y", "x-y", "", "../x", "é"]),
    st.none(),
)


def _bounded(call) -> None:
    """``call()`` answers or raises an ArgkbError with exit code 2, within the time limit."""
    started = time.monotonic()
    try:
        call()
    except ArgkbError as error:
        assert error.exit_code == 2, (type(error).__name__, str(error))
        assert str(error).strip() and "Traceback" not in str(error)
    took = time.monotonic() - started
    assert took < TIME_LIMIT_S, f"{took:.1f} s"


def _convert(data: str | bytes, suffix: str, fmt: str) -> None:
    from argkb.interop.convert import convert

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"map{suffix}"
        path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
        _bounded(lambda: convert(path, fmt))


def _json(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# ------------------------------------------------------------------ AIF / xAIF

_AIF_NODE = st.fixed_dictionaries(
    {
        "nodeID": _ID,
        "type": st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "YA", "TA", "", "X"]),
        "text": st.one_of(_TEXT, st.none(), st.integers()),
    },
    optional={"scheme": _TEXT},
)
_AIF_EDGE = st.fixed_dictionaries({"fromID": _ID, "toID": _ID}, optional={"edgeID": _ID})
_AIF = st.fixed_dictionaries(
    {"nodes": st.lists(_AIF_NODE, max_size=12), "edges": st.lists(_AIF_EDGE, max_size=16)},
    optional={
        "locutions": st.lists(st.fixed_dictionaries({"nodeID": _ID, "personID": _ID}), max_size=4),
        "participants": st.lists(
            st.fixed_dictionaries({"participantID": _ID, "firstname": _TEXT}), max_size=3
        ),
    },
)


@FUZZ
@given(
    doc=st.one_of(_AIF, _AIF.map(lambda d: {"AIF": d}), _TEXT, st.lists(st.integers(), max_size=3))
)
def test_fuzz_aif(doc):
    _convert(_json(doc), ".json", "aif")


@FUZZ
@given(doc=st.one_of(_AIF.map(lambda d: {"AIF": d, "text": "x", "OVA": {}}), _TEXT))
def test_fuzz_xaif(doc):
    _convert(_json(doc), ".json", "xaif")


# ------------------------------------------------------------------ SADFace

_SADFACE_NODE = st.fixed_dictionaries(
    {"id": _ID, "type": st.sampled_from(["atom", "scheme", "x", ""])},
    optional={
        "text": _TEXT,
        "name": st.sampled_from(["support", "attack", "conflict", "rephrase", "Expert", ""]),
    },
)
_SADFACE = st.fixed_dictionaries(
    {
        "nodes": st.lists(_SADFACE_NODE, max_size=10),
        "edges": st.lists(
            st.fixed_dictionaries({"id": _ID, "source_id": _ID, "target_id": _ID}), max_size=12
        ),
    },
    optional={"metadata": st.one_of(st.just({}), st.just({"core": {}})), "analyst_name": _TEXT},
)


@FUZZ
@given(doc=st.one_of(_SADFACE, _TEXT))
def test_fuzz_sadface(doc):
    _convert(_json(doc), ".json", "sadface")


# ------------------------------------------------------------------ Kialo

_KIALO_LINE = st.builds(
    lambda number, kind, text: f"{number} {kind}{text}",
    st.lists(st.integers(0, 3), min_size=1, max_size=4).map(lambda n: ".".join(map(str, n)) + "."),
    st.sampled_from(["Pro: ", "Con: ", "", "-> See ", "Thesis: "]),
    _TEXT,
)


@FUZZ
@given(title=_TEXT, lines=st.lists(st.one_of(_KIALO_LINE, _TEXT), max_size=15))
def test_fuzz_kialo(title, lines):
    _convert("Discussion Title: " + title + "\n\n" + "\n".join(lines), ".txt", "kialo")


# ------------------------------------------------------------------ Argdown

_ARGDOWN_PIECE = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "[A]: ",
            "[B]",
            "<Arg>: ",
            "<Arg>",
            "\n  + ",
            "\n  - ",
            "\n  <+ ",
            "\n  <- ",
            "\n  +> ",
            "\n  -> ",
            "\n  _> ",
            "\n(1) ",
            "\n(2) ",
            "\n----\n",
            "\n-- inference --\n",
            "/*",
            "*/",
            "//",
            "\n# Heading\n",
            "\n===\n",
            "{a: 1}",
            "#tag",
            "\n\n",
            "    ",
        ]
    ),
)


@FUZZ
@given(pieces=st.lists(_ARGDOWN_PIECE, max_size=30))
def test_fuzz_argdown(pieces):
    _convert("".join(pieces), ".argdown", "argdown")


_FLAVOUR_FRONT = st.sampled_from(
    [
        "===\nargkb:\n  source: s\n  by: argkb-editors\n===\n",
        "===\nargkb: 1\n===\n",
        "===\nargkb:\n  actors:\n    russia: {label: Russia, holds: [[x]]}\n===\n",
        "===\nargkb:\n  moves: {m: {a: &x [1], b: *x}}\n===\n",
        "===\nargkb:\n  version: 9\n===\n",
        '===\nargkb:\n  nodes:\n    "x y": {a: "argkb:"}\n===\n',
        "===\nargkb: {quotes: {q: {start: x}}}\n===\n",
    ]
)
_FLAVOUR_PIECE = st.one_of(
    _ARGDOWN_PIECE,
    st.sampled_from(
        [
            "[claim-a]: ",
            "[impl-b]: ",
            "<arg-c>: ",
            "#implication",
            "#realism",
            "#framing",
            '{label: "x"}',
            '{quote: "a"}',
            "{quote: {id: q}}",
            "{quote: [1, [2]]}",
            "{a: [Claim, 3]}",
            "{by: []}",
            "{asOf: 2024-01-01}",
            '{qualifier: {"@value": 1, "@type": "xsd:integer"}}',
            "{x: y}",
            '{"@id": 1}',
            "{statement: null}",
            '{label: "\\u0000"}',
            "\n  + [claim-a]",
            "\n  +> [impl-b]",
            "\n  _> <arg-c>",
            "\n  >< [claim-a]",
            # multi-step premise-conclusion structures: inference lines with their data
            "\n(3) ",
            "\n-- {lens: Realism} --\n",
            "\n-- {uses: [1, 9]} --\n",
            "\n-- {uses: x} --\n",
            "\n-- {warrant: [1]} --\n",
            "\n-- {lens: [x], perspective: y} --\n",
            "\n-- w {label: 1} --\n",
        ]
    ),
)


@FUZZ
@given(front=_FLAVOUR_FRONT, pieces=st.lists(_FLAVOUR_PIECE, max_size=30))
def test_fuzz_flavoured_argdown(front, pieces):
    """argkb-flavoured Argdown (docs/argdown.md): the front matter's argkb: block and the body's
    data."""
    _convert(front + "".join(pieces), ".argdown", "argdown")


# ----------------------------------------------------- HTML and PDF metadata (source add's readers)


def _article(data: bytes, suffix: str) -> None:
    from argkb.author.ingest import read_article
    from argkb.author.sources import metadata

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(data)
        _bounded(lambda: metadata(read_article(path), title="fallback title"))


_HTML_PIECE = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "<html>",
            "<head>",
            "<title>",
            "</title>",
            "<meta name='author' content='",
            "'>",
            "<body>",
            "<article>",
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<script>",
            "</script>",
            "<!--",
            "-->",
            "<table><tr><td>",
            "&amp;",
            "&#0;",
            "&#x1b;",
            "<![CDATA[",
            "]]>",
            "<",
            "Russia could lose leverage if sanctions are lifted. ",
        ]
    ),
)


@FUZZ
@given(pieces=st.lists(_HTML_PIECE, max_size=40))
def test_fuzz_html(pieces):
    module("trafilatura")
    _article("".join(pieces).encode("utf-8", "surrogatepass"), ".html")


@FUZZ
@given(
    title=st.one_of(_TEXT, st.none()),
    author=st.one_of(_TEXT, st.none()),
    subject=_TEXT,
    cut=st.one_of(st.none(), st.integers(0, 4000)),
)
def test_fuzz_pdf_metadata(title, author, subject, cut):
    module("pypdf")
    fpdf = module("fpdf")
    from pypdf import PdfReader, PdfWriter

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "If the talks fail, sanctions could be tightened.")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(bytes(pdf.output()))))
    writer.add_metadata(
        {
            key: value
            for key, value in (("/Title", title), ("/Author", author), ("/Subject", subject))
            if value is not None
        }
    )
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    _article(data if cut is None else data[:cut], ".pdf")  # and truncated PDFs


# ------------------------------------------------------------------ the SPARQL front's check

_SPARQL_PIECE = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "SELECT * WHERE { ",
            "ASK { ",
            "CONSTRUCT { ?s ?p ?o } WHERE { ",
            "}",
            "{",
            "?s ?p ?o",
            " . ",
            "# c\r",
            "\\u000D",
            "\\U0000000D",
            "\\u005C",
            '"',
            '"""',
            "'",
            "<http://127.0.0.1:9/x>",
            "SERVICE ",
            "FROM ",
            "FROM NAMED ",
            "GRAPH ",
            "FILTER(",
            ")",
            "?a<?b",
            "||",
            "&&",
            "kb:a\\#b",
            "PREFIX kb: <urn:kb#> ",
            "VALUES ?x { 1 } ",
            "OPTIONAL { ",
            "UNION ",
            "LIMIT 1",
            "\n",
            "BIND(1 AS ?z)",
            "DROP ALL",
        ]
    ),
)


@FUZZ
@given(pieces=st.lists(_SPARQL_PIECE, max_size=25))
def test_fuzz_sparql_front(pieces):
    """What the check lets through is the canonical text, and the engine reads it without harm."""
    import pyoxigraph

    from argkb.query.library import checked

    text = "".join(pieces)

    def check_and_run():
        _form, canonical = checked(text)
        assert "\r" not in canonical
        try:
            pyoxigraph.Store().query(canonical)
        except SyntaxError:
            pass  # rdflib reads a little more than Oxigraph: refused by the engine, not a crash
        except OSError as error:  # e.g. an unsupported function: an engine error, not a crash
            assert "SERVICE" not in str(error)

    _bounded(check_and_run)


def test_sadface_numeric_ids_are_read_as_strings(tmp_path):
    """Found by test_fuzz_sadface: a node id 1 (a number) reached the id slugs as an int
    (AttributeError)."""
    from argkb.interop.convert import convert

    path = tmp_path / "map.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [
                    {"id": 1, "type": "atom", "text": "Sanctions work."},
                    {"id": 2, "type": "atom", "text": "Russia yields."},
                    {"id": 3, "type": "scheme", "name": "support"},
                ],
                "edges": [
                    {"id": 4, "source_id": 1, "target_id": 3},
                    {"id": 5, "source_id": 3, "target_id": 2},
                ],
            }
        )
    )
    text, summary = convert(path, "sadface")
    assert "Sanctions work." in text and "Russia yields." in text and summary["skipped"] == 0
