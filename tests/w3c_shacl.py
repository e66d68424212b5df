"""The W3C SHACL test suite (core and SPARQL), as pySHACL's source distribution carries it.

``suite_folder()`` downloads the sdist of the installed pySHACL version with pip once
(``pip download --no-binary :all: --no-deps``) and keeps only its ``test/resources/sht_tests``
Turtle files in ``<repo>/.test-cache`` (the W3C test data, not code). ``cases()`` reads the
manifests: one ``Case`` per ``sht:Validate`` entry, with its data graph, shapes graph and the
expected report, which ``passes()`` checks with pySHACL's own W3C comparison.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

REPO = Path(__file__).resolve().parents[1]
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
_INSIDE = "test/resources/sht_tests/"


def suite_folder() -> Path:
    """The folder holding ``manifest.ttl`` of the suite (downloaded on first use)."""
    version = importlib.metadata.version("pyshacl")
    target = REPO / ".test-cache" / f"sht_tests-{version}"
    if (target / "manifest.ttl").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-binary",
                ":all:",
                "--no-deps",
                f"pyshacl=={version}",
                "-d",
                tmp,
            ],
            check=True,
            timeout=600,
            capture_output=True,
        )
        [sdist] = Path(tmp).glob("pyshacl-*.tar.gz")
        unpacked = Path(tmp) / "sht_tests"
        with tarfile.open(sdist) as archive:
            for member in archive.getmembers():
                inside = member.name.split("/", 1)[-1]
                if member.isfile() and inside.startswith(_INSIDE) and inside.endswith(".ttl"):
                    member.name = inside[len(_INSIDE) :]
                    archive.extract(member, unpacked, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        unpacked.rename(target)
    return target


@dataclass
class Case:
    name: str  # e.g. core/property/lessThan-001
    manifest: Graph  # the graph holding the expected result
    result: object  # the expected sh:ValidationReport node (or sht:Failure)
    data: Graph
    shapes: Graph


def _load(path: Path) -> Graph:
    """The file as written: rdflib's literal normalisation off (it reads ``"1"^^xsd:boolean`` as
    ``"true"``)."""
    import rdflib

    previous, rdflib.NORMALIZE_LITERALS = rdflib.NORMALIZE_LITERALS, False
    try:
        return Graph().parse(path, format="turtle", publicID=path.as_uri())
    finally:
        rdflib.NORMALIZE_LITERALS = previous


def cases(folder: Path | None = None) -> list[Case]:
    folder = folder or suite_folder()
    found: list[Case] = []
    todo, seen = [folder / "manifest.ttl"], set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        graph = _load(path)
        todo += [Path(str(inc)[len("file://") :]) for inc in graph.objects(None, MF.include)]
        for entries in graph.objects(None, MF.entries):
            for entry in graph.items(entries):
                if (entry, RDF.type, SHT.Validate) not in graph:
                    continue
                action = graph.value(entry, MF.action)
                data_file = graph.value(action, SHT.dataGraph)
                shapes_file = graph.value(action, SHT.shapesGraph)
                found.append(
                    Case(
                        name=str(
                            path.parent.relative_to(folder) / str(entry).rsplit("/", 1)[-1]
                        ).removesuffix(".ttl"),
                        manifest=graph,
                        result=graph.value(entry, MF.result),
                        data=_graph_at(data_file, path, graph),
                        shapes=_graph_at(shapes_file, path, graph),
                    )
                )
    return sorted(found, key=lambda c: c.name)


def _graph_at(iri: URIRef, manifest_path: Path, manifest: Graph) -> Graph:
    path = Path(str(iri)[len("file://") :])
    return manifest if path == manifest_path else _load(path)


def expects_failure(case: Case) -> bool:
    """Does the suite expect validation to fail (shapes that break a SHACL syntax rule)?"""
    return case.result == SHT.Failure


def passes(report_graph: Graph, case: Case) -> bool:
    """Does ``report_graph`` (an ``sh:ValidationReport``) match the expected result, by pySHACL's
    W3C check?"""
    from pyshacl.validator_conformance import check_sht_result

    copy = Graph()  # pySHACL's check names nodes through the report's prefixes: give it the test's
    for prefix, namespace in case.manifest.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy += report_graph
    return bool(check_sht_result(copy, case.manifest, case.result))
