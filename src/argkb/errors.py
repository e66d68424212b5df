"""Errors argkb reports to users: a clear sentence, never a traceback.

Every error a user can cause is an ``ArgkbError``; the CLI prints its message and
exits with its ``exit_code`` (2: usage error, unreadable or unparsable input).
"""

from __future__ import annotations

from pathlib import Path


class ArgkbError(Exception):
    """An error caused by what the user asked for or gave us."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(ArgkbError):
    """The request itself is wrong: unknown id, bad option value, refused operation."""


class NoSuchNode(ArgkbError):
    """The request names a node the knowledge base does not hold (a query parameter): exit 2, a bad
    parameter, as `argkb query --help` says; like an unknown id given to trace or why."""

    exit_code = 2


class KnowledgeBaseNotFound(ArgkbError):
    """No folder with ontology/ and data/ could be found."""


class InputError(ArgkbError):
    """A file could not be read or parsed: names file, line and column."""

    def __init__(
        self, path: Path | str, reason: str, line: int | None = None, column: int | None = None
    ):
        self.path = str(path)
        self.reason = reason
        self.line = line
        self.column = column
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {reason}")


class NetworkRefused(ArgkbError):
    """Something asked to reach the network, which argkb refuses unless allowed."""
