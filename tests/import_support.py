"""Shared by the import tests: the real maps (tests/data/interop, see SOURCES.md there), and the
comparison of two knowledge bases' argument structure as graphs, ids aside."""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, RDFS

from argkb.interop.convert import convert
from argkb.vocab.namespaces import ARGKB
from conftest import DATA

SAMPLES = DATA / "interop"


def imported(tmp_path, sample: str, fmt: str, **options):
    """Import a sample; the contribution file's path, its graph and the summary."""
    text, summary = convert(SAMPLES / sample, fmt, **options)
    out = tmp_path / (sample.replace("/", "_") + ".ttl")
    out.write_text(text, encoding="utf-8")
    return out, Graph().parse(out, format="turtle"), summary


def _text(g: Graph, node) -> str:
    value = g.value(node, ARGKB.statement) or g.value(node, RDFS.label)
    return " ".join(str(value).split())


def structure(g: Graph) -> Graph:
    """Claims (by their words), arguments (premises, conclusion or target, lens, warrant) — with
    blank nodes for ids, so two knowledge bases compare with rdflib.compare.isomorphic."""
    out, nodes = Graph(), {}
    claims = set(g.subjects(RDF.type, ARGKB.Claim)) | set(g.subjects(RDF.type, ARGKB.Implication))
    for claim in claims:
        nodes[claim] = BNode()
        out.add((nodes[claim], RDF.type, ARGKB.Claim))
        out.add((nodes[claim], ARGKB.statement, Literal(_text(g, claim))))
    arguments = set(g.subjects(RDF.type, ARGKB.Argument))
    nodes.update({a: BNode() for a in arguments})
    for arg in arguments:
        out.add((nodes[arg], RDF.type, ARGKB.Argument))
        for prop in (ARGKB.premise, ARGKB.conclusion, ARGKB.attacks):
            for target in g.objects(arg, prop):
                out.add((nodes[arg], prop, nodes[target]))
        for lens in g.objects(arg, ARGKB.perspective):
            out.add((nodes[arg], ARGKB.perspective, lens))
        for warrant in g.objects(arg, ARGKB.warrant):
            out.add((nodes[arg], ARGKB.warrant, Literal(" ".join(str(warrant).split()))))
    return out


def open_decisions(report) -> set[tuple[str, str]]:
    """(focus, property) of every violation, checking that each is an open TODO (rule 2, "supply
    argkb:X …") matched by the missing property itself (rule 3) — and nothing else."""
    missing = {(r.focus_name, r.path) for r in report.violations if r.rule == 3}
    todos = {
        (r.focus_name, m.group(1))
        for r in report.violations
        if r.rule == 2
        for m in [re.search(r"open TODO: supply (argkb:\w+)", r.message)]
        if m
    }
    assert todos == missing, todos ^ missing
    assert len(report.violations) == len(todos) + len(missing), [
        r.message for r in report.violations
    ]
    return missing
