"""Issue 24's hostile inputs, each run as a whole ``python -m argkb`` process under a 2 GiB
address-space limit (``RLIMIT_AS``): it ends with the exit code it should (0, 1 or 2), no traceback
and no MemoryError — a reader that needed more memory would fail here instead of swapping. The
inputs are those of ``bench/hostile.py``, at the findings' sizes; the four map imports at a tenth of
them, to keep the suite fast (they are linear: ``tests/test_import_bounds.py`` reads them whole
in-process), the PDF of text operators at 10× (over the cap on page content: the 1× one is read
whole, in seconds) and the PDF form drawn 10,000 times (over pypdf's 5,000: what it leaves out would
be missing from the text, so it is refused). ``python bench/hostile.py`` runs every case at 1× and
10× and prints wall time, CPU time and peak memory; no timing is asserted here."""

from __future__ import annotations

import shutil
import sys

import pytest

from conftest import REPO, module

sys.path.insert(0, str(REPO / "bench"))
from hostile import run_argkb, template_kb  # noqa: E402
from hostile_inputs import CASES, SOURCE  # noqa: E402

LIMIT_BYTES = 2 * 2**30
#: the suite's size factor of each case (1: the finding's size)
FACTOR = {
    "PDF text bomb": 10,
    "PDF form bomb": 0.1,
    "AIF locution fan": 0.1,
    "AIF scheme fan": 0.1,
    "Argdown comments": 0.1,
    "Argdown relations": 0.1,
}
#: the exit code each case ends with: 2 refused in one sentence, 1 "found nothing", 0 done
EXIT = {
    **dict.fromkeys(CASES, 2),
    "quote needle": 1,
    "anchor long quote": 1,
    "AIF < bomb": 0,
    "AIF locution fan": 0,
    "AIF scheme fan": 0,
    "Argdown comments": 0,
    "Argdown relations": 0,
    "import --source fold": 0,
}
#: what the refusal says (its cause, in the user's words)
SAYS = {
    "device source": "not a regular file",
    "device -o": "not a regular file",
    "FIFO source": "not a regular file",
    "FIFO add": "not a regular file",
    "PDF zip bomb": "PDF",
    "PDF text bomb": "page content",
    "PDF form bomb": "pypdf leaves out",
    "PDF page tree": "PDF",
    "PDF huge xref": "PDF",
    "HTML elements": "HTML elements",
    "deep JSON (import)": "nested",
    "deep JSON-LD (validate)": "nested",
    "CR SERVICE (query)": "SERVICE",
    "CR nesting (query)": "nested more than",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """The repository's knowledge base, copied once, its derived store built."""
    return template_kb(tmp_path_factory.mktemp("hostile") / "kb")


def _run(name: str, template, work, factor: float):
    kb = work / "kb"
    shutil.copytree(template, kb, symlinks=True)
    case = CASES[name](work, kb, factor)
    return run_argkb(case.argv, work, case.stdin, LIMIT_BYTES)


@pytest.mark.parametrize("name", list(CASES))
def test_a_hostile_input_ends_in_bounded_memory_without_a_traceback(name, template, tmp_path):
    if name.startswith("PDF"):
        module("pypdf")
    if name.startswith("HTML"):
        module("trafilatura")
    out = _run(name, template, tmp_path, FACTOR.get(name, 1))
    said = (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    assert out.exit == EXIT[name], said[-2000:]
    assert not out.traceback and "MemoryError" not in said, said[-2000:]
    if out.exit == 2:  # one sentence, saying why
        assert said.startswith("argkb: error: ") and said.count("\n") == 1, said
        assert SAYS[name] in said, said
    if name.startswith(("AIF", "Argdown", "import")):  # the contribution was written, and parses
        from rdflib import Graph

        assert len(Graph().parse(tmp_path / "out.ttl", format="turtle")) > 0


def test_the_readers_work_normally_under_the_same_limit(template, tmp_path):
    """The limit is not what ends the hostile cases: real inputs are read as usual under it."""
    fpdf = module("fpdf")
    module("trafilatura")
    kb = tmp_path / "kb"
    shutil.copytree(template, kb, symlinks=True)
    page = tmp_path / "article.html"
    page.write_text(
        "<html><head><title>Talks</title></head><body><article>"
        + "<p>If the talks fail, sanctions "
        "could be tightened on Russia and its allies, the ministers said on Monday.</p>"
        * 30
        + "</article></body></html>",
        encoding="utf-8",
    )
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "If the talks fail, sanctions could be tightened. " * 40)
    (tmp_path / "article.pdf").write_bytes(bytes(pdf.output()))
    text = (REPO / "data" / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8")
    dated = ["--title", "Talks", "--date", "2025-02-18", "--kb", str(kb)]
    runs = [
        ["source", "add", str(page), "--id", "html-article", *dated],
        ["source", "add", str(tmp_path / "article.pdf"), "--id", "pdf-article", *dated],
        [
            "import",
            str(REPO / "tests/data/interop/aif/aifdb_nodeset6064_tabs.json"),
            "--from",
            "aif",
            "-o",
            str(tmp_path / "out.ttl"),
        ],
        ["quote", SOURCE, " ".join(text.split()[40:60]), "--kb", str(kb)],
    ]
    for argv in runs:
        out = run_argkb(argv, tmp_path, limit_bytes=LIMIT_BYTES)
        assert out.exit == 0, (argv[:2], (tmp_path / "stderr.txt").read_text())
    assert (kb / "data" / "sources" / "html-article.txt").read_text().count("sanctions") == 30
    assert "tightened" in (kb / "data" / "sources" / "pdf-article.txt").read_text()


def test_a_pdf_drawing_its_text_in_too_many_operations_is_refused(tmp_path, monkeypatch):
    """Within the cap on page content, the number of operations (forms drawn again and again
    included) is capped too: here a tenth of the page's operations."""
    module("pypdf")
    from argkb.author import ingest
    from argkb.errors import InputError
    from hostile_inputs import _deflated, _pdf

    path = tmp_path / "ops.pdf"
    path.write_bytes(_pdf(_deflated(b"BT (Sanctions could be tightened) Tj T* ET\n", 2_000 * 43)))
    assert "Sanctions" in ingest.read_article(path).text  # 8,000 operations: read
    monkeypatch.setattr(ingest, "MAX_PDF_OPERATIONS", 800)
    with pytest.raises(InputError, match="over 800 operations"):
        ingest.read_article(path)
    monkeypatch.setattr(ingest, "MAX_PDF_CONTENT_BYTES", 2_000 * 43 - 1)
    with pytest.raises(InputError, match="of page content"):
        ingest.read_article(path)
