"""Stores: the one small interface every read goes through (SPARQL with bound parameters).

- ``argkb.store.base`` — ``Store``, ``QueryResult``, ``OxigraphStore`` (pyoxigraph),
  ``RdflibStore``, parameters bound through pyoxigraph's ``substitutions=`` or, where it cannot,
  ``with_values`` (a VALUES block of escaped terms): never pasted into the text;
- ``argkb.store.sparql_terms`` — RDF terms written as escaped SPARQL (``term_sparql``) and the
  VALUES block binding parameters (``with_values``);
- ``argkb.store.backends`` — ``open_store(kb)``: the derived store, an endpoint or memory;
- ``argkb.store.derived`` — the persistent pyoxigraph copy of the Turtle files, kept in step by hash
  (its writers' lock: ``argkb.store.store_lock``; its manifest of files and their hashes:
  ``argkb.store.manifest``);
- ``argkb.store.endpoint`` — any SPARQL 1.1 server as a Store;
- ``argkb.store.focus`` — a query restricted to many nodes in linear time (marker graph, not a
  VALUES join);
- ``argkb.store.bounds`` — limits on a query's size, nesting and operators, checked before parsing;
- ``argkb.store.push`` / ``argkb.store.serve`` — ``argkb push`` (Graph Store Protocol),
  ``argkb serve`` (a supervised Oxigraph server behind the checking front of ``argkb.store.proxy``;
  its Oxigraph processes, supervised and restarted: ``argkb.store.upstream``).

Depends on ``argkb.kb`` and below.
"""

from argkb.store.backends import open_store
from argkb.store.base import OxigraphStore, QueryResult, RdflibStore, Store

__all__ = ["open_store", "Store", "QueryResult", "OxigraphStore", "RdflibStore"]
