"""argkb serve: a real subprocess answering SPARQL on 127.0.0.1, refusing updates, stopping cleanly."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from conftest import REPO
from servers import ask, free_port, require, stop, wait_until_up


def test_serve_answers_queries_and_refuses_updates(mini_kb_dir):
    require("oxigraph")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    process = subprocess.Popen([sys.executable, "-m", "argkb", "serve", "--kb", str(mini_kb_dir), "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/query", process)
        answer = json.loads(ask(url + "/query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        served = int(answer["results"]["bindings"][0]["n"]["value"])
        local = open_store(KnowledgeBase.locate(mini_kb_dir)).query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert served == int(local.rows[0][0]) > 100
        update = urllib.request.Request(url + "/update", data=urllib.parse.urlencode(
            {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode(), method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(update, timeout=10)
        assert refused.value.code >= 400
        assert json.loads(ask(url + "/query", "ASK { <urn:a> <urn:b> <urn:c> }"))["boolean"] is False
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        stop(process)
    assert process.returncode == 0, err
    assert f"read-only at http://127.0.0.1:{port}/query" in err and "server stopped" in err
    assert not list((mini_kb_dir / ".argkb-cache" / "store").glob("serve-*"))  # its snapshot is gone


def test_serve_refuses_endpoint_and_data(runner, mini_kb_dir):
    from argkb.cli.main import cli

    result = runner.invoke(cli, ["serve", "--kb", str(mini_kb_dir), "--endpoint", "http://127.0.0.1:1/query"])
    assert result.exit_code == 2 and "does not apply" in result.output
    result = runner.invoke(cli, ["serve", "--kb", str(mini_kb_dir), "--data", str(mini_kb_dir / "data" / "mini.ttl")])
    assert result.exit_code == 2 and "--data does not apply" in result.output
