"""``argkb serve``: a read-only SPARQL 1.1 endpoint over the knowledge base (an Oxigraph server)."""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from argkb.errors import UsageError

if TYPE_CHECKING:  # pragma: no cover
    from argkb.kb.folder import KnowledgeBase


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (PyPI package ``oxigraph``), next to this Python or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UsageError("argkb serve needs the Oxigraph server: pip install 'oxigraph>=0.5'")
    return found


def serve(kb: "KnowledgeBase", host: str, port: int) -> int:
    """Run the server in the foreground until interrupted; the snapshot it serves is removed after."""
    from argkb.store.backends import derived_store

    binary = oxigraph_binary()
    derived = derived_store(kb)
    manifest = derived.update()
    snapshot = derived.snapshot("serve")
    command = [binary, "serve-read-only", "--location", str(snapshot), "--bind", f"{host}:{port}",
               "--union-default-graph"]
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"argkb: warning: listening on {host}: the knowledge base is readable from the network", err=True)
    click.echo(f"argkb: serving {manifest.triples} triples ({len(manifest.files)} files) read-only at "
               f"http://{host}:{port}/query (Ctrl-C stops)", err=True)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    process = None
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
        code = process.wait()
        if code != 0:
            raise UsageError(f"the Oxigraph server stopped with exit code {code} (is port {port} in use?)")
        return code
    except KeyboardInterrupt:
        return 0
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(snapshot, ignore_errors=True)
        click.echo("argkb: server stopped", err=True)


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


