"""The walk by index lookups (plain pyoxigraph) gives the very trace the walk by SPARQL queries
gives.

For every claim of the seed knowledge base and of the mini one (with the chain and alternatives
fixtures, and a file restating another's triples plus second labels and an undercut that also
concludes what it attacks, so the lookups must deduplicate across named
graphs and choose among labels as the queries do), in every format, with and without statuses.
"""

from __future__ import annotations

import shutil

import pytest
from rdflib import URIRef

from argkb.assess.framework import graded
from argkb.kb.folder import KnowledgeBase
from argkb.navigate import impacts_render, lookup
from argkb.navigate.impacts import impacts
from argkb.navigate.trace import set_statuses, trace
from argkb.navigate.trace_render import render
from argkb.store import open_store
from argkb.store.base import OxigraphStore
from conftest import DATA, make_kb

CLAIMS = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?claim WHERE { ?claim a/rdfs:subClassOf* argkb:Claim . } ORDER BY ?claim"""

EXTRA = """@prefix kb: <https://w3id.org/argkb/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:impl-russia-bolder rdfs:label "Russia bolder (second label)"@de , "A first label by sort"@en .
kb:arg-bolder-realism rdfs:label "Realism, again" .
@prefix argkb: <https://w3id.org/argkb/ontology#> .
kb:arg-undercut-liberal argkb:conclusion kb:arg-bolder-liberalism .
"""


class QueryOnly(OxigraphStore):
    """The same pyoxigraph store, walked by SPARQL queries (a ``query`` of its own: not plain)."""

    def __init__(self, plain: OxigraphStore):
        super().__init__(plain.ox, union=plain.union, backend=plain.backend)

    def query(self, sparql, bindings=None, max_rows=None, prefixes=None):
        return super().query(sparql, bindings, max_rows, prefixes)


def mini(tmp_path_factory) -> KnowledgeBase:
    folder = make_kb(tmp_path_factory.mktemp("lookup") / "kb")
    shutil.copy(folder / "data" / "mini.ttl", folder / "data" / "mini-restated.ttl")
    (folder / "data" / "labels.ttl").write_text(EXTRA, encoding="utf-8")
    return KnowledgeBase.locate(
        folder, extra=[DATA / "query" / "chain.ttl", DATA / "query" / "alternatives.ttl"]
    )


@pytest.fixture(scope="module", params=["seed", "mini", "mini-in-memory"])
def stores(request, tmp_path_factory):
    from conftest import REPO

    kb = KnowledgeBase.locate(REPO) if request.param == "seed" else mini(tmp_path_factory)
    plain = OxigraphStore.from_kb(kb) if request.param == "mini-in-memory" else open_store(kb)
    assert lookup.plain_oxigraph(plain) and not lookup.plain_oxigraph(QueryOnly(plain))
    assert plain.union == (request.param != "mini-in-memory")
    return kb, plain, QueryOnly(plain)


def test_lookups_answer_on_the_plain_store_only(stores):
    _, plain, queried = stores
    node = {"_node": URIRef("https://w3id.org/argkb/id/impl-russia-bolder")}
    assert lookup.rows(queried, "info", node) is None
    assert lookup.rows(plain, "info", node) is not None


def test_every_claim_traces_alike_in_every_format(stores):
    kb, plain, queried = stores
    claims = [row["claim"] for row in queried.query(CLAIMS).dicts()]
    implications = [c for c in claims if "/impl-" in str(c)]
    assert len(claims) >= 5 and implications
    statuses = graded(kb, None)
    for claim in claims:
        fast, slow = trace(plain, claim), trace(queried, claim)
        for fmt in ("tree", "json", "markdown"):
            assert render(fast, fmt) == render(slow, fmt), (claim, fmt)
        set_statuses(fast, *statuses)
        set_statuses(slow, *statuses)
        for fmt in ("tree", "json", "markdown"):
            assert render(fast, fmt) == render(slow, fmt), (claim, fmt, "status")
        for lens in ("liberalism", "realism"):
            assert render(trace(plain, claim, perspectives=[lens], depth=2), "json") == render(
                trace(queried, claim, perspectives=[lens], depth=2), "json"
            ), (claim, lens)


MOVES_AND_LEVERS = """PREFIX argkb: <https://w3id.org/argkb/ontology#>
SELECT DISTINCT ?node WHERE { { ?node a argkb:Move } UNION { ?node a argkb:Lever } } ORDER BY \
?node"""


def test_impacts_alike_in_every_format(stores):
    _, plain, queried = stores
    nodes = [row["node"] for row in queried.query(MOVES_AND_LEVERS).dicts()]
    assert nodes
    for node in nodes:
        for fmt in ("tree", "json", "markdown"):
            assert impacts_render.render(impacts(plain, node), fmt) == impacts_render.render(
                impacts(queried, node), fmt
            ), (node, fmt)


def test_nothing_is_remembered_from_one_trace_to_the_next(tmp_path_factory):
    from rdflib import Graph, Literal
    from rdflib.namespace import RDFS

    store = OxigraphStore.from_kb(mini(tmp_path_factory))
    claim = URIRef("https://w3id.org/argkb/id/claim-pressure-restrains")
    before = trace(store, "impl-russia-bolder")
    assert "0 a label sorted first" not in render(before, "json")
    added = Graph()
    added.add((claim, RDFS.label, Literal("0 a label sorted first")))
    store.add_graph(added)
    after = render(trace(store, "impl-russia-bolder"), "json")
    assert "0 a label sorted first" in after and after == render(
        trace(QueryOnly(store), "impl-russia-bolder"), "json"
    )
