"""The named query library and query answers.

- ``argkb.query.library`` — ``queries/*.rq``: headers (``#+ summary:`` / ``#+ params:``), parameters
  bound at run time; ``run``;
- ``argkb.query.safety`` — the checks before a query runs (no updates; no SERVICE or FROM unless
  asked) and the standard prefixes;
- ``argkb.query.interruptible`` — the worker thread a query runs in, so Ctrl-C stops it;
- ``argkb.query.header`` — a query file's ``#+`` header read into a ``NamedQuery`` and its
  ``Param``s;
- ``argkb.query.results`` — answers as a table, CSV, TSV, SPARQL Results JSON, or Turtle.
"""
