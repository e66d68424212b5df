"""Virtuoso (Debian's virtuoso-opensource) as a second server: push, same answers, its row cap
caught."""

from __future__ import annotations

import subprocess

import pytest
from rdflib.compare import isomorphic

from argkb.store import open_store
from argkb.store.derived import GRAPH_BASE
from argkb.store.endpoint import EndpointStore, TruncatedResult
from servers import differing_answers, free_port, require, same_trace, stop, wait_until_up

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

INI = """[Database]
DatabaseFile = virtuoso.db
ErrorLogFile = virtuoso.log
LockFile = virtuoso.lck
TransactionFile = virtuoso.trx
xa_persistent_file = virtuoso.pxa
[TempDatabase]
DatabaseFile = virtuoso-temp.db
TransactionFile = virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = .
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 1000
MaxQueryExecutionTime = 60
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    binary = require("virtuoso-t")
    folder = tmp_path_factory.mktemp("virtuoso")
    http = free_port()
    (folder / "virtuoso.ini").write_text(INI.format(sql=free_port(), http=http))
    process = subprocess.Popen(
        [binary, "-f", "-c", "virtuoso.ini"],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{http}/sparql", process, timeout=120)
        yield f"http://127.0.0.1:{http}"
    finally:
        stop(process)


def test_push_query_and_row_cap_on_virtuoso(virtuoso, mini_kb_dir, mini_kb, runner):
    from argkb.cli.main import cli

    endpoint = virtuoso + "/sparql"
    result = runner.invoke(
        cli,
        [
            "push",
            "--kb",
            str(mini_kb_dir),
            "--endpoint",
            virtuoso.replace("http://", "http://dba:dba@") + "/sparql",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "sparql-graph-crud-auth" in result.output and "verified" in result.output
    ours = (
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
        f'FILTER(STRSTARTS(STR(?g), "{GRAPH_BASE}")) }}'
    )
    assert isomorphic(
        EndpointStore(endpoint).query(ours).graph, open_store(mini_kb).query(ours).graph
    )
    compared, differ = differing_answers(runner, mini_kb_dir, endpoint)
    assert compared >= 8 and differ == [], differ  # every named query is portable
    assert same_trace(runner, mini_kb_dir, endpoint)
    # Virtuoso's own graphs hold > 1000 triples: ResultSetMaxRows = 1000 cuts the answer, argkb
    # refuses it
    with pytest.raises(TruncatedResult, match="X-SPARQL-MaxRows"):
        EndpointStore(endpoint).query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    refused = runner.invoke(cli, ["push", "--kb", str(mini_kb_dir), "--endpoint", endpoint])
    assert refused.exit_code == 2 and "credentials" in refused.output
