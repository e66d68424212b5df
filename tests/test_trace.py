"""trace(): from a claim back through every argument, premise, undercut and quote, cycle-safe, bound
queries only."""

from __future__ import annotations

import json

import pytest

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.navigate.trace import ArgumentNode, ClaimNode, iter_nodes, trace
from argkb.navigate.trace_render import render
from argkb.store import open_store
from argkb.store.base import OxigraphStore, RdflibStore
from conftest import DATA, make_kb

CHAIN = DATA / "query" / "chain.ttl"


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.locate(make_kb(tmp_path_factory.mktemp("t") / "kb"), extra=[CHAIN])


class Recording:
    """A Store that records every query and refuses unbound ones (a trace must never scan)."""

    def __init__(self, inner):
        self.inner, self.calls = inner, []

    def query(self, sparql, bindings=None):
        assert bindings, f"unbound query:\n{sparql}"
        self.calls.append(bindings)
        return self.inner.query(sparql, bindings)


def by_id(node):
    return {n.id: n for n in iter_nodes(node) if not n.ref}


def test_full_trace_shape(kb):
    root = trace(kb, "impl-russia-bolder")
    assert isinstance(root, ClaimNode) and root.implication and root.qualifier_label == "could"
    assert [a.id for a in root.supported_by] == [
        "kb:arg-bolder-liberalism",
        "kb:arg-bolder-realism",
    ]
    assert [(a.id, a.relation, a.perspective_label) for a in root.attacked_by] == [
        ("kb:arg-bolder-security-rebuttal", "rebuts", "security analysis")
    ]
    liberal = root.supported_by[0]
    assert liberal.warrant.startswith("Sanctions work through economic ties")
    assert [p.id for p in liberal.premises] == ["kb:claim-pressure-restrains"]
    assert [(u.id, u.relation, u.perspective_label) for u in liberal.undercuts] == [
        ("kb:arg-undercut-liberal", "undercuts", "diplomatic practice")
    ]
    (quote,) = root.quotes
    assert (quote.source_title, quote.exact, quote.start, quote.end) == (
        "A two-sentence test article",
        "If the United States eases sanctions, Russia could grow bolder.",
        0,
        63,
    )
    premise = liberal.premises[0]
    assert premise.quotes == [] and [a.id for a in premise.attributed_to] == ["kb:argkb-editors"]


def test_each_node_once_then_referred_to_and_cycles_end(kb):
    root = trace(kb, "impl-russia-bolder")
    nodes = list(iter_nodes(root))
    expanded = [n.iri for n in nodes if not n.ref]
    assert len(expanded) == len(set(expanded))
    # the cycle: bolder <- rebutted via "porous" <- rebutted by an argument whose premise is bolder
    # again
    porous = by_id(root)["kb:claim-sanctions-porous"]
    (rebuttal,) = porous.attacked_by
    assert rebuttal.id == "kb:arg-porous-rebuttal"
    (back,) = rebuttal.premises
    assert back.id == "kb:impl-russia-bolder" and back.ref and not back.supported_by
    # a premise shared by two arguments is expanded under the first only
    realism = root.supported_by[1]
    assert realism.premises[0].id == "kb:claim-pressure-restrains" and realism.premises[0].ref


def test_multi_hop_chain(kb):
    root = trace(kb, "impl-alliance-strain")
    nodes = by_id(root)
    assert {
        "kb:impl-allies-doubt",
        "kb:impl-russia-bolder",
        "kb:arg-doubt-constructivism",
        "kb:arg-bolder-realism",
        "kb:arg-undercut-liberal",
    } <= set(nodes)
    doubt = root.supported_by[0].premises[0]
    assert doubt.id == "kb:impl-allies-doubt" and doubt.quotes[0].start == 64


def test_depth_limits_and_marks_truncation(kb):
    root = trace(kb, "impl-alliance-strain", depth=1)
    doubt = root.supported_by[0].premises[0]
    assert doubt.truncated and not doubt.supported_by and doubt.quotes
    assert not trace(kb, "impl-alliance-strain", depth=0).supported_by
    assert trace(kb, "impl-alliance-strain", depth=0).truncated
    assert not any(
        n.truncated
        for n in iter_nodes(trace(kb, "impl-alliance-strain"))
        if isinstance(n, ClaimNode)
    )


def test_perspective_filter(kb):
    root = trace(kb, "impl-russia-bolder", perspectives=["realism"])
    lenses = {n.perspective_label for n in iter_nodes(root) if isinstance(n, ArgumentNode)}
    assert lenses == {"realism"} and not root.attacked_by
    both = trace(kb, "impl-russia-bolder", perspectives=["realism", "security-analysis"])
    assert {a.perspective_label for a in both.supported_by + both.attacked_by} == {
        "realism",
        "security analysis",
    }
    with pytest.raises(UsageError, match="unknown perspective"):
        trace(kb, "impl-russia-bolder", perspectives=["marxism"])


def test_unknown_ids_suggest_the_nearest(kb):
    with pytest.raises(UsageError, match="kb:impl-russia-bolder"):
        trace(kb, "impl-russia-boulder")
    with pytest.raises(
        UsageError, match=r"kb:sanctions is a Lever, not a claim: try `argkb impacts kb:sanctions`"
    ):
        trace(kb, "sanctions")  # a lever, not a claim


@pytest.mark.parametrize(
    "hostile", ["impl-russia-bolder>", "impl-russia-bolder} UNION {", 'x"', "a\nb", "kb:x'"]
)
def test_hostile_ids_exit_cleanly(kb, hostile):
    with pytest.raises(UsageError):
        trace(kb, hostile)


def test_only_bound_queries_and_a_handful_per_node(kb):
    store = Recording(open_store(kb))
    root = trace(store, "impl-russia-bolder")
    expanded = [n for n in iter_nodes(root) if not n.ref]
    assert len(store.calls) <= 6 * len(expanded) + 2
    assert all(b for b in store.calls)


def test_same_trace_on_both_engines(kb):
    ox = trace(OxigraphStore.from_kb(kb), "impl-alliance-strain").to_dict()
    rl = trace(RdflibStore(kb.graph()), "impl-alliance-strain").to_dict()
    assert ox == rl


def test_json_is_serialisable_and_nested(kb):
    data = json.loads(render(trace(kb, "impl-russia-bolder"), "json"))
    assert data["kind"] == "claim" and data["id"] == "kb:impl-russia-bolder"
    arg = data["supported_by"][0]
    assert arg["kind"] == "argument" and arg["perspective"].endswith("#Liberalism")
    assert arg["premises"][0]["attributed_to"][0]["id"] == "kb:argkb-editors"
    assert data["quotes"][0]["exact"].startswith("If the United States")


def test_tree_and_markdown(kb):
    root = trace(kb, "impl-russia-bolder")
    tree = render(root, "tree", width=1000)
    assert "supported by [realism] Less pressure, more room" in tree
    assert "undercut by [diplomatic practice] Ties already cut" in tree
    assert "(shown above)" in tree and "characters 0–63" in tree
    coloured = render(root, "tree", color=True)
    assert "\x1b[" in coloured and "\x1b[" not in tree
    md = render(root, "markdown")
    assert md.startswith("# Trace: Russia grows bolder\n")
    assert (
        "- **supported by** **\\[liberalism\\]** **Interdependence loosened**  "
        "`kb:arg-bolder-liberalism`" in md
    )
    assert "*“If the United States eases sanctions, Russia could grow bolder.”*" in md


def test_every_seed_implication_traces_back_to_quoted_words_through_named_lenses(repo_kb):
    from argkb.navigate import walk
    from argkb.vocab.namespaces import ARGKB

    store = open_store(repo_kb)
    implications = [
        r["node"] for r in store.query(walk.Q_ALL_OF_CLASS, {"_class": ARGKB.Implication}).dicts()
    ]
    assert len(implications) >= 10
    for iri in implications:
        root = trace(store, iri)
        nodes = list(iter_nodes(root))
        assert root.supported_by, iri
        assert all(
            a.perspective and a.perspective_label for a in nodes if isinstance(a, ArgumentNode)
        ), iri
        quoted = any(
            q.exact and q.start is not None
            for n in nodes
            if isinstance(n, ClaimNode)
            for q in n.quotes
        )
        # an editors' implication (an actor the article does not name as trigger) is attributed, not
        # quoted
        assert quoted or root.attributed_to, iri
