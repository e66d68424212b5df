"""Fuzz targets, one per map reader (issue 24): AIF, xAIF, SADFace, Kialo, Argdown (HTML, PDF
metadata and the SPARQL front's check: test_fuzz_articles_and_sparql.py). Each input ends in an
answer or argkb's one-sentence error (exit 2), never another exception, within TIME_LIMIT_S. A small
budget (MAX_EXAMPLES) so that the suite runs them every time."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from fuzz_support import _ID, _TEXT, FUZZ, _convert


def _json(value) -> str:
    return value if isinstance(value, str) else json.dumps(value)


# ------------------------------------------------------------------ AIF / xAIF

_AIF_NODE = st.fixed_dictionaries(
    {
        "nodeID": _ID,
        "type": st.sampled_from(["I", "RA", "CA", "MA", "PA", "L", "YA", "TA", "", "X"]),
        "text": st.one_of(_TEXT, st.none(), st.integers()),
    },
    optional={"scheme": _TEXT},
)
_AIF_EDGE = st.fixed_dictionaries({"fromID": _ID, "toID": _ID}, optional={"edgeID": _ID})
_AIF = st.fixed_dictionaries(
    {"nodes": st.lists(_AIF_NODE, max_size=12), "edges": st.lists(_AIF_EDGE, max_size=16)},
    optional={
        "locutions": st.lists(st.fixed_dictionaries({"nodeID": _ID, "personID": _ID}), max_size=4),
        "participants": st.lists(
            st.fixed_dictionaries({"participantID": _ID, "firstname": _TEXT}), max_size=3
        ),
    },
)


@FUZZ
@given(
    doc=st.one_of(_AIF, _AIF.map(lambda d: {"AIF": d}), _TEXT, st.lists(st.integers(), max_size=3))
)
def test_fuzz_aif(doc):
    _convert(_json(doc), ".json", "aif")


@FUZZ
@given(doc=st.one_of(_AIF.map(lambda d: {"AIF": d, "text": "x", "OVA": {}}), _TEXT))
def test_fuzz_xaif(doc):
    _convert(_json(doc), ".json", "xaif")


# ------------------------------------------------------------------ SADFace

_SADFACE_NODE = st.fixed_dictionaries(
    {"id": _ID, "type": st.sampled_from(["atom", "scheme", "x", ""])},
    optional={
        "text": _TEXT,
        "name": st.sampled_from(["support", "attack", "conflict", "rephrase", "Expert", ""]),
    },
)
_SADFACE = st.fixed_dictionaries(
    {
        "nodes": st.lists(_SADFACE_NODE, max_size=10),
        "edges": st.lists(
            st.fixed_dictionaries({"id": _ID, "source_id": _ID, "target_id": _ID}), max_size=12
        ),
    },
    optional={"metadata": st.one_of(st.just({}), st.just({"core": {}})), "analyst_name": _TEXT},
)


@FUZZ
@given(doc=st.one_of(_SADFACE, _TEXT))
def test_fuzz_sadface(doc):
    _convert(_json(doc), ".json", "sadface")


# ------------------------------------------------------------------ Kialo

_KIALO_LINE = st.builds(
    lambda number, kind, text: f"{number} {kind}{text}",
    st.lists(st.integers(0, 3), min_size=1, max_size=4).map(lambda n: ".".join(map(str, n)) + "."),
    st.sampled_from(["Pro: ", "Con: ", "", "-> See ", "Thesis: "]),
    _TEXT,
)


@FUZZ
@given(title=_TEXT, lines=st.lists(st.one_of(_KIALO_LINE, _TEXT), max_size=15))
def test_fuzz_kialo(title, lines):
    _convert("Discussion Title: " + title + "\n\n" + "\n".join(lines), ".txt", "kialo")


# ------------------------------------------------------------------ Argdown

_ARGDOWN_PIECE = st.one_of(
    _TEXT,
    st.sampled_from(
        [
            "[A]: ",
            "[B]",
            "<Arg>: ",
            "<Arg>",
            "\n  + ",
            "\n  - ",
            "\n  <+ ",
            "\n  <- ",
            "\n  +> ",
            "\n  -> ",
            "\n  _> ",
            "\n(1) ",
            "\n(2) ",
            "\n----\n",
            "\n-- inference --\n",
            "/*",
            "*/",
            "//",
            "\n# Heading\n",
            "\n===\n",
            "{a: 1}",
            "#tag",
            "\n\n",
            "    ",
        ]
    ),
)


@FUZZ
@given(pieces=st.lists(_ARGDOWN_PIECE, max_size=30))
def test_fuzz_argdown(pieces):
    _convert("".join(pieces), ".argdown", "argdown")


_FLAVOUR_FRONT = st.sampled_from(
    [
        "===\nargkb:\n  source: s\n  by: argkb-editors\n===\n",
        "===\nargkb: 1\n===\n",
        "===\nargkb:\n  actors:\n    russia: {label: Russia, holds: [[x]]}\n===\n",
        "===\nargkb:\n  moves: {m: {a: &x [1], b: *x}}\n===\n",
        "===\nargkb:\n  version: 9\n===\n",
        '===\nargkb:\n  nodes:\n    "x y": {a: "argkb:"}\n===\n',
        "===\nargkb: {quotes: {q: {start: x}}}\n===\n",
    ]
)
_FLAVOUR_PIECE = st.one_of(
    _ARGDOWN_PIECE,
    st.sampled_from(
        [
            "[claim-a]: ",
            "[impl-b]: ",
            "<arg-c>: ",
            "#implication",
            "#realism",
            "#framing",
            '{label: "x"}',
            '{quote: "a"}',
            "{quote: {id: q}}",
            "{quote: [1, [2]]}",
            "{a: [Claim, 3]}",
            "{by: []}",
            "{asOf: 2024-01-01}",
            '{qualifier: {"@value": 1, "@type": "xsd:integer"}}',
            "{x: y}",
            '{"@id": 1}',
            "{statement: null}",
            '{label: "\\u0000"}',
            "\n  + [claim-a]",
            "\n  +> [impl-b]",
            "\n  _> <arg-c>",
            "\n  >< [claim-a]",
            # multi-step premise-conclusion structures: inference lines with their data
            "\n(3) ",
            "\n-- {lens: Realism} --\n",
            "\n-- {uses: [1, 9]} --\n",
            "\n-- {uses: x} --\n",
            "\n-- {warrant: [1]} --\n",
            "\n-- {lens: [x], perspective: y} --\n",
            "\n-- w {label: 1} --\n",
        ]
    ),
)


@FUZZ
@given(front=_FLAVOUR_FRONT, pieces=st.lists(_FLAVOUR_PIECE, max_size=30))
def test_fuzz_flavoured_argdown(front, pieces):
    """argkb-flavoured Argdown (docs/argdown.md): the front matter's argkb: block and the body's
    data."""
    _convert(front + "".join(pieces), ".argdown", "argdown")


def test_sadface_numeric_ids_are_read_as_strings(tmp_path):
    """Found by test_fuzz_sadface: a node id 1 (a number) reached the id slugs as an int
    (AttributeError)."""
    from argkb.interop.convert import convert

    path = tmp_path / "map.json"
    path.write_text(
        json.dumps(
            {
                "nodes": [
                    {"id": 1, "type": "atom", "text": "Sanctions work."},
                    {"id": 2, "type": "atom", "text": "Russia yields."},
                    {"id": 3, "type": "scheme", "name": "support"},
                ],
                "edges": [
                    {"id": 4, "source_id": 1, "target_id": 3},
                    {"id": 5, "source_id": 3, "target_id": 2},
                ],
            }
        )
    )
    text, summary = convert(path, "sadface")
    assert "Sanctions work." in text and "Russia yields." in text and summary["skipped"] == 0
