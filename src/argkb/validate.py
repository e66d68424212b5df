"""Validate a knowledge base, or contributions in its context, against ``ontology/shapes.ttl``.

``validate(kb, files)`` returns a ``ValidationReport``. The shapes are data: this
module only supplies what SHACL cannot read by itself — the text of every source
(as ``argkb:text``, so rule 6 can compare quotes with it) — runs pySHACL, and says,
for each result, which rule it breaks and which file defines its focus node.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from argkb.kb import KnowledgeBase, new_graph
from argkb.namespace import ARGKB, PREFIXES
from argkb.rdfio import parse_file
from argkb.report import INFO, Result, ValidationReport, curie, relative

_RULE_NUMBER = re.compile(r"Rule(\d+)$")


def add_source_texts(kb: KnowledgeBase, graph: Graph) -> Graph:
    """A copy-free overlay: each source's text as ``argkb:text``, for rule 6."""
    for source in set(graph.subjects(RDF.type, ARGKB.Source)):
        text = kb.source_text(source)
        if text is not None:
            graph.add((source, ARGKB.text, Literal(text)))
    return graph


def run_shacl(data: Graph, shapes: Graph) -> Graph:
    """pySHACL over ``data`` (which already holds the ontology); the results graph."""
    from pyshacl import validate as shacl_validate

    _conforms, results, _text = shacl_validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_warnings=True,
        advanced=False, do_owl_imports=False, meta_shacl=False, inplace=True,
    )
    return results


def validate(kb: KnowledgeBase, files: Iterable[Path | str] = (), max_bytes: int | None = None) -> ValidationReport:
    """Validate the knowledge base; with ``files``, validate them in its context and report on what they bring."""
    files = [Path(f) for f in files]
    for path in files:  # parse each on its own first, so a bad file is named before anything else runs
        parse_file(path, max_bytes=max_bytes, allow_network=kb.allow_network)
    context = KnowledgeBase(kb.root, (*kb.extra, *files), allow_network=kb.allow_network)
    data = add_source_texts(context, context.graph())
    shapes = kb.shapes_graph()
    results = run_shacl(data, shapes)
    report = ValidationReport(results=list(_results(results, shapes, context)),
                              files=[relative(p) for p in (files or context.data_files())])
    if files:
        touched = _nodes_in(files, kb.allow_network)
        report.results = [r for r in report.results if r.focus in touched]
    return report


def _nodes_in(files: list[Path], allow_network: bool) -> set[str]:
    nodes: set[str] = set()
    for path in files:
        g = parse_file(path, allow_network=allow_network)
        for s, _p, o in g:
            nodes.add(_node_id(s))
            if isinstance(o, URIRef):
                nodes.add(str(o))
    return nodes


def _node_id(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _results(results: Graph, shapes: Graph, kb: KnowledgeBase):
    for node in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(node, SH.focusNode)
        shape = results.value(node, SH.sourceShape)
        path = results.value(node, SH.resultPath)
        value = results.value(node, SH.value)
        severity = str(results.value(node, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        message = _shorten_iris(str(results.value(node, SH.resultMessage) or ""))
        rule, rule_label = _rule_of(shapes, shape)
        files = kb.files_by_subject.get(focus, []) if isinstance(focus, URIRef) else []
        file = relative(files[0]) if files else None
        yield Result(
            focus=_node_id(focus), focus_name=curie(focus), rule=rule, rule_label=rule_label,
            message=message or rule_label, severity=severity if severity != "Info" else INFO,
            path=curie(path) if isinstance(path, URIRef) else None,
            path_iri=str(path) if isinstance(path, URIRef) else None,
            value=None if value is None else str(value),
            shape=str(shape) if isinstance(shape, URIRef) else None,
            file=file, line=find_line(files[0], focus) if files else None,
        )


def _shorten_iris(message: str) -> str:
    """Messages name nodes as CURIEs (``kb:x``), not full IRIs."""
    for prefix, ns in PREFIXES.items():
        message = re.sub(re.escape(ns) + r"([\w.-]+)", prefix + r":\1", message)
    return message


def _rule_of(shapes: Graph, shape) -> tuple[int | None, str]:
    """The rule a shape belongs to: its sh:group, or its parent node shape's."""
    candidates = [shape, *shapes.subjects(SH.property, shape)] if shape is not None else []
    for candidate in candidates:
        group = shapes.value(candidate, SH.group)
        if group is not None:
            match = _RULE_NUMBER.search(str(group))
            label = str(shapes.value(group, RDFS.label) or group)
            return (int(match.group(1)) if match else None), label
    return None, "unnamed rule"


def _file_lines(path: Path) -> tuple[str, ...]:
    return _lines_cached(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=256)
def _lines_cached(path: Path, _mtime: int) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def find_line(path: Path, node) -> int | None:
    """The line where ``node`` is first written as a subject in a Turtle file (best effort)."""
    if not isinstance(node, URIRef):
        return None
    names = [f"<{node}>"]
    for prefix, ns in PREFIXES.items():
        if str(node).startswith(ns):
            names.append(f"{prefix}:{str(node)[len(ns):]}")
    pattern = re.compile(r"^\s*(?:" + "|".join(re.escape(n) for n in names) + r")(?=[\s;,.]|$)")
    for number, line in enumerate(_file_lines(path), 1):
        if pattern.match(line):
            return number
    return None


__all__ = ["validate", "add_source_texts", "ValidationReport", "new_graph"]
