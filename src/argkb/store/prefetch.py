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
- ``ahead(text, ...)`` queues row queries, and ``ahead_packed(body, columns)`` packed scans, in
  the order the caller will want them;
- ``rows(text)`` and ``packed(body, columns)`` give a query's answer as soon as it is read, running
  it here and now if it was not queued. A queued query is run once per ``ahead``.
- ``close()`` (or leaving the ``with`` block) drops the queries not started.

The rows are those ``store.ox.query(text, use_default_graph_as_union=...)`` gives, in its order;
an error the query raises is raised by ``rows``.

``ARGKB_SCAN_THREADS``: the number of worker threads (default: the cores this process may use, at
most 2; ``0`` runs every query in the calling thread).
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor

from argkb.store.queries import packed_query

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

    def _run_packed(self, body: str, columns: tuple[str, ...]) -> list[tuple[str, ...]] | None:
        (solution,) = self._ox.query(
            packed_query(body, columns),
            prefixes=self._prefixes,
            use_default_graph_as_union=self._union,
        )
        count, packed = int(solution[0].value), solution["text"]
        if not count:
            return []
        if packed is None or '"' in packed.value:
            return None  # a blank node or a literal: its text alone does not say which
        lines = packed.value.split("\n")
        if len(lines) != count:
            return None
        if len(columns) == 1:
            return [(line,) for line in lines]
        rows = [tuple(line.split(" ")) for line in lines]
        width = len(columns)  # (an IRI read leniently, with a space, would shift the columns)
        return rows if all(len(row) == width for row in rows) else None

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

    def rows(self, text: str) -> list:
        """The query's rows: read ahead if it was queued (waiting for them if need be), else now."""
        future = self._take(text)
        return future.result() if future is not None else self._run(text)

    def packed(self, body: str, columns: tuple[str, ...]) -> list[tuple[str, ...]] | None:
        """The scan's rows as tuples of IRI texts, or None when a value is not an IRI."""
        future = self._take((body, columns))
        return future.result() if future is not None else self._run_packed(body, columns)

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
