"""Which file (and line) defines a node: what a validation result points the reader to.

Found by reading the Turtle text, not by parsing it: only files whose bytes contain the
node's local name are searched line by line, so naming the file of a result costs little
even in a knowledge base of a million triples. The knowledge base's own files come first
(an existing node is "defined" where the knowledge base defines it), then ``--data`` files,
then the files under validation.
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import URIRef

from argkb.vocab.namespaces import PREFIXES
from argkb.kb.folder import relative


class Locator:
    def __init__(self, kb, files=(), store=None):
        self.kb = kb
        self.files = [Path(f) for f in files]
        self.store = store          # when given: skip the knowledge base's files for nodes it does not hold
        self._cache: dict = {}

    def where(self, node) -> tuple[str | None, int | None]:
        if not isinstance(node, URIRef):
            return None, None
        if node not in self._cache:
            self._cache[node] = self._find(node)
        return self._cache[node]

    def _find(self, node: URIRef) -> tuple[str | None, int | None]:
        candidates = [*self.kb_files, *self.files] if self.store is None or not self.files or self._in_store(node) \
            else self.files
        local = re.split(r"[/#]", str(node))[-1].encode("utf-8")
        for path in candidates:
            if local not in _file_bytes(path, path.stat().st_mtime_ns):
                continue
            line = find_line(path, node)
            if line is not None:
                return relative(path), line
        return None, None

    @cached_property
    def kb_files(self) -> list[Path]:
        return [*self.kb.data_files(), *self.kb.extra]

    def _in_store(self, node: URIRef) -> bool:
        return bool(self.store.query("ASK { ?s ?p ?o }", {"s": node}).boolean)


@lru_cache(maxsize=64)
def _file_bytes(path: Path, _mtime: int) -> bytes:
    return path.read_bytes()


@lru_cache(maxsize=64)
def _lines_cached(path: Path, _mtime: int) -> tuple[str, ...]:
    return tuple(path.read_text(encoding="utf-8", errors="replace").splitlines())


def find_line(path: Path, node) -> int | None:
    """The line where ``node`` is first written as a subject in a Turtle file (best effort)."""
    if not isinstance(node, URIRef):
        return None
    names = [f"<{node}>"]
    for prefix, ns in PREFIXES.items():
        if str(node).startswith(ns):
            names.append(f"{prefix}:{str(node)[len(ns):]}")
    pattern = re.compile(r"^\s*(?:" + "|".join(re.escape(n) for n in names) + r")(?=[\s;,.]|$)")
    for number, line in enumerate(_lines_cached(path, path.stat().st_mtime_ns), 1):
        if pattern.match(line):
            return number
    return None
