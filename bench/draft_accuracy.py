"""How well ``argkb draft`` finds the sentences that state a consequence: recall and precision per article.

    python bench/draft_accuracy.py [CORPUS_DIR]

Reads each ``NAME.txt`` of the corpus (default ``tests/data/draft``) with its hand-made
``NAME.gold.tsv`` (one line per sentence: ``C`` or ``N``, a tab, the sentence), runs the
detector, and counts a proposal right when its sentence overlaps a sentence the annotation
labels ``C``. Recall: the share of ``C`` sentences proposed; precision: the share of proposals
that are ``C`` sentences. Prints one line per article and the overall figures (micro-averaged).
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from argkb.author.detect import detect

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "draft"


@dataclass
class Score:
    name: str
    gold: int        # sentences labelled C
    proposed: int    # sentences the detector proposed
    hit_gold: int    # C sentences proposed
    right: int       # proposals that are C sentences

    @property
    def recall(self) -> float:
        return self.hit_gold / self.gold if self.gold else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0


def gold_spans(text: str, gold_file: Path) -> list[tuple[int, int, bool]]:
    """Each annotated sentence as ``(start, end, is_consequence)`` in ``text``, found in order."""
    spans, pos = [], 0
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, sentence = line.split("\t", 1)
        pattern = r"\s+".join(re.escape(word) for word in sentence.split())
        match = re.compile(pattern).search(text, pos)
        if match is None:
            raise ValueError(f"{gold_file.name}: sentence not found in the article (after offset {pos}): {sentence!r}")
        spans.append((match.start(), match.end(), label.strip() == "C"))
        pos = match.end()
    return spans


def score(text_file: Path) -> Score:
    text = text_file.read_text(encoding="utf-8")
    gold = [(s, e) for s, e, c in gold_spans(text, text_file.with_suffix(".gold.tsv")) if c]
    proposed = [(f.sentence.start, f.sentence.end) for f in detect(text)]

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    return Score(text_file.stem, len(gold), len(proposed),
                 sum(any(overlaps(g, p) for p in proposed) for g in gold),
                 sum(any(overlaps(p, g) for g in gold) for p in proposed))


def score_corpus(corpus: Path = DEFAULT_CORPUS) -> tuple[list[Score], Score]:
    """Per-article scores and their micro-averaged total."""
    scores = [score(f) for f in sorted(corpus.glob("*.txt"))]
    total = Score("overall", *(sum(getattr(s, k) for s in scores) for k in ("gold", "proposed", "hit_gold", "right")))
    return scores, total


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    scores, total = score_corpus(corpus)
    print(f"{'article':32} {'C':>4} {'found':>6} {'recall':>8} {'precision':>10}")
    for s in scores + [total]:
        print(f"{s.name:32} {s.gold:4} {s.proposed:6} {s.recall:8.1%} {s.precision:10.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
