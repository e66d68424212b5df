"""``validate --format turtle`` is a conforming ``sh:ValidationReport``: the graph pySHACL itself writes.

Checked on the tiny knowledge base with every invalid and warning fixture loaded: the report of
the fast engine, rendered by the CLI, is isomorphic to pySHACL's own results graph for the same
data and shapes (messages aside: ours name nodes as CURIEs), and says what SHACL requires of each
result (one sh:sourceConstraintComponent, an sh:sourceShape, sh:value with its RDF term type).
"""
from __future__ import annotations

import shutil

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import RDF, SH

from argkb.kb.folder import KnowledgeBase
from argkb.validation.validate import add_source_texts, run_shacl
from conftest import DATA

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")


def _without_messages(graph: Graph) -> Graph:
    out = Graph()
    for triple in graph:
        if triple[1] != SH.resultMessage:
            out.add(triple)
    return out


def test_turtle_report_is_pyshacls_report(runner, mini_kb_dir):
    from argkb.cli.main import cli

    for folder in ("invalid", "warnings"):
        for i, fixture in enumerate(sorted((DATA / folder).glob("*.ttl"))):
            shutil.copy(fixture, mini_kb_dir / "data" / f"{folder}-{i:02d}.ttl")
    for text in (DATA / "invalid" / "sources").glob("*.txt"):
        shutil.copy(text, mini_kb_dir / "data" / "sources" / text.name)
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--format", "turtle", "--engine", "fast"])
    assert result.exit_code == 1, result.output
    ours = Graph().parse(data=result.output, format="turtle")
    kb = KnowledgeBase.locate(mini_kb_dir)
    theirs = run_shacl(add_source_texts(kb, kb.graph()), kb.shapes_graph())

    results = list(ours.objects(None, SH.result))
    assert len(results) > 30
    for node in results:
        assert len(list(ours.objects(node, SH.sourceConstraintComponent))) == 1
        assert ours.value(node, SH.sourceShape) is not None
    assert any(isinstance(ours.value(n, SH.sourceShape), BNode) for n in results)  # blank-node property shapes
    values = [ours.value(n, SH.value) for n in results if ours.value(n, SH.value) is not None]
    assert any(isinstance(v, URIRef) for v in values)
    assert any(isinstance(v, Literal) and v.datatype == XSD_INTEGER for v in values)
    assert (None, SH.conforms, Literal(False)) in ours and len(list(ours.subjects(RDF.type, SH.ValidationReport))) == 1

    a, b = _without_messages(ours), _without_messages(theirs)
    if not isomorphic(a, b):
        _both, only_ours, only_theirs = graph_diff(to_isomorphic(a), to_isomorphic(b))
        raise AssertionError(f"only ours: {sorted(only_ours)[:8]}\nonly pySHACL's: {sorted(only_theirs)[:8]}")


def test_warnings_alone_do_not_make_the_report_conform(runner, mini_kb_dir):
    """SHACL: sh:conforms is true only without any result; argkb's exit code still ignores warnings."""
    from argkb.cli.main import cli

    shutil.copy(sorted((DATA / "warnings").glob("*.ttl"))[0], mini_kb_dir / "data" / "warning.ttl")
    result = runner.invoke(cli, ["validate", "--kb", str(mini_kb_dir), "--format", "turtle"])
    assert result.exit_code == 0, result.output
    report = Graph().parse(data=result.output, format="turtle")
    severities = set(report.objects(None, SH.resultSeverity))
    assert severities == {SH.Warning}
    assert (None, SH.conforms, Literal(False)) in report
