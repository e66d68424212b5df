"""The why of every implication of a map, overall and under each lens: what the HTML map's panel
shows.

The same explanation as ``argkb why`` (``argkb.assess.why``), cut down to what decides the verdict:

* ``status`` (None: the lens is silent on it), ``strength`` (graded, DF-QuAD) and ``lead``, the
  verdict in one sentence (``argkb.assess.why_render.lead``);
* ``for``: the arguments that count for it in this view (under a lens, the lens's own);
* ``deciding``: OUT, the counted IN refuting attackers of the implication and of its supporters
  (the defeaters); otherwise (IN, UNDEC, or a silent lens) every counted objection to it or to a
  supporter, with the arguments that answer it (``answered_by``: its IN refuting attackers).
  ``against`` names what each one attacks (the implication's id, or a supporter's);
* ``not_counted``: the objections the lens does not count, with the premises it does not grant;
* ``cruxes``: the minimal sets of arguments whose removal changes the verdict (argument ids),
  ``complete`` False when the search stopped at its budget; None under stable semantics (see
  ``CRUX_BUDGET``).

The premises of each argument (what ``argkb why`` prints at length) are left out: the panel's trace
shows them. One reader per lens labels and grades the whole argument graph once for all the map's
implications (``argkb.assess.why.explain`` would do it once per implication).
"""

from __future__ import annotations

from rdflib import URIRef

from argkb.assess.dung import IN, OUT
from argkb.assess.why import Reader, Why, explain
from argkb.assess.why_render import lead
from argkb.export.model import PERSPECTIVE_KEYS, ArgumentMap
from argkb.export.style import STATUS_ATTRS
from argkb.rdf.ids import short, to_iri

#: the gradual semantics of the strengths (the default of ``argkb why``)
GRADUAL = "df-quad"
#: cruxes of up to this many arguments (as ``argkb why``)
CRUX_SIZE = 3
#: recomputations a crux search may make per implication and view before it stops, marked incomplete
#: (the seed's largest region, 7 arguments, takes 63). Under stable semantics, which is not
#: directional, the region is the whole view and every recomputation labels all of it: the map
#: searches no cruxes then (``cruxes`` None; ``argkb why ID --semantics stable`` does, for one
#: implication).
CRUX_BUDGET = 500
OBJECTIONS = ("rebuts", "weakens")


def explain_map(amap: ArgumentMap) -> dict[str, dict[str, dict]]:
    """implication id -> status lens (``overall``, ``realism`` …) -> its compact why (see the
    module)."""
    from argkb.assess import framework as argumentation

    implications = amap.of_type("implication")
    if not implications or amap.store is None:
        return {}
    graph = amap.graph if amap.graph is not None else argumentation.load(amap.store)
    out: dict[str, dict[str, dict]] = {n.id: {} for n in implications}
    for lens in STATUS_ATTRS:
        lens_iri = None if lens == "overall" else argumentation.lens_iri(lens)
        reader = Reader(graph, amap.store, lens_iri, amap.semantics, GRADUAL, grounds=False)
        for node in implications:
            why = explain(
                graph,
                amap.store,
                URIRef(node.iri),
                lens_iri,
                amap.semantics,
                GRADUAL,
                CRUX_SIZE,
                reader,
                CRUX_BUDGET,
                search_cruxes=amap.semantics != "stable",
            )
            out[node.id][lens] = compact(why, graph)
    return out


def compact(w: Why, graph) -> dict:
    """The panel's why of one implication in one view (the module says what each key holds); lenses
    by the keys ``--perspective`` takes, lists that would be empty left out of an argument's
    entry."""
    me = short(w.claim)
    own = [b for b in w.because if b["role"] == "supports"]
    objections: dict[str, dict] = {}
    for target, items in [(me, [b for b in w.because if b["role"] in OBJECTIONS])] + [
        (s["argument"], s.get("attacked_by", ())) for s in own
    ]:
        for item in items:
            seen = objections.get(item["argument"])
            if seen is None:
                objections[item["argument"]] = seen = {"item": item, "against": []}
            if target not in seen["against"]:
                seen["against"].append(target)
    deciding, not_counted = [], []
    for entry in objections.values():
        item = entry["item"]
        row = {
            "id": item["argument"],
            "label": item["label"],
            "lens": _lens_key(item["lens"]),
            "role": item["role"],
            "force": item["force"],
            "status": item["status"],
            "counted": item["counted"],
            "against": entry["against"],
        }
        if not item["counted"]:
            row["not_counted_because"] = [
                {"id": p, "label": _label(graph, p)} for p in item.get("not_counted_because", ())
            ]
            not_counted.append(row)
        elif w.status != OUT or (item["status"] == IN and item["force"] == "refute"):
            answers = [
                {"id": x["argument"], "label": x["label"]}
                for x in item.get("attacked_by", ())
                if x["counted"] and x["status"] == IN and x["force"] == "refute"
            ]
            if answers:
                row["answered_by"] = answers
            deciding.append(row)
    return {
        "status": w.status,
        "strength": w.strength,
        "lead": lead(w),
        "for": [
            {
                "id": b["argument"],
                "label": b["label"],
                "lens": _lens_key(b["lens"]),
                "status": b["status"],
            }
            for b in own
        ],
        "deciding": deciding,
        "not_counted": not_counted,
        "cruxes": None if w.semantics == "stable" else [[short(a) for a in c] for c in w.cruxes],
        "complete": w.complete,
    }


def _lens_key(lens: str | None) -> str | None:
    """A lens IRI as the key ``--perspective`` takes (``realism``), None for no lens."""
    if not lens:
        return None
    term = URIRef(lens)
    return PERSPECTIVE_KEYS.get(term, str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1].lower())


def _label(graph, curie: str) -> str:
    """The label of a claim given by its CURIE, "" if the graph does not know it."""
    info = graph.claims.get(URIRef(str(to_iri(curie))))
    return info.label if info is not None else ""
