"""Fuzz targets for ``source add``'s readers (HTML, PDF metadata, truncated PDFs included) and the
SPARQL front's check; the map readers' targets are in test_fuzz_readers.py, the settings and checks
they share in fuzz_support.py."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import module
from fuzz_support import _TEXT, FUZZ, _bounded

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

    from argkb.query.safety import checked

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
