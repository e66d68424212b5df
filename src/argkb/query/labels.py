"""Label columns beside IRI columns (``argkb query --labels``): for people reading CSV or TSV in a
spreadsheet, each column that holds IRIs gets a ``NAME_label`` column right after it with the
``rdfs:label`` of each IRI (empty where it has none)."""

from __future__ import annotations

from rdflib import Literal, URIRef

from argkb.query.library import LABEL_QUERY as _LABEL
from argkb.store.base import QueryResult


def with_labels(store, result: QueryResult) -> QueryResult:
    """``result`` with a ``NAME_label`` column after every column holding at least one IRI."""
    if result.kind != "select":
        return result
    columns = [
        i
        for i, _ in enumerate(result.vars)
        if any(isinstance(row[i], URIRef) for row in result.rows)
    ]
    iris = {row[i] for row in result.rows for i in columns if isinstance(row[i], URIRef)}
    labels = {iri: _label(store, iri) for iri in iris}
    names = set(result.vars)
    out_vars, plan = [], []
    for i, var in enumerate(result.vars):
        out_vars.append(var)
        plan.append(i)
        if i in columns:
            name = var + "_label"
            while name in names:
                name += "_"
            names.add(name)
            out_vars.append(name)
            plan.append(-1 - i)
    rows = [
        tuple(row[j] if j >= 0 else labels.get(row[-1 - j]) for j in plan) for row in result.rows
    ]
    return QueryResult("select", vars=out_vars, rows=rows)


def _label(store, iri: URIRef) -> Literal | None:
    rows = store.query(_LABEL, {"_node": iri}).rows
    return rows[0][0] if rows else None
