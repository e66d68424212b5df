"""The writers' lock of a derived store (``argkb.store.derived``): ``fcntl.flock`` on its ``lock``
file."""

from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def exclusive(lock_path: Path, timeout: float):
    """Hold the lock on ``lock_path`` (made if missing), waiting up to ``timeout`` seconds
    (TimeoutError)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no cross-process lock
        yield
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise TimeoutError(
                        f"{lock_path}: another argkb process is updating the store"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
