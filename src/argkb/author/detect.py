"""Finding the sentences of an article that state a consequence, and the modal force they state it
with.

A sentence states a consequence when it says what would or could follow from an event, an
action or a condition: with a conditional clause (*if*, *unless*, *when*, *once*, an inverted
*should*/*were*/*had*), with or without a modal verb, or with a modal or hedging expression
(*could*, *might*, *may*, *would*, *will*, *can*, *likely*, *risks*, *is bound to*, *tends to*),
including the alternatives introduced by "however … could also" and "conversely".

Rules, not a model: a sentence is a candidate when it has a conditional clause or a modal cue,
and is then set aside when what it says is not a consequence — a heading, a question, a
recommendation ("it is vital to …", "should …" not inverted), an obligation ("will have to"),
or what analysts and experts can or might do. ``bench/draft_accuracy.py`` measures the rules
on the hand-annotated corpus in ``tests/data/draft`` (recall and precision, ``docs/draft.md``).

The qualifier proposed for a consequence comes from the first modal cue of its main clause, by
the one list of hedge words (``argkb:hedgeWord`` in the ontology, read through
``argkb.vocab.hedges``): *could*, *can*, *risks* → Could; *might*, *may* → Might; *would*,
*likely*, *unlikely*, *probably*, *tends to* → Likely; *will*, *is bound to*, and a conditional
with no modal at all ("when X, it breeds Y") → Certain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from argkb.author.sentences import Sentence, split
from argkb.vocab import ARGKB
from argkb.vocab.hedges import QUALIFIER_OF, cue_key, modal_pattern

#: the qualifier of a conditional that states its outcome without a modal ("when X, it breeds Y")
BARE_CONDITIONAL = ARGKB.Certain

#: a modal or hedging cue: any word of the one list of hedges (``argkb.vocab.hedges``, from the
#: ontology)
MODAL = modal_pattern()
# a conditional clause: at the start of the sentence or of a clause (after a comma, semicolon,
# colon, a dash, "that" or "and"), or an inverted "Should/Were/Had X, …" opening the sentence
_CONDITIONAL = re.compile(
    r"(?:^|[,;:—–]\s*|\b(?:that|and|but|so)\s+)(?:for (?:example|instance),\s*|conversely,\s*|"
    r"however,\s*|similarly,\s*)?(if|unless|when|whenever|once)\b|"
    r"^(?:should|were|had)\s+(?!\w+ly\b)\w+",
    re.I,
)
_CONTRAST = re.compile(r"^(conversely|however|on the other hand|similarly)\b", re.I)
# what is not a consequence even with a modal or a conditional clause
_NORMATIVE = re.compile(
    r"\b(?:it is|it's|is|are)\s+(?:crucial|essential|vital|important|key|necessary)\b"
    r"|(?<!^)\bshould\s+(?:not\s+)?(?:be\s+)?\w+"
    r"|\bneed(?:s)?\s+to\b",
    re.I,
)
# an obligation is a consequence only under a condition ("should X happen, they would have to …")
_OBLIGATION = re.compile(r"\b(?:will|would)\s+have\s+to\b", re.I)
_ANALYST = re.compile(
    r"\b(?:experts?|scholars?|analysts?|diplomats?|policymakers|readers|we|they|perspective)\b"
    r"[^,.;]{0,20}\b(?:can|could|might|may)\s+(?:also\s+|better\s+|\w+ly\s+)?"
    r"(?:analy[sz]e|offer|provide|assess|focus|emphasi[sz]e|draw|identify|understand|consider|study|examine)\b",
    re.I,
)
_META = re.compile(r"^(?:let's|let us|here are|here’s|here's)\b", re.I)


@dataclass(frozen=True)
class Finding:
    """A sentence ``draft`` proposes: a consequence (with its cue and qualifier) or, with
    ``--claims``, a claim."""

    sentence: Sentence
    consequence: bool
    cue: str | None = None  # the modal or conditional word the sentence was found by
    qualifier: object = None  # an ARGKB qualifier for a consequence


def is_heading(text: str) -> bool:
    """A line with no closing punctuation: a heading or a caption, not a sentence."""
    return not re.search(r"[.!?:;\"”’')]\s*$", text)


def consequence_cue(text: str) -> tuple[str, object] | None:
    """``(cue, qualifier)`` when ``text`` states a consequence, else ``None``."""
    flat = " ".join(text.split())
    if is_heading(flat) or flat.endswith("?") or flat.endswith(":") or _META.search(flat):
        return None
    conditional = _CONDITIONAL.search(flat)
    modal = _main_clause_modal(flat, conditional)
    if modal is None and conditional is None:
        return None
    if _ANALYST.search(flat) or (conditional is None and _OBLIGATION.search(flat)):
        return None
    if _NORMATIVE.search(flat) and not (modal and _CONTRAST.search(flat)):
        # a recommendation, unless a modal outcome stands beside it ("…, but it could also …")
        if not (modal and _outcome_after_normative(flat, modal)):
            return None
    if modal is None:
        assert conditional is not None  # neither a modal nor a conditional returned above
        return (conditional.group(1) or conditional.group(0).split()[0]).lower(), BARE_CONDITIONAL
    return modal, QUALIFIER_OF.get(cue_key(modal), ARGKB.Could)


def detect(text: str, claims: bool = False) -> list[Finding]:
    """The consequences stated in ``text`` (and, with ``claims``, its other sentences that are
    claims)."""
    found = []
    for sentence in split(text):
        cue = consequence_cue(sentence.text)
        if cue is not None:
            found.append(Finding(sentence, True, cue[0], cue[1]))
        elif claims and is_claim(sentence.text):
            found.append(Finding(sentence, False))
    return found


def is_claim(text: str) -> bool:
    """A declarative sentence that asserts something: not a heading, question, list opening or
    aside."""
    flat = " ".join(text.split())
    return not (
        is_heading(flat)
        or flat.endswith("?")
        or flat.endswith(":")
        or _META.search(flat)
        or len(flat.split()) < 4
    )


def _main_clause_modal(flat: str, conditional) -> str | None:
    """The first modal cue of the main clause: after the conditional clause when the sentence opens
    with one."""
    start = 0
    if conditional is not None and conditional.start() < 3:
        comma = flat.find(",", conditional.end())
        start = comma + 1 if comma > 0 else 0
    match = MODAL.search(flat, start) or (MODAL.search(flat) if start else None)
    return " ".join(match.group(1).lower().split()) if match else None


def _outcome_after_normative(flat: str, modal: str) -> bool:
    """Whether the modal outcome comes in a clause of its own after the recommendation."""
    normative = _NORMATIVE.search(flat)
    if normative is None:
        return False
    return flat.lower().find(modal, normative.end()) > 0 and bool(
        re.search(r",\s*(?:but|and|while)\b", flat[normative.end() :])
    )
