"""``validate --format turtle`` is a conforming ``sh:ValidationReport``: the graph pySHACL itself
writes.

Checked on the tiny knowledge base with every invalid and warning fixture loaded: the report of
the fast engine, rendered by the CLI, is isomorphic to pySHACL's own results graph for the same
data and shapes (messages aside: ours name nodes as CURIEs), and says what SHACL requires of each
result (one sh:sourceConstraintComponent, an sh:sourceShape, sh:value with its RDF term type).
"""

from __future__ import annotations

import shutil

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SH

from argkb.kb.folder import KnowledgeBase
from argkb.validation.compiled import rule_of
from argkb.validation.report import described
from argkb.validation.validate import add_source_texts, run_shacl
from conftest import DATA

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def _report_graph(graph: Graph, keep=lambda result: True) -> Graph:
    """The report's results that ``keep`` accepts, with what their blank nodes describe; messages
    left out."""
    out = Graph()
    [report] = graph.subjects(RDF.type, SH.ValidationReport)
    out.add((report, RDF.type, SH.ValidationReport))
    out.add((report, SH.conforms, graph.value(report, SH.conforms)))
    for result in graph.objects(report, SH.result):
        if keep(result):
            out.add((report, SH.result, result))
            for _s, p, o in graph.triples((result, None, None)):
                if p != SH.resultMessage:
                    out.add((result, p, o))
                    for triple in described(graph, o) if isinstance(o, BNode) else ():
                        out.add(triple)
    return out


def _not_folded(theirs: Graph, shapes: Graph):
    """argkb folds the rule-2 results of a node an open TODO stands for into the TODO (argkb
    draft)."""
    todo = URIRef("https://w3id.org/argkb/shapes#OpenTodoShape")
    todo_foci = {
        theirs.value(r, SH.focusNode)
        for r in theirs.objects(None, SH.result)
        if theirs.value(r, SH.sourceShape) == todo
    }

    def keep(result) -> bool:
        shape = theirs.value(result, SH.sourceShape)
        return not (
            theirs.value(result, SH.focusNode) in todo_foci
            and shape != todo
            and rule_of(shapes, shape)[0] == 2
        )

    return keep


@pytest.mark.slow
def test_turtle_report_is_pyshacls_report(runner, mini_kb_dir, sparql_parsed_once):
    from argkb.cli.main import cli

    for folder in ("invalid", "warnings"):
        for i, fixture in enumerate(sorted((DATA / folder).glob("*.ttl"))):
            shutil.copy(fixture, mini_kb_dir / "data" / f"{folder}-{i:02d}.ttl")
    for text in (DATA / "invalid" / "sources").glob("*.txt"):
        shutil.copy(text, mini_kb_dir / "data" / "sources" / text.name)
    result = runner.invoke(
        cli, ["validate", "--kb", str(mini_kb_dir), "--format", "turtle", "--engine", "fast"]
    )
    assert result.exit_code == 1, result.output
    ours = Graph().parse(data=result.output, format="turtle")
    kb = KnowledgeBase.locate(mini_kb_dir)
    shapes = kb.shapes_graph()
    theirs = run_shacl(add_source_texts(kb, kb.graph()), shapes)

    results = list(ours.objects(None, SH.result))
    assert len(results) > 30
    for node in results:
        assert len(list(ours.objects(node, SH.sourceConstraintComponent))) == 1
        assert ours.value(node, SH.sourceShape) is not None
    assert any(
        isinstance(ours.value(n, SH.sourceShape), BNode) for n in results
    )  # blank-node property shapes
    values = [ours.value(n, SH.value) for n in results if ours.value(n, SH.value) is not None]
    assert any(isinstance(v, URIRef) for v in values)
    assert any(isinstance(v, Literal) and v.datatype == XSD_INTEGER for v in values)
    assert (None, SH.conforms, Literal(False)) in ours and len(
        list(ours.subjects(RDF.type, SH.ValidationReport))
    ) == 1

    a, b = _report_graph(ours), _report_graph(theirs, _not_folded(theirs, shapes))
    if not isomorphic(a, b):
        _both, only_ours, only_theirs = graph_diff(to_isomorphic(a), to_isomorphic(b))
        raise AssertionError(
            f"only ours: {sorted(only_ours)[:8]}\nonly pySHACL's: {sorted(only_theirs)[:8]}"
        )


def test_warnings_alone_do_not_make_the_report_conform(runner, mini_kb_dir):
    """SHACL: sh:conforms is true only without any result; argkb's exit code still ignores
    warnings."""
    from argkb.cli.main import cli

    shutil.copy(sorted((DATA / "warnings").glob("*.ttl"))[0], mini_kb_dir / "data" / "warning.ttl")
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--format", "turtle"])
    assert result.exit_code == 0, result.output
    report = Graph().parse(data=result.output, format="turtle")
    severities = set(report.objects(None, SH.resultSeverity))
    assert severities == {SH.Warning}
    assert (None, SH.conforms, Literal(False)) in report
