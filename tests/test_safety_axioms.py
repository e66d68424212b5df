"""Issue 14, item 4: ``add`` refuses what the ontology's axioms forbid, and agrees with HermiT on
it.

Each planted fixture is checked twice: by ``argkb.contrib.axioms`` (compiled SPARQL, what ``add``
runs) and by HermiT (``argkb reason``'s reasoner, through owlready2) on the knowledge base with the
fixture added. The test asserts the two verdicts are the same — neither is written down here.
"""

from __future__ import annotations

import shutil

import pytest
from rdflib import Graph

from argkb.cli.main import cli
from argkb.contrib.axioms import check_axioms
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from conftest import make_kb, unavailable
from contrib_support import tree_digest

pytestmark = pytest.mark.slow  # the slowest 10 % of cases (docs/contributing.md, Tests)

HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
)

PLANTED = {
    "an actor declared a lever": "kb:russia a argkb:Lever .",
    "a lever given where an actor is expected": (
        "kb:move-planted argkb:actor kb:sanctions ; argkb:lever kb:sanctions ."
    ),
    "two disjoint actors made one by a functional property": (
        "kb:alliance-planted a argkb:Alliance . "
        "kb:move-us-decrease-sanctions argkb:actor kb:alliance-planted ."
    ),
    "a language-tagged checksum (range xsd:string)": 'kb:mini-source argkb:sha256 "x"@en .',
    "two statements of one claim": (
        'kb:impl-russia-bolder argkb:statement "A second statement."@en .'
    ),
    "an argument attacking itself": "kb:arg-self a argkb:Argument ; argkb:attacks kb:arg-self .",
    "premise and conclusion the same claim": (
        "kb:arg-circle a argkb:Argument ; argkb:premise kb:impl-russia-bolder ; argkb:conclusion "
        "kb:impl-russia-bolder ."
    ),
    "consistent: a new claim and an argument for an existing one": (
        'kb:claim-fine a argkb:Claim ; argkb:statement "Fine."@en ; prov:wasAttributedTo '
        "kb:argkb-editors . "
        "kb:arg-fine a argkb:Argument ; argkb:perspective argkb:Realism ; argkb:premise "
        "kb:claim-fine ; "
        "argkb:conclusion kb:impl-russia-bolder ."
    ),
    "consistent: the same statement written again": None,  # filled from the knowledge base below
}


def _hermit_consistent(kb_dir) -> bool:
    from argkb.reason.owl import _run, kb_triples
    from argkb.reason.pellet import find_java

    try:
        java = find_java()
    except Exception as exc:  # noqa: BLE001 - no Java: the comparison cannot run here
        unavailable(f"Java is needed for HermiT: {exc}")
    _world, error = _run(kb_triples(KnowledgeBase.locate(kb_dir)), "hermit", java)
    return error is None


def _same_statement(kb: KnowledgeBase) -> str:
    g = kb.graph()
    from argkb.vocab import ARGKB, KB

    value = g.value(KB["impl-russia-bolder"], ARGKB.statement)
    return f"kb:impl-russia-bolder argkb:statement {value.n3()} ."


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_kb(tmp_path_factory.mktemp("axioms") / "kb")


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_compiled_axiom_checks_agree_with_hermit(template, tmp_path, name):
    kb_dir = tmp_path / "kb"
    shutil.copytree(template, kb_dir)
    kb = KnowledgeBase.locate(kb_dir)
    body = PLANTED[name] or _same_statement(kb)
    contribution = Graph().parse(data=HEAD + body, format="turtle")
    ours = check_axioms(open_store(kb), contribution, kb.ontology_graph())
    (kb_dir / "data" / "planted.ttl").write_text(HEAD + body, encoding="utf-8")
    assert _hermit_consistent(kb_dir) == (not ours), (name, [str(i) for i in ours])


def test_add_refuses_an_actor_declared_a_lever(runner, mini_kb_dir, tmp_path):
    path = tmp_path / "lever.ttl"
    path.write_text(HEAD + PLANTED["an actor declared a lever"], encoding="utf-8")
    before = tree_digest(mini_kb_dir)
    result = runner.invoke(cli, ["add", "--kb", str(mini_kb_dir), str(path)])
    assert result.exit_code == 1, result.output
    assert "kb:russia: would be both a argkb:Actor and a argkb:Lever" in result.output
    assert tree_digest(mini_kb_dir) == before


def test_a_type_only_what_points_at_a_node_gives_is_checked_like_hermit(template, tmp_path):
    """The knowledge base types kb:typed-by-range an actor only through the range of argkb:actor (a
    triple pointing at it); a contribution declaring it a lever contradicts that. The axiom check
    reads one witness per predicate pointing at a node, not every such triple: the verdict must
    still be HermiT's."""
    kb_dir = tmp_path / "kb"
    shutil.copytree(template, kb_dir)
    (kb_dir / "data" / "pointing.ttl").write_text(
        HEAD + "kb:move-us-decrease-sanctions argkb:actor kb:typed-by-range .\n"
        "kb:move-planted-two argkb:actor kb:typed-by-range .\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.locate(kb_dir)
    contribution = Graph().parse(data=HEAD + "kb:typed-by-range a argkb:Lever .", format="turtle")
    ours = check_axioms(open_store(kb), contribution, kb.ontology_graph())
    assert [str(i.node) for i in ours] == ["https://w3id.org/argkb/id/typed-by-range"]
    (kb_dir / "data" / "planted.ttl").write_text(
        HEAD + "kb:typed-by-range a argkb:Lever .", encoding="utf-8"
    )
    assert not _hermit_consistent(kb_dir)
