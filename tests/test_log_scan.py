"""The contributions log read without rdflib (``argkb.kb.log_scan``, issue 23: the cold open) gives
what the rdflib path gives: the same retracted files, and no supersession exactly when rdflib's
reading finds none; anything it cannot read exactly is left to the rdflib path."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from argkb.cli import cli
from argkb.kb import log_scan
from argkb.kb.folder import KnowledgeBase
from argkb.kb.layout import LOG_NAME
from argkb.kb.log import log_graph_of, retracted_names
from argkb.kb.supersede import from_log_graph
from contrib_support import VALID

RELABEL = """@prefix kb: <https://w3id.org/argkb/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
kb:claim-allies-hedge-anyway rdfs:label "Allies hedge already"@en .
"""


def _argkb(kb_dir, *args):
    done = CliRunner().invoke(cli, [args[0], "--kb", str(kb_dir), *map(str, args[1:])])
    assert done.exit_code == 0, done.output
    return done


def _log_ids(kb_dir) -> list[str]:
    import json

    return [c["id"] for c in json.loads(_argkb(kb_dir, "contributions", "--format", "json").output)]


def _agrees(kb_dir) -> log_scan.LogSummary:
    """The summary, checked against rdflib's reading of the same log."""
    data = kb_dir / "data"
    found = log_scan.summary(data)
    assert found is not None
    assert set(found.retracted) == retracted_names(data)
    live = from_log_graph(log_graph_of(data))
    if not found.replaces:
        assert live == {}
    kb = KnowledgeBase.locate(kb_dir)
    assert kb.retracted_files() == retracted_names(data)
    return found


def test_added_amended_and_retracted_contributions_read_alike(mini_kb_dir, tmp_path):
    assert log_scan.summary(mini_kb_dir / "data") == log_scan.LogSummary(frozenset(), False)
    _argkb(mini_kb_dir, "add", VALID / "attack-existing-claim.ttl", "-m", "one")
    assert _agrees(mini_kb_dir) == log_scan.LogSummary(frozenset(), False)
    relabel = tmp_path / "relabel.ttl"
    relabel.write_text(RELABEL, encoding="utf-8")
    _argkb(mini_kb_dir, "add", relabel, "--amend", "-m", "clearer label")
    amended = _agrees(mini_kb_dir)
    assert amended.replaces and amended.retracted == frozenset()
    assert KnowledgeBase.locate(mini_kb_dir).superseded() != {}
    amendment = _log_ids(mini_kb_dir)[0]
    _argkb(mini_kb_dir, "retract", amendment, "-m", "back")
    retracted = _agrees(mini_kb_dir)
    assert not retracted.replaces and len(retracted.retracted) == 1
    assert KnowledgeBase.locate(mini_kb_dir).superseded() == {}


def test_a_log_it_cannot_read_exactly_is_left_to_rdflib(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    log = data / LOG_NAME
    log.write_text("@prefix argkb: <https://w3id.org/argkb/ontology#> .\nthis is not turtle\n")
    assert log_scan.summary(data) is None
    # a retracted contribution with two content files: rdflib would pick one; so does not this
    log.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "<urn:x:c> argkb:retractedAt 1 ; argkb:contentFile 'a.ttl', 'b.ttl' .\n"
    )
    assert log_scan.summary(data) is None
    log.write_text(
        "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
        "<urn:x:c> argkb:retractedAt 1 ; argkb:contentFile 'data/contributions/a.ttl' .\n"
        "<urn:x:d> argkb:contentFile 'data/contributions/b.ttl' ; argkb:replaced [] .\n"
    )
    assert log_scan.summary(data) == log_scan.LogSummary(frozenset({"a.ttl"}), True)


def test_opening_a_knowledge_base_with_a_log_imports_no_rdflib(mini_kb_dir):
    _argkb(mini_kb_dir, "add", VALID / "attack-existing-claim.ttl", "-m", "one")
    code = (
        "import sys\n"
        "from argkb.kb.folder import KnowledgeBase\n"
        "from argkb.store import open_store\n"
        f"open_store(KnowledgeBase.locate({str(mini_kb_dir)!r}))\n"
        "print('rdflib' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
