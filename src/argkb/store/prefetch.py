"""Scans run ahead on a second core: the single-pattern queries a reader of the whole store needs
(``argkb.assess.load``'s argument graph, ``argkb.export.scan``'s map) evaluated on worker threads
while the calling thread turns the rows it already has into terms.

pyoxigraph lets go of Python's lock while it evaluates a query, but takes it back for every row it
hands over; a worker reading rows one by one beside a busy caller waits for the lock at each row
and gains nothing. So a scan whose every value is an IRI is read *packed*: one aggregate query
(``argkb.store.queries.packed_query``) that counts the rows and joins their values' texts into
one string, evaluated wholly inside pyoxigraph; the caller splits the string (an IRI holds no
space and no line break). At a million triples, a first ``argkb lenses`` on a database took 7.2 s
with no worker thread and 5.8 s with two (the same output). When a value is not an IRI, the packed
read gives None and the caller reads the rows.

``Prefetch(store)`` on a pyoxigraph store (``OxigraphStore``):
- ``ahead(text, ...)`` queues row queries, ``ahead_packed(body, columns)`` packed scans of IRIs,
  and ``ahead_literals(body, subject, value)`` packed scans of literals (their lexical forms,
  language tags and datatypes), in the order the caller will want them;
- ``rows(text)``, ``packed(body, columns)`` and ``literals(body, subject, value)`` give a query's
  answer as soon as it is read, running it here and now if it was not queued. A queued query is
  run once per ``ahead``.
- ``unstarted(*key)`` drops a queued query no worker has started (its caller reads the rows);
- ``close()`` (or leaving the ``with`` block) drops the queries not started.

The rows are those ``store.ox.query(text, use_default_graph_as_union=...)`` gives, in its order;
an error the query raises is raised by ``rows``.

``ARGKB_SCAN_THREADS``: the number of worker threads (default: the cores this process may use, at
most 2; ``0`` runs every query in the calling thread).
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from argkb.store.queries import (
    FIELD_SEPARATOR,
    ROW_SEPARATOR,
    packed_query,
    packed_terms_query,
)

ENV_THREADS = "ARGKB_SCAN_THREADS"
_MOST = 2  # two readers keep both cores busy beside the caller's Python; more only contend


def workers() -> int:
    """How many threads run scans ahead (``ARGKB_SCAN_THREADS``, else the usable cores, at most
    2)."""
    text = os.environ.get(ENV_THREADS, "").strip()
    if text.isdigit():
        return int(text)
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(_MOST, cores))


class Prefetch:
    """Queries evaluated ahead on worker threads; their answers taken once each, in any order."""

    def __init__(self, store, prefixes: dict[str, str] | None = None, threads: int | None = None):
        self._ox, self._union, self._prefixes = store.ox, store.union, prefixes
        count = workers() if threads is None else threads
        self._pool = ThreadPoolExecutor(count, thread_name_prefix="argkb-scan") if count else None
        self._queued: dict[object, list[Future]] = {}

    def _run(self, text: str) -> list:
        return list(self._ox.query(text, use_default_graph_as_union=self._union))

    def _aggregate(self, query: str) -> tuple[int, str | None]:
        """A packed query's row count and text (None when unbound: a value ``STR`` failed on)."""
        (solution,) = self._ox.query(
            query, prefixes=self._prefixes, use_default_graph_as_union=self._union
        )
        packed = solution["text"]
        return int(solution[0].value), None if packed is None else packed.value

    def _run_packed(self, body: str, columns: tuple[str, ...]) -> tuple[int, str] | None:
        """The packed scan's row count and text, checked; split by the caller (``packed``): the
        one string holds less memory than its rows while it waits to be taken."""
        count, text = self._aggregate(packed_query(body, columns))
        if not count:
            return 0, ""
        if text is None or '"' in text:
            return None  # a blank node or a literal: its text alone does not say which
        # a line a row, and a space between columns: an IRI read leniently, with a space or a line
        # break, would shift the columns or the rows
        width = len(columns)
        if text.count("\n") != count - 1 or text.count(" ") != (width - 1) * count:
            return None
        return count, text

    def _run_literals(self, body: str, subject: str, value: str) -> tuple[int, str] | None:
        """The packed scan's row count and text, checked (``_run_packed``)."""
        count, text = self._aggregate(packed_terms_query(body, subject, value))
        if not count:
            return 0, ""
        if text is None:
            return None  # a blank subject, or a value that is no literal
        # three field separators a row and one between rows, or a text holds one: give up
        if text.count(ROW_SEPARATOR) != count - 1 or text.count(FIELD_SEPARATOR) != 3 * count:
            return None
        return count, text

    def _queue(self, key, function, *args) -> None:
        if self._pool is not None:
            self._queued.setdefault(key, []).append(self._pool.submit(function, *args))

    def _take(self, key):
        queued = self._queued.get(key)
        if not queued:
            return None
        future = queued.pop(0)
        if not queued:
            del self._queued[key]
        return future

    def ahead(self, *texts: str) -> None:
        """Queue these row queries, in this order (each ``rows(text)`` takes one of them)."""
        for text in texts:
            self._queue(text, self._run, text)

    def ahead_packed(self, body: str, columns: tuple[str, ...]) -> None:
        """Queue a packed scan (``packed(body, columns)`` takes it)."""
        self._queue((body, columns), self._run_packed, body, columns)

    def ahead_literals(self, body: str, subject: str, value: str) -> None:
        """Queue a packed scan of literals (``literals(body, subject, value)`` takes it)."""
        self._queue((body, subject, value), self._run_literals, body, subject, value)

    def rows(self, text: str) -> list:
        """The query's rows: read ahead if it was queued (waiting for them if need be), else now."""
        future = self._take(text)
        return future.result() if future is not None else self._run(text)

    def packed(self, body: str, columns: tuple[str, ...]) -> list[tuple[str, ...]] | None:
        """The scan's rows as tuples of IRI texts, or None when a value is not an IRI."""
        future = self._take((body, columns))
        found = future.result() if future is not None else self._run_packed(body, columns)
        if found is None or not found[0]:
            return None if found is None else []
        lines = found[1].split("\n")
        if len(columns) == 1:
            return [(line,) for line in lines]
        return [tuple(line.split(" ")) for line in lines]

    def literals(self, body: str, subject: str, value: str) -> list[list[str]] | None:
        """The scan's rows as ``[subject IRI, lexical form, language tag, datatype IRI]`` (the
        tag empty when there is none), or None when a subject is not an IRI, a value not a
        literal, or a text holds a separator (``argkb.store.queries.packed_terms_query``)."""
        future = self._take((body, subject, value))
        found = future.result() if future is not None else self._run_literals(body, subject, value)
        if found is None or not found[0]:
            return None if found is None else []
        return [row.split(FIELD_SEPARATOR) for row in found[1].split(ROW_SEPARATOR)]

    def unstarted(self, *key) -> bool:
        """Drop the queued query of ``key`` (``(body, columns)`` of a packed scan, ``(body,
        subject, value)`` of literals) if no worker has started it yet: True then (and when none
        is queued), and the caller reads it itself, row by row while it has nothing else to do,
        rather than wait for a busy worker."""
        queued = self._queued.get(key)
        if not queued:
            return True
        if not queued[0].cancel():
            return False
        self._take(key)
        return True

    def close(self) -> None:
        """Drop the queries not started, wait for any running, and end the threads (so the process
        runs no thread of ours afterwards: ``argkb.assess.forked`` forks only then)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._queued.clear()

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
