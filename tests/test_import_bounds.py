"""`argkb import` readers stay linear and bounded on hostile maps (issue 24, item 13).

Measured before: 1 MB of "<" in an AIF node took over 300 s (a quadratic regex); a locution shared
by thousands of I-nodes over 300 s; one scheme of 20k premises × 20k conclusions 7.7 GB; 240 KB of
unclosed Argdown comments 70 s, and the relation and premise–conclusion passes were quadratic;
`--source` folded the text once per claim. Sizes here are those of the findings or above, each with
a time bound."""

from __future__ import annotations

import json
import resource
import time

import pytest

from argkb.interop import aif, argdown
from argkb.interop.convert import convert


def timed(call, seconds: float):
    started = time.monotonic()
    result = call()
    took = time.monotonic() - started
    assert took < seconds, f"{took:.1f} s"
    return result


# ------------------------------------------------------------------ Argdown ---
@pytest.mark.slow
@pytest.mark.parametrize("opener", ["/*", "<!--"])
def test_forty_thousand_unclosed_comments(opener):
    text = "[A]: a claim\n\n" + f"{opener} x\n\n" * 40_000
    imported = timed(lambda: argdown.read(text, "x"), 30)
    assert "A" in {s.title for s in imported.statements.values()}


def test_comments_are_still_blanked():
    text = (
        "[A]: a /* hidden */ claim <!-- gone --> here // and this\n"
        "\n"
        "[B]: b /* unclosed, so text, as before"
    )
    texts = [s.text for s in argdown.read(text, "x").statements.values()]
    assert texts == ["a claim here", "b /* unclosed, so text, as before"]


@pytest.mark.slow
def test_twenty_thousand_relations_to_one_argument():
    text = (
        "<Arg>\n\n(1) p\n----\n(2) c\n\n<Arg>\n"
        + "".join(f"  + [S{i}]: support {i}\n" for i in range(20_000))
        + "".join(f"  - <A{i}>: attack {i}\n" for i in range(20_000))
    )
    imported = timed(lambda: argdown.read(text, "x"), 60)
    assert len(imported.inferences["a:Arg"].premises) == 20_001
    assert sum(1 for i in imported.inferences.values() if i.kind == "attack") == 20_000


def test_twenty_thousand_repeated_relations():
    text = "[A]: the claim\n" + "  + [S]: support\n" * 20_000
    imported = timed(lambda: argdown.read(text, "x"), 30)
    assert len(imported.inferences) == 20_000


@pytest.mark.slow
def test_twenty_thousand_inference_steps():
    text = "<Arg>\n\n" + "".join(f"({i + 1}) p{i}\n--\n" for i in range(20_000)) + "(99999) c\n"
    imported = timed(lambda: argdown.read(text, "x"), 30)
    assert len(imported.inferences) == 20_000


# ---------------------------------------------------------------------- AIF ---
def test_a_megabyte_of_angle_brackets():
    doc = {
        "nodes": [{"nodeID": "1", "type": "I", "text": "<" * 1_000_000 + "<b>x</b>"}],
        "edges": [],
    }
    imported = timed(lambda: aif.read(doc, "x"), 10)
    assert imported.statements["1"].text == "<" * 1_000_000 + "x"


@pytest.mark.slow
def test_a_locution_fan():
    n = 20_000
    nodes = [{"nodeID": f"i{k}", "type": "I", "text": f"claim {k}"} for k in range(n)]
    nodes += [{"nodeID": f"l{k}", "type": "L", "text": f"Bob{k % 3} : claim {k}"} for k in range(n)]
    nodes += [{"nodeID": "ya", "type": "YA", "text": "Asserting"}]
    edges = [{"fromID": f"l{k}", "toID": "ya"} for k in range(n)] + [
        {"fromID": "ya", "toID": f"i{k}"} for k in range(n)
    ]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    imported = timed(lambda: aif.read({"nodes": nodes, "edges": edges}, "x"), 30)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 500
    assert imported.statements["i0"].speakers == ["Bob0", "Bob1", "Bob2"]
    assert len(imported.statements["i0"].words) == aif.MAX_LOCUTIONS
    assert any("locutions beyond the first" in line for line in imported.skipped)


@pytest.mark.slow
def test_a_scheme_fan_is_left_out_and_listed(tmp_path):
    k = 20_000
    nodes = (
        [{"nodeID": f"p{j}", "type": "I", "text": f"p {j}"} for j in range(k)]
        + [{"nodeID": f"c{j}", "type": "I", "text": f"c {j}"} for j in range(k)]
        + [{"nodeID": "ra", "type": "RA", "text": "RA"}]
    )
    edges = [{"fromID": f"p{j}", "toID": "ra"} for j in range(k)] + [
        {"fromID": "ra", "toID": f"c{j}"} for j in range(k)
    ]
    path = tmp_path / "fan.json"
    path.write_text(json.dumps({"nodes": nodes, "edges": edges}), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    text, summary = timed(lambda: convert(path, "aif"), 60)
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 1500
    assert summary["supports"] == 0 and summary["skipped"] == 1
    assert "node ra: a support of 20,000 premises and 20,000 conclusions" in text


def test_source_is_folded_once_per_import():
    from argkb.author import find

    text = "Some words of an article. " * 40_000  # 1 MB
    find._folded_text.cache_clear()
    for i in range(200):
        find.find_quote(text, f"claim {i} not there")
    assert find._folded_text.cache_info().misses == 2  # once per case, not once per claim


def test_twenty_thousand_flavoured_statements_with_data_and_relations():
    """argkb-flavoured Argdown (docs/argdown.md): every statement's {data} and every relation read
    in one pass."""
    from argkb.interop.argdown_flavoured import read_graph

    text = (
        "===\nargkb:\n  by: argkb-editors\n===\n\n"
        + "".join(
            f'[claim-{i}]: claim {i} {{label: "c {i}", asOf: "2024-01-01"}}\n\n'
            for i in range(20_000)
        )
        + '<arg-x>: one argument #realism {warrant: "w"}\n'
        + "".join(f"  + [claim-{i}]\n" for i in range(20_000))
        + "  +> [claim-0]\n"
    )
    graph = timed(lambda: read_graph(text, "x", lambda node: None), 60)
    assert len(graph) > 100_000
