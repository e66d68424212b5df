"""The hostile inputs of issue 24, each at the size of its finding times a factor (1 or 10).

``CASES[name](work, kb, factor)`` writes what the case needs into ``work`` and returns the argkb
command line (and, for a query read from standard input, its text); the map-import cases and the PDF
form take a fractional factor too (the suite runs them smaller, to stay fast). ``kb`` is a copy of
the repository's knowledge base (the seed article is its registered source). Used by
``bench/hostile.py`` (the table, at 1× and 10×) and by ``tests/test_hostile_processes.py`` (each
case once, as a process under a 2 GiB address-space limit).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = (
    "trump-putin-ukraine-talks"  # the seed article, registered in the repository's knowledge base
)


@dataclass
class Case:
    argv: list[str]
    stdin: str | None = None
    size: str = ""  # what was scaled, in words


def make_kb(folder: Path) -> Path:
    """A writable copy of the repository's knowledge base (ontology + data, the seed article
    included)."""
    for part in ("ontology", "data"):
        shutil.copytree(REPO / part, folder / part)
    return folder


# ------------------------------------------------------------------ files that are not files ---
def device_source(work: Path, kb: Path, factor: int) -> Case:
    (work / "zero.txt").symlink_to("/dev/zero")
    return Case(
        ["source", "add", str(work / "zero.txt"), "--id", "zero", "--title", "Z", "--kb", str(kb)],
        size="/dev/zero",
    )


def device_output(work: Path, kb: Path, factor: int) -> Case:
    """``-o`` naming a character device: a private clone of /dev/null (as root), else a link to
    it."""
    target = work / "null"
    if os.geteuid() == 0:
        os.mknod(target, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    else:
        target.symlink_to("/dev/null")
    return Case(["query", "actor-levers", "--kb", str(kb), "-o", str(target)], size="a device")


def fifo_source(work: Path, kb: Path, factor: int) -> Case:
    os.mkfifo(work / "pipe.txt")
    return Case(
        ["source", "add", str(work / "pipe.txt"), "--id", "pipe", "--title", "P", "--kb", str(kb)],
        size="a FIFO",
    )


def fifo_add(work: Path, kb: Path, factor: int) -> Case:
    os.mkfifo(work / "pipe.ttl")
    return Case(["add", str(work / "pipe.ttl"), "--kb", str(kb)], size="a FIFO")


# ------------------------------------------------------------------------------ PDF bombs ---
def _pdf(
    content: bytes,
    pages: bytes | None = None,
    extra: list[bytes] | None = None,
    declared: int | None = None,
    resources: bytes = b"",
) -> bytes:
    """A PDF with one page whose content stream is ``content`` (already deflated), or a page tree
    ``pages`` (object 2) built from ``extra`` objects (6 and on); ``declared`` overrides the xref's
    entry count; ``resources`` adds to the page's resources."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        pages or b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> " + resources + b" >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content)
        + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra or []),
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (declared or len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _deflated(piece: bytes, total: int) -> bytes:
    """``piece`` repeated to about ``total`` bytes (whole pieces), deflated."""
    squeeze = zlib.compressobj(9)
    count = max(1, total // len(piece))
    step = max(1, (1 << 20) // len(piece))
    parts = [squeeze.compress(piece * min(step, count - done)) for done in range(0, count, step)]
    return b"".join(parts) + squeeze.flush()


def _source_add(work: Path, kb: Path, name: str, data: bytes, extra: tuple[str, ...] = ()) -> Case:
    (work / name).write_bytes(data)
    return Case(
        [
            "source",
            "add",
            str(work / name),
            "--id",
            "bomb",
            "--title",
            "B",
            "--date",
            "2025-02-18",
            "--kb",
            str(kb),
            *extra,
        ]
    )


def pdf_zip_bomb(work: Path, kb: Path, factor: int) -> Case:
    """A content stream of 100 MiB (×factor) of zeros, deflated to about 100 KB."""
    case = _source_add(work, kb, "zip.pdf", _pdf(_deflated(b"\0", factor * 100 * 2**20)))
    case.size = f"{factor * 100} MiB inflated"
    return case


def pdf_text_bomb(work: Path, kb: Path, factor: int) -> Case:
    """A content stream of 1.5 MiB (×factor) of text operators, which pypdf parses (slowly), unlike
    zeros: under argkb's cap on page content at 1×, so about its worst case; refused at 10×."""
    ops = b"BT /F1 12 Tf 72 712 Td\n" + b"(Sanctions could be tightened) Tj T* " * 8 + b"\nET\n"
    case = _source_add(work, kb, "text.pdf", _pdf(_deflated(ops, factor * 3 * 2**19)))
    case.size = f"{factor * 1.5:g} MiB of text operators"
    return case


def pdf_form_bomb(work: Path, kb: Path, factor: float) -> Case:
    """A page drawing one form (a Form XObject of a few text operators) 100,000 (×factor) times:
    little page content, a million operations."""
    form = b"BT /F1 12 Tf 72 712 Td (Sanctions could be tightened) Tj T* (again) Tj ET"
    xobject = (
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> "
        b">> /Length %d >>\n"
        b"stream\n" % len(form) + form + b"\nendstream"
    )
    draws = round(factor * 100_000)
    content = _deflated(b"/X Do\n", draws * 6)
    case = _source_add(
        work, kb, "form.pdf", _pdf(content, extra=[xobject], resources=b"/XObject << /X 6 0 R >>")
    )
    case.size = f"a form drawn {draws:,} times"
    return case


def pdf_page_tree(work: Path, kb: Path, factor: int) -> Case:
    """A page tree of 2^20 (a million, ×factor) pages in 25 objects: each level lists the one below
    twice."""
    levels, number = [], 6
    below = 3  # the page
    for depth in range(20):
        levels.append(
            b"<< /Type /Pages /Kids [%d 0 R %d 0 R] /Count %d >>" % (below, below, 2 ** (depth + 1))
        )
        below, number = number, number + 1
    top = (
        b"<< /Type /Pages /Kids ["
        + b" ".join(b"%d 0 R" % below for _ in range(factor))
        + b"] /Count %d >>" % (factor * 2**20)
    )
    content = zlib.compress(b"BT /F1 12 Tf 72 712 Td (page) Tj ET")
    case = _source_add(work, kb, "tree.pdf", _pdf(content, top, levels))
    case.size = f"{factor * 2**20:,} pages"
    return case


def pdf_huge_xref(work: Path, kb: Path, factor: int) -> Case:
    declared = factor * 99_999_999
    case = _source_add(work, kb, "xref.pdf", _pdf(zlib.compress(b"BT ET"), declared=declared))
    case.size = f"xref of {declared:,} entries"
    return case


# ----------------------------------------------------------------------------- HTML, quotes ---
def html_elements(work: Path, kb: Path, factor: int) -> Case:
    page = (
        "<html><body><article>"
        + "<p>Some words.</p>" * (factor * 100_000)
        + "</article></body></html>"
    )
    case = _source_add(work, kb, "page.html", page.encode(), ("--max-bytes", str(2**30)))
    case.size = f"{factor * 100_000:,} elements"
    return case


def _needle(length: int) -> str:
    words = (REPO / "data" / "sources" / f"{SOURCE}.txt").read_text(encoding="utf-8").split()
    rng, out, size = random.Random(1), [], 0
    while size < length:
        out.append(rng.choice(words))
        size += len(out[-1]) + 1
    return " ".join(out)[:length].replace('"', "").replace("\\", "")


def long_needle(work: Path, kb: Path, factor: int) -> Case:
    return Case(
        ["quote", SOURCE, _needle(factor * 5_000), "--kb", str(kb)],
        size=f"{factor * 5_000:,} characters",
    )


def long_quote(work: Path, kb: Path, factor: int) -> Case:
    path = work / "long.ttl"
    path.write_text(
        "@prefix kb: <https://w3id.org/argkb/id/> .\n@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        f"kb:q a <https://w3id.org/argkb/ontology#Quote> ; oa:hasSource kb:{SOURCE} ;\n"
        f'  oa:exact """{_needle(factor * 100_000)}""" .\n',
        encoding="utf-8",
    )
    return Case(["anchor", str(path), "--kb", str(kb)], size=f"{factor * 100:,} KB oa:exact")


# ------------------------------------------------------------------------------------ import ---
def _import(work: Path, name: str, data: str, fmt: str, size: str, *extra: str) -> Case:
    (work / name).write_text(data, encoding="utf-8")
    return Case(
        ["import", str(work / name), "--from", fmt, "-o", str(work / "out.ttl"), *extra], size=size
    )


def aif_angle_bomb(work: Path, kb: Path, factor: int) -> Case:
    doc = {
        "nodes": [{"nodeID": "1", "type": "I", "text": "<" * (factor * 1_000_000) + "<b>x</b>"}],
        "edges": [],
    }
    return _import(work, "angle.json", json.dumps(doc), "aif", f"{factor} MB of <")


def aif_locution_fan(work: Path, kb: Path, factor: float) -> Case:
    n = round(factor * 20_000)
    nodes = [{"nodeID": f"i{k}", "type": "I", "text": f"claim {k}"} for k in range(n)]
    nodes += [{"nodeID": f"l{k}", "type": "L", "text": f"Bob{k % 3} : claim {k}"} for k in range(n)]
    nodes += [{"nodeID": "ya", "type": "YA", "text": "Asserting"}]
    edges = [{"fromID": f"l{k}", "toID": "ya"} for k in range(n)] + [
        {"fromID": "ya", "toID": f"i{k}"} for k in range(n)
    ]
    return _import(
        work,
        "locutions.json",
        json.dumps({"nodes": nodes, "edges": edges}),
        "aif",
        f"{n:,} locutions through one YA",
    )


def aif_scheme_fan(work: Path, kb: Path, factor: float) -> Case:
    k = round(factor * 20_000)
    nodes = (
        [{"nodeID": f"p{j}", "type": "I", "text": f"p {j}"} for j in range(k)]
        + [{"nodeID": f"c{j}", "type": "I", "text": f"c {j}"} for j in range(k)]
        + [{"nodeID": "ra", "type": "RA"}]
    )
    edges = [{"fromID": f"p{j}", "toID": "ra"} for j in range(k)] + [
        {"fromID": "ra", "toID": f"c{j}"} for j in range(k)
    ]
    return _import(
        work,
        "scheme.json",
        json.dumps({"nodes": nodes, "edges": edges}),
        "aif",
        f"{k:,} premises x {k:,} conclusions",
    )


def deep_json(work: Path, kb: Path, factor: int) -> Case:
    depth = factor * 100_000
    return _import(work, "deep.json", "[" * depth + "]" * depth, "aif", f"{depth:,} deep")


def deep_json_ld(work: Path, kb: Path, factor: int) -> Case:
    depth = factor * 100_000
    (work / "deep.jsonld").write_text("[" * depth + "]" * depth, encoding="utf-8")
    return Case(["validate", str(work / "deep.jsonld"), "--kb", str(kb)], size=f"{depth:,} deep")


def argdown_comments(work: Path, kb: Path, factor: float) -> Case:
    n = round(factor * 40_000)
    return _import(
        work,
        "comments.argdown",
        "[A]: a claim\n\n" + "/* x\n\n" * n,
        "argdown",
        f"{n:,} unclosed /*",
    )


def argdown_relations(work: Path, kb: Path, factor: float) -> Case:
    n = round(factor * 20_000)
    text = (
        "<Arg>\n\n(1) p\n----\n(2) c\n\n<Arg>\n"
        + "".join(f"  + [S{i}]: support {i}\n" for i in range(n))
        + "".join(f"  - <A{i}>: attack {i}\n" for i in range(n))
    )
    return _import(work, "relations.argdown", text, "argdown", f"{n:,} supports + {n:,} attacks")


def import_source_fold(work: Path, kb: Path, factor: int) -> Case:
    """200 claims (×factor) quoted against a 1 MB source (×factor): the text folded once, not per
    claim."""
    text = (
        "Some words of an article about sanctions and talks. " * (factor * 20_000)
    ).strip() + "\n"
    (kb / "data" / "sources" / f"{SOURCE}.txt").write_text(
        text, encoding="utf-8"
    )  # the registered source, grown
    n = factor * 200
    nodes = [
        {"nodeID": f"i{k}", "type": "I", "text": f"claim number {k} is not in the text"}
        for k in range(n)
    ]
    return _import(
        work,
        "claims.json",
        json.dumps({"nodes": nodes, "edges": []}),
        "aif",
        f"{n:,} claims x {factor} MB",
        "--source",
        SOURCE,
        "--kb",
        str(kb),
    )


# ------------------------------------------------------------------------------- SPARQL (CLI) ---
def cr_service(work: Path, kb: Path, factor: int) -> Case:
    query = "SELECT * WHERE { # x\rSERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } ?a ?b ?c }"
    return Case(["query", "-", "--kb", str(kb)], stdin=query, size="CR-hidden SERVICE")


def cr_nesting(work: Path, kb: Path, factor: int) -> Case:
    n = factor * 5_000
    query = "SELECT * WHERE { # x\r" + "{" * n + " ?s ?p ?o " + "}" * n + "\n}"
    return Case(["query", "-", "--kb", str(kb)], stdin=query, size=f"{n:,} braces behind a CR")


CASES: dict[str, Callable[[Path, Path, int], Case]] = {
    "device source": device_source,
    "device -o": device_output,
    "FIFO source": fifo_source,
    "FIFO add": fifo_add,
    "PDF zip bomb": pdf_zip_bomb,
    "PDF text bomb": pdf_text_bomb,
    "PDF form bomb": pdf_form_bomb,
    "PDF page tree": pdf_page_tree,
    "PDF huge xref": pdf_huge_xref,
    "HTML elements": html_elements,
    "quote needle": long_needle,
    "anchor long quote": long_quote,
    "AIF < bomb": aif_angle_bomb,
    "AIF locution fan": aif_locution_fan,
    "AIF scheme fan": aif_scheme_fan,
    "deep JSON (import)": deep_json,
    "deep JSON-LD (validate)": deep_json_ld,
    "Argdown comments": argdown_comments,
    "Argdown relations": argdown_relations,
    "import --source fold": import_source_fold,
    "CR SERVICE (query)": cr_service,
    "CR nesting (query)": cr_nesting,
}
