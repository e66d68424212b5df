"""Splitting a stored source text into sentences, with code-point offsets into that text.

The segmenter is syntok (a maintained rule-based segmenter for English and German): it
splits paragraphs at blank lines, so headings stand alone, and keeps abbreviations such as
"U.S." inside their sentence. Every ``Sentence`` satisfies ``text[start:end] == sentence.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from syntok import segmenter


@dataclass(frozen=True)
class Sentence:
    """One sentence of a text: ``text[start:end]`` (code points, end exclusive), numbered from 1."""

    number: int
    start: int
    end: int
    text: str


def split(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order, each with its exact offsets."""
    sentences: list[Sentence] = []
    for paragraph in segmenter.analyze(text):
        for tokens in paragraph:
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            if text[start:end].strip():
                sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
    return sentences
