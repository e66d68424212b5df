"""The named query library: every query's header (summary, parameters, example), a knowledge
base's own queries, header parsing and parameter errors."""

from __future__ import annotations

import re

import pytest

from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.query import library as Q
from argkb.query.safety import check
from conftest import REPO, make_kb

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
    assert check(query.text, name) in ("select", "ask", "construct", "describe")


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


def test_binding_errors():
    query = LIBRARY["implications-of-move"]
    with pytest.raises(UsageError, match="needs move"):
        Q.bind(query, {})
    with pytest.raises(UsageError, match="no parameter 'lever'"):
        Q.bind(query, {"move": "x", "lever": "y"})
    with pytest.raises(UsageError, match="name=value"):
        Q.split_assignments(["novalue"])
    assert Q.split_assignments(["?_move=kb:x", "a=b=c"]) == {"move": "kb:x", "a": "b=c"}
