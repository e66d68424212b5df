"""How ``argkb contributions`` prints the log: a list (newest first) or one contribution in full."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argkb.contrib.recover import pending_name
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution


def with_state(kb: KnowledgeBase, c: Contribution, log: Sequence[Contribution] = ()) -> dict:
    """The contribution as a dict, plus ``state``: live, retracted, pending (finished by the next
    write) or missing; and ``superseded``: the facts of its file that live amendments in ``log``
    replaced, and by which."""
    path = kb.root / c.content_file
    if c.retracted:
        state = "retracted"
    elif path.is_file():
        state = "live"
    elif pending_name(path).is_file():
        state = "pending"
    else:
        state = "missing"
    superseded = [
        {"subject": r.subject, "predicate": r.predicate, "object": r.object, "by": a.id}
        for a in log
        if not a.retracted and a.id != c.id
        for r in a.replaced
        if r.file == c.content_file
    ]
    return {**c.to_dict(), "state": state, "path": str(path), "superseded": superseded}


def contributions(kb: KnowledgeBase) -> list[dict]:
    """``argkb contributions``: every contribution of the log, newest first, with its state
    (``with_state``)."""
    from argkb.kb.log import read_log

    log = read_log(kb.data_dir)
    return [with_state(kb, c, log) for c in reversed(log)]


def contribution(kb: KnowledgeBase, ident: str) -> dict:
    """``argkb contributions show ID``: one contribution by id, unique prefix or SHA part
    (``argkb.kb.log.find``)."""
    from argkb.kb.log import find

    entries = contributions(kb)
    found = find(
        [Contribution(**{k: e[k] for k in Contribution.__dataclass_fields__}) for e in entries],
        ident,
    )
    return next(e for e in entries if e["id"] == found.id)


def list_text(entries: list[dict]) -> str:
    if not entries:
        return "no contributions yet (add one with `argkb add FILE`)"
    lines = []
    for e in entries:
        mark = "" if e["state"] == "live" else f"  [{e['state']}]"
        message = f"  {e['message']}" if e["message"] else ""
        lines.append(f"{e['id']}  {e['ended']}  {e['author']}{mark}{message}")
    live = sum(e["state"] == "live" for e in entries)
    lines.append(f"{len(entries)} contribution{'s' * (len(entries) != 1)}, {live} live")
    return "\n".join(lines)


def entry_text(e: dict) -> str:
    rows = [
        ("contribution", f"{e['id']}  ({e['state']})"),
        ("author", f"{e['author']}  <{e['agent']}>"),
        ("started", e["started"]),
        ("ended", e["ended"]),
        ("message", e["message"] or "-"),
        ("from", ", ".join(e["inputs"]) or "-"),
        ("file", e["content_file"]),
        ("sha256", e["sha256"]),
    ]
    if e["retracted_at"]:
        rows += [
            ("retracted", f"{e['retracted_at']} by {e['retracted_by'] or '?'}"),
            ("reason", e["retraction_reason"] or "-"),
        ]
    for r in e["replaced"]:
        rows.append(
            ("supersedes", f"<{r['subject']}> <{r['predicate']}> {r['object']}  (in {r['file']})")
        )
    for r in e.get("superseded", []):
        rows.append(
            ("superseded", f"<{r['subject']}> <{r['predicate']}> {r['object']}  (by {r['by']})")
        )
    width = max(len(k) for k, _ in rows)
    text = "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
    path = Path(e["path"])
    if path.is_file():
        text += "\n\n" + path.read_text(encoding="utf-8").rstrip("\n")
    return text
