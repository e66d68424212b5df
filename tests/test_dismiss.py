"""``argkb source dismiss``: a drafted sentence that states no consequence is set aside with its
reason, in RDF with provenance, so that ``argkb source show`` can reach zero open sentences."""

from __future__ import annotations

import json

from rdflib import Graph
from rdflib.namespace import PROV, RDF

from argkb.vocab import ARGKB, KB, OA


def _cli():
    from argkb.cli.main import cli

    return cli


def _open(runner, kb) -> list[dict]:
    result = runner.invoke(_cli(), ["source", "show", "art", "--kb", str(kb), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["unquoted_consequences"]


def test_dismissing_every_open_sentence_reaches_zero_and_records_why(mini_kb_dir, runner, tmp_path):
    article = tmp_path / "art.txt"
    article.write_text(
        "Iran could produce enough material within weeks.\nThat would be a mistake.\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        _cli(),
        [
            "source",
            "add",
            str(article),
            "--id",
            "art",
            "--title",
            "Art",
            "--date",
            "2025-01-01",
            "--kb",
            str(mini_kb_dir),
        ],
    )
    assert result.exit_code == 0, result.output
    opened = _open(runner, mini_kb_dir)
    assert [s["number"] for s in opened] == [1, 2]
    for sentence in opened:
        result = runner.invoke(
            _cli(),
            [
                "source",
                "dismiss",
                "art",
                str(sentence["number"]),
                "--kb",
                str(mini_kb_dir),
                "--reason",
                f"not an outcome ({sentence['number']})",
            ],
        )
        assert result.exit_code == 0, result.output
    assert _open(runner, mini_kb_dir) == []
    g = Graph()
    for path in (mini_kb_dir / "data" / "contributions").glob("*.ttl"):
        g.parse(path)
    dismissals = sorted(g.subjects(RDF.type, ARGKB.Dismissal))
    assert len(dismissals) == 2
    for d in dismissals:
        quote = g.value(d, ARGKB.dismisses)
        text = (mini_kb_dir / "data" / "sources" / "art.txt").read_text(encoding="utf-8")
        assert text[g.value(quote, OA.start).toPython() : g.value(quote, OA.end).toPython()] == str(
            g.value(quote, OA.exact)
        )
        assert str(g.value(d, ARGKB.reason)).startswith("not an outcome")
        assert (
            g.value(d, PROV.wasAttributedTo) == KB["argkb-editors"]
            and g.value(d, PROV.generatedAtTime) is not None
        )
    result = runner.invoke(_cli(), ["validate", "--kb", str(mini_kb_dir)])
    assert result.exit_code == 0, result.output


def test_a_sentence_that_is_not_open_or_a_missing_reason_is_a_usage_error(
    mini_kb_dir, runner, tmp_path
):
    article = tmp_path / "art.txt"
    article.write_text(
        "The talks began in June.\nIf they fail, the war could go on.\n", encoding="utf-8"
    )
    assert (
        runner.invoke(
            _cli(),
            [
                "source",
                "add",
                str(article),
                "--id",
                "art",
                "--title",
                "Art",
                "--date",
                "2025-01-01",
                "--kb",
                str(mini_kb_dir),
            ],
        ).exit_code
        == 0
    )
    result = runner.invoke(
        _cli(), ["source", "dismiss", "art", "1", "--reason", "x", "--kb", str(mini_kb_dir)]
    )
    assert (
        result.exit_code == 2
        and "the open ones are: 2" in result.output
        and "Traceback" not in result.output
    )
    result = runner.invoke(
        _cli(), ["source", "dismiss", "art", "2", "--reason", "  ", "--kb", str(mini_kb_dir)]
    )
    assert result.exit_code == 2 and "--reason" in result.output
    assert _open(runner, mini_kb_dir)[0]["number"] == 2  # nothing was written
