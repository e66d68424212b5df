"""The quote finder: tolerant of what people paste, exact about what it returns."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from argkb.author.find import closest, find_quote

STORED = (
    "He said \u201cwe\u2019ll see\u201d \u2014 and left.\n"
    "The  talks\u00a0could\n"
    "fail. The talks could fail again \u2026 or not. Co\u00adoperation\u200b matters."
)


def spans(matches):
    return [(m.start, m.end) for m in matches]


def test_typographic_quotes_dashes_and_spaces_are_matched_and_stored_text_returned():
    [m] = find_quote(STORED, '"we\'ll see" - and left')
    assert STORED[m.start : m.end] == m.exact == "\u201cwe\u2019ll see\u201d \u2014 and left"
    assert (m.start, m.end) == (8, 30)


def test_line_breaks_nbsp_and_runs_of_spaces():
    found = find_quote(STORED, "The talks could fail")
    assert [STORED[a:b] for a, b in spans(found)] == [
        "The  talks\u00a0could\nfail",
        "The talks could fail",
    ]


def test_ellipsis_soft_hyphen_and_zero_width_characters():
    [m] = find_quote(STORED, "again ... or not")
    assert m.exact == "again \u2026 or not"
    [m] = find_quote(STORED, "Cooperation matters")
    assert m.exact == "Co\u00adoperation\u200b matters"


def test_dash_with_or_without_spaces():
    text = "a ceasefire\u2014if it holds\u2014would help"
    [m] = find_quote(text, "ceasefire - if it holds -- would")
    assert m is not None and m.exact == "ceasefire\u2014if it holds\u2014would"


def test_case_counts_unless_only_another_case_occurs():
    assert spans(find_quote("Talks. talks.", "talks")) == [(7, 12)]
    assert spans(find_quote("Such talks matter.", "such talks")) == [(0, 10)]


def test_absent_or_blank_needle_finds_nothing():
    assert find_quote(STORED, "they will never return") == []
    assert find_quote(STORED, "  \n ") == []


def test_overlapping_occurrences_are_all_listed():
    assert spans(find_quote("aaaa", "aa")) == [(0, 2), (1, 3), (2, 4)]


def test_closest_ranks_similar_passages_with_offsets():
    text = "Sanctions may bite. Talks could fail soon. Nothing else happened here at all."
    best = closest(text, "talks would fail soon", n=2)
    assert best[0].exact == "Talks could fail soon."[: len(best[0].exact)]
    assert text[best[0].start : best[0].end] == best[0].exact
    assert best[0].score > best[1].score
    assert not (best[0].start < best[1].end and best[1].start < best[0].end)  # not overlapping


def test_context_marks_the_match_in_place():
    [m] = find_quote("The Trump-Putin talks", "Putin")
    assert m.context("The Trump-Putin talks") == "The Trump-[Putin] talks"


_VARIANTS = {"'": "\u2019", '"': "\u201c", "-": "\u2013", " ": "\u00a0\n"}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(["word", "'", '"', "-", " ", "x"]), min_size=1, max_size=12),
    st.text(alphabet="abc ", max_size=20),
    st.text(alphabet="abc ", max_size=20),
)
def test_any_pasted_form_finds_the_stored_span(pieces, before, after):
    pasted = "Q" + "".join(pieces) + "Z"
    stored = "Q" + "".join(_VARIANTS.get(p, p) for p in pieces) + "Z"
    text = before + "|" + stored + "|" + after
    found = find_quote(text, pasted)
    start = len(before) + 1
    assert (start, start + len(stored)) in spans(found)
    assert all(text[m.start : m.end] == m.exact for m in found)
