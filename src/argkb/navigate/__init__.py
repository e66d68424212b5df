"""Navigating the argument graph from one node: ``argkb trace`` and ``argkb impacts``.

- ``argkb.navigate.walk`` — small bound queries, one node at a time;
- ``argkb.navigate.trace`` — ``trace(kb_or_store, claim)``: a claim back to its rationale and
  quotes;
- ``argkb.navigate.impacts`` — ``impacts(store, id)``: what follows from a move, lever or actor;
- ``argkb.navigate.trace_render``, ``impacts_render``, ``outline`` — tree, JSON and Markdown output.
"""
