"""argkb's own messages on stderr, through ``logging``: what a command did, warnings, and with
``-v`` the detail of how (``argkb -v COMMAND``); ``-q`` keeps warnings only, ``-qq`` nothing but
errors.

The library logs to the ``argkb`` logger tree (``logging.getLogger(__name__)`` in each module) and
prints nothing itself; the command line installs one handler on ``argkb`` that writes through
``click.echo(err=True)`` (so a test's ``CliRunner`` sees it). Errors are not logged: a failing
command ends with its one-sentence ``argkb: error: …`` and exit 2 (``argkb.cli.main.LazyGroup``).
"""

from __future__ import annotations

import logging

import click

#: the logger every argkb module's logger descends from
ROOT = "argkb"
#: -qq, -q, (default), -v
LEVELS = (logging.ERROR, logging.WARNING, logging.INFO, logging.DEBUG)
DEFAULT = 2


class EchoHandler(logging.Handler):
    """Writes each record to the stderr click sees at the time (not the one there was at set-up)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # noqa: BLE001 - logging's own contract: a handler never raises
            self.handleError(record)


class MessageFormatter(logging.Formatter):
    """What a command did, as a plain line; ``argkb: warning: …``; with -v,
    ``argkb: debug: module: …``."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            return f"argkb: warning: {message}"
        if record.levelno <= logging.DEBUG:
            return f"argkb: debug: {record.name.removeprefix(ROOT + '.')}: {message}"
        return message


def configure(verbose: int = 0, quiet: int = 0) -> int:
    """Set the level of argkb's messages for this invocation (installing the handler once); returns
    it."""
    logger = logging.getLogger(ROOT)
    if not any(isinstance(h, EchoHandler) for h in logger.handlers):
        handler = EchoHandler()
        handler.setFormatter(MessageFormatter())
        logger.addHandler(handler)
    logger.propagate = False  # printed once, by this handler, whatever the root logger has
    level = LEVELS[max(0, min(len(LEVELS) - 1, DEFAULT + verbose - quiet))]
    logger.setLevel(level)
    return level
