"""``argkb serve``: a read-only SPARQL 1.1 endpoint over the knowledge base.

An Oxigraph server (``oxigraph serve-read-only``, with ``--timeout-s``) over a snapshot of the
derived store listens on a private loopback port; clients talk to the checking front of
``argkb.store.proxy`` on ``--host``/``--port``. This module supervises the Oxigraph process:

* it is started with the parent-death signal set (Linux), so it stops even when the wrapper
  is killed with SIGKILL; SIGTERM and Ctrl-C stop it too, and the snapshot is removed;
* a failed start is reported with the server's exit code and its own words, not guessed at;
* when it dies while serving, the wrapper says how (exit code or signal) and restarts it, again and
  again: it never gives up while it serves. Repeated crashes (or failed starts) within
  ``CRASH_WINDOW_S`` wait before each restart, a back-off that doubles from ``FIRST_BACKOFF_S`` up
  to ``MAX_BACKOFF_S`` (``restart_delay``); the requests that crashed with it are answered 503 by
  the front, the others wait for the new process;
* a query past the limit retires only the process it ran on: a fresh one takes the new requests
  and the retired one is stopped once its other requests are answered (``Upstream``, in
  ``argkb.store.upstream``).
"""

from __future__ import annotations

import errno
import logging
import shutil
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.errors import UsageError
from argkb.store.upstream import Upstream

logger = logging.getLogger(__name__)

if TYPE_CHECKING:  # pragma: no cover
    from argkb.kb.folder import KnowledgeBase


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (PyPI package ``oxigraph``), next to this Python or on
    PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UsageError("argkb serve needs the Oxigraph server: pip install 'oxigraph>=0.5'")
    return found


def serve(
    kb: KnowledgeBase, host: str, port: int, check: Callable[[str], str], timeout_s: float = 30.0
) -> int:
    """Run the server in the foreground until interrupted; the snapshot it serves is removed after.

    ``check(text)`` refuses a query (raising an ``ArgkbError``) or returns the text to forward: the
    text that was checked, never the client's own.
    """
    from argkb.store.backends import derived_store

    binary = oxigraph_binary()
    front = _listen(host, port, check, timeout_s)
    derived = derived_store(kb)
    manifest = derived.update()
    remove_stale_snapshots(derived.folder)
    snapshot = derived.snapshot("serve")
    log = snapshot.with_name(snapshot.name + ".log")
    upstream = Upstream(binary, snapshot, timeout_s, log)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    listening = False
    try:
        upstream.start()
        front.upstream = upstream
        threading.Thread(target=front.serve_forever, name="argkb-serve", daemon=True).start()
        listening = True
        if host not in ("127.0.0.1", "localhost", "::1"):
            logger.warning(f"listening on {host}: the knowledge base is readable from the network")
        logger.info(
            f"argkb: serving {manifest.triples} triples ({len(manifest.files)} files) read-only at "
            f"http://{host}:{port}/query (queries time out after {timeout_s:g} s; Ctrl-C stops)"
        )
        while True:
            upstream.wake.wait(0.2)
            upstream.wake.clear()
            upstream.supervise()
    except KeyboardInterrupt:
        return 0
    finally:
        if listening:
            front.shutdown()
        front.server_close()
        upstream.stop()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(snapshot, ignore_errors=True)
        log.unlink(missing_ok=True)
        logger.info("argkb: server stopped")


def remove_stale_snapshots(folder: Path) -> list[Path]:
    """Remove the snapshots (``serve-PID-…``) and logs of servers whose wrapper is gone (killed with
    SIGKILL)."""
    from argkb.kb.processes import pid_alive

    removed = []
    for path in folder.glob("serve-*"):
        pid = path.name.split("-")[1]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(
                missing_ok=True
            )
            removed.append(path)
    return removed


def _listen(host: str, port: int, check, timeout_s: float):
    from argkb.store.proxy import Front

    try:
        return Front((host, port), check, timeout_s)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"cannot listen on {host}:{port}: the port is in use; choose another with --port"
            ) from None
        if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
            raise UsageError(
                f"cannot listen on {host!r}: not an address of this machine; "
                "use --host 127.0.0.1 (or another local address)"
            ) from None
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
