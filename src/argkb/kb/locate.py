"""Which file (and line) defines a node: what a validation result points the reader to.

Found by reading the Turtle text, not by parsing it: each file is read once into an index of
the tokens that start its lines (a node written as a subject), so locating N results costs one
pass over the files, not N; the knowledge base's own files are only indexed when their bytes
contain the node's local name, so naming the file of a result costs little even in a knowledge
base of a million triples. The knowledge base's own files come first
(an existing node is "defined" where the knowledge base defines it), then ``--data`` files,
then the files under validation.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from pathlib import Path

from rdflib import URIRef

from argkb.kb.folder import relative
from argkb.vocab.namespaces import PREFIXES


class Locator:
    def __init__(self, kb, files=(), store=None):
        self.kb = kb
        self.files = [Path(f) for f in files]
        self.store = store  # when given: skip the knowledge base's files for nodes it does not hold
        self._cache: dict = {}
        self._names: dict = {}  # path -> how messages name it

    def where(self, node) -> tuple[str | None, int | None]:
        if not isinstance(node, URIRef):
            return None, None
        if node not in self._cache:
            self._cache[node] = self._find(node)
        return self._cache[node]

    def _find(self, node: URIRef) -> tuple[str | None, int | None]:
        in_files = [(path, True) for path in self.files]
        candidates = (
            [*((p, False) for p in self.kb_files), *in_files]
            if self.store is None or not self.files or self._in_store(node)
            else in_files
        )
        local = re.split(r"[/#]", str(node))[-1].encode("utf-8")
        for path, given in candidates:
            # the knowledge base's own (possibly large) files are only indexed when they mention the
            # node
            if not given and local not in _file_bytes(path, path.stat().st_mtime_ns):
                continue
            line = find_line(path, node)
            if line is not None:
                if path not in self._names:
                    self._names[path] = relative(path)
                return self._names[path], line
        return None, None

    @cached_property
    def kb_files(self) -> list[Path]:
        return [*self.kb.data_files(), *self.kb.extra]

    def _in_store(self, node: URIRef) -> bool:
        return self.store.describes(node)


@lru_cache(maxsize=64)
def _file_bytes(path: Path, _mtime: int) -> bytes:
    return path.read_bytes()


#: a line's first token, as a subject is written: ``<iri>`` or a prefixed name
_LEADING = re.compile(r"\s*(<[^>\s]*>|[^\s;,<\"']+)")


@lru_cache(maxsize=64)
def _subject_lines(path: Path, _mtime: int) -> dict[str, int]:
    """Each token that starts a line -> the first line it starts (read once per file version: linear
    in its size).

    A prefixed name ending in dots, or holding dots, is also indexed cut at each dot, as a name may
    be followed by the statement's final ``.``."""
    index: dict[str, int] = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            match = _LEADING.match(line)
            if not match:
                continue
            token = match.group(1)
            index.setdefault(token, number)
            if "." in token and not token.startswith("<"):
                for cut in (i for i, c in enumerate(token) if c == "."):
                    index.setdefault(token[:cut], number)
    return index


def find_line(path: Path, node) -> int | None:
    """The line where ``node`` is first written as a subject in a Turtle file (best effort)."""
    if not isinstance(node, URIRef):
        return None
    names = [f"<{node}>"]
    for prefix, ns in PREFIXES.items():
        if str(node).startswith(ns):
            names.append(f"{prefix}:{str(node)[len(ns) :]}")
    index = _subject_lines(path, path.stat().st_mtime_ns)
    lines = [index[n] for n in names if n in index]
    return min(lines) if lines else None
