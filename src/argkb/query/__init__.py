"""The named query library and query answers.

- ``argkb.query.library`` — ``queries/*.rq``: headers (``#+ summary:`` / ``#+ params:``), parameters
  bound at run time, safety checks (no updates; no SERVICE or FROM unless asked); ``run``;
- ``argkb.query.header`` — a query file's ``#+`` header read into a ``NamedQuery`` and its
  ``Param``s;
- ``argkb.query.results`` — answers as a table, CSV, TSV, SPARQL Results JSON, or Turtle.
"""
