"""Atomic writes: a temporary file in the same folder, flushed, fsynced, then renamed over the target."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from argkb.errors import UsageError


def atomic_write_bytes(path: Path | str, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically; ``mode`` sets the permissions (default: keep the target's,
    or 0666 less the umask for a new file)."""
    path = Path(path)
    try:
        _write_replace(path, data, mode)
    except OSError as exc:   # full disk, read-only folder, quota: a sentence, never a traceback
        raise UsageError(f"{path}: cannot write: {exc.strerror or exc}; the file was not changed "
                         "(free some disk space or make the folder writable)") from None
    fsync_dir(path.parent)


def _write_replace(path: Path, data: bytes, mode: int | None) -> None:
    """mkstemp creates the temporary file with O_EXCL (never through a symbolic link), in the target's folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask (not mkstemp's 0600)."""
    try:
        return path.lstat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(path: Path | str, text: str, mode: int | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable: fsync the folder that holds it (where the OS allows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
