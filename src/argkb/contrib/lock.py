"""One writer at a time: an advisory lock file in the knowledge base's ``data/`` folder.

``KBLock`` takes ``fcntl.flock`` on ``data/.argkb.lock`` and writes its PID into it.
The kernel drops a flock when its process dies, so a lock file left by a killed
process is *stale*: the next writer takes it, notes the dead PID and clears it.
The file is removed on release (so a refused contribution leaves no byte behind);
a writer that locked a file someone else just removed notices and tries again.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time
from pathlib import Path

from argkb.errors import UsageError
from argkb.kb.processes import pid_alive

LOCK_NAME = ".argkb.lock"


def _read_pid(fd: int) -> int | None:
    try:
        raw = os.pread(fd, 64, 0)
    except OSError:
        return None
    try:
        return int(raw.decode("ascii").split()[0])
    except (ValueError, IndexError, UnicodeDecodeError):
        return None


class KBLock:
    """``with KBLock(data_dir, timeout=30):`` — exclusive; raises UsageError when it cannot be had
    in time."""

    def __init__(self, data_dir: Path, timeout: float = 60.0):
        self.path = Path(data_dir) / LOCK_NAME
        self.timeout = timeout
        self.fd: int | None = None
        self.stale_pid: int | None = None  # the dead process whose lock file was cleared, if any

    def acquire(self) -> KBLock:
        deadline = time.monotonic() + self.timeout
        while True:
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = _read_pid(fd)
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise UsageError(f"{self.path}: cannot lock: {exc.strerror}") from None
                if time.monotonic() >= deadline:
                    who = f"process {holder}" if holder else "another process"
                    raise UsageError(
                        f"the knowledge base is being changed by {who} (lock {self.path}); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
                continue
            if not self._still_ours(fd):  # removed or replaced between open and flock: start over
                os.close(fd)
                continue
            previous = _read_pid(fd)
            if previous is not None and previous != os.getpid() and not pid_alive(previous):
                self.stale_pid = previous
            self.fd = fd
            try:
                os.ftruncate(fd, 0)
                os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
            except OSError as exc:  # a full disk or a read-only folder: leave no lock file behind
                self.release()
                raise UsageError(
                    f"{self.path}: cannot write the lock file: {exc.strerror}; nothing was changed "
                    "(free some disk space or make the folder writable)"
                ) from None
            return self

    def _open(self) -> int:
        """The lock file, opened without following a symbolic link; refused unless it is a regular
        file."""
        try:
            fd = os.open(
                self.path,
                os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK,
                0o644,
            )
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise UsageError(
                    f"{self.path} is a symbolic link; argkb never writes through one: remove it "
                    "(argkb makes the lock file itself)"
                ) from None
            raise UsageError(
                f"{self.path}: cannot create the lock file: {exc.strerror} (is the knowledge base "
                "read-only? argkb needs to write in its data/ folder)"
            ) from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise UsageError(
                f"{self.path} is not a regular file; remove it (argkb makes the lock file itself)"
            )
        return fd

    def _still_ours(self, fd: int) -> bool:
        try:
            return os.lstat(self.path).st_ino == os.fstat(fd).st_ino
        except FileNotFoundError:
            return False

    def release(self) -> None:
        if self.fd is None:
            return
        try:
            os.unlink(
                self.path
            )  # before unlocking: whoever waits on this inode will see it is gone
        except FileNotFoundError:
            pass
        os.close(self.fd)
        self.fd = None

    def __enter__(self) -> KBLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()
