"""Helpers for tests that start real SPARQL servers on 127.0.0.1 (Oxigraph, Virtuoso, argkb
serve)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from conftest import REPO, program

_GIVEN: set[int] = set()


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on, never the same twice in one process (two ports asked
    for one server, e.g. Virtuoso's SQL and HTTP ports, differ). The kernel picks it, so parallel
    workers (pytest-xdist) and other processes get different ones."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _GIVEN:
            _GIVEN.add(port)
            return port


require = program


def start_serve(kb_dir, stderr_path, *options: str) -> tuple[subprocess.Popen, int]:
    """``argkb serve`` on ``kb_dir`` as a real process on a free port, its stderr in
    ``stderr_path``: (the process, its port). Stop it with ``stop``."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with open(stderr_path, "w") as err:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "argkb",
                "serve",
                "--kb",
                str(kb_dir),
                "--port",
                str(port),
                *options,
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
    return process, port


def ask(url: str, query: str = "ASK { }", timeout: float = 5.0) -> bytes:
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(
        url,
        data=data,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.read()


def wait_until_up(url: str, process, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering at {url}")
        try:
            ask(url, timeout=2)
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise RuntimeError(f"no answer at {url} after {timeout} s")


def stop(process) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except Exception:  # noqa: BLE001
            process.kill()
            process.wait(timeout=5)


NAMES = [
    "actor-levers",
    "argument-map",
    "arguments-by-perspective",
    "contested-claims",
    "lens-disagreements",
    "undercut-arguments",
    "unused-claims",
    "attributed-claims",
    "single-lens-implications",
]
PARAMS = [
    ("implications-affecting-actor", "actor=kb:russia"),
    ("is-contested", "claim=kb:impl-russia-bolder"),
    ("arguments-by-perspective", "perspective=realism"),
    ("rationale-chain", "claim=kb:impl-russia-bolder"),
]


def _json_rows(output: str):
    data = json.loads(output)
    if "boolean" in data:
        return data["boolean"]
    return sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])


def differing_answers(runner, kb_dir, endpoint: str) -> tuple[int, list[str]]:
    """Run the named queries on the embedded store and on ``endpoint``: (how many compared, which
    differ)."""
    from argkb.cli.main import cli

    compared, differ = 0, []
    for args in [[name] for name in NAMES] + [[name, "--param", p] for name, p in PARAMS]:
        base = ["query", *args, "--format", "json", "--kb", str(kb_dir)]
        local = runner.invoke(cli, base)
        remote = runner.invoke(cli, base + ["--endpoint", endpoint])
        assert local.exit_code == remote.exit_code, (args, local.output, remote.output)
        if local.exit_code == 0:
            compared += 1
            if _json_rows(local.output) != _json_rows(remote.output):
                differ.append(" ".join(args))
    return compared, differ


def same_trace(runner, kb_dir, endpoint: str, claim: str = "kb:impl-russia-bolder") -> bool:
    from argkb.cli.main import cli

    args = ["trace", claim, "--kb", str(kb_dir)]
    local, remote = runner.invoke(cli, args), runner.invoke(cli, args + ["--endpoint", endpoint])
    assert local.exit_code == remote.exit_code == 0, remote.output
    return local.output == remote.output
