"""`argkb import` on real maps (tests/data/interop, MIT-licensed, see SOURCES.md there): each
imports, its counts of claims, supports and attacks are those the file holds (counted here from the
raw file, not by the importer), and validation lists exactly the TODOs the format could not fill."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from argkb.cli.main import cli
from argkb.errors import InputError
from argkb.interop.convert import convert
from argkb.validation import validate
from argkb.vocab.namespaces import ARGKB
from import_support import SAMPLES, imported, open_decisions

PROV_ATTR, LABEL, SKOS_NOTE = PROV.wasAttributedTo, RDFS.label, SKOS.editorialNote
AIF_SAMPLES = [
    ("aif/aifdb_nodeset6064_tabs.json", "aif"),
    ("xaif/ova3_intel_analysis_textobj.json", "xaif"),
]


def aif_counts(sample: str) -> dict[str, int]:
    doc = json.loads((SAMPLES / sample).read_text(encoding="utf-8"))
    types = Counter(n["type"] for n in doc.get("AIF", doc)["nodes"])
    return {"claims": types["I"], "supports": types["RA"] + types["MA"], "attacks": types["CA"]}


def kialo_counts(sample: str) -> dict[str, int]:
    items = [
        m
        for m in re.finditer(
            r"^1\.(?:\d+\.)* (?:(Pro|Con): )?(.*)$", (SAMPLES / sample).read_text(), re.M
        )
    ]
    links = sum(
        m.group(2).startswith("-> See 1.") for m in items
    )  # a second place for an existing claim
    stances = Counter(m.group(1) for m in items)
    return {"claims": len(items) - links, "supports": stances["Pro"], "attacks": stances["Con"]}


def counts_of(g) -> dict[str, int]:
    args = list(g.subjects(RDF.type, ARGKB.Argument))
    return {
        "claims": len(set(g.subjects(RDF.type, ARGKB.Claim))),
        "supports": sum((a, ARGKB.conclusion, None) in g for a in args),
        "attacks": sum((a, ARGKB.attacks, None) in g for a in args),
    }


def todos(path) -> set[tuple[str, str]]:
    found = re.findall(r"^#\s+TODO (kb:\S+): (argkb:\w+)", path.read_text(encoding="utf-8"), re.M)
    return set(found)


@pytest.mark.parametrize("sample,fmt", AIF_SAMPLES)
def test_aif_maps_import_with_the_counts_the_map_holds(repo_kb, tmp_path, sample, fmt):
    path, g, summary = imported(tmp_path, sample, fmt)
    assert counts_of(g) == aif_counts(sample)
    found = open_decisions(validate(repo_kb, [path]))
    assert found == todos(path) != set()
    args = set(g.subjects(RDF.type, ARGKB.Argument))
    assert found == {
        (f"kb:{str(a).rsplit('/', 1)[1]}", p)
        for a in args
        for p in ("argkb:perspective", "argkb:warrant")
    }


def test_aifdb_speakers_become_attributions(tmp_path):
    _, g, _ = imported(tmp_path, "aif/aifdb_nodeset6064_tabs.json", "aif")
    speakers = {
        str(o)
        for c in g.subjects(RDF.type, ARGKB.Claim)
        for a in g.objects(c, PROV_ATTR)
        for o in g.objects(a, LABEL)
    }
    assert {"CL", "NL"} <= speakers  # "CL : words" — AIFdb's speaker prefix, no participants listed


def test_ova_participants_become_attributions(tmp_path):
    _, g, _ = imported(tmp_path, "xaif/ova3_intel_analysis_textobj.json", "xaif")
    speakers = Counter(
        str(o)
        for c in g.subjects(RDF.type, ARGKB.Claim)
        for a in g.objects(c, PROV_ATTR)
        for o in g.objects(a, LABEL)
    )
    assert speakers["team otway00219"] > 0


@pytest.mark.slow
def test_kialo_discussion_imports_with_its_pros_and_cons(repo_kb, tmp_path):
    sample = "kialo/can-religious-faith-and-science-co-exist.txt"
    path, g, _ = imported(tmp_path, sample, "kialo", perspective="realism")
    assert counts_of(g) == kialo_counts(sample) == {"claims": 719, "supports": 328, "attacks": 451}
    # the declared default lens is recorded as such on every argument
    args = set(g.subjects(RDF.type, ARGKB.Argument))
    assert all(
        (a, ARGKB.perspective, ARGKB.Realism) in g and (a, SKOS_NOTE, None) in g for a in args
    )
    assert open_decisions(validate(repo_kb, [path])) == todos(path)
    assert {p for _, p in todos(path)} == {"argkb:warrant"}


@pytest.mark.parametrize(
    "body,message",
    [
        ("[1, 2]", "not an object"),
        ('{"edges": []}', 'no "nodes" list'),
        ('{"nodes": [{"text": "x"}], "edges": []}', 'no "nodeID" or no "type"'),
        ("{nope", "not JSON"),
    ],
)
def test_malformed_aif_is_refused_with_the_reason(runner, tmp_path, body, message):
    bad = tmp_path / "bad.json"
    bad.write_text(body, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(bad), "--from", "aif"])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


def test_aif_dialects_are_accepted(tmp_path):
    """Integer ids, no timestamps or edge ids, "aif" in lower case, formEdgeID "None", a dangling
    edge."""
    doc = {
        "aif": {
            "nodes": [
                {"nodeID": 1, "text": "Taxes should fall.", "type": "I"},
                {"nodeID": 2, "text": "Growth is slow.", "type": "I"},
                {"nodeID": 3, "text": "RA", "type": "RA"},
                {"nodeID": 4, "text": {"txt": "Growth <b>is</b> fast."}, "type": "I"},
                {"nodeID": 5, "text": "CA", "type": "CA"},
            ],
            "edges": [
                {"fromID": 2, "toID": 3},
                {"fromID": 3, "toID": 1, "formEdgeID": "None"},
                {"fromID": 4, "toID": 5},
                {"fromID": 5, "toID": 2},
                {"fromID": 9, "toID": 1},
            ],
        }
    }
    path = tmp_path / "dialect.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    text, summary = convert(path, "aif")
    assert (summary["claims"], summary["supports"], summary["attacks"], summary["skipped"]) == (
        3,
        1,
        1,
        1,
    )
    assert "Growth is fast." in text and "points at a node that does not exist" in text


def test_cli_writes_the_file_and_never_adds(runner, repo_kb, tmp_path):
    out = tmp_path / "imported.ttl"
    before = sorted(p.name for p in repo_kb.data_dir.rglob("*"))
    result = runner.invoke(
        cli,
        [
            "import",
            str(SAMPLES / "aif/aifdb_nodeset6064_tabs.json"),
            "--from",
            "aif",
            "--author",
            "Jane Roe",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "9 claims, 5 supports, 0 attacks" in result.output
    assert "kb:contributor-jane-roe" in out.read_text(encoding="utf-8")
    assert sorted(p.name for p in repo_kb.data_dir.rglob("*")) == before


def test_unknown_source_and_perspective_are_usage_errors(runner, tmp_path):
    sample = str(SAMPLES / "aif/aifdb_nodeset6064_tabs.json")
    result = runner.invoke(cli, ["import", sample, "--from", "aif", "--source", "no-such-source"])
    assert result.exit_code == 2 and "register the source" in result.output
    result = runner.invoke(cli, ["import", sample, "--from", "aif", "--perspective", "realsim"])
    assert result.exit_code == 2 and "did you mean realism" in result.output


def test_sadface_old_and_new_shapes_import(tmp_path):
    """SADFace as its examples write it: analyst and dates at the top or under metadata.core,
    scheme nodes named "support", "conflict" or a scheme's own name."""
    nodes = [
        {"id": "c", "type": "atom", "text": "The campaign should be withdrawn.", "metadata": {}},
        {"id": "p", "type": "atom", "text": "The advert does not say what it means."},
        {"id": "q", "type": "atom", "text": "Viewers understood the advert."},
        {"id": "e", "type": "atom", "text": "The safety board recommends withdrawing it."},
        {"id": "s1", "type": "scheme", "name": "support"},
        {"id": "s2", "type": "scheme", "name": "conflict"},
        {"id": "s3", "type": "scheme", "name": "Argument from Expert Opinion"},
    ]
    edges = [
        {"id": "1", "source_id": "p", "target_id": "s1"},
        {"id": "2", "source_id": "s1", "target_id": "c"},
        {"id": "3", "source_id": "q", "target_id": "s2"},
        {"id": "4", "source_id": "s2", "target_id": "p"},
        {"id": "5", "source_id": "e", "target_id": "s3"},
        {"id": "6", "source_id": "s3", "target_id": "c"},
    ]
    old = {
        "analyst_name": "A. Analyst",
        "created": "2017-07-11T16:32:36",
        "nodes": nodes,
        "edges": edges,
    }
    new = {"metadata": {"core": {"analyst_name": "A. Analyst"}}, "nodes": nodes, "edges": edges}
    for i, doc in enumerate((old, new)):
        path = tmp_path / f"map{i}.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        text, summary = convert(path, "sadface")
        assert (summary["claims"], summary["supports"], summary["attacks"]) == (4, 2, 1)
        assert '"Argument from Expert Opinion"' in text
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"nodes": [{"id": "x", "type": "blob"}], "edges": []}), encoding="utf-8"
    )
    with pytest.raises(InputError, match='"type" of "atom" or "scheme"'):
        convert(bad, "sadface")


def test_hostile_text_is_written_as_turtle_any_strict_parser_reads(tmp_path):
    """NUL, a lone surrogate, quotes, backslashes and a line break before a quote: the file still
    parses with Oxigraph's strict Turtle parser, and keeps the words around them."""
    import pyoxigraph

    doc = {
        "nodes": [
            {"nodeID": "1", "type": "I", "text": 'a\x00b \ud800 end \\"\nline2 \\'},
            {"nodeID": "2", "type": "I", "text": 'p "q" \u2028 x'},
            {"nodeID": "3", "type": "RA"},
        ],
        "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
    }
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "hostile.ttl"
    out.write_bytes(convert(path, "aif")[0].encode("utf-8"))
    triples = list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE))
    statements = {t.object.value for t in triples if t.predicate.value.endswith("#statement")}
    assert statements == {'ab end \\" line2 \\', 'p "q" x'}
