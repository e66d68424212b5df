"""How well ``argkb draft`` finds the sentences that state a consequence: recall and precision per
article.

    python bench/draft_accuracy.py [CORPUS_DIR]

Reads each ``NAME.txt`` of the corpus (default ``tests/data/draft``) with its hand-made
``NAME.gold.tsv`` (one line per sentence: ``C`` or ``N``, a tab, the sentence), runs the
detector, and counts a proposal right when its sentence overlaps a sentence the annotation
labels ``C``. Recall: the share of ``C`` sentences proposed; precision: the share of proposals
that are ``C`` sentences. Prints one line per article and the overall figures (micro-averaged).

Then the proposals, in an empty knowledge base (only the gazetteer), against ``NAME.proposals.tsv``
(the scheme: ``tests/data/draft/README.md``), over the ``C`` sentences the detector finds:
**trig** the share given a trigger move; **trig/gold** the share of those with a trigger in the
annotation given one; **t.actor** of those whose trigger actor the annotation names, the share
whose proposed trigger (not junk) has that actor; **aff** the share given an affected actor;
**aff/gold** of those whose annotation names an affected actor, the share given a right one;
**aff R / P** recall and precision of the affected actors; **label** the share of usable labels
(at most 12 words, every annotated word, no discourse marker or quotation mark at the start, no
leading attribution or frame such as "According to X," or "Under the deal,", and no cut
mid-phrase: no function word (*is*, *the*, *of*, *as* …) at the end or just before a modal);
**words** their mean length.
A trigger counts (in **trig**, **trig/gold**) only when it is a move of the knowledge base or a
stub that is not **junk**: a stub is junk when its label has no verb (told by the lemminflect
lexicon and number agreement, so "Even a minor incident" has none and "those bans spread" has
one), ends in a function word or opens with an attribution, or when the annotation says the
sentence states no trigger; **junk** counts them.
Then, overall: **P nam** the precision of the affected actors proposed because the sentence names
them (the first step of ``argkb.author.refer``), **P ann** the precision on the sentences whose
annotation names an affected actor (it names only names, so a resolved "the government" or a
fallback on a sentence annotated ``-`` always counts as wrong in **aff P**), and for each step how
many of its proposals the annotation names.
Run on ``tests/data/draft/heldout`` for the held-out articles.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import lemminflect

from argkb.author.article import proposals as article_proposals
from argkb.author.clauses import MAX_WORDS
from argkb.author.detect import detect
from argkb.author.propose import Vocabulary

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "draft"


@dataclass
class Score:
    name: str
    gold: int  # sentences labelled C
    proposed: int  # sentences the detector proposed
    hit_gold: int  # C sentences proposed
    right: int  # proposals that are C sentences

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
            raise ValueError(
                f"{gold_file.name}: sentence not found in the article (after offset {pos}): "
                f"{sentence!r}"
            )
        spans.append((match.start(), match.end(), label.strip() == "C"))
        pos = match.end()
    return spans


def score(text_file: Path) -> Score:
    text = text_file.read_text(encoding="utf-8")
    gold = [(s, e) for s, e, c in gold_spans(text, text_file.with_suffix(".gold.tsv")) if c]
    proposed = [(f.sentence.start, f.sentence.end) for f in detect(text)]

    def overlaps(a, b):
        return a[0] < b[1] and b[0] < a[1]

    return Score(
        text_file.stem,
        len(gold),
        len(proposed),
        sum(any(overlaps(g, p) for p in proposed) for g in gold),
        sum(any(overlaps(p, g) for g in gold) for p in proposed),
    )


def score_corpus(corpus: Path = DEFAULT_CORPUS) -> tuple[list[Score], Score]:
    """Per-article scores and their micro-averaged total."""
    scores = [score(f) for f in sorted(corpus.glob("*.txt"))]
    total = Score(
        "overall",
        *(sum(getattr(s, k) for s in scores) for k in ("gold", "proposed", "hit_gold", "right")),
    )
    return scores, total


@dataclass
class Proposals:
    name: str
    n: int = 0  # annotated C sentences the detector found
    trig: int = 0  # ... given a trigger
    trig_gold: int = 0  # ... with a trigger in the annotation
    trig_gold_hit: int = 0  # ... of which given one
    actor_gold: int = 0  # ... whose trigger actor the annotation names
    actor_hit: int = 0  # ... of which the proposed trigger has it
    aff: int = 0  # ... given an affected actor
    aff_gold: int = 0  # ... whose annotation names an affected actor
    aff_gold_hit: int = 0  # ... of which given a right one
    aff_keys: int = 0  # annotated affected actors
    aff_found: int = 0  # ... proposed
    aff_proposed: int = 0  # affected actors proposed
    aff_right: int = 0  # ... that the annotation names
    named_proposed: int = 0  # affected actors proposed because the sentence names them (step 1)
    named_right: int = 0  # ... that the annotation names
    ref_proposed: int = 0  # affected actors proposed for a reference ("the country", "they")
    ref_right: int = 0
    cond_proposed: int = 0  # ... proposed as the condition's or trigger's actors
    cond_right: int = 0
    sal_proposed: int = 0  # ... proposed as the article's most salient actor (weaker)
    sal_right: int = 0
    ann_proposed: int = 0  # affected actors proposed where the annotation names some
    ann_right: int = 0  # ... that the annotation names
    junk: int = 0  # junk stub triggers proposed
    labels_ok: int = 0  # usable labels
    words: int = 0  # words in all labels


_OPENERS = re.compile(
    r"^(?:but|and|so|yet|however|moreover|conversely|similarly"
    r"|for (?:example|instance)|if|when|should)\b",
    re.I,
)
#: an attribution or a frame adverbial opening a label ("According to X, …", "In return, …",
#: "Under the deal, …", "For China, …"), or a reporting frame ("X has said that …")
_FRAME = re.compile(
    r"^(?:according to\b|(?:in|under|for|with|after|at|by|on|from|despite|given"
    r"|over|as|meanwhile|then)\b[^,]{0,40},)",
    re.I,
)
_REPORTING = re.compile(
    r"^(?:\S+\s+){0,6}?(?:has |have |had )?(?:said|says|argues?|argued|warns?"
    r"|warned|fears?|feared|estimates?|estimated|claims?|claimed)\s+that\b",
    re.I,
)
#: function words: a label that ends in one, or has one just before a modal, was cut mid-phrase
FUNCTION = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "as",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "am",
    "and",
    "or",
    "but",
    "nor",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "than",
    "for",
    "with",
    "by",
    "at",
    "from",
    "into",
    "between",
    "among",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "my",
    "this",
    "these",
    "those",
    "such",
    "if",
    "when",
    "while",
    "whether",
    "because",
    "since",
    "so",
    "has",
    "have",
    "had",
    "neither",
    "either",
    "both",
    "each",
    "every",
    "any",
    "no",
    "not",
    "would",
    "could",
    "might",
    "may",
    "will",
    "can",
    "shall",
    "should",
    "must",
}
#: words that cannot stand just before a modal ("That would" can: a demonstrative as subject)
_BEFORE_MODAL = {
    "the",
    "a",
    "an",
    "of",
    "to",
    "as",
    "than",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "my",
    "for",
    "with",
    "by",
    "at",
    "from",
    "into",
}
_MODALS = {"would", "could", "might", "may", "will", "can", "cannot", "shall", "should", "must"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "every",
    "each",
    "any",
    "some",
    "no",
    "such",
    "another",
    "even",
    "both",
}
_NUMBERS = {"two", "three", "both", "they", "we", "it", "he", "she"}
_PREPOSITIONS = {
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "among",
    "between",
    "into",
    "along",
    "through",
    "over",
    "under",
    "against",
    "across",
    "according",
}


def _tokens(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in re.findall(r"[\w'’-]+", text)]


def cut_mid_phrase(label: str) -> bool:
    """The label ends in a function word, or has one just before a modal ("… renounced the
    will")."""
    tokens = _tokens(label)
    return bool(tokens) and (
        tokens[-1] in FUNCTION
        or any(a in _BEFORE_MODAL and b in _MODALS for a, b in zip(tokens, tokens[1:]))
    )


def framed(label: str, reporting: bool = True) -> bool:
    """The label opens with an attribution or a frame adverbial (or a reporting frame)."""
    return bool(_FRAME.search(label) or reporting and _REPORTING.search(label))


def usable(label: str, words: list[str]) -> bool:
    """A label with at most 12 words, every annotated word (as a word's beginning), no opener,
    frame or quotation mark, not cut mid-phrase."""
    tokens = _tokens(label)
    return (
        len(label.split()) <= MAX_WORDS
        and not _OPENERS.search(label)
        and not re.search(r"[\"“”]", label)
        and not framed(label)
        and not cut_mid_phrase(label)
        and all(any(tok.startswith(w.lower()) for tok in tokens) for w in words)
    )


def has_verb(label: str) -> bool:
    """Whether a move's label holds a verb, read with the lemminflect lexicon: an auxiliary or a
    modal; a gerund opening it; a word only a verb ("recognises", "deploy"); or a word that can be
    a noun or a verb
    read as a verb after a name or a number ("Russia mines", "Addis Ababa abandon", "the two
    cool") or when it agrees with the noun before it ("those bans spread", "the war continues"),
    not inside a noun phrase ("a minor incident", "a single cut"). Adverbs in -ly are skipped."""
    tokens = [t for t in _tokens(label) if not t.endswith("ly")]
    if (
        tokens
        and tokens[0].endswith("ing")
        and tokens[0] != "according"
        and "VERB" in lemminflect.getAllLemmas(tokens[0])
    ):
        return True  # a gerund: "Cutting all aid to the juntas"
    for i, word in enumerate(tokens[1:], 1):
        before = tokens[i - 1]
        if word == "according" or before in _DETERMINERS | _PREPOSITIONS or "'" in word:
            continue
        readings = lemminflect.getAllLemmas(word)
        if "AUX" in readings or word in _MODALS | {"cannot"}:
            return True
        if "VERB" not in readings:
            continue
        if not {"NOUN", "ADJ", "PROPN"} & set(readings) or word.endswith("ed"):
            return True
        plural = before.endswith("s") and not before.endswith("ss")
        previous = lemminflect.getAllLemmas(before)
        if (
            not previous
            or "NUM" in previous
            or before in _NUMBERS
            or ("NOUN" in previous and plural != word.endswith("s"))
        ):
            return True
    return False


def junk(move, annotated: str) -> bool:
    """A stub move that is no trigger: no verb, cut mid-phrase, framed, or where the annotation
    says the sentence states no trigger (``-``)."""
    return move.node is None and (
        annotated == "-"
        or not has_verb(move.label)
        or cut_mid_phrase(move.label)
        or framed(move.label, False)
    )


def proposal_score(text_file: Path, vocabulary: Vocabulary) -> Proposals:
    text = text_file.read_text(encoding="utf-8")
    gold_file = text_file.with_name(text_file.stem + ".proposals.tsv")
    score = Proposals(text_file.stem)
    if not gold_file.exists():
        return score
    findings = [f for f in detect(text) if f.consequence]
    by_number = article_proposals(vocabulary, text, findings)
    proposals = {(f.sentence.start, f.sentence.end): by_number[f.sentence.number] for f in findings}
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        opening, trigger, affected, label = line.split("\t")
        match = re.search(r"\s+".join(map(re.escape, opening.split())), text)
        if match is None:
            raise ValueError(f"{gold_file.name}: sentence not found: {opening!r}")
        found = next((p for (a, b), p in proposals.items() if a <= match.start() < b), None)
        if found is None:
            continue
        score.n += 1
        good = [t for t in found.triggers if not junk(t, trigger)]
        score.junk += len(found.triggers) - len(good)
        score.trig += bool(good)
        if trigger != "-":
            score.trig_gold += 1
            score.trig_gold_hit += bool(good)
        if trigger not in ("-", "?"):
            score.actor_gold += 1
            score.actor_hit += any(t.actor and t.actor.key in trigger.split() for t in good)
        keys = {a.key for a in found.affects}
        gold = set(affected.split()) - {"-"}
        score.aff += bool(keys)
        score.aff_gold += bool(gold)
        score.aff_gold_hit += bool(gold & keys)
        score.aff_keys += len(gold)
        score.aff_found += len(gold & keys)
        score.aff_proposed += len(keys)
        score.aff_right += len(keys & gold)
        for step, test in _STEPS.items():
            made = {a.key for a in found.affects if test(a.how)}
            setattr(score, f"{step}_proposed", getattr(score, f"{step}_proposed") + len(made))
            setattr(score, f"{step}_right", getattr(score, f"{step}_right") + len(made & gold))
        if gold:
            score.ann_proposed += len(keys)
            score.ann_right += len(keys & gold)
        score.labels_ok += usable(found.label, label.split())
        score.words += len(found.label.split())
    return score


#: the step that proposed an affected actor (``argkb.author.refer``), told by its note
_STEPS = {
    "named": lambda how: how.startswith("named"),
    "ref": lambda how: " read as " in how,
    "cond": lambda how: "condition" in how,
    "sal": lambda how: how.startswith("weaker"),
}


def proposal_corpus(corpus: Path = DEFAULT_CORPUS) -> tuple[list[Proposals], Proposals]:
    """Per-article proposal scores (empty knowledge base) and their total."""
    vocabulary = Vocabulary()
    scores = [proposal_score(f, vocabulary) for f in sorted(corpus.glob("*.txt"))]
    total = Proposals(
        "overall",
        *(sum(getattr(s, k) for s in scores) for k in list(Proposals.__dataclass_fields__)[1:]),
    )
    return scores, total


def _share(a: int, b: int) -> str:
    return f"{a / b:.0%}" if b else "-"


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else DEFAULT_CORPUS
    scores, total = score_corpus(corpus)
    print(f"{'article':32} {'C':>4} {'found':>6} {'recall':>8} {'precision':>10}")
    for s in scores + [total]:
        print(f"{s.name:32} {s.gold:4} {s.proposed:6} {s.recall:8.1%} {s.precision:10.1%}")
    print()
    print("proposals in an empty knowledge base, on the annotated C sentences found:")
    print(
        f"{'article':28} {'C':>3} {'trig':>5} {'trig/gold':>9} {'t.actor':>7} {'aff':>5} "
        f"{'aff/gold':>8} {'aff R':>5} {'aff P':>5} {'label':>5} {'words':>5} {'junk':>4}"
    )
    proposals, overall = proposal_corpus(corpus)
    for p in proposals + [overall]:
        print(
            f"{p.name:28} {p.n:3} {_share(p.trig, p.n):>5} "
            f"{_share(p.trig_gold_hit, p.trig_gold):>9} {_share(p.actor_hit, p.actor_gold):>7} "
            f"{_share(p.aff, p.n):>5} {_share(p.aff_gold_hit, p.aff_gold):>8} "
            f"{_share(p.aff_found, p.aff_keys):>5} {_share(p.aff_right, p.aff_proposed):>5} "
            f"{_share(p.labels_ok, p.n):>5} {p.words / p.n if p.n else 0:5.1f} {p.junk:4}"
        )
    names = (
        ("named", "named"),
        ("ref", "referred to"),
        ("cond", "condition's"),
        ("sal", "most salient"),
    )
    steps = ", ".join(
        f"{name} {getattr(overall, step + '_right')}/{getattr(overall, step + '_proposed')}"
        for step, name in names
    )
    print(
        f"affected actors: P nam {_share(overall.named_right, overall.named_proposed)} (named), "
        f"P ann {_share(overall.ann_right, overall.ann_proposed)} (the annotation names one)"
    )
    print(f"  by step, annotated/proposed: {steps}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
