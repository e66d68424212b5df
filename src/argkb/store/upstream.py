"""The Oxigraph server processes behind ``argkb serve`` (``argkb.store.serve``), supervised.

``Upstream`` holds the current ``oxigraph serve-read-only`` process on a private loopback port and
the retired ones still finishing their requests; it starts them (with the parent-death signal set),
restarts a crashed one after ``restart_delay`` and stops the retired ones once their requests are
answered.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from argkb.errors import ArgkbError

logger = logging.getLogger(__name__)

#: crashes are counted over this window: the more of them, the longer the wait before a restart
CRASH_WINDOW_S = 60.0
#: the back-off before a restart after repeated crashes: doubling from the first, never above the
#: last
FIRST_BACKOFF_S = 0.05
MAX_BACKOFF_S = 1.0
START_TIMEOUT_S = 60.0
#: the stack of each Oxigraph server thread (reserved, used only as deep as a query goes)
SERVER_STACK_BYTES = 512 * 2**20


class ServerFailed(ArgkbError):
    """The Oxigraph server could not be started (at first: later failed starts are retried)."""

    exit_code = 1


def restart_delay(crashes: int) -> float:
    """Seconds to wait before a restart, after ``crashes`` crashes within ``CRASH_WINDOW_S``: none
    after the first, then doubling from ``FIRST_BACKOFF_S``, capped at ``MAX_BACKOFF_S`` (never a
    give-up)."""
    if crashes <= 1:
        return 0.0
    return min(MAX_BACKOFF_S, FIRST_BACKOFF_S * 2 ** min(crashes - 2, 30))


class Instance:
    """One ``oxigraph serve-read-only`` process and the requests it is answering."""

    def __init__(self, process: subprocess.Popen, url: str):
        self.process, self.url = process, url
        self.inflight = 0
        self.retired_at: float | None = None  # set when it is replaced: it gets no new request
        self.crash_counted = False  # its crash was reported and counted (a restart may have failed)

    def state(self) -> str:
        """How the process ended ("exited with code 3", "was killed by signal 9"), or "" while it
        runs."""
        code = self.process.poll()
        if code is None:
            return ""
        return f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


class Upstream:
    """The supervised Oxigraph servers on private loopback ports: one current, and the retired ones
    still finishing their requests.

    A query that outlives the limit retires only the process it ran on (``retire``): the supervisor
    starts a fresh one, new requests wait for it (``acquire``), and the retired process is stopped
    once its other requests are answered (or past their own limit), so a slow query never resets
    another client's request. Processes are started only by the supervising main thread
    (``supervise``): Linux sends the parent-death signal when the *thread* that started a child ends
    (``PR_SET_PDEATHSIG``)."""

    def __init__(self, binary: str, location: Path, timeout_s: float, log: Path):
        self.binary, self.location, self.timeout_s, self.log = binary, location, timeout_s, log
        self.current: Instance | None = None
        self.retiring: list[Instance] = []
        self.crashes: list[
            float
        ] = []  # when each crash (or failed restart) happened, within CRASH_WINDOW_S
        self.restarts = 0
        self.lock = threading.Lock()
        self.wake = threading.Event()  # set when the supervisor should look now
        self.ready = threading.Event()  # set while the current process answers and is not retired

    @property
    def url(self) -> str:
        return self.current.url if self.current else ""

    @property
    def process(self) -> subprocess.Popen | None:
        return self.current.process if self.current else None

    def start(self) -> None:
        """Start a process and make it the current one once it answers; the one it replaces is
        retired."""
        port = _free_loopback_port()
        url = f"http://127.0.0.1:{port}/query"
        command = [
            self.binary,
            "serve-read-only",
            "--location",
            str(self.location),
            "--bind",
            f"127.0.0.1:{port}",
            "--union-default-graph",
            "--timeout-s",
            str(max(1, round(self.timeout_s))),
        ]
        # every thread of the server gets a deep stack (Rust reads RUST_MIN_STACK): a query the
        # front's bounds missed is then answered, not a stack overflow that kills the server for
        # every client
        env = {**os.environ, "RUST_MIN_STACK": str(SERVER_STACK_BYTES)}
        with open(self.log, "ab") as log:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                env=env,
                preexec_fn=_stop_with_parent,
            )
        fresh = Instance(process, url)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise ServerFailed(
                    f"the Oxigraph server did not start: it {fresh.state()}: {self._log_tail()}"
                )
            if _answers(url):
                with self.lock:
                    old, self.current = self.current, fresh
                    if old is not None and old.retired_at is None:
                        old.retired_at = time.monotonic()
                        self.retiring.append(old)
                    self.ready.set()
                return
            time.sleep(0.05)
        fresh.stop()
        raise ServerFailed(
            f"the Oxigraph server did not answer within {START_TIMEOUT_S:g} s: {self._log_tail()}"
        )

    def state(self) -> str:
        """How the current process ended, or "" while it runs."""
        return self.current.state() if self.current else "has not started"

    def acquire(self, timeout: float) -> Instance | None:
        """The current process, counted as busy with one more request; waits (at most ``timeout`` s)
        while it is being replaced. None if no process answers in time."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not self.ready.wait(left):
                return None
            with self.lock:
                instance = self.current
                if instance is not None and instance.retired_at is None and not instance.state():
                    instance.inflight += 1
                    return instance
                self.ready.clear()  # dead or retired: the supervisor replaces it
            self.wake.set()

    def release(self, instance: Instance) -> None:
        with self.lock:
            instance.inflight -= 1
            done = instance.retired_at is not None and instance.inflight <= 0
        if done:
            self.wake.set()  # the supervisor stops it now

    def retire(self, instance: Instance) -> None:
        """Replace a process whose query outlived the limit (Oxigraph's own timeout does not always
        stop the evaluation, and an abandoned query must not go on burning a core); its other
        requests finish."""
        with self.lock:
            if instance.retired_at is None:
                instance.retired_at = time.monotonic()
                self.retiring.append(instance)
                if instance is self.current:
                    self.ready.clear()
        self.wake.set()

    def recycle(self) -> None:
        """Retire the current process (see ``retire``)."""
        if self.current is not None:
            self.retire(self.current)

    def wait_running(self, timeout: float) -> bool:
        """Wait (at most ``timeout`` s) until a process answers: a retired or crashed one is being
        replaced."""
        return self.ready.wait(timeout) and not self.state()

    def supervise(self) -> None:
        """Stop retired processes whose requests are answered, and replace a retired or dead current
        one (called by the supervising main thread only). It never gives up: a crash, or a restart
        that fails, is reported and tried again after ``restart_delay`` (at most
        ``MAX_BACKOFF_S``)."""
        now = time.monotonic()
        with self.lock:
            done = [
                i
                for i in self.retiring
                if i.inflight <= 0 or i.state() or now - (i.retired_at or now) > self.timeout_s + 5
            ]
            self.retiring = [i for i in self.retiring if i not in done]
            current = self.current
        for instance in done:
            instance.stop()
        if current is None:
            return
        if current.retired_at is None and not current.crash_counted:
            state = current.state()
            if not state:
                return
            with self.lock:
                self.ready.clear()
            current.crash_counted = True
            self._crashed(f"the Oxigraph server {state}")
        try:
            self.start()
        except ServerFailed as failure:  # e.g. it could not start now: the next round tries again
            self._crashed(str(failure))

    def _crashed(self, what: str) -> None:
        """Count a crash, say what happened, and wait the back-off before the restart that
        follows."""
        now = time.monotonic()
        self.crashes = [t for t in self.crashes if now - t < CRASH_WINDOW_S] + [now]
        self.restarts += 1
        delay = restart_delay(len(self.crashes))
        later = (
            f" in {delay:g} s ({len(self.crashes)} crashes within {CRASH_WINDOW_S:g} s)"
            if delay
            else ""
        )
        logger.warning(f"{what}; restarting it{later}")
        time.sleep(delay)

    def stop(self) -> None:
        self.ready.clear()
        with self.lock:
            everyone = ([self.current] if self.current else []) + self.retiring
            self.retiring = []
        for instance in everyone:
            instance.stop()

    def _log_tail(self) -> str:
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            text = ""
        return text[-600:] or "(it wrote nothing)"


def _answers(url: str) -> bool:
    request = urllib.request.Request(
        url, data=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
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
