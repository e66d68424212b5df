"""The graded strengths of a knowledge base's views: its argument graph as a QBAF
(``argkb.assess.strength``).

How argkb's knowledge maps onto a QBAF is said in ``argkb.assess.strength``; this module numbers the
knowledge base's influence graph once and solves each view (overall, or a lens) on it, recomputing
for a lens only what its differences from the overall view reach.
"""

from __future__ import annotations

from argkb.assess.strength import MODELS
from argkb.assess.strength_index import Index, _solve


def view_strengths(graph, lens, view, model: str = "df-quad", targets=None) -> dict:
    """The strength of every argument in ``view`` and every claim they touch, under ``lens``'s rule
    for support (``argkb.assess.graph.supporters``).

    ``targets``: only these nodes' strengths are wanted (those outside the view are left out); the
    others are computed only as far as the targets depend on them.

    The values are those of ``solve`` on the view's QBAF (claims, then arguments, each sorted; the
    attackers and supporters in the same order, so every float operation is the same), computed on
    the knowledge base's influence graph numbered once (``Index``): the strengths of the overall
    view (every argument, lens None) are computed once, and a lens's view recomputes only what its
    differences reach: the nodes an argument it does not count concluded, attacked or reasoned
    from, its implications with support from another lens, and whatever these influence. Every
    other node has the same inputs, in the same order, with the same strengths upstream, so the
    same strength.
    """
    if model not in MODELS:
        raise ValueError(f"unknown gradual semantics {model!r} (choose from {', '.join(MODELS)})")
    idx = _index(graph)
    arg_ids = idx.arg_ids
    members = [arg_ids[a] for a in view]
    full = idx.full(model)
    inview = idx.inview(members)
    everything = lens is None and inview.count(1) == len(idx.nodes)
    wanted = idx.in_view(inview, targets)
    if everything:
        x = full
    else:
        own = idx.own(lens)
        dirty = idx.reached(inview, own, lens)
        x = list(full)
        _solve(idx, model, [i for i in wanted if dirty[i]], dirty, inview, own, lens, x)
    nodes = idx.nodes
    return {nodes[i]: min(1.0, max(0.0, x[i])) for i in wanted}


def has_strength_index(graph) -> bool:
    """Whether the graph has its strengths' index, built or kept (read back with its view)."""
    found = graph.__dict__
    return found.get("_strength_index") is not None or found.get("_strength_index_data") is not None


def _index(graph) -> Index:
    found = graph.__dict__.get("_strength_index")
    if found is None:
        kept = graph.__dict__.pop(
            "_strength_index_data", None
        )  # kept beside the store (argkb.assess.snapshot)
        found = Index.from_data(kept, graph) if kept is not None else None
        found = graph.__dict__["_strength_index"] = found or Index(graph)
    return found
