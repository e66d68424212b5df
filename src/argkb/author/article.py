"""The proposals for every consequence of an article, each read in its context.

``argkb draft`` and ``bench/draft_accuracy.py`` both propose through ``proposals``: a sentence is
proposed with the proposal of the sentence just before it (whose trigger a pronoun takes), the
preceding sentences (where a reference finds its antecedent) and the article's most salient
actors (the last resort for the affected actors), see ``argkb.author.refer``.
"""

from __future__ import annotations

from collections.abc import Iterable

from argkb.author import refer
from argkb.author.detect import Finding
from argkb.author.propose import Proposal, Vocabulary
from argkb.author.sentences import split


def proposals(
    vocabulary: Vocabulary, text: str, findings: Iterable[Finding]
) -> dict[int, Proposal]:
    """The proposal for each consequence finding of ``text``, by its sentence number."""
    sentences = [" ".join(s.text.split()) for s in split(text)]
    salient = refer.salient([vocabulary.actors(s) for s in sentences])
    found: dict[int, Proposal] = {}
    for finding in findings:
        if not finding.consequence:
            continue
        number = finding.sentence.number
        before = tuple(sentences[max(0, number - 1 - refer.LOOK_BACK) : number - 1])
        context = refer.Context(before, salient)
        found[number] = vocabulary.propose(finding.sentence.text, found.get(number - 1), context)
    return found
