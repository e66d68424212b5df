"""``argkb retract``: take a contribution out of the live knowledge base, keeping it in history.

The content file stays where it is; the log marks the contribution retracted (time,
reason, who), and ``KnowledgeBase.data_files()`` stops reading it. Refused when the
knowledge base without it would have violations it does not have now — e.g. another
contribution argues from a claim it defines — naming those nodes and their files.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from argkb.contrib.add import default_author, refresh_notes
from argkb.contrib.lock import KBLock
from argkb.kb.log import Contribution, find, iso, now, read_log, write_log
from argkb.contrib.recover import recover
from argkb.contrib.view import kb_view
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.validation.report import Result


@dataclass
class Retraction:
    status: str                          # retracted | unchanged | refused
    summary: str
    contribution: Contribution
    broken: list[Result] = field(default_factory=list)   # what would break
    notes: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "refused" else 0

    def to_text(self) -> str:
        lines = [*self.notes, self.summary]
        for r in self.broken:
            lines.append(f"  {r.focus_name} ({r.where()}): rule {r.rule}: {r.message}")
        return "\n".join(lines)


def _key(r: Result) -> tuple:
    return (r.focus, r.rule, r.path_iri, r.message)


def retract(kb: KnowledgeBase, ident: str, reason: str, author: str | None = None,
            timeout: float = 60.0) -> Retraction:
    if not reason or not reason.strip():
        raise UsageError("give a reason: argkb retract ID --reason TEXT")
    kb.require_writable()
    from argkb.validation.validate import validate

    with KBLock(kb.data_dir, timeout) as lock:
        notes = [f"cleared a stale lock left by process {lock.stale_pid}"] if lock.stale_pid else []
        notes += recover(kb.data_dir)
        entries = read_log(kb.data_dir)
        target = find(entries, ident)
        if target.retracted:
            return Retraction("unchanged", f"nothing to do: contribution {target.id} was already retracted "
                                           f"at {target.retracted_at}", target, notes=notes)
        live = KnowledgeBase(kb.root, allow_network=kb.allow_network)
        content = live.root / target.content_file
        if content.exists():
            before = {_key(r) for r in validate(live).violations}
            with kb_view(live, {content: None}) as view:
                broken = [r for r in validate(view).violations if _key(r) not in before]
            if broken:
                return Retraction("refused", f"refused: without contribution {target.id} the knowledge base would "
                                             f"have {len(broken)} new violation(s); these depend on it:",
                                  target, broken, notes)
        target.retracted_at = iso(now())
        target.retraction_reason = reason.strip()
        target.retracted_by = author or default_author()
        write_log(kb.data_dir, entries)   # the commit point: one atomic rename
        notes += refresh_notes(live)
        return Retraction("retracted", f"retracted contribution {target.id}; {target.content_file} is kept "
                                       "but no longer read", target, notes=notes)
