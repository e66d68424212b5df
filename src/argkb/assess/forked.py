"""One piece of work done beside the caller on the second core, in a forked child process.

Python runs one thread of Python at a time, so two pure-Python computations that do not depend on
each other (``lenses``' labellings and its strengths) overlap only in two processes. ``beside(first,
then)`` forks a child that computes ``first()`` and sends it back pickled through a pipe, then runs
``then()`` (writing a view beside the store, say) and exits; the caller goes on at once, takes the
value with ``Child.value()`` and waits for the child's end with ``Child.wait()``.

Forking is safe only where nothing else holds a lock the child could need: ``beside`` forks only on
Linux, with two usable cores, when the process runs no other Python thread (so not in a server's
threads, nor under pytest-xdist's worker thread), and never when ``ARGKB_WORKERS=1``. Otherwise,
and whenever the child fails (an error, a signal, a short read), it returns None or ``value()``
gives ``FAILED``, and the caller computes the value itself: the result is the same either way, only
slower. The child never writes to the caller's output: it leaves through ``os._exit``, which
flushes no buffer and runs no exit handler of the caller's.
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import sys
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)
ENV_WORKERS = "ARGKB_WORKERS"
#: what ``Child.value()`` gives when the child did not send its value
FAILED = object()
_LENGTH = struct.Struct("<Q")


def may_fork() -> bool:
    """Whether ``beside`` forks here (see the module's docstring)."""
    if os.environ.get(ENV_WORKERS, "").strip() in {"0", "1"}:
        return False
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        cores = len(os.sched_getaffinity(0))
    except OSError:
        return False
    return cores >= 2 and threading.active_count() == 1


class Child:
    """A forked child computing a value: ``value()`` takes it (once), ``wait()`` reaps the child."""

    def __init__(self, pid: int, fd: int):
        self._pid, self._fd, self._done = pid, fd, False

    def value(self) -> Any:
        try:
            with os.fdopen(self._fd, "rb") as pipe:
                head = pipe.read(_LENGTH.size)
                if len(head) != _LENGTH.size:
                    return FAILED
                (size,) = _LENGTH.unpack(head)
                data = pipe.read(size)
            return pickle.loads(data) if len(data) == size else FAILED
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            return FAILED

    def wait(self) -> bool:
        """Wait for the child's end: True when it ran ``then`` to its end."""
        if self._done:
            return True
        self._done = True
        try:
            _pid, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            return False
        return os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


def beside(first: Callable[[], Any], then: Callable[[], Any] | None = None) -> Child | None:
    """Fork a child computing ``first()`` (sent back), then running ``then()``; None when this
    process should not fork (``may_fork``) or the fork fails."""
    if not may_fork():
        return None
    try:
        read, write = os.pipe()
    except OSError:
        return None
    for stream in (sys.stdout, sys.stderr):  # nothing buffered may be written twice
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid:
        os.close(write)
        log.debug("computing %s in child process %d", getattr(first, "__qualname__", "?"), pid)
        return Child(pid, read)
    code = 1
    try:  # the child
        os.close(read)
        data = pickle.dumps(first(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write, "wb") as pipe:
            pipe.write(_LENGTH.pack(len(data)) + data)
        if then is not None:
            then()
        code = 0
    except BaseException:  # noqa: BLE001 - the caller computes the value itself
        code = 1
    finally:
        os._exit(code)
