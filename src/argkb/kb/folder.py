"""The knowledge base on disk: where it is, which files it holds, how to load it.

A knowledge base is a folder holding ``ontology/`` and ``data/``. ``KnowledgeBase.locate``
finds it as git finds a repository: ``--kb DIR``, else ``$ARGKB_HOME``, else the current
directory or its nearest parent holding both folders, else the copy bundled with the
package. The Turtle files are the source of truth; anything derived from them is a cache.

Two knowledge bases are read-only to argkb's writing commands (``require_writable``): the one
bundled inside the installed package, and one inside argkb's own source checkout (``checkout_of``)
found without being named — running argkb from a clone must not write into the repository's
``data/``. Naming it (``--kb DIR`` or ``$ARGKB_HOME``) makes the checkout's writable, for changing
the seed itself.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from argkb.errors import InputError, KnowledgeBaseNotFound, UsageError
from argkb.kb.layout import LOG_NAME
from argkb.rdf.parse import USER_MAX_BYTES, check_input_file, parse_file, read_bytes
from argkb.vocab.namespaces import PREFIXES

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Graph, URIRef

#: the instance namespace (``kb:``), as text
_KB = PREFIXES["kb"]

ENV_VAR = "ARGKB_HOME"
#: the longest file name most file systems allow (bytes): a source's text file is named after its id
MAX_NAME_BYTES = 255
_PACKAGE = Path(__file__).resolve().parents[1]  # src/argkb (or site-packages/argkb)


def _is_kb(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "data").is_dir()


def bundled_root() -> Path | None:
    """The knowledge base shipped with the package (or the source tree it runs from)."""
    package = _PACKAGE
    for candidate in (package / "bundled", package.parents[1]):
        if _is_kb(candidate):
            return candidate
    return None


def checkout_of(root: Path) -> Path | None:
    """The argkb source checkout holding ``root`` (itself or a parent folder), None if it is in
    none: a folder with ``src/argkb/`` and a ``pyproject.toml`` that names the project argkb."""
    for folder in (root, *root.parents):
        project = folder / "pyproject.toml"
        if (folder / "src" / "argkb" / "__init__.py").is_file() and project.is_file():
            try:
                text = project.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if 'name = "argkb"' in text:
                return folder
    return None


def find_root(kb: str | Path | None = None, cwd: Path | None = None) -> Path:
    if kb is None:
        kb = os.environ.get(ENV_VAR) or None
    if kb is not None:
        root = Path(kb).expanduser()
        if not _is_kb(root):
            raise KnowledgeBaseNotFound(
                f"{root}: not a knowledge base (a folder holding ontology/ and data/)"
            )
        return root.resolve()
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_kb(folder):
            return folder
    bundled = bundled_root()
    if bundled is None:
        raise KnowledgeBaseNotFound(
            "no knowledge base found: run inside a folder holding ontology/ and data/, "
            f"or give --kb DIR or set {ENV_VAR}"
        )
    return bundled


#: what ``argkb source add --id`` takes
SOURCE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def register_hint(source) -> str:
    """How to register a source's text: the `argkb source add` to run, with the source's own name
    where that name can be a source id (never ``--id ../../x``)."""
    iri = str(source)
    name = iri[len(_KB) :] if iri.startswith(_KB) else ""
    if SOURCE_ID.match(name):
        return f"register the article with `argkb source add FILE --id {name} --title TITLE`"
    return (
        "register the article with `argkb source add FILE --id NAME --title TITLE` and quote "
        "kb:NAME (a source id is letters, digits, '-' and '_', starting with a letter)"
    )


@dataclass
class KnowledgeBase:
    """A knowledge base folder, plus extra files read on top of it (``--data``)."""

    root: Path
    extra: tuple[Path, ...] = ()
    allow_network: bool = False
    endpoint: str | None = None  # --endpoint: read through this SPARQL 1.1 server
    update_endpoint: str | None = None  # --update-endpoint: its SPARQL Update URL, where needed
    named: bool = False  # given by --kb or $ARGKB_HOME, not found by looking around
    _graph: Graph | None = field(default=None, repr=False)
    _store: object | None = field(default=None, repr=False)  # set by argkb.store.open_store

    @classmethod
    def locate(
        cls, kb: str | Path | None = None, extra=(), cwd: Path | None = None, **kwargs
    ) -> KnowledgeBase:
        extra = tuple(Path(p) for p in extra)
        for path in extra:  # --data: refused before anything is read (and every read is capped too)
            check_input_file(path, USER_MAX_BYTES)
        named = kb is not None or bool(os.environ.get(ENV_VAR))
        return cls(find_root(kb, cwd), extra, named=kwargs.pop("named", named), **kwargs)

    # ----------------------------------------------------------------- files
    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "argkb.ttl"

    @property
    def shapes_file(self) -> Path:
        return self.ontology_dir / "shapes.ttl"

    def data_files(self) -> list[Path]:
        """The knowledge base's own data files, in a stable order (contributions last)."""
        files = _turtle_files(self.data_dir)
        contrib = self.data_dir / "contributions"
        if contrib.is_dir():
            files += [p for p in _turtle_files(contrib) if p.name not in self.retracted_files()]
        return files

    def superseded(self) -> dict[Path, frozenset]:
        """Data file -> the facts live amendments replaced in it (``argkb.kb.supersede``); the file
        is left as it is and readers leave these facts out of it; none without a log (no rdflib
        imported then)."""
        if not (self.data_dir / LOG_NAME).exists():
            return {}
        from argkb.kb.log_scan import summary

        found = summary(self.data_dir)
        if found is not None and not found.replaces:
            return {}  # no live amendment replaces anything: the log need not be read with rdflib
        from argkb.kb.supersede import superseded

        return {self.root / name: triples for name, triples in superseded(self.data_dir).items()}

    def read_file(
        self, path: Path, graph: Graph | None = None, superseded: dict | None = None, **kwargs
    ) -> Graph:
        """One data file's triples as the knowledge base reads them: minus what live amendments
        replaced (``superseded``: ``self.superseded()`` when the caller already has it)."""
        superseded = self.superseded() if superseded is None else superseded
        gone = superseded.get(Path(path)) if Path(path) not in self.extra else None
        if not gone:
            return parse_file(path, graph, **kwargs)
        from rdflib import Graph

        own = parse_file(path, Graph(), **kwargs)
        for triple in gone:
            own.remove(triple)
        if graph is None:
            return own
        graph += own
        return graph

    def retracted_files(self) -> set[str]:
        """Names of contribution files taken out of the live knowledge base (read from the
        contributions log)."""
        from argkb.kb.log_scan import summary

        found = summary(self.data_dir)
        if found is not None:
            return set(found.retracted)
        from argkb.kb.log import retracted_names

        return retracted_names(self.data_dir)

    def source_text_path(self, source: URIRef) -> Path | None:
        """Where the text of source ``kb:NAME`` lives: ``data/sources/NAME.txt``."""
        iri = str(source)
        if not iri.startswith(_KB):
            return None
        name = iri[len(_KB) :]
        if (
            not name
            or "/" in name
            or name.startswith(".")
            or len(f"{name}.txt".encode()) > MAX_NAME_BYTES
        ):
            return None
        return self.sources_dir / f"{name}.txt"

    def source_text(self, source: URIRef) -> str | None:
        path = self.source_text_path(source)
        if path is None or not path.is_file():
            return None
        try:
            return read_bytes(path).decode("utf-8")
        except UnicodeDecodeError as exc:
            name = path.stem
            raise InputError(
                path,
                f"the stored text of kb:{name} is not UTF-8 (byte {exc.start}); argkb stores "
                "source texts as UTF-8: register the article again with `argkb source add FILE "
                f"--id {name} --encoding ENCODING` (after retracting the old one), or re-save "
                "the file as UTF-8",
            ) from None

    # ----------------------------------------------------------------- graphs
    def ontology_graph(self) -> Graph:
        return parse_file(self.ontology_file, new_graph())

    def shapes_graph(self) -> Graph:
        return parse_file(self.shapes_file, new_graph())

    def graph(self) -> Graph:
        """Ontology, data and the extra files in one rdflib graph (loaded once)."""
        if self._graph is None:
            g = self.ontology_graph()
            superseded = self.superseded()
            for path in (*self.data_files(), *self.extra):
                self.read_file(
                    path,
                    g,
                    superseded,
                    allow_network=self.allow_network,
                    max_bytes=USER_MAX_BYTES if path in self.extra else None,
                )
            self._graph = g
        return self._graph

    @property
    def is_bundled(self) -> bool:
        """True for the knowledge base shipped inside the installed package (read-only to argkb)."""
        return self.root.resolve() == (_PACKAGE / "bundled").resolve()

    @property
    def in_checkout(self) -> bool:
        """True for a knowledge base inside argkb's own source checkout that was not named (see the
        module)."""
        return not self.named and checkout_of(self.root.resolve()) is not None

    def require_writable(self) -> None:
        """Refuse to write into the bundled knowledge base, or into argkb's own checkout unless it
        was named: users make their own with ``argkb init``."""
        if self.is_bundled:
            raise UsageError(
                "the knowledge base bundled with argkb is read-only; make a writable copy with "
                "`argkb init DIR`, then work in DIR (or pass --kb DIR)"
            )
        if self.in_checkout:
            raise UsageError(
                f"{self.root} is inside argkb's own source checkout, read-only unless named; make "
                "a writable copy outside the checkout with `argkb init DIR` (e.g. ~/my-kb), then "
                f"work in DIR (or pass --kb DIR), or name this one with --kb {self.root} to change "
                "it"
            )

    @property
    def cache_dir(self) -> Path:
        """Where derived data lives: ``<kb>/.argkb-cache`` (git-ignored); for the knowledge base
        bundled inside an installed package, a folder of the user's cache directory
        (``platformdirs``: on Linux ``$XDG_CACHE_HOME/argkb/``, by default ``~/.cache/argkb/``)
        instead, so nothing is ever written into site-packages."""
        if self.is_bundled:
            digest = hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:12]
            return user_cache_dir() / f"bundled-{digest}"
        return self.root / ".argkb-cache"


def _turtle_files(folder: Path) -> list[Path]:
    """``sorted(folder.glob("*.ttl"))``, sorted by name as strings and joined once (a 1M-triple
    knowledge base has thousands of files: pathlib's glob and comparisons cost a cold start tens of
    ms)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries if e.name.endswith(".ttl"))
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return []
    return [folder / name for name in names]


def user_cache_dir() -> Path:
    """argkb's folder in the user's cache directory, from ``platformdirs``: on Linux
    ``$XDG_CACHE_HOME/argkb`` (``~/.cache/argkb`` by default), on macOS
    ``~/Library/Caches/argkb``."""
    from platformdirs import user_cache_path

    return user_cache_path("argkb", appauthor=False)


def new_graph() -> Graph:
    """An empty rdflib graph that prints with argkb's prefixes."""
    from rdflib import Graph

    g = Graph(bind_namespaces="core")
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    return g


def relative(path: Path) -> str:
    """``path`` relative to the current directory where it lies below it, else as given (for
    messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
