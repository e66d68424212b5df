"""A knowledge base as it would be after a change, without touching the real one.

``kb_view(kb, overrides)`` builds, in a temporary folder, a knowledge base whose
``ontology/`` and ``data/sources/`` are symbolic links to the real ones and whose data
files are links too, except those in ``overrides`` (path -> new text, or None to leave
the file out). Validation runs on the view; the real folder gets not a byte.
"""
from __future__ import annotations

import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from argkb.kb.folder import KnowledgeBase


@contextmanager
def kb_view(kb: KnowledgeBase, overrides: dict[Path, str | None] | None = None) -> Iterator[KnowledgeBase]:
    overrides = {Path(k).resolve(): v for k, v in (overrides or {}).items()}
    with tempfile.TemporaryDirectory(prefix="argkb-view-") as tmp:
        root = Path(tmp)
        (root / "ontology").symlink_to(kb.ontology_dir.resolve(), target_is_directory=True)
        data = root / "data"
        data.mkdir()
        if kb.sources_dir.is_dir():
            (data / "sources").symlink_to(kb.sources_dir.resolve(), target_is_directory=True)
        for path in kb.data_files():
            target = data / path.resolve().relative_to(kb.data_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            key = path.resolve()
            if key not in overrides:
                target.symlink_to(key)
            elif overrides[key] is not None:
                target.write_text(overrides[key], encoding="utf-8")
        yield KnowledgeBase(root, kb.extra, allow_network=kb.allow_network)
