"""``argkb retract``: take a contribution out of the live knowledge base, keeping it in history.

The content file stays where it is; the log marks the contribution retracted (time,
reason, who), and ``KnowledgeBase.data_files()`` stops reading it; the facts an amendment replaced
are read again from the files that assert them. Refused while claims
of other contributions still quote a source it registers (``argkb source add``), naming them, and
when the knowledge base without it would have violations it does not have now — e.g. another
contribution argues from a claim it defines — naming those nodes and their files.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rdflib.namespace import RDF

from argkb.contrib.add import default_author, refresh_notes
from argkb.contrib.lock import KBLock
from argkb.contrib.recover import recover
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution, check_log_text, find, iso, now, read_log, write_log
from argkb.rdf.ids import short
from argkb.rdf.parse import parse_file
from argkb.validation.report import Result
from argkb.vocab.namespaces import ARGKB, OA


@dataclass
class Retraction:
    status: str  # retracted | unchanged | refused
    summary: str
    contribution: Contribution
    broken: list[Result] = field(default_factory=list)  # what would break
    notes: list[str] = field(default_factory=list)
    dependants: list[Contribution] = field(
        default_factory=list
    )  # live contributions holding what would break
    other_files: list[str] = field(
        default_factory=list
    )  # files outside contributions that would break

    @property
    def exit_code(self) -> int:
        return 1 if self.status == "refused" else 0

    def to_text(self) -> str:
        lines = [*self.notes, self.summary]
        for r in self.broken:
            lines.append(f"  {r.focus_name} ({r.where()}): rule {r.rule}: {r.message}")
        if self.dependants:
            lines.append(
                "retract the contributions that depend on it first (newest first), then this one:"
            )
            lines += [f"  argkb retract {c.id} -m TEXT" for c in self.dependants]
            lines.append(f"  argkb retract {self.contribution.id} -m TEXT")
        if self.other_files:
            lines.append(
                "edit these files so that nothing in them depends on it: "
                + ", ".join(self.other_files)
            )
        return "\n".join(lines)


def _holders(
    kb: KnowledgeBase, entries: list[Contribution], target: Contribution, broken: list[Result]
) -> tuple[list[Contribution], list[str]]:
    """The live contributions (newest first) and the other files that define the nodes that would
    break."""
    by_file = {
        (kb.root / c.content_file).resolve(): c
        for c in entries
        if not c.retracted and c.id != target.id
    }
    contributions, others = {}, []
    for r in broken:
        if not r.file:
            continue
        holder = by_file.get(Path(r.file).resolve())
        if holder is not None:
            contributions[holder.id] = holder
        elif r.file not in others:
            others.append(r.file)
    return sorted(contributions.values(), key=lambda c: c.id, reverse=True), others


def quoting_claims(live: KnowledgeBase, content: Path) -> list[str]:
    """ "kb:claim (kb:source via kb:quote)" for every claim outside ``content`` quoting a source
    ``content`` defines."""
    from argkb.contrib.queries import QUOTING_CLAIMS
    from argkb.store import open_store

    mine = parse_file(content)
    store = open_store(live)  # bound queries on the store: no rdflib copy of a large knowledge base
    found = []
    for source in sorted(set(mine.subjects(RDF.type, ARGKB.Source)), key=str):
        rows = store.query(
            QUOTING_CLAIMS,
            {"source": source, "hasSource": OA.hasSource, "evidence": ARGKB.evidence},
        ).rows
        found += [
            f"{short(claim)} quotes {short(source)} via {short(quote)}"
            for quote, claim in sorted(rows)
            if (quote, OA.hasSource, source) not in mine
        ]
    return found


def retract(
    kb: KnowledgeBase, ident: str, reason: str, author: str | None = None, timeout: float = 60.0
) -> Retraction:
    if not reason or not reason.strip():
        raise UsageError("give a reason: argkb retract ID -m TEXT")
    kb.require_writable()
    author = check_log_text(author or default_author(), reason, "the reason (-m)")
    from argkb.store.view import knowledge_base_as
    from argkb.validation.change import new_violations

    with KBLock(kb.data_dir, timeout) as lock:
        notes = [f"cleared a stale lock left by process {lock.stale_pid}"] if lock.stale_pid else []
        notes += recover(kb.data_dir)
        entries = read_log(kb.data_dir)
        target = find(entries, ident)
        if target.retracted:
            return Retraction(
                "unchanged",
                f"nothing to do: contribution {target.id} was already retracted "
                f"at {target.retracted_at}",
                target,
                notes=notes,
            )
        live = KnowledgeBase(kb.root, allow_network=kb.allow_network)
        content = live.root / target.content_file
        quoting = quoting_claims(live, content) if content.exists() else []
        if quoting:
            return Retraction(
                "refused",
                f"refused: contribution {target.id} registers a source that claims still "
                f"quote ({'; '.join(quoting)}); retract or amend those claims first",
                target,
                notes=notes,
            )
        if content.exists() or target.replaced:
            after = [
                replace(c, retracted_at=iso(now())) if c.id == target.id else c for c in entries
            ]
            with knowledge_base_as(
                live, log=after
            ) as view:  # its log marks the contribution retracted: not read
                broken = new_violations(live, view)
            if broken:
                dependants, others = _holders(live, entries, target, broken)
                return Retraction(
                    "refused",
                    f"refused: without contribution {target.id} the knowledge base would "
                    f"have {len(broken)} new violation(s); these depend on it:",
                    target,
                    broken,
                    notes,
                    dependants,
                    others,
                )
        target.retracted_at = iso(now())
        target.retraction_reason = reason.strip()
        target.retracted_by = author
        write_log(kb.data_dir, entries)  # the commit point: one atomic rename
        notes += refresh_notes(live)
        back = (
            f"; the {len(target.replaced)} fact(s) it replaced are read again from the files that "
            "assert them"
            if target.replaced
            else ""
        )
        return Retraction(
            "retracted",
            f"retracted contribution {target.id}; {target.content_file} is kept "
            f"but no longer read{back}",
            target,
            notes=notes,
        )
