"""`argkb import` keeps every element apart and says what it leaves out.

Ids were slugged without care: ``A`` and ``a``, ``x y`` and ``x-y`` became one claim; a scheme
``1`` with two targets (numbered ``1-1``, ``1-2``) beside a scheme ``1-2`` lost a support, while the
header said "0 map elements not imported". ``--author kb:argkb-editors`` gave the editors a new
label, which ``add`` then offered to apply across the knowledge base.
"""

from __future__ import annotations

import json
import re

import pytest
from rdflib import Graph
from rdflib.namespace import PROV, RDF, RDFS

from argkb.cli.main import cli
from argkb.interop.convert import convert
from argkb.vocab.namespaces import ARGKB, KB


def _aif(tmp_path, nodes, edges, name="map.json"):
    doc = {
        "nodes": [{"nodeID": i, "type": t, "text": x} for i, t, x in nodes],
        "edges": [{"edgeID": f"e{n}", "fromID": a, "toID": b} for n, (a, b) in enumerate(edges)],
    }
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _not_imported(text: str) -> tuple[int, list[str]]:
    match = re.search(r"^# Not imported \((\d+)\):\n((?:#   - .*\n)*)", text, re.M)
    if not match:
        return 0, []
    return int(match.group(1)), re.findall(r"^#   - (.*)$", match.group(2), re.M)


COLLIDING = [
    ("A", "I", "Claim upper A."),
    ("a", "I", "Claim lower a."),
    ("x y", "I", "Claim x space y."),
    ("x-y", "I", "Claim x dash y."),
    ("p", "I", "Premise p."),
    ("q", "I", "Premise q."),
    ("r", "I", "Conclusion r."),
    ("1", "RA", "Default Inference"),
    ("1-2", "RA", "Default Inference"),
    ("c", "CA", "Default Conflict"),
]
EDGES = [("p", "1"), ("1", "A"), ("1", "a"), ("q", "1-2"), ("1-2", "r"), ("x y", "c"), ("c", "x-y")]


def test_ids_that_slug_alike_stay_apart(tmp_path):
    text, summary = convert(_aif(tmp_path, COLLIDING, EDGES), "aif")
    g = Graph().parse(data=text, format="turtle")
    claims = set(g.subjects(RDF.type, ARGKB.Claim))
    assert {str(g.value(c, ARGKB.statement)) for c in claims} == {
        t for _, k, t in COLLIDING if k == "I"
    }
    assert len(claims) == 7
    arguments = set(g.subjects(RDF.type, ARGKB.Argument))
    conclusions = {
        str(g.value(g.value(a, ARGKB.conclusion), ARGKB.statement)) for a in arguments
    } - {"None"}
    assert conclusions == {
        "Claim upper A.",
        "Claim lower a.",
        "Conclusion r.",
    }  # scheme 1's two, and 1-2's
    attacked = {str(g.value(g.value(a, ARGKB.attacks), ARGKB.statement)) for a in arguments} - {
        "None"
    }
    assert attacked == {"Claim x dash y."}
    assert (summary["supports"], summary["attacks"], summary["skipped"]) == (3, 1, 0)
    assert _not_imported(text) == (0, [])
    # an id that is its own slug keeps it; the others get a short hash of the raw id
    assert KB["map-claim-a"] in claims and KB["map-claim-x-y"] in claims
    assert all(
        re.fullmatch(
            r"map-claim-(a|x-y|p|q|r|a-[0-9a-f]{6}|x-y-[0-9a-f]{6})", str(c)[len(str(KB)) :]
        )
        for c in claims
    )


def test_local_ids_are_injective_and_stable():
    from argkb.interop.contribution import local_ids

    raws = ["A", "a", "x y", "x-y", "", "x", "é", "e", "a" * 300, "a" * 301, "1.1", "1-1"]
    ids = local_ids(raws)
    assert len(set(ids.values())) == len(raws)
    assert ids["a"] == "a" and ids["x-y"] == "x-y" and ids["1-1"] == "1-1"
    assert all(len(v) <= 80 and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", v) for v in ids.values())
    assert local_ids(list(reversed(raws))) == ids  # the same raw id always gets the same local id
    hashed = "a-" + ids["A"].rsplit("-", 1)[1]  # a raw id that is itself another's hashed form
    assert len(set(local_ids(["A", hashed]).values())) == 2


def test_every_element_left_out_is_listed_and_counted(tmp_path):
    """A support of an inference, a preference, a scheme with no premise, and an attack on what was
    dropped."""
    nodes = [
        ("p", "I", "Premise p."),
        ("q", "I", "Claim q."),
        ("s", "I", "Premise s."),
        ("1", "RA", "Default Inference"),
        ("2", "RA", "Default Inference"),
        ("3", "PA", "Default Preference"),
        ("4", "RA", "Default Inference"),
        ("5", "CA", "Default Conflict"),
        ("t", "I", "Attacker t."),
    ]
    edges = [
        ("p", "1"),
        ("1", "q"),  # an argument
        ("s", "2"),
        ("2", "1"),  # a support of an inference: dropped
        ("q", "3"),
        ("3", "p"),  # a preference: dropped
        ("4", "q"),  # no premise: dropped
        ("t", "5"),
        ("5", "2"),
    ]  # an attack on the dropped support: must go too
    text, summary = convert(_aif(tmp_path, nodes, edges), "aif")
    said, listed = _not_imported(text)
    assert said == len(listed) == summary["skipped"] == 4, listed
    assert {re.match(r"node (\S+):", line).group(1) for line in listed} == {"2", "3", "4", "5"}
    g = Graph().parse(data=text, format="turtle")
    # nothing points at an argument or claim the file does not hold
    held = set(g.subjects(RDF.type, ARGKB.Argument)) | set(g.subjects(RDF.type, ARGKB.Claim))
    for prop in (ARGKB.premise, ARGKB.conclusion, ARGKB.attacks):
        assert set(g.objects(None, prop)) <= held


def test_the_cli_summary_counts_what_the_header_lists(runner, tmp_path):
    out = tmp_path / "out.ttl"
    result = runner.invoke(
        cli, ["import", str(_aif(tmp_path, COLLIDING, EDGES)), "--from", "aif", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (
        "7 claims, 3 supports, 1 attacks" in result.output
        and "0 map elements not imported" in result.output
    )


def test_author_an_agent_id_is_referenced_never_labelled(runner, mini_kb_dir, tmp_path):
    path = _aif(tmp_path, COLLIDING, EDGES)
    text, _ = convert(path, "aif", author="kb:argkb-editors")
    g = Graph().parse(data=text, format="turtle")
    editors = KB["argkb-editors"]
    assert not list(g.triples((editors, None, None)))  # no label, no type: the agent is only named
    assert set(g.objects(None, PROV.wasAttributedTo)) == {editors}
    # through the CLI with a knowledge base that holds the agent: the same, so `add` meets no second
    # label
    out = tmp_path / "imported.ttl"
    result = runner.invoke(
        cli,
        [
            "import",
            str(path),
            "--from",
            "aif",
            "--kb",
            str(mini_kb_dir),
            "--author",
            "kb:argkb-editors",
            "-p",
            "realism",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert not list(Graph().parse(out).triples((editors, None, None)))


def test_author_an_unknown_agent_id_is_refused(runner, mini_kb_dir, tmp_path):
    result = runner.invoke(
        cli,
        [
            "import",
            str(_aif(tmp_path, COLLIDING, EDGES)),
            "--from",
            "aif",
            "--kb",
            str(mini_kb_dir),
            "--author",
            "kb:no-such-agent",
        ],
    )
    assert result.exit_code == 2 and "no agent kb:no-such-agent" in result.output
    assert "give a name" in result.output and result.output.strip().count("\n") == 0


def test_author_a_name_already_an_agent_is_not_relabelled(mini_kb_dir, tmp_path):
    """A name whose agent (kb:contributor-…) the knowledge base already holds is referenced as it
    is."""
    from argkb.kb.folder import KnowledgeBase

    kb = KnowledgeBase.locate(mini_kb_dir)
    (mini_kb_dir / "data" / "agent.ttl").write_text(
        "@prefix kb: <https://w3id.org/argkb/id/> .\n@prefix prov: <http://www.w3.org/ns/prov#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'kb:contributor-jane-roe a prov:Agent ; rdfs:label "Jane Roe (Oxford)" .\n',
        encoding="utf-8",
    )
    kb = KnowledgeBase.locate(mini_kb_dir)
    text, _ = convert(_aif(tmp_path, COLLIDING, EDGES), "aif", kb=kb, author="jane roe")
    g = Graph().parse(data=text, format="turtle")
    assert not list(g.triples((KB["contributor-jane-roe"], None, None)))
    assert KB["contributor-jane-roe"] in set(g.objects(None, PROV.wasAttributedTo))


@pytest.mark.parametrize("names", [("Bob", "bob"), ("Ann Lee", "ann-lee")])
def test_speakers_that_slug_alike_stay_apart(tmp_path, names):
    nodes = [
        ("1", "I", "One."),
        ("2", "I", "Two."),
        ("l1", "L", f"{names[0]} : One."),
        ("l2", "L", f"{names[1]} : Two."),
        ("y1", "YA", "Asserting"),
        ("y2", "YA", "Asserting"),
    ]
    edges = [("l1", "y1"), ("y1", "1"), ("l2", "y2"), ("y2", "2")]
    text, _ = convert(_aif(tmp_path, nodes, edges), "aif")
    g = Graph().parse(data=text, format="turtle")
    speakers = {
        str(g.value(c, ARGKB.statement)): g.value(c, PROV.wasAttributedTo)
        for c in g.subjects(RDF.type, ARGKB.Claim)
    }
    assert speakers["One."] != speakers["Two."]
    assert {str(g.value(a, RDFS.label)) for a in speakers.values()} == set(names)
