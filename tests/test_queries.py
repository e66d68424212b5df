"""The named query library: headers, expected rows on a fixture, and the same answers on both
engines."""

from __future__ import annotations

import re

import pytest
from rdflib.compare import isomorphic

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.query import library as Q
from argkb.query.results import cell
from argkb.store.base import OxigraphStore, RdflibStore
from conftest import DATA, REPO, make_kb

CHAIN = DATA / "query" / "chain.ttl"
ALTERNATIVES = DATA / "query" / "alternatives.ttl"  # alternativeTo, a lens description

# query name -> (parameters, expected rows as CURIEs / lexical forms, in the query's order)
EXPECTED = {
    "actor-levers": (
        {},
        [
            ("kb:european-allies", "kb:military-aid", "yes", "1"),
            ("kb:united-states", "kb:sanctions", "yes", "1"),
        ],
    ),
    "arguments-by-perspective": (
        {"perspective": "realism"},
        [
            (
                "argkb:Realism",
                "kb:arg-bolder-realism",
                "supports",
                "kb:impl-russia-bolder",
                "A state facing less pressure pursues its interest more boldly.",
            ),
            (
                "argkb:Realism",
                "kb:arg-doubt-realism",
                "supports",
                "kb:impl-allies-doubt",
                "Allies judge a patron's credibility by whether it keeps pressure on the "
                "adversary.",
            ),
        ],
    ),
    "attributed-claims": (
        {},
        [
            (
                "kb:claim-pressure-restrains",
                "kb:argkb-editors",
                "Pressure restrains",
                "Economic pressure restrains a state that wants to expand.",
            ),
            (
                "kb:claim-sanctions-porous",
                "kb:argkb-editors",
                "Sanctions are porous",
                "Sanctions are evaded through third countries, so easing them changes little.",
            ),
            (
                "kb:claim-signals-matter",
                "kb:argkb-editors",
                "Signals matter",
                "Allies read policy changes as signals of commitment.",
            ),
            (
                "kb:claim-unused",
                "kb:argkb-editors",
                "Nothing uses this",
                "A claim no argument uses.",
            ),
            (
                "kb:impl-alliance-strain",
                "kb:argkb-editors",
                "Alliance strains",
                "Doubt about American resolve would strain the alliance.",
            ),
        ],
    ),
    "contested-claims": (
        {},
        [
            ("kb:claim-sanctions-porous", "Sanctions are porous", "0", "1"),
            ("kb:impl-russia-bolder", "Russia grows bolder", "2", "1"),
        ],
    ),
    "downstream-implications": (
        {"implication": "impl-russia-bolder"},
        [
            (
                "kb:impl-allies-doubt",
                "kb:arg-strain-diplomacy",
                "argkb:DiplomaticPractice",
                "kb:impl-alliance-strain",
                "argkb:Likely",
            ),
            (
                "kb:impl-russia-bolder",
                "kb:arg-doubt-constructivism",
                "argkb:Constructivism",
                "kb:impl-allies-doubt",
                "argkb:Might",
            ),
        ],
    ),
    "implications-affecting-actor": (
        {"actor": "russia"},
        [
            (
                "kb:impl-russia-bolder",
                "argkb:Could",
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
            ),
            (
                "kb:impl-russia-deterred",
                "argkb:Might",
                "kb:move-allies-increase-aid",
                "kb:european-allies",
            ),
        ],
    ),
    "implications-of-lever": (
        {"lever": "sanctions"},
        [
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-alliance-strain",
                "argkb:Likely",
            ),
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-allies-doubt",
                "argkb:Might",
            ),
            (
                "kb:move-us-decrease-sanctions",
                "kb:united-states",
                "argkb:Decrease",
                "kb:impl-russia-bolder",
                "argkb:Could",
            ),
        ],
    ),
    "implications-of-move": (
        {"move": "move-us-decrease-sanctions"},
        [
            ("kb:impl-alliance-strain", "Alliance strains", "argkb:Likely", "kb:nato"),
            (
                "kb:impl-allies-doubt",
                "Allies doubt US resolve",
                "argkb:Might",
                "kb:european-allies",
            ),
            ("kb:impl-russia-bolder", "Russia grows bolder", "argkb:Could", "kb:russia"),
        ],
    ),
    "lens-disagreements": (
        {},
        [
            (
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:arg-bolder-liberalism",
                "argkb:SecurityAnalysis",
                "kb:arg-bolder-security-rebuttal",
                "rebuts the claim",
            ),
            (
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:arg-bolder-liberalism",
                "argkb:DiplomaticPractice",
                "kb:arg-undercut-liberal",
                "undercuts the supporter",
            ),
            (
                "kb:impl-russia-bolder",
                "argkb:Realism",
                "kb:arg-bolder-realism",
                "argkb:SecurityAnalysis",
                "kb:arg-bolder-security-rebuttal",
                "rebuts the claim",
            ),
        ],
    ),
    "lever-perspective-summary": (
        {},
        [
            ("kb:military-aid", "argkb:SecurityAnalysis", "1", "1", "0"),
            ("kb:sanctions", "argkb:Constructivism", "1", "1", "0"),
            ("kb:sanctions", "argkb:DiplomaticPractice", "1", "1", "0"),
            ("kb:sanctions", "argkb:Liberalism", "1", "1", "0"),
            ("kb:sanctions", "argkb:Realism", "2", "2", "0"),
            ("kb:sanctions", "argkb:SecurityAnalysis", "1", "0", "1"),
        ],
    ),
    "rationale-chain": (
        {"implication": "impl-allies-doubt"},
        [
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-constructivism",
                "kb:impl-allies-doubt",
                "argkb:Constructivism",
                "kb:claim-signals-matter",
            ),
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-constructivism",
                "kb:impl-allies-doubt",
                "argkb:Constructivism",
                "kb:impl-russia-bolder",
            ),
            (
                "kb:impl-allies-doubt",
                "supports",
                "kb:arg-doubt-realism",
                "kb:impl-allies-doubt",
                "argkb:Realism",
                "kb:claim-signals-matter",
            ),
            (
                "kb:impl-russia-bolder",
                "rebuts",
                "kb:arg-bolder-security-rebuttal",
                "kb:impl-russia-bolder",
                "argkb:SecurityAnalysis",
                "kb:claim-sanctions-porous",
            ),
            (
                "kb:impl-russia-bolder",
                "supports",
                "kb:arg-bolder-liberalism",
                "kb:impl-russia-bolder",
                "argkb:Liberalism",
                "kb:claim-pressure-restrains",
            ),
            (
                "kb:impl-russia-bolder",
                "supports",
                "kb:arg-bolder-realism",
                "kb:impl-russia-bolder",
                "argkb:Realism",
                "kb:claim-pressure-restrains",
            ),
            (
                "kb:impl-russia-bolder",
                "undercuts",
                "kb:arg-undercut-liberal",
                "kb:arg-bolder-liberalism",
                "argkb:DiplomaticPractice",
                "kb:claim-sanctions-porous",
            ),
        ],
    ),
    "single-lens-implications": (
        {},
        [
            ("kb:impl-alliance-strain", "argkb:DiplomaticPractice", "1"),
            ("kb:impl-russia-deterred", "argkb:SecurityAnalysis", "1"),
        ],
    ),
    "source-quotes": (
        {"source": "mini-source"},
        [
            (
                "kb:impl-russia-bolder",
                "kb:quote-bolder",
                "0",
                "63",
                "If the United States eases sanctions, Russia could grow bolder.",
            ),
            (
                "kb:impl-allies-doubt",
                "kb:quote-doubt",
                "64",
                "105",
                "Allies might then doubt American resolve.",
            ),
        ],
    ),
    "undercut-arguments": (
        {},
        [
            (
                "kb:arg-bolder-liberalism",
                "argkb:Liberalism",
                "kb:impl-russia-bolder",
                "kb:arg-undercut-liberal",
                "argkb:DiplomaticPractice",
                "Where trade ties are already cut, the interdependence the liberal reading relies "
                "on is absent.",
            ),
        ],
    ),
    "unused-claims": ({}, [("kb:claim-unused", "Nothing uses this")]),
}


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.locate(
        make_kb(tmp_path_factory.mktemp("q") / "kb"), extra=[CHAIN, ALTERNATIVES]
    )


@pytest.fixture(scope="module")
def stores(kb):
    return {"oxigraph": OxigraphStore.from_kb(kb), "rdflib": RdflibStore(kb.graph())}


LIBRARY = Q.library(KnowledgeBase.locate(REPO))


def test_library_has_the_required_queries():
    assert len(LIBRARY) >= 12
    for name in (
        "rationale-chain",
        "implications-of-move",
        "implications-of-lever",
        "implications-affecting-actor",
        "arguments-by-perspective",
        "lens-disagreements",
        "contested-claims",
        "undercut-arguments",
        "source-quotes",
        "attributed-claims",
        "unused-claims",
        "lever-perspective-summary",
        "actor-levers",
    ):
        assert name in LIBRARY


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_every_query_is_documented(name):
    query = LIBRARY[name]
    fields = Q.parse_header(query.text)
    assert query.summary and len(query.summary) > 20
    assert "params" in fields, "the header must say which parameters it takes (or none)"
    assert query.example.startswith(f"argkb query {name}")
    assert query.example_output, "an example of the output as comment lines"
    used = set(re.findall(r"\?_(\w+)", Q._without_comments(query.text)))
    declared = {p.name for p in query.params}
    assert used == declared
    for p in query.params:
        assert p.kind in Q.KINDS and p.description and p.example, p
    assert Q.check(query.text, name) in ("select", "ask", "construct", "describe")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_expected_rows(name, stores):
    params, expected = EXPECTED[name]
    result = Q.run(stores["oxigraph"], LIBRARY[name], params)
    assert [tuple(cell(t) for t in row) for row in result.rows] == expected


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_same_answers_on_both_engines(name, stores):
    params = EXPECTED.get(name, ({},))[0]
    if name == "is-contested":
        params = {"claim": "impl-russia-bolder"}
    ox = Q.run(stores["oxigraph"], LIBRARY[name], params)
    rl = Q.run(stores["rdflib"], LIBRARY[name], params)
    assert ox.kind == rl.kind
    if ox.kind == "select":
        assert ox.vars == rl.vars
        key = lambda row: tuple("" if t is None else t.n3() for t in row)  # noqa: E731
        assert sorted(ox.rows, key=key) == sorted(rl.rows, key=key)
        assert ox.rows  # not vacuous: every SELECT answers something on the fixture
    elif ox.kind == "ask":
        assert ox.boolean is rl.boolean is True
    else:
        assert len(ox.graph) > 0 and isomorphic(ox.graph, rl.graph)


def test_ask_is_false_for_an_uncontested_claim(stores):
    for store in stores.values():
        assert (
            Q.run(store, LIBRARY["is-contested"], {"claim": "impl-allies-doubt"}).boolean is False
        )


def test_optional_parameter_unbound_lists_everything(stores):
    result = Q.run(stores["oxigraph"], LIBRARY["arguments-by-perspective"], {})
    assert len(result.rows) == 9
    assert {cell(r[0]) for r in result.rows} == {
        "argkb:Realism",
        "argkb:Liberalism",
        "argkb:Constructivism",
        "argkb:DiplomaticPractice",
        "argkb:SecurityAnalysis",
    }


def test_default_parameter_and_override(stores):
    query = LIBRARY["attributed-claims"]
    assert query.param("agent").default == "kb:argkb-editors"
    other = Q.run(stores["oxigraph"], query, {"agent": "some-analyst"})
    assert [cell(r[0]) for r in other.rows] == ["kb:claim-aid-deters", "kb:impl-russia-deterred"]


@pytest.mark.parametrize(
    "value",
    [
        "kb:sanctions",
        "sanctions",
        "https://w3id.org/argkb/id/sanctions",
        "<https://w3id.org/argkb/id/sanctions>",
    ],
)
def test_iri_parameter_forms(value, stores):
    rows = Q.run(stores["oxigraph"], LIBRARY["implications-of-lever"], {"lever": value}).rows
    assert len(rows) == 3


def test_kb_queries_folder_adds_and_overrides(tmp_path):
    root = make_kb(tmp_path / "kb")
    (root / "queries").mkdir()
    (root / "queries" / "unused-claims.rq").write_text(
        "#+ summary: overridden here\n#+ params: none\nASK {}\n"
    )
    (root / "queries" / "mine.rq").write_text("#+ summary: my own\n#+ params: none\nASK {}\n")
    lib = Q.library(KnowledgeBase.locate(root))
    assert (
        lib["unused-claims"].summary == "overridden here"
        and "mine" in lib
        and "rationale-chain" in lib
    )


def test_header_parsing():
    text = (
        "#+ summary: First line\n"
        "#+   second line.\n"
        "#+ params:\n"
        "#+   who (iri, optional): the one. Example: kb:x\n"
        "#+   text (literal): words,\n"
        "#+     more words.\n"
        "#+ example: argkb query t\n"
        "#+   a | b\n"
        "#+   1 | 2\n"
        "SELECT * { ?s ?p ?_who . ?s ?q ?_text . ?s ?r ?_extra }\n"
    )
    q = Q.from_text(text, "t")
    assert q.summary == "First line second line."
    assert [(p.name, p.kind, p.optional) for p in q.params] == [
        ("who", "iri", True),
        ("text", "literal", False),
        ("extra", "term", True),
    ]
    assert q.params[0].example == "kb:x" and q.params[1].description == "words, more words."
    assert q.example == "argkb query t" and q.example_output == ["a | b", "1 | 2"]


def test_bad_header_is_an_input_error():
    from argkb.errors import InputError

    with pytest.raises(InputError, match="unknown kind"):
        Q.from_text("#+ params:\n#+   x (number): what\nASK {}", "t")


def test_unknown_query_lists_names(kb):
    with pytest.raises(UsageError) as err:
        Q.find("rationale-chian", kb)
    assert "rationale-chain" in str(err.value) and "unused-claims" in str(err.value)


def test_binding_errors():
    query = LIBRARY["implications-of-move"]
    with pytest.raises(UsageError, match="needs move"):
        Q.bind(query, {})
    with pytest.raises(UsageError, match="no parameter 'lever'"):
        Q.bind(query, {"move": "x", "lever": "y"})
    with pytest.raises(UsageError, match="name=value"):
        Q.split_assignments(["novalue"])
    assert Q.split_assignments(["?_move=kb:x", "a=b=c"]) == {"move": "kb:x", "a": "b=c"}
