"""A knowledge base as it would be after a change, without touching the real one.

``kb_view(kb, overrides)`` builds, in a temporary folder of the knowledge base's cache, a knowledge base whose
``ontology/`` and ``data/sources/`` are symbolic links to the real ones and whose data
files are links too, except those in ``overrides`` (path -> new text, or None to leave
the file out; a path in ``data/sources/`` gives a source text, new or changed). ``log`` (the
contributions log's entries as they would be: an amendment pending, a contribution retracted) gives
the view a log of its own, so that what it retracts and what amendments replace follow them.
Validation runs on the view; the real folder gets not a byte.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution, log_bytes, log_path
from argkb.kb.scratch import scratch
from argkb.store.backends import seed_view_store


@contextmanager
def kb_view(kb: KnowledgeBase, overrides: dict[Path, str | None] | None = None,
            log: list[Contribution] | None = None) -> Iterator[KnowledgeBase]:
    overrides = {Path(k).resolve(): v for k, v in (overrides or {}).items()}
    log_text = log_bytes(kb.data_dir, log).decode("utf-8") if log is not None else None
    if log_text is not None:
        overrides[log_path(kb.data_dir).resolve()] = log_text
    with scratch(kb, "view") as root:
        (root / "ontology").symlink_to(kb.ontology_dir.resolve(), target_is_directory=True)
        data = root / "data"
        data.mkdir()
        sources = kb.sources_dir.resolve()
        texts = {k: v for k, v in overrides.items() if k.parent == sources}
        if texts:   # new or changed source texts: a folder of links plus the new texts
            (data / "sources").mkdir()
            for path in sorted(sources.glob("*")) if sources.is_dir() else []:
                if path not in texts:
                    (data / "sources" / path.name).symlink_to(path)
            for path, text in texts.items():
                if text is not None:
                    (data / "sources" / path.name).write_text(text, encoding="utf-8")
        elif kb.sources_dir.is_dir():
            (data / "sources").symlink_to(sources, target_is_directory=True)
        for path in kb.data_files():
            target = data / path.resolve().relative_to(kb.data_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            key = path.resolve()
            if key not in overrides:
                target.symlink_to(key)
            elif (text := overrides[key]) is not None:
                target.write_text(text, encoding="utf-8")
        if log_text is not None:   # also when the knowledge base has no log yet
            (data / log_path(kb.data_dir).name).write_text(log_text, encoding="utf-8")
        view = KnowledgeBase(root, kb.extra, allow_network=kb.allow_network)
        seed_view_store(kb, view)   # its derived store starts from the live one's: only changed files are read
        yield view
