"""``argkb query`` as one library call: find the query, bind its parameters, run it, add label
columns."""

from __future__ import annotations

from argkb.query.library import MAX_ROWS, find, run, split_assignments


def answer(
    kb,
    spec: str,
    params=(),
    allow_network: bool = False,
    max_rows: int | None = MAX_ROWS,
    labels: bool = False,
):
    """The named query, ``.rq`` file or standard input (``-``) ``spec`` run on the knowledge base's
    store with ``params`` (``NAME=VALUE`` texts) bound; with ``labels``, a label column after each
    column of IRIs (``argkb.query.labels``)."""
    from argkb.store import open_store

    query = find(spec, kb)
    kb.allow_network = allow_network
    store = open_store(kb)
    # native pyoxigraph terms unless labels are added (``argkb.query.labels`` reads rdflib's)
    result = run(
        store, query, split_assignments(params), allow_network, max_rows, native=not labels
    )
    if labels:
        from argkb.query.labels import with_labels

        result = with_labels(store, result)
    return result
