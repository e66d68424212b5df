"""Queries are read-only and offline, errors name line and column, and parameters cannot change a
query."""

from __future__ import annotations

import pytest

from argkb.errors import InputError, NetworkRefused, NoSuchNode, UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.query import library as Q
from argkb.store.base import OxigraphStore, RdflibStore
from argkb.store.bounds import canonical
from conftest import REPO, make_kb

UPDATES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX kb: <https://w3id.org/argkb/id/>\n"
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "CREATE GRAPH <urn:g>",
    "DROP DEFAULT",
    "COPY DEFAULT TO <urn:g>",
    "MOVE DEFAULT TO <urn:g>",
    "ADD DEFAULT TO <urn:g>",
    "insert data { <urn:a> <urn:b> <urn:c> } ; clear all",
    "INSERT DATA { <urn:a> <urn:b> ",  # a broken update is still refused as an update
]


@pytest.mark.parametrize("text", UPDATES)
def test_updates_are_refused(text):
    with pytest.raises(UsageError, match="SPARQL Update .* is refused"):
        Q.check(text)


def test_update_words_inside_a_query_are_fine():
    text = (
        "# INSERT DATA { } in a comment\n"
        'SELECT ?x WHERE { BIND("DELETE WHERE { ?s ?p ?o }" AS ?x) }'
    )
    assert Q.check(text) == "select"


@pytest.mark.parametrize(
    "text, what",
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        (
            "SELECT * WHERE { ?a ?b ?c OPTIONAL { SERVICE SILENT <http://x.example/> { ?s ?p ?o } "
            "} }",
            "SERVICE",
        ),
        ("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT * FROM NAMED <http://example.org/g> WHERE { GRAPH ?g { ?s ?p ?o } }", "FROM"),
    ],
)
def test_network_is_refused_unless_allowed(text, what):
    with pytest.raises(NetworkRefused, match=what):
        Q.check(text)
    assert Q.check(text, allow_network=True) == "select"


def test_syntax_error_names_line_and_column():
    text = "#+ summary: broken\nSELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER( \n}\n"
    with pytest.raises(InputError) as err:
        Q.check(text, "broken.rq")
    # the parser stops at the FILTER it cannot complete: line 5, column 3
    assert err.value.path == "broken.rq" and (err.value.line, err.value.column) == (5, 3)
    assert str(err.value).startswith("broken.rq:5:3: SPARQL syntax error")


def test_unknown_prefix_is_an_input_error():
    with pytest.raises(InputError, match="prefix"):
        Q.check("SELECT * WHERE { ?s nope:p ?o }")


# ----------------------------------------------------------------- injection ---
HOSTILE = [
    "kb:x> } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o",
    "x> <urn:p> <urn:o> } UNION { ?move ?p ?o",
    "sanctions}",
    'sanctions" }',
    "sanctions'",
    "sanctions\n} SELECT * WHERE { ?s ?p ?o }",
    "<https://w3id.org/argkb/id/sanctions> . ?s ?p ?o",
    "https://w3id.org/argkb/id/x>{",
    "kb:sanctions\nUNION",
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    kb = KnowledgeBase.locate(make_kb(tmp_path_factory.mktemp("inj") / "kb"))
    return [OxigraphStore.from_kb(kb), RdflibStore(kb.graph())]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_iri_parameters_are_refused_or_find_nothing(value, stores):
    query = Q.library(KnowledgeBase.locate(REPO))["implications-of-lever"]
    assert len(Q.run(stores[0], query, {"lever": "sanctions"}).rows) == 2  # the query itself works
    for store in stores:
        try:
            result = Q.run(store, query, {"lever": value})
        except (UsageError, NoSuchNode):  # not an IRI; an IRI no triple names
            continue
        assert result.kind == "select" and result.vars == [
            "move",
            "actor",
            "direction",
            "implication",
            "qualifier",
        ]
        assert result.rows == []


@pytest.mark.parametrize("value", HOSTILE + ['"; DROP ALL; "', "a\\", '"""x"""'])
def test_hostile_literal_parameters_find_nothing(value, stores):
    query = Q.from_text(
        "#+ params:\n#+   label (literal): a label\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        "SELECT ?s WHERE { ?s rdfs:label ?_label }",
        "by-label",
    )
    for store in stores:
        result = Q.run(store, query, {"label": value})
        assert result.kind == "select" and result.rows == []
    # and the same query does find a real label, so the empty answers above mean something
    found = Q.run(stores[0], query, {"label": "argkb editors"})
    assert len(found.rows) == 1


def test_parameters_are_never_pasted(monkeypatch, stores):
    """The query text reaching the engine is the file's text; only a VALUES block of terms is
    added."""
    seen = []

    class Spy(RdflibStore):
        def query(self, sparql, bindings=None, **options):
            seen.append((sparql, dict(bindings or {})))
            return super().query(sparql, bindings, **options)

    query = Q.library(KnowledgeBase.locate(REPO))["implications-of-lever"]
    Q.run(Spy(stores[1].graph), query, {"lever": "sanctions"})
    # the file's text as checked (its comments dropped: argkb.store.bounds.canonical), after the
    # standard prefixes it does not declare (argkb.query.library.standard_prologue)
    text = canonical(query.text)
    assert seen[-1][0].endswith(text) and "sanctions" not in text.split("WHERE")[1]
    assert all(line.startswith("PREFIX ") for line in seen[-1][0][: -len(text)].splitlines())
    assert str(seen[-1][1]["_lever"]) == "https://w3id.org/argkb/id/sanctions"
    # the existence check is bound too
    assert all(sparql.endswith(text) or sparql == Q.Q_NODE_MENTIONED for sparql, _ in seen)


def test_a_query_checked_before_is_not_parsed_again_and_refusals_are_never_remembered(
    tmp_path, monkeypatch
):
    """argkb.query.checked_cache: a query that passed is recalled from the user's cache (rdflib's
    parser not run); one with SERVICE passed with the network allowed is still refused without; junk
    entries are ignored."""
    import rdflib.plugins.sparql.parser as parser

    from argkb.query import checked_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    select = "SELECT ?s WHERE { ?s a argkb:Claim }"
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    assert Q.checked(select) == ("select", select)
    assert Q.check(service, allow_network=True) == "select"
    assert len(list((tmp_path / "cache" / "argkb" / "checked-queries").iterdir())) == 2

    def no_parser(*_args, **_kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(parser, "parseQuery", no_parser)
    assert Q.checked(select) == ("select", select)  # recalled, not parsed
    with pytest.raises(AssertionError, match="parsed again"):  # never checked without the network
        Q.check(service)
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(NetworkRefused, match="SERVICE"):
        Q.check(service)
    with pytest.raises(InputError):  # a broken query: parsed, refused, every time
        Q.check("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(InputError):
        Q.check("SELECT ?s WHERE { ?s ?p }")
    entry = checked_cache._entry(Q.standard_prologue(select) + select, False)
    entry.write_text("drop\n", encoding="ascii")  # not a form: no entry
    assert checked_cache.recall(Q.standard_prologue(select) + select, False) is None
    assert Q.check(select) == "select" and entry.read_text(encoding="ascii") == "select\n"
