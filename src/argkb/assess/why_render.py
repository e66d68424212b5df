"""Text, Markdown and JSON renderings of ``argkb why``."""

from __future__ import annotations

import json

from argkb.assess.dung import IN, OUT, UNDEC
from argkb.assess.render import lens_name
from argkb.assess.why import Why
from argkb.rdf.ids import short

MODEL_NAMES = {"df-quad": "DF-QuAD", "quadratic-energy": "quadratic energy"}


def _named(item: dict) -> dict:
    """An explanation item with lens IRIs as the names users type."""
    out = dict(item)
    if out.get("lens"):
        out["lens"] = lens_name_of(out["lens"])
    if "premises" in out:
        out["premises"] = [
            {**p, "held_by": [lens_name_of(x) for x in p["held_by"]]} for p in out["premises"]
        ]
    if "attacked_by" in out:
        out["attacked_by"] = [_named(x) for x in out["attacked_by"]]
    return out


def why_json(w: Why) -> dict:
    data = {
        "id": short(w.claim),
        "label": w.label,
        "lens": lens_name(w.lens),
        "status": w.status,
        "strength": w.strength,
        "semantics": w.semantics,
        "gradual": w.gradual,
        "held_by": [lens_name(x) for x in w.held_by],
        "granted": w.granted,
        "because": [_named(b) for b in w.because],
        "cruxes": [[short(a) for a in c] for c in w.cruxes],
        "cruxes_complete": w.complete,
    }
    if w.cycle:
        data["cycle"] = [short(a) for a in w.cycle]
    if w.between:
        data["between"] = [{**b, "lens": lens_name_of(b["lens"])} for b in w.between]
        data["difference"] = [
            {**d, "counted_by": lens_name_of(d["counted_by"]), "not_by": lens_name_of(d["not_by"])}
            for d in w.difference
        ]
    return data


def lens_name_of(iri: str) -> str:
    """The user name of a lens given as its IRI text ("overall" stays)."""
    from rdflib import URIRef

    return iri if iri == "overall" else lens_name(URIRef(iri))


def render_why(w: Why, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(why_json(w), indent=2, ensure_ascii=False)
    md = fmt == "markdown"
    view = "overall" if w.lens is None else f"under {lens_name(w.lens)}"
    status = w.status or ("silent" if w.granted else "not granted")
    strength = "" if w.strength is None else f", strength {w.strength:.2f}"
    head = f'{short(w.claim)} "{w.label}"' if w.label else short(w.claim)
    lines = [
        ("## " if md else "") + head,
        f"{view}: {status}{strength} ({w.semantics} semantics, "
        f"{MODEL_NAMES.get(w.gradual, w.gradual)})",
        "",
        lead(w),
        "",
    ]
    who = "the overall view" if w.lens is None else lens_name(w.lens)
    for item in w.because:
        lines += _argument_lines(item, 1, md, who)
    if w.cycle:
        lines += ["", "The cycle: " + ", ".join(short(a) for a in w.cycle)]
    lines += [
        "",
        ("### " if md else "") + "Cruxes (remove these arguments and the verdict changes)",
    ]
    if w.cruxes:
        lines += [f"{i}. " + " + ".join(short(a) for a in c) for i, c in enumerate(w.cruxes, 1)]
    else:
        lines.append("none of up to three arguments: the verdict does not rest on any small set")
    if not w.complete:
        lines.append("(the search stopped at its budget: larger neighbourhoods may hide more)")
    if w.between:
        lines += ["", ("### " if md else "") + "Where the lenses part"]
        for b in w.between:
            lines.append(
                f"{lens_name_of(b['lens'])}: {b['status'] or 'silent'}"
                + ("" if b["strength"] is None else f", strength {b['strength']:.2f}")
            )
        if w.difference:
            for d in w.difference:
                lines.append(
                    f"- {d['argument']} counts under {lens_name_of(d['counted_by'])}, not under "
                    f"{lens_name_of(d['not_by'])}: "
                    + _not_granted(lens_name_of(d["not_by"]), d["because"])
                )
        else:
            lines.append(
                "- both lenses count the same arguments here; they part on whose arguments are "
                "their own case"
            )
    return "\n".join(lines).rstrip() + "\n"


def lead(w: Why) -> str:
    """The verdict in one sentence (and, for a theory claim, whose theory it is)."""
    if w.status is None and not w.granted:
        holders = ", ".join(lens_name(x) for x in w.held_by)
        return (
            f"{lens_name(w.lens)} does not grant it: a theory claim held by {holders}. No argument "
            "of another lens resting on it counts under this lens."
        )
    sentence = _lead(w)
    if w.held_by:
        holders = ", ".join(lens_name(x) for x in w.held_by)
        sentence += f" It is a theory claim held by {holders}" + (
            "."
            if w.granted or w.lens is None
            else f": {lens_name(w.lens)} does not grant it, so no argument of another lens resting "
            "on it counts here."
        )
    return sentence


def _lead(w: Why) -> str:
    who = "the overall view" if w.lens is None else lens_name(w.lens)
    own = [b for b in w.because if b["role"] == "supports"]
    attacks = [b for b in w.because if b["role"] in ("rebuts", "weakens")]
    if w.status is None:
        return f"{who} is silent on it: none of its arguments concludes or attacks it."
    if w.status == IN:
        if not own:
            return "IN: nothing that counts here refutes it; it is taken as given."
        standing = [b["argument"] for b in own if b["status"] == IN]
        verb = "stands" if len(standing) == 1 else "stand"
        return (
            f"IN: {', '.join(standing)} {verb} for it, and every objection {who} counts is "
            "answered (or only weakens it)."
        )
    if w.status == OUT:
        defeaters = [
            b["argument"]
            for b in attacks
            if b["counted"] and b["status"] == IN and b["force"] == "refute"
        ]
        for b in own:
            defeaters += [
                x["argument"]
                for x in b.get("attacked_by", ())
                if x["status"] == IN and x["force"] == "refute"
            ]
        if defeaters:
            names = list(dict.fromkeys(defeaters))
            return (
                "OUT: defeated by "
                + ", ".join(names)
                + (", which stands" if len(names) == 1 else ", which stand")
                + " unanswered."
            )
        return f"OUT: every argument {who} makes for it falls."
    if w.status == UNDEC and not own:
        return (
            f"UNDEC: {who} argues against it but its attack does not prevail, and it has no "
            "argument of its own for it."
        )
    return "UNDEC: the arguments for and against it hold each other in check."


def _argument_lines(item: dict, depth: int, md: bool, who: str) -> list[str]:
    pad = "  " * depth
    bullet = "- " if md else ""
    sign = "+" if item["role"].startswith("supports") else "-"
    if not item["counted"]:
        state = "not counted: " + _not_granted(who, item.get("not_counted_because", []))
    else:
        state = item["status"]
    weak = " (only weakens)" if item["force"] == "weaken" and sign == "-" else ""
    lens = lens_name_of(item["lens"]) if item["lens"] else "no lens"
    lines = [
        (
            f"{pad}{bullet}{sign} {item['role']}{weak} {item['argument']} ({lens})  {state}  "
            f'"{item["label"]}"'
        )
    ]
    for p in item["premises"]:
        grant = "granted" if p["granted"] else "NOT granted"
        held = (
            f"; held by {', '.join(lens_name_of(x) for x in p['held_by'])}"
            if p["held_by"]
            else "; shared ground"
        )
        lines.append(f"{pad}    {bullet}premise {p['id']}: {grant}{held}; {p['grounds']}")
    for sub in item.get("attacked_by", ()):
        lines += _argument_lines(sub, depth + 2, md, who)
    return lines


def _not_granted(who: str, premises) -> str:
    """Why an argument does not count under a lens (``who``: the lens's name)."""
    if not premises:
        return "it is not this lens's own argument"
    return f"{who} does not grant " + ", ".join(premises) + " (a theory it does not hold)"
