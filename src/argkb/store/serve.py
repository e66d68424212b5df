"""``argkb serve``: a read-only SPARQL 1.1 endpoint over the knowledge base.

An Oxigraph server (``oxigraph serve-read-only``, with ``--timeout-s``) over a snapshot of the
derived store listens on a private loopback port; clients talk to the checking front of
``argkb.store.proxy`` on ``--host``/``--port``. This module supervises the Oxigraph process:

* it is started with the parent-death signal set (Linux), so it stops even when the wrapper
  is killed with SIGKILL; SIGTERM and Ctrl-C stop it too, and the snapshot is removed;
* a failed start is reported with the server's exit code and its own words, not guessed at;
* when it dies while serving, the wrapper says how (exit code or signal) and restarts it, at
  most ``MAX_RESTARTS`` times; then it stops with exit code 1.
"""
from __future__ import annotations

import errno
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import click

from argkb.errors import ArgkbError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    from argkb.kb.folder import KnowledgeBase

MAX_RESTARTS = 5
START_TIMEOUT_S = 60.0
#: the stack of each Oxigraph server thread (reserved, used only as deep as a query goes)
SERVER_STACK_BYTES = 512 * 2**20


class ServerFailed(ArgkbError):
    """The Oxigraph server could not be started or kept running."""

    exit_code = 1


def oxigraph_binary() -> str:
    """The ``oxigraph`` server program (PyPI package ``oxigraph``), next to this Python or on PATH."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise UsageError("argkb serve needs the Oxigraph server: pip install 'oxigraph>=0.5'")
    return found


class Upstream:
    """The supervised ``oxigraph serve-read-only`` process on a private loopback port."""

    def __init__(self, binary: str, location: Path, timeout_s: float, log: Path):
        self.binary, self.location, self.timeout_s, self.log = binary, location, timeout_s, log
        self.process: subprocess.Popen | None = None
        self.url = ""
        self.restarts = 0
        self.recycled = False
        self.lock = threading.Lock()
        self.wake = threading.Event()   # set when the supervisor should look now
        self.ready = threading.Event()  # set while a started process answers

    def start(self) -> None:
        self.ready.clear()
        port = _free_loopback_port()
        self.url = f"http://127.0.0.1:{port}/query"
        command = [self.binary, "serve-read-only", "--location", str(self.location), "--bind", f"127.0.0.1:{port}",
                   "--union-default-graph", "--timeout-s", str(max(1, round(self.timeout_s)))]
        # every thread of the server gets a deep stack (Rust reads RUST_MIN_STACK): a query the front's bounds
        # missed is then answered, not a stack overflow that kills the server for every client
        env = {**os.environ, "RUST_MIN_STACK": str(SERVER_STACK_BYTES)}
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                            preexec_fn=_stop_with_parent)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"the Oxigraph server did not start: it {self.state()}: {self._log_tail()}")
            if _answers(self.url):
                self.ready.set()
                return
            time.sleep(0.05)
        self.stop()
        raise ServerFailed(f"the Oxigraph server did not answer within {START_TIMEOUT_S:g} s: {self._log_tail()}")

    def state(self) -> str:
        """How the process ended ("exited with code 3", "was killed by signal 9"), or "" while it runs."""
        code = None if self.process is None else self.process.poll()
        if code is None:
            return ""
        return f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"

    def restart_if_dead(self) -> None:
        """Start a fresh process in place of a stopped one (called by the supervising main thread only)."""
        with self.lock:
            state = self.state()
            if not state:
                return
            if self.recycled:   # stopped on purpose: not a crash
                self.recycled = False
                self.start()
                return
            if self.restarts >= MAX_RESTARTS:
                raise ServerFailed(f"the Oxigraph server {state}, after {MAX_RESTARTS} restarts; giving up: "
                                   f"{self._log_tail()}")
            self.restarts += 1
            click.echo(f"argkb: the Oxigraph server {state}; restarting it "
                       f"({self.restarts} of at most {MAX_RESTARTS})", err=True)
            self.start()

    def recycle(self) -> None:
        """Stop a process whose query outlived the limit (Oxigraph's own timeout does not always stop the
        evaluation, and an abandoned query must not go on burning a core); the supervisor starts a fresh one.

        The process is never started from here: this runs in a request's thread, and Linux sends the
        parent-death signal when the *thread* that started a child ends (``PR_SET_PDEATHSIG``), which
        killed every recycled server as soon as the request was answered, and counted as a crash."""
        with self.lock:
            self.recycled = True
            self.stop()
        self.wake.set()

    def wait_running(self, timeout: float) -> bool:
        """Wait (at most ``timeout`` s) until a process answers: a recycled one is being replaced."""
        return self.ready.wait(timeout) and not self.state()

    def stop(self) -> None:
        self.ready.clear()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def _log_tail(self) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            text = ""
        return text[-600:] or "(it wrote nothing)"


def serve(kb: "KnowledgeBase", host: str, port: int, check: Callable[[str], str], timeout_s: float = 30.0) -> int:
    """Run the server in the foreground until interrupted; the snapshot it serves is removed after.

    ``check(text)`` refuses a query (raising an ``ArgkbError``) or returns the text to forward: the text
    that was checked, never the client's own.
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
            click.echo(f"argkb: warning: listening on {host}: the knowledge base is readable from the network",
                       err=True)
        click.echo(f"argkb: serving {manifest.triples} triples ({len(manifest.files)} files) read-only at "
                   f"http://{host}:{port}/query (queries time out after {timeout_s:g} s; Ctrl-C stops)", err=True)
        while True:
            upstream.wake.wait(0.2)
            upstream.wake.clear()
            upstream.restart_if_dead()
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
        click.echo("argkb: server stopped", err=True)


def remove_stale_snapshots(folder: Path) -> list[Path]:
    """Remove the snapshots (``serve-PID-…``) and logs of servers whose wrapper is gone (killed with SIGKILL)."""
    from argkb.kb.processes import pid_alive

    removed = []
    for path in folder.glob("serve-*"):
        pid = path.name.split("-")[1]
        if pid.isdigit() and not pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _listen(host: str, port: int, check, timeout_s: float):
    from argkb.store.proxy import Front

    try:
        return Front((host, port), check, timeout_s)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(f"cannot listen on {host}:{port}: the port is in use; choose another with --port") from None
        if isinstance(error, socket.gaierror) or error.errno == errno.EADDRNOTAVAIL:
            raise UsageError(f"cannot listen on {host!r}: not an address of this machine; "
                             "use --host 127.0.0.1 (or another local address)") from None
        raise UsageError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def _answers(url: str) -> bool:
    request = urllib.request.Request(url, data=b"ASK {}", headers={"Content-Type": "application/sparql-query"})
    try:
        with urllib.request.urlopen(request, timeout=2):
            return True
    except (urllib.error.URLError, OSError):
        return False


def _free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop_with_parent() -> None:  # pragma: no cover - runs in the child, before exec
    """Ask Linux to send SIGTERM to this process when its parent dies (prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: SIGTERM and Ctrl-C still stop the server


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt
