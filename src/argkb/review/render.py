"""The review as a list an editor works through: text or JSON."""

from __future__ import annotations

import json
import textwrap

from argkb.review.findings import Finding, Review


def render(result: Review, fmt: str = "text") -> str:
    if fmt == "json":
        return (
            json.dumps(
                {
                    "open": [f.to_dict() for f in result.open],
                    "accepted": [f.to_dict() for f in result.accepted],
                    "checks": [
                        {"query": q, "finding": k, "summary": s} for q, k, s in result.checks
                    ],
                },
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return _text(result)


def _text(result: Review) -> str:
    lines = []
    by_kind: dict[str, list[Finding]] = {}
    for f in result.open:
        by_kind.setdefault(f.kind, []).append(f)
    for _query, kind, summary in result.checks:
        found = by_kind.get(kind, [])
        if not found:
            continue
        lines.append(f"{kind} ({len(found)}): {summary}")
        for f in found:
            lines.append(f"  {f.node}")
            if f.detail:
                lines.append(
                    textwrap.fill(
                        f.detail, 100, initial_indent="      ", subsequent_indent="      "
                    )
                )
        lines.append("")
    if result.accepted:
        lines.append(f"left by the editors, with their reasons ({len(result.accepted)}):")
        for f in result.accepted:
            lines.append(f"  {f.node}  [{f.kind}]")
            lines.append(
                textwrap.fill(f.note, 100, initial_indent="      ", subsequent_indent="      ")
            )
        lines.append("")
    lines.append(
        f"review: {len(result.open)} to work through, {len(result.accepted)} left with a reason "
        f"({len(result.checks)} checks)"
    )
    return "\n".join(lines) + "\n"
