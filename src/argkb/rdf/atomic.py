"""Atomic writes: a temporary file in the same folder, flushed, fsynced, then renamed over the
target."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from argkb.errors import UsageError


def atomic_write_bytes(
    path: Path | str,
    data: bytes | Iterable[bytes],
    mode: int | None = None,
    create_folders: bool = True,
    option: str | None = None,
) -> None:
    """Write ``data`` to ``path`` atomically; ``mode`` sets the permissions (default: keep the
    target's, or 0666 less the umask for a new file).

    ``option`` names the option that gave a user's path (``-o``): such a path must be a regular file
    or a new name in an existing folder (``check_output_path``), checked again just before the
    rename."""
    path = Path(path)
    if option is not None:
        check_output_path(path, option)
    try:
        _write_replace(path, data, mode, create_folders, option)
    except OSError as exc:  # full disk, read-only folder, quota: a sentence, never a traceback
        raise UsageError(
            f"{path}: cannot write: {exc.strerror or exc}; the file was not changed "
            "(free some disk space or make the folder writable)"
        ) from None
    fsync_dir(path.parent)


def atomic_write_chunks(
    path: Path | str,
    chunks: Iterable[bytes],
    mode: int | None = None,
    create_folders: bool = True,
    option: str | None = None,
) -> int:
    """``atomic_write_bytes`` of a document that comes in pieces (a large export written as it is
    made, never held whole): the target is replaced only once the last piece is written and synced;
    an error on the way (a full disk, or one raised by whatever makes the pieces) leaves it as it
    was. Returns the number of bytes written."""
    counted = _Counted(chunks)
    atomic_write_bytes(path, counted, mode, create_folders, option)
    return counted.size


class _Counted:
    def __init__(self, chunks: Iterable[bytes]):
        self.chunks, self.size = chunks, 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.size += len(chunk)
            yield chunk


def _write_replace(
    path: Path,
    data: bytes | Iterable[bytes],
    mode: int | None,
    create_folders: bool = True,
    option: str | None = None,
) -> None:
    """mkstemp creates the temporary file with O_EXCL (never through a symbolic link), in the
    target's folder."""
    if create_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, _mode_for(path) if mode is None else mode)
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, (bytes, bytearray)):
                handle.write(data)
            else:
                for chunk in data:
                    handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        if option is not None:
            check_output_path(path, option)  # what the path names may have changed meanwhile
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 less the umask (not
    mkstemp's 0600)."""
    try:
        return path.lstat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_write_text(
    path: Path | str,
    text: str,
    mode: int | None = None,
    create_folders: bool = True,
    option: str | None = None,
) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), mode, create_folders, option)


_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
)


def check_output_path(path: Path | str, option: str = "-o") -> Path:
    """Refuse (UsageError, one sentence) a path given to ``option`` that a write would replace or
    that needs folders: anything but a regular file or a new name in an existing folder. Renaming
    over a device node, a FIFO or a symbolic link replaces it with a regular file (as root,
    ``-o /dev/null`` replaced /dev/null), and folders are never created for the user."""
    path = Path(path)
    try:
        found = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        found = None
    except OSError as exc:
        raise UsageError(
            f"{path}: cannot be written ({exc.strerror or exc}); give {option} another path"
        ) from None
    if found is not None:
        if stat.S_ISREG(found.st_mode):
            return path
        if stat.S_ISLNK(found.st_mode):
            raise UsageError(
                f"{path}: is a symbolic link (to {os.readlink(path)}); {option} writes only a "
                "regular file or a new path: give the file the link points to, or another name"
            )
        if stat.S_ISDIR(found.st_mode):
            raise UsageError(
                f"{path}: is a folder; {option} takes a file name: give e.g. {path / 'out.txt'}"
            )
        kind = next((name for test, name in _KINDS if test(found.st_mode)), "not a regular file")
        raise UsageError(
            f"{path}: is {kind}, not a regular file, and {option} would replace it: leave out "
            f"{option} and redirect the output instead (> {path})"
        )
    parent = path.parent
    try:
        folder = parent.stat()
    except (FileNotFoundError, NotADirectoryError):
        folder = None
    except OSError as exc:
        raise UsageError(
            f"{parent}: cannot be read ({exc.strerror or exc}); give {option} another path"
        ) from None
    if folder is None:
        missing = parent
        while not missing.parent.exists() and missing.parent != missing:
            missing = missing.parent
        if missing.parent.exists() and not missing.parent.is_dir():
            raise UsageError(
                f"{missing.parent}: is not a folder, so {path} cannot be written; give {option} "
                "another path"
            )
        raise UsageError(
            f"{path}: the folder {parent} does not exist, and argkb does not create folders for "
            f"{option}: create it first (mkdir -p {parent}) or give another path"
        )
    if not stat.S_ISDIR(folder.st_mode):
        raise UsageError(
            f"{parent}: is not a folder, so {path} cannot be written; give {option} another path"
        )
    return path


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
