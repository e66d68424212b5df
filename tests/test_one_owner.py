"""One owner per concept (issue 23): the lens names are written in at most two modules of src/, both
generated from or owning the ontology's perspectives; the scan is proven on planted code."""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from argkb.vocab import ARGKB

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "argkb"
#: the modules allowed to write a lens's name: the generated namespace class and the generated lens table
LENS_WRITERS = {"vocab/_argkb.py", "vocab/_lenses.py"}


@lru_cache(maxsize=1)
def lens_names() -> tuple[set[str], set[str]]:
    """(every name of a built-in lens, lower-cased; their local names) — read from the ontology, not written here."""
    g = Graph().parse(REPO / "ontology" / "argkb.ttl")
    terms = {s for s in g.subjects(RDF.type, ARGKB.Perspective) if isinstance(s, URIRef)}
    assert len(terms) >= 5
    local = {str(t).rsplit("#", 1)[-1] for t in terms}
    names = {n.lower() for n in local} | {f"argkb:{n}".lower() for n in local}
    for t in terms:
        for p in (SKOS.notation, RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            names |= {str(v).lower() for v in g.objects(t, p)}
    names |= {n.replace("-", "") for n in names}
    return names, local


def writes_lens_names(source: str) -> list[str]:
    """What in ``source`` writes a lens's name: a string that is one (or holds ``argkb:Name``), ``ARGKB.Name``."""
    names, local = lens_names()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value.strip().lower()
            if text in names or any(f"argkb:{n}".lower() in text for n in local):
                found.append(repr(node.value))
        elif isinstance(node, ast.Attribute) and node.attr in local:
            found.append(f".{node.attr}")
    return found


def test_the_scan_finds_lens_names_written_as_literals():
    assert writes_lens_names('LENSES = ("realism", "Liberalism")') == ["'realism'", "'Liberalism'"]
    assert writes_lens_names("x = ARGKB.Constructivism") == [".Constructivism"]
    assert writes_lens_names('t = "#     argkb:perspective argkb:SecurityAnalysis ;"')
    assert writes_lens_names('k = "diplomacy"') and writes_lens_names('k = "diplomatic-practice"')
    assert writes_lens_names('doc = "argkb why impl -p realism, or any lens"') == []   # prose, not a name


def test_lens_names_are_written_in_at_most_two_modules():
    writers = {}
    for path in sorted(SRC.rglob("*.py")):
        found = writes_lens_names(path.read_text(encoding="utf-8"))
        if found:
            writers[path.relative_to(SRC).as_posix()] = found
    assert set(writers) <= LENS_WRITERS and len(LENS_WRITERS) <= 2, \
        f"lens names written outside {sorted(LENS_WRITERS)}: read them from argkb.vocab.lenses: {writers}"
