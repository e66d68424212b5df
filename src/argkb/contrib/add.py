"""``argkb add``: accept a contribution only when it is valid, and never lose or half-write
anything.

Order of work: parse and check the input (no lock, nothing written); take the lock;
finish any interrupted change (``recover``); compare with the knowledge base (no-op,
conflicts); validate in the knowledge base's context (as the amendment would leave it when
``--amend`` replaces facts: ``argkb.contrib.amend``); then write pending files, commit the log,
rename. No existing file is ever edited: an amendment is a contribution of its own whose log entry
records the facts it replaces.
"""

from __future__ import annotations

import getpass
import os
import signal
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib.namespace import RDFS
from rdflib.term import Node

from argkb.contrib.amend import amended_hint, amended_log, plan_amend
from argkb.contrib.axioms import check_axioms
from argkb.contrib.diff import Diff, compute_diff
from argkb.contrib.lock import KBLock
from argkb.contrib.prepare import MAX_BYTES, Prepared, Problem, prepare
from argkb.contrib.recover import amend_name, finish, pending_name, recover
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, register_hint
from argkb.kb.log import (
    CONTRIB_DIR,
    FILE_MODE,
    Contribution,
    agent_iri,
    check_log_text,
    iso,
    now,
    read_log,
    write_log,
)
from argkb.kb.scratch import scratch
from argkb.rdf.atomic import atomic_write_text
from argkb.rdf.ids import short
from argkb.store import open_store
from argkb.validation.report import ValidationReport
from argkb.vocab.namespaces import OA

ADDED, UNCHANGED, REFUSED = "added", "unchanged", "refused"


@dataclass
class Outcome:
    status: str  # added | unchanged | refused
    summary: str
    diff: Diff | None = None
    report: ValidationReport | None = None
    contribution: Contribution | None = None
    notes: list[str] = field(default_factory=list)  # recovery and stale-lock notes
    inconsistencies: list = field(
        default_factory=list
    )  # what the ontology's axioms forbid (argkb.contrib.axioms)

    @property
    def exit_code(self) -> int:
        return 1 if self.status == REFUSED else 0


def default_author() -> str:
    try:
        return os.environ.get("ARGKB_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "anonymous"


def fault_point(step: str) -> None:
    """Testing aid: ``ARGKB_FAULT=<step>`` kills the process with SIGKILL at that step of a
    write."""
    if os.environ.get("ARGKB_FAULT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def add(
    kb: KnowledgeBase,
    files,
    author: str | None = None,
    message: str = "",
    amend: bool = False,
    timeout: float = 60.0,
    max_bytes: int = MAX_BYTES,
    attachments: dict[Path, str] | None = None,
    guard: Callable[[KnowledgeBase], None] | None = None,
    inputs: list[str] | None = None,
) -> Outcome:
    """Add ``files`` as one contribution. ``attachments`` (path -> text) are written in the same
    committed step (``argkb source add`` stores a source's text so); ``guard(live)`` runs under the
    lock and may refuse by raising; ``inputs`` names what the log records as the input files."""
    started = now()
    kb.require_writable()
    author = check_log_text(author or default_author(), message, "the message (-m)")
    files = [Path(f) for f in files]
    prepared = prepare(files, kb.ontology_graph(), max_bytes, kb.allow_network)
    if prepared.problems:
        diff = Diff(problems=prepared.problems, compared=False)
        return Outcome(
            REFUSED,
            "refused: the contribution defines or uses ids it may not (see refused ids); "
            "nothing was compared or changed",
            diff,
        )
    unregistered = unregistered_sources(kb, prepared.graph)
    if unregistered:
        return Outcome(
            REFUSED,
            "refused: the contribution quotes a source whose text is not registered; "
            "register it with `argkb source add` first",
            Diff(problems=unregistered, compared=False),
        )
    with KBLock(kb.data_dir, timeout) as lock:
        notes = [f"cleared a stale lock left by process {lock.stale_pid}"] if lock.stale_pid else []
        notes += recover(kb.data_dir)
        live = KnowledgeBase(kb.root, allow_network=kb.allow_network)
        if guard is not None:
            guard(live)
        outcome = _review(live, prepared, amend, max_bytes, attachments or {})
        if outcome.status == ADDED:
            assert outcome.diff is not None, "_review gives an added contribution its diff"
            entries = read_log(live.data_dir)
            outcome.contribution = _commit(
                live,
                prepared,
                entries,
                outcome.diff,
                author,
                message,
                started,
                inputs,
                attachments or {},
            )
            outcome.summary = (
                f"added contribution {outcome.contribution.id} "
                f"({outcome.contribution.content_file})"
            )
            notes += refresh_notes(live)
        outcome.notes = notes
        return outcome


def unregistered_sources(kb: KnowledgeBase, graph) -> list[Problem]:
    """Quotes of sources whose text is not registered: their offsets could never be checked."""
    missing: dict[Node, Node] = {}
    for quote, source in graph.subject_objects(OA.hasSource):
        path = kb.source_text_path(source)
        if path is None or not path.is_file():
            missing.setdefault(source, quote)
    return [
        Problem(
            short(source),
            f"is quoted (by {short(quote)}) but has no registered text; "
            f"{register_hint(source)} first",
        )
        for source, quote in sorted(missing.items(), key=lambda item: str(item[0]))
    ]


def refresh_notes(kb: KnowledgeBase) -> list[str]:
    """The derived store follows the files in the same locked step (see argkb.store.backends)."""
    from argkb.store.backends import refresh_derived_store

    note = refresh_derived_store(kb)
    return [note] if note else []


def _review(
    live: KnowledgeBase,
    prepared: Prepared,
    amend: bool,
    max_bytes: int,
    attachments: dict[Path, str],
) -> Outcome:
    entries = read_log(live.data_dir)
    amended = live.superseded()
    same = [c for c in entries if c.sha256 == prepared.sha256 and not c.retracted]
    if same and not amended.get(live.root / same[-1].content_file):
        return Outcome(
            UNCHANGED,
            f"nothing to do: the same content was already added as contribution {same[-1].id}",
        )
    ontology = live.ontology_graph()
    diff = compute_diff(prepared.graph, open_store(live), ontology)
    if diff.nothing_new:
        return Outcome(
            UNCHANGED, "nothing to do: every triple is already in the knowledge base", diff
        )
    if diff.conflicts and not amend:
        return Outcome(
            REFUSED,
            f"refused: {len(diff.conflicts)} conflict(s) with the knowledge base "
            "(give --amend to replace these values)" + amended_hint(same, entries),
            diff,
        )
    try:
        replaced = plan_amend(live, diff.conflicts) if diff.conflicts else []
    except UsageError as exc:
        return Outcome(REFUSED, f"refused: {exc}", diff)
    without = {(c.node, c.prop, value) for c in diff.conflicts for value in c.old}
    inconsistent = check_axioms(open_store(live), prepared.graph, ontology, without=without)
    if inconsistent:
        return Outcome(
            REFUSED,
            f"refused: {len(inconsistent)} contradiction(s) with the ontology's axioms (the "
            "knowledge base would be inconsistent, as `argkb reason` would report)",
            diff,
            inconsistencies=inconsistent,
        )
    report = _validate(live, prepared, attachments, max_bytes, amended_log(entries, replaced))
    if not report.conforms:
        return Outcome(
            REFUSED,
            "refused: the contribution does not validate in the knowledge base",
            diff,
            report,
        )
    diff.replaced = replaced
    return Outcome(ADDED, "", diff, report)


def _validate(
    live: KnowledgeBase,
    prepared: Prepared,
    overrides: dict,
    max_bytes: int,
    log: list[Contribution] | None = None,
) -> ValidationReport:
    """Validate the contribution in context: the user's own files when they name every node (their
    lines are then reported); else the skolemised content, reported as the user's files (the
    temporary copy is gone when the report is read)."""
    from argkb.store.view import knowledge_base_as
    from argkb.validation.validate import validate

    with scratch(live, "add") as tmp:
        files = prepared.files
        if prepared.had_blank_nodes:
            files = [tmp / "contribution.ttl"]
            files[0].write_text(prepared.turtle, encoding="utf-8")
        given = (
            prepared.graph if prepared.had_blank_nodes else prepared.given
        )  # what the files hold, read once
        if not overrides and log is None:
            report = validate(live, files, max_bytes=max_bytes, parsed=given)
        else:  # in the knowledge base as the amendment (or the new source texts) would leave it
            with knowledge_base_as(live, log, texts=overrides) as view:
                report = validate(view, files, max_bytes=max_bytes, parsed=given)
        if prepared.had_blank_nodes:
            _name_inputs(report, files[0], prepared.files)
        return report


def _name_inputs(report: ValidationReport, temporary: Path, inputs: list[Path]) -> None:
    """Results located in the temporary skolemised copy point at the user's files instead (without a
    line)."""
    from argkb.kb.folder import relative

    gone = {relative(temporary), str(temporary)}
    given = ", ".join(relative(p) for p in inputs)
    report.files = [given if f in gone else f for f in report.files]
    for result in report.results:
        if result.file in gone:
            result.file, result.line = given, None


def _label(live: KnowledgeBase, node) -> str | None:
    from argkb.store.lookup import TripleLookup

    labels = sorted(TripleLookup(open_store(live)).objects(node, RDFS.label), key=str)
    return str(labels[0]) if labels else None


def _commit(
    live: KnowledgeBase,
    prepared: Prepared,
    entries: list[Contribution],
    diff: Diff,
    author: str,
    message: str,
    started,
    inputs: list[str] | None = None,
    attachments: dict[Path, str] | None = None,
) -> Contribution:
    ended = now()
    cid = f"{ended.strftime('%Y%m%dT%H%M%SZ')}-{prepared.sha8}"
    taken = {c.id for c in entries}
    n = 1
    while cid in taken:
        n += 1
        cid = f"{ended.strftime('%Y%m%dT%H%M%SZ')}-{prepared.sha8}-{n}"
    folder = live.data_dir / CONTRIB_DIR
    final = folder / f"{cid}.ttl"
    agent = agent_iri(author)
    label = _label(live, agent) if ":" in author else author
    contribution = Contribution(
        id=cid,
        author=str(label or author),
        agent=str(agent),
        started=iso(started),
        ended=iso(ended),
        message=message,
        content_file=str(final.relative_to(live.root)),
        sha256=prepared.sha256,
        inputs=sorted(inputs or {p.name for p in prepared.files}),
        replaced=diff.replaced,
    )
    renames = [(pending_name(final), final)]
    try:
        atomic_write_text(renames[0][0], prepared.turtle, mode=FILE_MODE)
        for path, text in (attachments or {}).items():
            renames.append((amend_name(path, cid), path))
            atomic_write_text(renames[-1][0], text, mode=FILE_MODE)
        fault_point("before-log")
        write_log(live.data_dir, [*entries, contribution])  # the commit point
    except BaseException:  # not committed: no pending file may outlive this process
        for pending, _final in renames:
            pending.unlink(missing_ok=True)
        raise
    fault_point("after-log")
    finish(live.data_dir, renames)
    return contribution
