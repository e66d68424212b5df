"""Text, Markdown and JSON renderings of assessments, lens comparisons and scenarios."""

from __future__ import annotations

from rdflib import URIRef

from argkb.assess.assessment import SILENT, Assessment, LensComparison, Scenario
from argkb.assess.dung import STATUS_MEANING
from argkb.assess.json_text import dumps_indent2
from argkb.rdf.ids import short
from argkb.vocab.lenses import NOTATION, SHORT

NOT_IN_VIEW = "·"


def lens_name(lens: URIRef | None, header: bool = False) -> str:
    if lens is None:
        return "overall"
    """The name users type (and JSON keys) of a lens, or its short column header \
(``argkb.vocab.lenses``)."""
    names = SHORT if header else NOTATION
    return names.get(URIRef(lens), short(lens))


def table(headers: list[str], rows: list[list[str]], fmt: str) -> str:
    """An aligned plain-text table, or a Markdown one."""
    if fmt == "markdown":
        esc = [[c.replace("|", "\\|") for c in r] for r in rows]
        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in esc])
    widths = [max(len(x) for x in col) for col in zip(headers, *rows)]
    fmt_row = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join(
        [fmt_row(headers), fmt_row(["-" * w for w in widths])] + [fmt_row(r) for r in rows]
    )


def _heading(text: str, fmt: str) -> str:
    return f"### {text}" if fmt == "markdown" else text


def _label(graph, iri) -> str:
    node = graph.arguments.get(iri) or graph.claims.get(iri)
    return node.label if node is not None else ""


def _counts(statuses) -> str:
    values = list(statuses)
    return " / ".join(f"{s} {values.count(s)}" for s in ("IN", "OUT", "UNDEC"))


# ------------------------------------------------------------------ assess ---
def render_assessment(result: Assessment, fmt: str) -> str:
    if fmt == "json":
        return dumps_indent2(assessment_json(result))
    g, views = result.graph, result.views
    names = [lens_name(v.lens, header=True) for v in views]
    args = sorted(set().union(*(v.view for v in views)), key=str)
    arg_rows = [
        [
            short(a),
            lens_name(g.arguments[a].perspective, True),
            *(v.arguments.get(a, NOT_IN_VIEW) for v in views),
            _label(g, a),
        ]
        for a in args
    ]
    claims = sorted(
        set().union(*(v.claims for v in views)), key=lambda c: (not g.claims[c].implication, str(c))
    )
    claim_rows = [
        [
            short(c),
            "implication" if g.claims[c].implication else "claim",
            *(v.claims.get(c, NOT_IN_VIEW) for v in views),
            _label(g, c),
        ]
        for c in claims
    ]
    summary = [
        f"{n}: arguments {_counts(v.arguments.values())}; claims {_counts(v.claims.values())}"
        + (
            ""
            if result.semantics == "grounded"
            else f"; {v.extensions} {result.semantics} extension(s)"
        )
        for n, v in zip(names, views)
    ]
    return "\n\n".join(
        [
            _heading(f"Assessment under {result.semantics} semantics", fmt),
            table(["argument", "lens", *names, "label"], arg_rows, fmt),
            table(["claim", "kind", *names, "label"], claim_rows, fmt),
            "\n".join(("- " if fmt == "markdown" else "") + s for s in summary),
            STATUS_MEANING,
        ]
    )


def assessment_json(result: Assessment) -> dict:
    g = result.graph
    return {
        "semantics": result.semantics,
        "views": [
            {
                "lens": None if v.lens is None else lens_name(v.lens),
                "extensions": v.extensions,
                "arguments": {str(a): s for a, s in sorted(v.arguments.items())},
                "claims": {str(c): s for c, s in sorted(v.claims.items())},
            }
            for v in result.views
        ],
        "arguments": {
            str(a.iri): {
                "id": short(a.iri),
                "label": a.label,
                "perspective": lens_name(a.perspective) if a.perspective else None,
                "conclusion": str(a.conclusion) if a.conclusion else None,
                "attacks": str(a.attacks) if a.attacks else None,
            }
            for a in sorted(g.arguments.values(), key=lambda a: str(a.iri))
        },
        "claims": {
            str(c.iri): {"id": short(c.iri), "label": c.label, "implication": c.implication}
            for c in sorted(g.claims.values(), key=lambda c: str(c.iri))
        },
        "attacks": [
            {"from": str(a), "to": str(b), "kind": k} for (a, b), k in sorted(g.attacks.items())
        ],
    }


# ------------------------------------------------------------------ lenses ---
def _comparison_rows(comp: LensComparison, lead=None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the side-by-side table; ``lead(row)`` gives scenario's depth and via
    columns."""
    headers = [
        *(["depth", "via"] if lead else []),
        "implication",
        "overall",
        *(lens_name(lens, header=True) for lens in comp.lenses),
        "label",
    ]
    rows = [
        [
            *(lead(r) if lead else []),
            short(r.claim),
            _graded(r.overall, r.strength.get(None)),
            *(_graded(r.by_lens[lens], r.strength.get(lens)) for lens in comp.lenses),
            _label(comp.graph, r.claim),
        ]
        for r in comp.rows
    ]
    return headers, rows


def _graded(status: str, strength: float | None) -> str:
    """A status with its graded strength beside it: ``IN .86``."""
    if strength is None or status == SILENT:
        return status
    return f"{status} {strength:.2f}".replace(" 0.", " .").replace(" 1.00", " 1")


def _divergence_text(comp: LensComparison, fmt: str) -> str:
    rows = comp.divergent
    if not rows:
        return "The lenses agree on every implication they argue."
    out = [
        _heading(
            f"Where the lenses part ways ({len(rows)} implication{'s' if len(rows) != 1 else ''})",
            fmt,
        )
    ]
    bullet = "- " if fmt == "markdown" else ""
    for r in rows:
        out.append(f'{bullet}{short(r.claim)} "{_label(comp.graph, r.claim)}"')
        for lens, deciding in r.deciding.items():
            why = "; ".join(f"{short(a)} {role} ({s})" for a, role, s in deciding) or "no argument"
            out.append(
                f"{'  - ' if fmt == 'markdown' else '    '}{lens_name(lens)} {r.by_lens[lens]}: "
                f"{why}"
            )
    names = [lens_name(lens) for lens in comp.lenses]
    out.append(
        f"Why one verdict, and what one lens counts that another does not: argkb why ID -p LENS, "
        f"argkb why ID --between {' '.join(names[:2]) if len(names) > 1 else 'LENS LENS'}"
    )
    return "\n".join(out)


def comparison_json(comp: LensComparison) -> dict:
    names = _Names(comp.lenses)  # each lens named once, not once per row
    return {
        "semantics": comp.semantics,
        "lenses": [names[lens] for lens in comp.lenses],
        "implications": [
            {
                "iri": str(r.claim),
                "id": short(r.claim),
                "label": _label(comp.graph, r.claim),
                "overall": r.overall,
                "lenses": {
                    names[lens]: (None if s == SILENT else s) for lens, s in r.by_lens.items()
                },
                "strength": {
                    "overall": r.strength.get(None),
                    **{names[lens]: r.strength.get(lens) for lens in comp.lenses},
                },
                "divergent": r.divergent,
                "deciding": {
                    names[lens]: [
                        {"argument": str(a), "id": short(a), "role": role, "status": s}
                        for a, role, s in rows
                    ]
                    for lens, rows in r.deciding.items()
                },
            }
            for r in comp.rows
        ],
    }


class _Names(dict):
    """lens -> ``lens_name(lens)``, each computed once."""

    def __init__(self, lenses):
        super().__init__((lens, lens_name(lens)) for lens in lenses)

    def __missing__(self, lens) -> str:
        name = self[lens] = lens_name(lens)
        return name


def render_comparison(comp: LensComparison, fmt: str) -> str:
    if fmt == "json":
        return dumps_indent2(comparison_json(comp))
    headers, rows = _comparison_rows(comp)
    legend = (
        f"{SILENT} = the lens neither concludes nor attacks the implication; "
        f"the number beside a status is its graded strength in [0, 1] ({comp.gradual})"
    )
    return "\n\n".join(
        [
            _heading(f"Implications lens by lens ({comp.semantics} semantics)", fmt),
            table(headers, rows, fmt),
            legend,
            _divergence_text(comp, fmt),
            STATUS_MEANING,
        ]
    )


# ---------------------------------------------------------------- scenario ---
def render_scenario(sc: Scenario, fmt: str) -> str:
    comp = sc.comparison
    if fmt == "json":
        data = comparison_json(comp)
        data["moves"] = [str(m) for m in sc.moves]
        for item, r in zip(data["implications"], comp.rows):
            reach = sc.reached[r.claim]
            item["depth"] = reach.depth
            item["via"] = [str(x) for x in reach.via]
        return dumps_indent2(data)
    moves = ", ".join(short(m) for m in sc.moves)
    if not comp.rows:
        return f"No implication is triggered by {moves}."

    def lead(r):
        reach = sc.reached[r.claim]
        return [str(reach.depth), " via ".join(short(x) for x in reach.via)]

    headers, rows = _comparison_rows(comp, lead)
    return "\n\n".join(
        [
            _heading(
                f"Scenario: {moves} ({len(comp.rows)} "
                f"implication{'s' if len(comp.rows) != 1 else ''}, {comp.semantics} semantics)",
                fmt,
            ),
            table(headers, rows, fmt),
            f"depth 1 = triggered by a move; depth n+1 = argued from an implication at depth n. "
            f"{SILENT} = the lens neither concludes nor attacks it",
            _divergence_text(comp, fmt),
            STATUS_MEANING,
        ]
    )
