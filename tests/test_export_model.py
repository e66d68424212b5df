"""The one graph model behind every export: nodes, edges, attributes, perspective and focus
filters."""

from __future__ import annotations

from collections import Counter

import pytest

from argkb.errors import UsageError
from argkb.export.model import load
from argkb.export.select import build_map
from argkb.store import open_store
from argkb.store.base import RdflibStore
from export_support import mini_kb_copy


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return mini_kb_copy(tmp_path_factory.mktemp("export-model"))


def test_mini_kb_nodes_and_edges(kb):
    amap = build_map(kb)
    assert amap.counts() == (16, 19)
    assert Counter(n.type for n in amap.nodes.values()) == {
        "actor": 3,
        "lever": 1,
        "move": 1,
        "claim": 3,
        "implication": 2,
        "argument": 6,
    }
    assert Counter(e.kind for e in amap.edges) == {
        "premise": 7,
        "conclusion": 4,
        "attacks": 2,
        "trigger": 2,
        "affects": 2,
        "actor": 1,
        "lever": 1,
    }
    # edges run the way the reasoning flows
    edges = {(e.source, e.kind, e.target) for e in amap.edges}
    assert ("kb:claim-pressure-restrains", "premise", "kb:arg-bolder-realism") in edges
    assert ("kb:arg-bolder-realism", "conclusion", "kb:impl-russia-bolder") in edges
    assert ("kb:arg-undercut-liberal", "attacks", "kb:arg-bolder-liberalism") in edges
    assert ("kb:move-us-decrease-sanctions", "trigger", "kb:impl-russia-bolder") in edges
    assert ("kb:united-states", "actor", "kb:move-us-decrease-sanctions") in edges


def test_node_attributes(kb):
    amap = build_map(kb)
    impl = amap.nodes["kb:impl-russia-bolder"].fields()
    assert impl["iri"] == "https://w3id.org/argkb/id/impl-russia-bolder"
    assert impl["qualifier"] == "could"
    assert impl["quote"].startswith(
        "“If the United States eases sanctions, Russia could grow bolder.” — "
        "A two-sentence test article [0–63]"
    )
    arg = amap.nodes["kb:arg-undercut-liberal"].fields()
    assert (arg["perspective"], arg["perspective_label"], arg["role"]) == (
        "diplomatic-practice",
        "diplomatic practice",
        "undercut",
    )
    assert arg["warrant"].startswith("Where trade ties are already cut")
    assert amap.nodes["kb:arg-bolder-security-rebuttal"].attrs["role"] == "rebut"
    assert amap.nodes["kb:move-us-decrease-sanctions"].attrs["direction"] == "decrease"
    assert amap.nodes["kb:claim-signals-matter"].attrs["attribution"] == "argkb editors"


def test_same_model_on_rdflib_and_oxigraph(kb):
    ox, rl = load(open_store(kb)), load(RdflibStore(kb.graph()))
    assert ox.counts() == rl.counts() == (16, 19)
    assert ox.edges == rl.edges
    assert {k: v.fields() for k, v in ox.nodes.items()} == {
        k: v.fields() for k, v in rl.nodes.items()
    }


def test_perspective_keeps_only_that_lens(kb):
    amap = build_map(kb, perspectives=["realism"])
    args = {n.id for n in amap.of_type("argument")}
    assert args == {"kb:arg-bolder-realism", "kb:arg-doubt-realism"}
    assert amap.counts() == (11, 10)
    assert "kb:claim-sanctions-porous" not in amap.nodes  # used only by other lenses


def test_perspective_drops_undercut_of_a_dropped_argument(kb):
    amap = build_map(kb, perspectives=["diplomatic-practice"])
    assert amap.of_type("argument") == []  # its target (a liberal argument) is not shown
    both = build_map(kb, perspectives=["liberalism", "diplomacy"])
    assert {n.id for n in both.of_type("argument")} == {
        "kb:arg-bolder-liberalism",
        "kb:arg-undercut-liberal",
    }
    assert both.counts() == (9, 8)


def test_focus_keeps_arguments_whole(kb):
    amap = build_map(kb, focus="claim-sanctions-porous", depth=1)
    # depth 1 reaches the two attacking arguments; each brings what it attacks
    assert set(amap.nodes) == {
        "kb:claim-sanctions-porous",
        "kb:arg-bolder-security-rebuttal",
        "kb:arg-undercut-liberal",
        "kb:impl-russia-bolder",
        "kb:arg-bolder-liberalism",
        "kb:claim-pressure-restrains",
    }
    assert amap.counts() == (6, 6)
    assert build_map(kb, focus="kb:impl-allies-doubt", depth=0).counts() == (1, 0)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"focus": "no-such-node"}, "unknown node in the map 'no-such-node'"),
        ({"focus": "impl-russia-boldr"}, "did you mean kb:impl-russia-bolder"),
        ({"perspective": ["marxism"]}, "unknown perspective 'marxism'"),
        ({"depth": 3}, "--depth needs --focus"),
        ({"focus": "impl-russia-bolder", "depth": -1}, "--depth must be 0 or more"),
    ],
)
def test_bad_options_are_usage_errors(kb, kwargs, message):
    with pytest.raises(UsageError, match=message.replace("(", r"\(")):
        build_map(kb, kwargs.get("perspective", ()), kwargs.get("focus"), kwargs.get("depth"))


SECOND_SOURCE = """
@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix oa:    <http://www.w3.org/ns/oa#> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
kb:other-source a argkb:Source, prov:Entity ; dcterms:title "Another article" .
kb:quote-other a argkb:Quote ; oa:hasSource kb:other-source ; oa:exact "Trade finds a way." ;
    oa:start 0 ; oa:end 18 .
kb:claim-trade-finds-a-way a argkb:Claim ; rdfs:label "Trade finds a way"@en ;
    argkb:statement "Trade finds a way."@en ; argkb:evidence kb:quote-other .
kb:arg-doubt-liberalism a argkb:Argument ; rdfs:label "Trade reassures"@en ;
    argkb:perspective argkb:Liberalism ; argkb:premise kb:claim-trade-finds-a-way ;
    argkb:warrant "Where trade goes on, allies see continuity."@en ; argkb:attacks \
kb:impl-allies-doubt .
"""


def test_source_keeps_what_one_source_says(tmp_path):
    extra = tmp_path / "other.ttl"
    extra.write_text(SECOND_SOURCE, encoding="utf-8")
    root = mini_kb_copy(tmp_path / "kb").root
    from argkb.kb import KnowledgeBase

    kb = KnowledgeBase.locate(root, extra=[extra])
    other = build_map(kb, source="other-source")
    # the claim quoted from it, the argument resting on it (whole: its target too), and that
    # implication's move, lever and actors; nothing quoted only from the mini source
    assert {n.id for n in other.of_type("argument")} == {"kb:arg-doubt-liberalism"}
    assert {
        "kb:claim-trade-finds-a-way",
        "kb:impl-allies-doubt",
        "kb:move-us-decrease-sanctions",
        "kb:european-allies",
        "kb:sanctions",
        "kb:united-states",
    } <= set(other.nodes)
    assert (
        "kb:impl-russia-bolder" not in other.nodes
        and "kb:claim-sanctions-porous" not in other.nodes
    )
    mini = build_map(kb, source="kb:mini-source")
    assert {"kb:impl-russia-bolder", "kb:impl-allies-doubt", "kb:arg-bolder-realism"} <= set(
        mini.nodes
    )
    # an argument against a claim of this source is part of its debate, kept whole with its premise
    assert {"kb:arg-doubt-liberalism", "kb:claim-trade-finds-a-way"} <= set(mini.nodes)
    with pytest.raises(
        UsageError, match="unknown source 'mini-sourc'; did you mean kb:mini-source"
    ):
        build_map(kb, source="mini-sourc")


def test_export_source_option_on_the_command_line(tmp_path):
    from click.testing import CliRunner

    from argkb.cli import cli

    root = mini_kb_copy(tmp_path / "kb").root
    out = CliRunner().invoke(
        cli, ["export", "--format", "cyjs", "--source", "mini-source", "--kb", str(root)]
    )
    assert out.exit_code == 0, out.output
    assert "kb:impl-russia-bolder" in out.output
    out = CliRunner().invoke(
        cli, ["export", "--format", "cyjs", "--source", "nowhere", "--kb", str(root)]
    )
    assert out.exit_code == 2 and "unknown source 'nowhere'" in out.output


DECLARED_LENS = """
@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
kb:my-lenses a skos:ConceptScheme ; rdfs:label "Our lenses"@en .
kb:feminist-ir a argkb:Perspective, skos:Concept ; skos:inScheme kb:my-lenses ;
    rdfs:label "Feminist IR"@en ; skos:prefLabel "Feminist IR"@en ; skos:definition "Gender and \
security."@en .
kb:arg-doubt-feminist a argkb:Argument ; rdfs:label "Whose resolve"@en ;
    argkb:perspective kb:feminist-ir ; argkb:premise kb:claim-signals-matter ;
    argkb:warrant "Resolve is read through gendered ideas of strength."@en ; argkb:conclusion \
kb:impl-allies-doubt .
"""


def test_perspective_declared_by_the_knowledge_base(tmp_path):
    from argkb.kb import KnowledgeBase

    extra = tmp_path / "lens.ttl"
    extra.write_text(DECLARED_LENS, encoding="utf-8")
    kb = KnowledgeBase.locate(mini_kb_copy(tmp_path / "kb").root, extra=[extra])
    for name in ("feminist-ir", "Feminist IR", "kb:feminist-ir"):
        amap = build_map(kb, perspectives=[name])
        assert {n.id for n in amap.of_type("argument")} == {"kb:arg-doubt-feminist"}, name
        assert "kb:impl-allies-doubt" in amap.nodes and "kb:impl-russia-bolder" not in amap.nodes
    with pytest.raises(UsageError, match="feminist-ir"):
        build_map(kb, perspectives=["feminist"])
