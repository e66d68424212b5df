"""--endpoint and push against a real Oxigraph server that the fixture starts on 127.0.0.1 and
stops."""

from __future__ import annotations

import json
import subprocess

import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic

from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.store.endpoint import EndpointStore
from servers import differing_answers, free_port, require, same_trace, stop, wait_until_up


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    binary = require("oxigraph")
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query", process)
        yield base
    finally:
        stop(process)


@pytest.fixture
def pushed(oxigraph, mini_kb_dir, runner):
    from argkb.cli.main import cli

    result = runner.invoke(
        cli, ["push", "--kb", str(mini_kb_dir), "--endpoint", oxigraph + "/query"]
    )
    assert result.exit_code == 0, result.output
    assert f"to {oxigraph}/store" in result.output and "verified" in result.output
    return oxigraph + "/query"


def test_the_server_answers_like_the_embedded_store(pushed, mini_kb):
    remote, local = EndpointStore(pushed), open_store(mini_kb)
    every = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    assert isomorphic(remote.query(every).graph, local.query(every).graph)
    bound = "SELECT ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
    claim = {"x": URIRef("https://w3id.org/argkb/id/impl-russia-bolder")}
    assert remote.query(bound, claim).rows == local.query(bound, claim).rows != []
    assert all(
        isinstance(v, Literal) and v.datatype is None for (v,) in remote.query(bound, claim).rows
    )
    for q in (
        "ASK { ?a <https://w3id.org/argkb/ontology#attacks> ?c }",
        "ASK { ?a <urn:nothing> ?c }",
    ):
        assert remote.query(q).boolean is local.query(q).boolean


@pytest.mark.slow
def test_named_queries_and_trace_agree_on_both_backends(pushed, mini_kb_dir, runner):
    compared, differ = differing_answers(runner, mini_kb_dir, pushed)
    assert compared >= 8 and differ == []
    assert same_trace(runner, mini_kb_dir, pushed)


def test_push_replaces_graphs_and_removes_those_of_deleted_files(oxigraph, mini_kb_dir, runner):
    from argkb.cli.main import cli

    contribution = mini_kb_dir / "data" / "contributions" / "c9.ttl"
    contribution.parent.mkdir(parents=True, exist_ok=True)
    contribution.write_text(
        '<https://w3id.org/argkb/id/c9> <http://www.w3.org/2000/01/rdf-schema#label> "C9" .\n'
    )
    args = ["push", "--kb", str(mini_kb_dir), "--endpoint", oxigraph + "/query"]
    assert runner.invoke(cli, args).exit_code == 0
    remote = EndpointStore(oxigraph + "/query")
    assert remote.query(
        "ASK { GRAPH <https://w3id.org/argkb/graph/data/contributions/c9.ttl> { ?s ?p ?o } }"
    ).boolean
    contribution.unlink()
    result = runner.invoke(cli, args)
    assert (
        result.exit_code == 0
        and "removed stale graph https://w3id.org/argkb/graph/data/contributions/c9.ttl"
        in result.output
    )
    assert not remote.query("ASK { <https://w3id.org/argkb/id/c9> ?p ?o }").boolean


def test_update_endpoint_and_errors(oxigraph, mini_kb_dir, runner):
    from argkb.cli.main import cli

    store = EndpointStore(oxigraph + "/query", oxigraph + "/update")
    store.update('INSERT DATA { GRAPH <urn:test:u> { <urn:test:a> <urn:test:p> "v" } }')
    assert store.query('ASK { <urn:test:a> <urn:test:p> "v" }').boolean
    port = free_port()  # nothing listens there
    result = runner.invoke(
        cli,
        [
            "query",
            "argument-map",
            "--kb",
            str(mini_kb_dir),
            "--endpoint",
            f"http://127.0.0.1:{port}/query",
        ],
    )
    assert result.exit_code == 2 and "cannot reach the server" in result.output
    result = runner.invoke(
        cli, ["query", "argument-map", "--kb", str(mini_kb_dir), "--endpoint", "ftp://x/q"]
    )
    assert result.exit_code == 2 and "not an http(s) URL" in result.output
    result = runner.invoke(
        cli,
        [
            "query",
            "argument-map",
            "--kb",
            str(mini_kb_dir),
            "--data",
            str(mini_kb_dir / "data" / "mini.ttl"),
            "--endpoint",
            oxigraph + "/query",
        ],
    )
    assert result.exit_code == 2 and "--data cannot be combined with --endpoint" in result.output
    assert runner.invoke(cli, ["push", "--kb", str(mini_kb_dir)]).exit_code == 2
    kb = KnowledgeBase.locate(mini_kb_dir, endpoint=oxigraph + "/query")
    assert open_store(kb).backend == f"endpoint {oxigraph}/query"


@pytest.mark.parametrize(
    "args",
    [
        ["impacts", "kb:move-us-decrease-sanctions", "--format", "json"],
        ["impacts", "kb:sanctions"],
        ["export", "--format", "cyjs"],
        ["export", "--format", "turtle"],
        ["export", "--format", "dot", "--perspective", "realism"],
        ["validate", "--format", "json"],
        ["assess", "--format", "json"],
        ["lenses", "--format", "json"],
        ["scenario", "--move", "kb:move-us-decrease-sanctions", "--format", "json"],
    ],
    ids=lambda a: " ".join(a[:3]),
)
def test_every_read_command_answers_the_same_on_the_server(pushed, mini_kb_dir, runner, args):
    """The embedded store and a real SPARQL server behind --endpoint give the same output."""
    from argkb.cli.main import cli

    local = runner.invoke(cli, [*args, "--kb", str(mini_kb_dir)])
    remote = runner.invoke(cli, [*args, "--kb", str(mini_kb_dir), "--endpoint", pushed])
    assert local.exit_code == remote.exit_code == 0, remote.output
    if args[0] == "validate":  # the same results; the report says which server it checked through
        local_report, remote_report = json.loads(local.output), json.loads(remote.output)
        assert (
            local_report["checked"].pop("endpoint"),
            remote_report["checked"].pop("endpoint"),
        ) == (None, pushed)
        assert local_report == remote_report
    elif args[:3] == ["export", "--format", "turtle"]:
        from rdflib import Graph

        assert isomorphic(
            Graph().parse(data=local.output, format="turtle"),
            Graph().parse(data=remote.output, format="turtle"),
        )
    else:
        assert local.output == remote.output
