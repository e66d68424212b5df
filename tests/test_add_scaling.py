"""Adding a contribution costs work linear in its size (issue 14, item 6), checked by counting, not
timing.

Adding 16,000 claims once took minutes: each query over the contribution's own (in-memory) graph
carried a ``VALUES`` block of every node it touched, which pyoxigraph may scan once per row of the
rest of the query (work ~ N²), or the nodes went in batches, each batch a query over the whole graph
(again ~ N²). What must hold instead, for N and 4N claims:

* the queries over the contribution's graphs (validation's neighbourhood, the axiom check's store)
  are as many for 4N claims as for N: each check runs once, whatever the number of nodes;
* no ``VALUES ?x {…}`` block grows with the contribution (batches of a fixed size, against the
  knowledge base's store, where each node is an index lookup);
* the queries against the knowledge base's store grow at most linearly (one per batch);
* each file is read and parsed, and indexed for the lines of results, a fixed number of times.

The batch size is made small so that a few dozen claims already need several batches.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest

from argkb.contrib.add import add
from argkb.kb.folder import KnowledgeBase
from argkb.store.base import OxigraphStore
from conftest import REPO, make_kb

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

sys.path.insert(0, str(REPO / "bench"))
from large_add import contribution  # noqa: E402

BATCH = 16
_VALUES = re.compile(r"VALUES \?\w+ \{([^}]*)\}")


def largest_values(sparql: str) -> int:
    """The most terms one single-variable VALUES block of ``sparql`` lists."""
    return max(
        (block.count("<") + block.count('"') // 2 for block in _VALUES.findall(sparql)), default=0
    )


def spy(monkeypatch) -> Counter:
    """Counts, from now on, the queries argkb runs (and the largest VALUES block), parses and line
    indexes."""
    import argkb.contrib.axioms as axioms
    import argkb.rdf.parse as parse
    import argkb.validation.incremental as incremental

    seen: Counter = Counter()
    monkeypatch.setattr(axioms, "_BATCH", BATCH)
    monkeypatch.setattr(incremental, "_BATCH", BATCH)
    query, construct, parse_text = (
        OxigraphStore.query,
        incremental.construct_triples,
        parse.parse_text,
    )

    def counted_query(store, sparql, bindings=None):
        seen["local queries" if not store.union else "kb queries"] += (
            1  # the kb's derived store is a union
        )
        seen["largest VALUES"] = max(seen["largest VALUES"], largest_values(sparql))
        return query(store, sparql, bindings)

    def counted_construct(store, text):
        seen["kb queries" if getattr(store, "union", True) else "local queries"] += 1
        seen["largest VALUES"] = max(seen["largest VALUES"], largest_values(text))
        return construct(store, text)

    def counted_parse(*args, **kwargs):
        seen["parses"] += 1
        return parse_text(*args, **kwargs)

    monkeypatch.setattr(OxigraphStore, "query", counted_query)
    monkeypatch.setattr(incremental, "construct_triples", counted_construct)
    monkeypatch.setattr(parse, "parse_text", counted_parse)
    monkeypatch.delenv(
        "ARGKB_STORE", raising=False
    )  # the derived store on disk: the knowledge base's store
    return seen


def work_of_adding(tmp_path: Path, seen: Counter, claims: int) -> Counter:
    """Adds a generated contribution of ``claims`` claims to a fresh knowledge base; what it took,
    counted."""
    import argkb.kb.locate as locate

    folder = make_kb(tmp_path / f"kb-{claims}")
    given = tmp_path / f"contribution-{claims}.ttl"
    given.write_text(contribution(claims), encoding="utf-8")
    locate._subject_lines.cache_clear()
    seen.clear()
    outcome = add(KnowledgeBase.locate(folder), [given], author="Test Runner")
    assert outcome.status == "added", outcome.summary
    assert (
        len(outcome.report.results) >= claims // 2
    )  # rule 7 warns on most claims: each result located
    assert all(r.line for r in outcome.report.results)
    return Counter({**seen, "files indexed": locate._subject_lines.cache_info().misses})


@pytest.mark.parametrize("restrict", ["marked", "filtered"])
def test_adding_4n_claims_takes_linear_work(tmp_path, monkeypatch, restrict):
    try:  # both ways of restricting a check to the focus nodes (argkb.store.focus)
        import argkb.store.focus as focus

        monkeypatch.setattr(focus, "MOSTLY", 0 if restrict == "marked" else 10**9)
    except (
        ImportError
    ):  # the code before the fix (kept so that this test shows it failing, not erroring)
        pass
    seen = spy(monkeypatch)
    small, large = (work_of_adding(tmp_path, seen, n) for n in (24, 96))
    assert large["local queries"] == small["local queries"], (small, large)
    assert large["largest VALUES"] == small["largest VALUES"] <= BATCH + 20, (small, large)
    assert small["kb queries"] <= large["kb queries"] <= 4 * small["kb queries"], (small, large)
    assert (
        large["parses"] == small["parses"] and large["files indexed"] == small["files indexed"]
    ), (small, large)


def test_adding_reads_the_knowledge_base_through_its_store_not_an_rdflib_copy(
    tmp_path, monkeypatch
):
    """On a million triples, parsing the knowledge base into rdflib took a minute of every
    `argkb add` (to compare the contribution with it), and the axiom check fetched every triple
    pointing at a node the contribution names (all the claims attributed to kb:argkb-editors). Now
    the comparison is index lookups on the store, and what points at a node comes as one witness per
    predicate."""
    import argkb.validation.incremental as incremental

    kb_dir = make_kb(tmp_path / "kb")
    first = tmp_path / "first.ttl"
    first.write_text(contribution(30), encoding="utf-8")
    assert add(KnowledgeBase.locate(kb_dir), [first], author="test").status == "added"
    second = tmp_path / "second.ttl"
    second.write_text(contribution(3).replace("big-", "other-"), encoding="utf-8")
    loads = Counter()
    whole, construct = KnowledgeBase.graph, incremental.construct_triples
    fetched: list = []

    def counted(self):
        loads["graph"] += 1
        return whole(self)

    def recorded(store, text):
        found = construct(store, text)
        fetched.extend(found)
        return found

    monkeypatch.setattr(KnowledgeBase, "graph", counted)
    monkeypatch.setattr(incremental, "construct_triples", recorded)
    outcome = add(KnowledgeBase.locate(kb_dir), [second], author="test")
    assert outcome.status == "added", outcome.summary
    assert loads["graph"] == 0
    editors = "https://w3id.org/argkb/id/argkb-editors"
    pointing = [t for t in fetched if getattr(t.object, "value", None) == editors]
    assert (
        fetched and pointing == []
    )  # the 30 + 3 claims attributed to the editors were not fetched
