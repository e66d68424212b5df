"""The named queries on a fixture: the expected rows, and the same answers on both engines;
parameters bound, optional, defaulted, written as IRIs in every form."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.query import library as Q
from argkb.query.results import cell
from argkb.store.base import OxigraphStore, RdflibStore
from conftest import REPO, make_kb
from query_support import ALTERNATIVES, CHAIN, EXPECTED


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    return KnowledgeBase.locate(
        make_kb(tmp_path_factory.mktemp("q") / "kb"), extra=[CHAIN, ALTERNATIVES]
    )


@pytest.fixture(scope="module")
def stores(kb):
    return {"oxigraph": OxigraphStore.from_kb(kb), "rdflib": RdflibStore(kb.graph())}


LIBRARY = Q.library(KnowledgeBase.locate(REPO))


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


def test_unknown_query_lists_names(kb):
    with pytest.raises(UsageError) as err:
        Q.find("rationale-chian", kb)
    assert "rationale-chain" in str(err.value) and "unused-claims" in str(err.value)
