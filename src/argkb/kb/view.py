"""The knowledge base as a change would leave it, in memory: no file written, no folder copied.

``KnowledgeBaseView(live, log=entries, texts={path: text})`` is the same folder read through another
contributions log (an amendment pending, a contribution retracted) and with some source texts given
in memory (``argkb source add`` registers one): ``data_files()`` leaves out what that log retracts,
``superseded()`` what its live amendments replace, ``source_text()`` answers from ``texts`` first.
Its store is never opened from the folder (that would bring the live derived store to the view's
files): ``argkb.store.view.store_view`` gives it one, a dataset view over the live store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef

from argkb.kb.folder import KnowledgeBase
from argkb.kb.log import Contribution, log_graph
from argkb.kb.supersede import from_log_graph


@dataclass
class KnowledgeBaseView(KnowledgeBase):
    log: list[Contribution] = field(default_factory=list)
    texts: dict[Path, str] = field(
        default_factory=dict
    )  # source text path -> its text, not yet written
    change: object | None = field(
        default=None, repr=False
    )  # how it differs from the live one (argkb.store.view)

    @classmethod
    def of(
        cls,
        live: KnowledgeBase,
        log: list[Contribution] | None = None,
        texts: dict[Path, str] | None = None,
    ) -> KnowledgeBaseView:
        from argkb.kb.log import read_log

        return cls(
            live.root,
            live.extra,
            allow_network=live.allow_network,
            named=live.named,
            log=list(read_log(live.data_dir) if log is None else log),
            texts={Path(k).resolve(): v for k, v in (texts or {}).items()},
        )

    def retracted_files(self) -> set[str]:
        return {Path(c.content_file).name for c in self.log if c.retracted}

    def superseded(self) -> dict[Path, frozenset]:
        placed = {c.content_file for c in self.log if (self.root / c.content_file).is_file()}
        found = from_log_graph(log_graph(self.log), placed.__contains__)
        return {self.root / name: triples for name, triples in found.items()}

    def source_text(self, source: URIRef) -> str | None:
        path = self.source_text_path(source)
        if path is not None and path.resolve() in self.texts:
            return self.texts[path.resolve()]
        return super().source_text(source)


__all__ = ["KnowledgeBaseView"]
