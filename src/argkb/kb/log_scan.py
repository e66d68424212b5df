"""What opening a knowledge base needs from its contributions log, read without rdflib.

Every command that opens the store asks which contributions are retracted (their files are not
read) and what live amendments replace. Parsing the log with rdflib (``argkb.kb.log``) costs its
import, about 0.13 s of a command's start-up. This module reads the log with pyoxigraph's parser
instead, and answers the two questions when it can do so exactly:

- the names of the retracted contributions' content files;
- whether any contribution not retracted replaces facts (``argkb:replaced``). When none does,
  nothing is superseded, and rdflib is not needed at all.

Anything unusual (a log pyoxigraph cannot read, a retracted contribution with no or several content
files) gives ``None``: the caller then takes the rdflib path, which reports a broken log with its
file, line and column.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from argkb.kb.layout import LOG_NAME, while_unchanged
from argkb.vocab.namespaces import PREFIXES

_ARGKB = PREFIXES["argkb"]
_RETRACTED_AT = _ARGKB + "retractedAt"
_CONTENT_FILE = _ARGKB + "contentFile"
_REPLACED = _ARGKB + "replaced"


@dataclass(frozen=True)
class LogSummary:
    """The contributions log, as far as opening the knowledge base needs it."""

    retracted: frozenset[str]  # file names (in data/contributions/) of retracted contributions
    replaces: bool  # a contribution not retracted replaces facts: superseded() must read the log


_NO_LOG = LogSummary(frozenset(), False)
_CACHE: dict[str, tuple[tuple, LogSummary | None]] = {}


def summary(data_dir: Path) -> LogSummary | None:
    """The log's summary (an empty one when there is no log), or None when it must be read with
    rdflib. Read once while the file is unchanged (same inode, time and size: every write replaces
    the log by a rename)."""
    return while_unchanged(Path(data_dir) / LOG_NAME, _CACHE, _read, lambda: _NO_LOG)


def _read(path: Path) -> LogSummary | None:
    import pyoxigraph as ox

    retracted, replacing = set(), set()
    content: dict[object, list[str]] = {}
    try:
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            predicate = triple.predicate.value
            if predicate == _RETRACTED_AT:
                retracted.add(triple.subject)
            elif predicate == _CONTENT_FILE:
                content.setdefault(triple.subject, []).append(str(triple.object.value))
            elif predicate == _REPLACED:
                replacing.add(triple.subject)
    except (SyntaxError, OSError, ValueError):
        return None
    if any(len(content.get(node, ())) != 1 for node in retracted):
        return None
    return LogSummary(
        frozenset(Path(content[node][0]).name for node in retracted),
        bool(replacing - retracted),
    )


__all__ = ["LogSummary", "summary"]
