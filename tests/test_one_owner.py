"""One owner per concept (issue 23): the lens names are written in at most two modules of src/, both
generated from or owning the ontology's perspectives; the scan is proven on planted code."""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from argkb.vocab import ARGKB

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "argkb"
#: the modules allowed to write a lens's name: the generated namespace class and the generated lens
#: table
LENS_WRITERS = {"vocab/_argkb.py", "vocab/_lenses.py"}


@lru_cache(maxsize=1)
def lens_names() -> tuple[set[str], set[str]]:
    """(every name of a built-in lens, lower-cased; their local names) — read from the ontology, not
    written here."""
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
    """What in ``source`` writes a lens's name: a string that is one (or holds ``argkb:Name``),
    ``ARGKB.Name``."""
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
    assert (
        writes_lens_names('doc = "argkb why impl -p realism, or any lens"') == []
    )  # prose, not a name


def test_lens_names_are_written_in_at_most_two_modules():
    writers = {}
    for path in sorted(SRC.rglob("*.py")):
        found = writes_lens_names(path.read_text(encoding="utf-8"))
        if found:
            writers[path.relative_to(SRC).as_posix()] = found
    assert set(writers) <= LENS_WRITERS and len(LENS_WRITERS) <= 2, (
        f"lens names written outside {sorted(LENS_WRITERS)}: read them from argkb.vocab.lenses: "
        f"{writers}"
    )


# --------------------------------------------------------------------------------------- SPARQL ---
#: SPARQL text: a PREFIX declaration, a query form with its WHERE, an ASK, a group graph pattern
#: after WHERE
SPARQL = re.compile(
    r"(?<![@\w])PREFIX\s+[\w-]*:\s*<|\b(?:SELECT|CONSTRUCT|DESCRIBE)\b[\s\S]*?\bWHERE\b|"
    r"\bASK\s*\{|\bWHERE\s*\{"
)
#: each package's one query module, where it is not called queries.py
QUERY_MODULES = {
    "export/sparql.py",
    "query/library.py",
    "navigate/walk.py",
    "reason/owl.py",
    "review/verdicts.py",
}
#: modules that compile SPARQL from data (the shapes, the ontology's axioms), besides their
#: package's query module
COMPILERS = {
    "validation/compiled.py",
    "validation/core.py",
    "validation/prebinding.py",
    "contrib/axioms.py",
}


def sparql_in(source: str) -> list[str]:
    """The string literals of ``source`` (f-strings' text parts joined; docstrings left out) holding
    SPARQL."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(
                v.value
                for v in node.values
                if isinstance(v, ast.Constant) and isinstance(v.value, str)
            )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            text = node.value
        else:
            continue
        if SPARQL.search(text):
            found.append(text[:60])
    return found


def test_the_scan_finds_sparql_text():
    assert sparql_in('Q = "SELECT ?s WHERE { ?s ?p ?o }"')
    assert sparql_in('q = f"ASK {{ ?s <{p}> ?o }}"') and sparql_in(
        'P = "PREFIX kb: <https://w3id.org/argkb/id/>"'
    )
    assert sparql_in(
        'def f(store):\n    return store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")'
    )
    assert not sparql_in(
        'def f():\n    """Runs SELECT ?s WHERE { ?s ?p ?o } on the store."""'
    )  # a docstring
    assert not sparql_in('T = "@prefix kb: <https://w3id.org/argkb/id/> ."')  # Turtle
    assert not sparql_in('M = "refused: only SELECT, ASK and CONSTRUCT queries are run"')


def test_sparql_lives_in_query_files_or_one_query_module_per_package():
    holders: dict[str, list[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if sparql_in(path.read_text(encoding="utf-8")) and rel not in COMPILERS:
            holders.setdefault(rel.split("/")[0] if "/" in rel else "", []).append(rel)
    stray = {
        package: modules
        for package, modules in holders.items()
        if len(modules) > 1
        or not all(m.endswith("/queries.py") or m in QUERY_MODULES for m in modules)
    }
    assert not stray, (
        f"SPARQL outside queries/*.rq and each package's query module (queries.py): {stray}"
    )
