"""The fuzzy fallback of `quote` and `anchor` is linear in the text: a long needle is ranked by its
start.

A 2,000-character needle took 24 s, 5,000 characters over 120 s, and a 100 KB `oa:exact` exhausted
the memory (every word of the text began a candidate passage as long as the needle)."""

from __future__ import annotations

import random
import resource
import time

import pytest

from argkb.author.find import MAX_FUZZY_CHARS, closest
from argkb.cli.main import cli
from conftest import REPO

ARTICLE = (REPO / "data" / "sources" / "trump-putin-ukraine-talks.txt").read_text(encoding="utf-8")


def _needle(length: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = ARTICLE.split()
    out = []
    while sum(map(len, out)) + len(out) < length:
        out.append(rng.choice(words))
    return " ".join(out)[:length]


@pytest.mark.slow
def test_long_needles_are_ranked_in_bounded_time_and_memory():
    text = ARTICLE * 50  # 500 KB
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for length in (2_000, 5_000, 100_000):
        started = (
            time.process_time()
        )  # the work done, not the wall clock of a loaded (or parallel) machine
        found = closest(text, _needle(length))
        assert time.process_time() - started < 10, length
        assert len(found) == 3 and all(m.score is not None for m in found)
        assert all(text[m.start : m.end] == m.exact for m in found)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 300, grown_mb


def test_a_long_needle_still_finds_the_passage_it_starts_with():
    passage = ARTICLE[1000 : 1000 + 3 * MAX_FUZZY_CHARS]
    best = closest(ARTICLE, passage.replace("the", "teh"))[0]
    assert abs(best.start - 1000) < 20 and best.score > 80
    assert len(best.exact) > 2 * MAX_FUZZY_CHARS  # the passage shown runs as long as the needle


@pytest.mark.slow
def test_anchor_of_a_100_kb_quote_ends_in_a_sentence(runner, tmp_path):
    exact = _needle(100_000).replace('"', "").replace("\\", "")
    path = tmp_path / "long.ttl"
    path.write_text(
        "@prefix kb: <https://w3id.org/argkb/id/> .\n"
        "@prefix oa: <http://www.w3.org/ns/oa#> .\n"
        "kb:q a <https://w3id.org/argkb/ontology#Quote> ; oa:hasSource "
        "kb:trump-putin-ukraine-talks ;\n"
        f'  oa:exact """{exact}""" .\n',
        encoding="utf-8",
    )
    started = time.monotonic()
    result = runner.invoke(cli, ["anchor", str(path), "--kb", str(REPO)])
    assert time.monotonic() - started < 30
    assert result.exit_code == 1 and "Traceback" not in result.output  # the quote needs the analyst


def test_quote_of_a_5000_character_needle_answers(runner):
    started = time.monotonic()
    result = runner.invoke(
        cli, ["quote", "trump-putin-ukraine-talks", _needle(5_000), "--kb", str(REPO)]
    )
    assert time.monotonic() - started < 30
    assert result.exit_code in (1, 2) and "Traceback" not in result.output
