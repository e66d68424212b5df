"""argkb serve: a real subprocess answering SPARQL on 127.0.0.1, refusing updates, stopping
cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from conftest import REPO
from serve_support import _children, _cpu_seconds, _gone, _post, _wait_for
from servers import ask, free_port, require, start_serve, stop, wait_until_up

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)


def test_serve_answers_queries_and_refuses_updates(mini_kb_dir):
    require("oxigraph")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen(
        [sys.executable, "-m", "argkb", "serve", "--kb", str(mini_kb_dir), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query", process)
        answer = json.loads(ask(url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        served = int(answer["results"]["bindings"][0]["n"]["value"])
        local = open_store(KnowledgeBase.locate(mini_kb_dir)).query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        )
        assert served == int(local.rows[0][0]) > 100
        update = urllib.request.Request(
            url + "/update",
            data=urllib.parse.urlencode(
                {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}
            ).encode(),
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert refused.value.code >= 400
        assert (
            json.loads(ask(url + "/query", "ASK { <urn:a> <urn:b> <urn:c> }"))["boolean"] is False
        )
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        stop(process)
    assert process.returncode == 0, err
    assert f"read-only at http://127.0.0.1:{port}/query" in err and "server stopped" in err
    assert not list(
        (mini_kb_dir / ".argkb-cache" / "store").glob("serve-*")
    )  # its snapshot is gone


def test_serve_has_no_endpoint_or_data_option(runner, mini_kb_dir):
    from argkb.cli.main import cli

    result = runner.invoke(
        cli, ["serve", "--kb", str(mini_kb_dir), "--endpoint", "http://127.0.0.1:1/query"]
    )
    assert result.exit_code == 2 and "No such option '--endpoint'" in result.output
    result = runner.invoke(
        cli, ["serve", "--kb", str(mini_kb_dir), "--data", str(mini_kb_dir / "data" / "mini.ttl")]
    )
    assert result.exit_code == 2 and "No such option '--data'" in result.output


def test_serve_survives_hostile_requests_and_a_crashed_oxigraph(mini_kb_dir, tmp_path):
    """SERVICE, FROM, 5,000 nested braces, a 10,000-term filter, a slow query; then SIGKILLs."""
    require("oxigraph")
    errors = tmp_path / "stderr.txt"
    process, port = start_serve(mini_kb_dir, errors, "--timeout-s", "2")
    url = f"http://127.0.0.1:{port}/query"
    try:
        wait_until_up(url, process)
        count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        status, body = _post(url, count.encode())
        assert status == 200 and int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) > 100
        hostile = {
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }": (
                "never reaches other hosts"
            ),
            "SELECT * FROM <urn:x> WHERE { ?s ?p ?o }": "FROM",
            "SELECT * WHERE " + "{" * 5000 + " ?s ?p ?o " + "}" * 5000: "nested more than",
            "SELECT ?s WHERE { ?s ?p ?o FILTER("
            + "||".join(f"?o={i}" for i in range(10000))
            + ") }": "bytes",
            "DROP ALL": "SPARQL Update",
        }
        for query, says in hostile.items():
            status, body = _post(url, query.encode())
            assert status == 400 and says in body, (query[:60], status, body)
        form = urllib.parse.urlencode({"query": count, "default-graph-uri": "urn:x"}).encode()
        assert _post(url, form, "application/x-www-form-urlencoded")[0] == 400
        assert _post(url.replace("/query", "/update"), b"DROP ALL")[0] == 403

        [oxigraph] = _children(process.pid)
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"
        started = time.monotonic()
        status, body = _post(url, slow.encode())
        assert status == 504 and "did not finish" in body and time.monotonic() - started < 15
        # the abandoned query does not burn a core: its process is replaced by a fresh one
        assert _wait_for(lambda: _gone(oxigraph), 15)
        assert _wait_for(
            lambda: _post(url, count.encode())[0] == 200, 30
        )  # still alive after all of it
        [oxigraph] = _children(process.pid)
        before = _cpu_seconds(oxigraph)
        time.sleep(1)
        assert _cpu_seconds(oxigraph) - before < 0.5  # and the new one is idle

        os.kill(
            oxigraph, signal.SIGKILL
        )  # a crash: reported as what it is, and the server restarted
        assert _wait_for(lambda: "was killed by signal 9; restarting" in errors.read_text(), 30)
        assert _wait_for(lambda: _post(url, count.encode())[0] == 200, 30)
        [restarted] = _children(process.pid)
        assert restarted != oxigraph

        os.kill(process.pid, signal.SIGKILL)  # the wrapper killed: its Oxigraph server stops too
        process.wait(timeout=10)
        assert _wait_for(lambda: _gone(restarted), 15)
    finally:
        stop(process)
    assert "is the port in use" not in errors.read_text()


def test_serve_says_when_the_port_is_taken(runner, mini_kb_dir):
    import socket

    from argkb.cli.main import cli

    require("oxigraph")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(cli, ["serve", "--kb", str(mini_kb_dir), "--port", str(port)])
    assert result.exit_code == 2 and "port is in use" in result.output and "--port" in result.output
    assert not list((mini_kb_dir / ".argkb-cache" / "store").glob("serve-*"))


def test_snapshots_of_killed_servers_are_removed_on_the_next_start(tmp_path):
    from argkb.store.serve import remove_stale_snapshots

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    gone = int(dead.stdout)  # a process that has exited
    (tmp_path / f"serve-{gone}-abcd1234").mkdir()
    (tmp_path / f"serve-{gone}-abcd1234.log").write_text("…")
    (tmp_path / f"serve-{os.getpid()}-live0000").mkdir()  # a running server's: kept
    removed = remove_stale_snapshots(tmp_path)
    assert sorted(p.name for p in removed) == [
        f"serve-{gone}-abcd1234",
        f"serve-{gone}-abcd1234.log",
    ]
    assert [p.name for p in tmp_path.iterdir()] == [f"serve-{os.getpid()}-live0000"]
