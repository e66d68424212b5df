"""Raw results of either engine as a ``ValidationReport``: pySHACL's results graph read as the
compiled engine's ``RawResult``s (``pyshacl_raw``), and the report of raw results (``report_of``),
nodes named as CURIEs."""

from __future__ import annotations

import re

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from argkb.validation.report import INFO, Result, ValidationReport, curie
from argkb.vocab.namespaces import PREFIXES


def pyshacl_raw(results: Graph, shapes: Graph):
    """pySHACL's results graph as ``RawResult``s, like the compiled engine's."""
    from argkb.validation.compiled import Check, RawResult, blank_descriptions, rule_of

    for node in results.objects(None, SH.result):  # (not the nested sh:detail results)
        shape = results.value(node, SH.sourceShape)
        rule, label = rule_of(shapes, shape)
        severity_term = results.value(node, SH.resultSeverity) or SH.Violation
        severity = str(severity_term).rsplit("#", 1)[-1]
        path = results.value(node, SH.resultPath)
        check = Check(
            shape,
            severity,
            "",
            path,
            "",
            "",
            False,
            rule,
            label,
            component=results.value(node, SH.sourceConstraintComponent),
            severity_term=severity_term,
            constraint=results.value(node, SH.sourceConstraint),
            described=blank_descriptions(
                results, path, shape, results.value(node, SH.sourceConstraint)
            ),
            message_lang=getattr(results.value(node, SH.resultMessage), "language", None),
        )
        yield RawResult(
            check,
            results.value(node, SH.focusNode),
            check.path,
            results.value(node, SH.value),
            str(results.value(node, SH.resultMessage) or ""),
        )


def report_of(raw: list, where=lambda _focus: (None, None)) -> ValidationReport:
    """The report of raw results from either engine; ``where(focus)`` names the file and line
    defining it."""
    results = []
    for r in raw:
        check = r.check
        file, line = where(r.focus)
        severity = check.severity if check.severity != "Info" else INFO
        results.append(
            Result(
                focus=_node_id(r.focus),
                focus_name=curie(r.focus),
                rule=check.rule,
                rule_label=check.rule_label,
                message=_shorten_iris(r.message) or check.rule_label,
                severity=severity,
                path=curie(r.path) if isinstance(r.path, URIRef) else None,
                path_iri=str(r.path) if isinstance(r.path, URIRef) else None,
                value=None if r.value is None else str(r.value),
                shape=str(check.shape) if isinstance(check.shape, URIRef) else None,
                file=file,
                line=line,
                terms={
                    "focus": r.focus,
                    "value": r.value,
                    "shape": check.shape,
                    "path": r.path,
                    "component": check.component,
                    "described": check.described,
                    "constraint": check.constraint,
                    "message_lang": check.message_lang,
                    "severity": check.severity_term,
                },
            )
        )
    return ValidationReport(results=results)


def _node_id(term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


_SHORTEN = [
    (ns, re.compile(re.escape(ns) + r"([\w.-]+)"), prefix + r":\1")
    for prefix, ns in PREFIXES.items()
]


def _shorten_iris(message: str) -> str:
    """Messages name nodes as CURIEs (``kb:x``), not full IRIs."""
    for ns, pattern, curie_of in _SHORTEN:
        if ns in message:
            message = pattern.sub(curie_of, message)
    return message
