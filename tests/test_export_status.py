"""Statuses in the exports: every argument and claim carries IN/OUT/UNDEC overall and under each
lens, equal to ``argkb.assess.framework.statuses``; the HTML map colours and lists them under a
chosen lens."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pytest
from click.testing import CliRunner

from argkb.assess.framework import statuses
from argkb.cli.main import cli
from argkb.errors import UsageError
from argkb.export import render
from argkb.export.select import build_map, status_lens
from argkb.export.style import STATUS_ATTRS, STATUS_COLOURS
from argkb.kb.folder import KnowledgeBase
from export_support import DATA, chromium, mini_kb_copy, need

FLOATING = DATA / "export" / "floating.ttl"
LENSES = list(
    STATUS_ATTRS
)  # overall, realism, liberalism, constructivism, diplomatic-practice, security-analysis


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return mini_kb_copy(tmp_path_factory.mktemp("export-status"))


def model_statuses(amap, lens: str) -> dict[str, str]:
    attr = STATUS_ATTRS[lens]
    return {n.iri: n.attrs[attr] for n in amap.nodes.values() if attr in n.attrs}


def library_statuses(kb, lens: str, semantics: str = "grounded") -> dict[str, str]:
    return {
        str(k): v for k, v in statuses(kb, None if lens == "overall" else lens, semantics).items()
    }


def test_attribute_names_are_xml_names():
    assert list(STATUS_ATTRS.values()) == [
        "status",
        "status_realism",
        "status_liberalism",
        "status_constructivism",
        "status_diplomatic_practice",
        "status_security_analysis",
    ]
    assert all(re.fullmatch(r"[a-z_]+", name) for name in STATUS_ATTRS.values())


@pytest.mark.parametrize("lens", LENSES)
def test_model_statuses_equal_the_library_on_the_mini_kb(kb, lens):
    assert model_statuses(build_map(kb), lens) == library_statuses(kb, lens)


def test_model_statuses_equal_the_library_on_the_seed(repo_kb):
    amap = build_map(repo_kb)
    for lens in LENSES:
        assert model_statuses(amap, lens) == library_statuses(repo_kb, lens), lens
    assert len(model_statuses(amap, "overall")) == len(amap.of_type("argument")) + len(
        amap.of_type("claim")
    ) + len(amap.of_type("implication"))


def test_undercut_liberal_argument_by_reasoning(kb):
    """kb:arg-undercut-liberal stands on an unattacked premise, so it is IN and its target is OUT —
    overall and under every lens: both rest on shared ground (no premise is argkb:heldBy a lens),
    so every lens counts both, realism included though it neither makes nor is attacked by
    either."""
    node = build_map(kb).nodes["kb:arg-bolder-liberalism"]
    assert node.statuses() == {lens: "OUT" for lens in LENSES}
    undercut = build_map(kb).nodes["kb:arg-undercut-liberal"].statuses()
    assert undercut["overall"] == undercut["liberalism"] == undercut["diplomatic-practice"] == "IN"
    # statuses survive the filters: they are computed on the whole knowledge base first
    assert (
        build_map(kb, perspectives=["liberalism", "diplomacy"])
        .nodes["kb:arg-bolder-liberalism"]
        .statuses()
        == node.statuses()
    )
    assert "status" not in build_map(kb).nodes["kb:russia"].attrs  # actors have no status


def test_semantics_reach_the_model(tmp_path):
    """A floating defeat: grounded leaves Float C UNDEC, preferred and stable defeat it."""
    kb = KnowledgeBase.locate(mini_kb_copy(tmp_path).root, extra=[FLOATING])
    grounded, preferred = build_map(kb), build_map(kb, semantics="preferred")
    assert grounded.nodes["kb:arg-float-c"].attrs["status"] == "UNDEC"
    assert preferred.nodes["kb:arg-float-c"].attrs["status"] == "OUT"
    assert preferred.semantics == "preferred"
    for lens in LENSES:
        assert model_statuses(preferred, lens) == library_statuses(kb, lens, "preferred")
    with pytest.raises(UsageError, match="unknown semantics 'admissible'"):
        build_map(kb, semantics="admissible")


def test_status_lens_names():
    assert [
        status_lens(t) for t in (None, "off", "Overall", "realism", "diplomacy", "security")
    ] == [None, None, "overall", "realism", "diplomatic-practice", "security-analysis"]
    with pytest.raises(UsageError, match="unknown status lens 'marxism' .*overall, realism.*off"):
        status_lens("marxism")


def test_graphml_and_gexf_carry_statuses(kb, tmp_path):
    amap = build_map(kb)
    path = tmp_path / "map.graphml"
    path.write_text(render(amap, "graphml"), encoding="utf-8")
    g = nx.read_graphml(path)
    assert g.nodes["kb:arg-bolder-realism"]["status_realism"] == "OUT"
    assert g.nodes["kb:arg-doubt-realism"]["status"] == "IN"
    assert (
        g.nodes["kb:arg-bolder-liberalism"]["status_realism"] == "OUT"
    )  # counted by realism, undercut
    root = ET.fromstring(render(amap, "gexf"))
    ns = "{http://gexf.net/1.3}"
    columns = {a.get("id") for a in root.iter(ns + "attribute")}
    assert set(STATUS_ATTRS.values()) <= columns
    values = {
        v.get("for"): v.get("value")
        for v in root.find(f".//{ns}node[@id='kb:arg-bolder-liberalism']").iter(ns + "attvalue")
    }
    assert (values["status"], values["status_liberalism"]) == ("OUT", "OUT")
    cyjs = json.loads(render(amap, "cyjs"))
    data = {n["data"]["id"]: n["data"] for n in cyjs["elements"]["nodes"]}
    assert data["kb:impl-russia-bolder"]["status_security_analysis"] == "OUT"


def test_dot_fills_by_status_under_a_lens(kb, tmp_path):
    amap = build_map(kb)
    plain = render(amap, "dot")
    assert 'fillcolor="#4e79a7"' in next(
        x for x in plain.splitlines() if x.startswith('  "kb:arg-bolder-realism" [')
    )
    coloured = render(amap, "dot", status_lens="realism")
    line = next(x for x in coloured.splitlines() if x.startswith('  "kb:arg-bolder-realism" ['))
    assert f'fillcolor="{STATUS_COLOURS["OUT"][0]}"' in line
    assert "Status: overall OUT; realism OUT" in line
    path = tmp_path / "status.dot"
    path.write_text(coloured, encoding="utf-8")
    result = subprocess.run(
        [need("dot"), "-Tsvg", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert ">silent<" in result.stdout  # the legend names the status colours


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["--format", "gexf", "--status-lens", "realism"],
            "--status-lens applies to --format html or dot",
        ),
        (["--format", "html", "--status-lens", "stoicism"], "unknown status lens 'stoicism'"),
        (["--format", "dot", "--semantics", "naive"], "Invalid value for '--semantics'"),
    ],
)
def test_bad_status_options_exit_2(runner, kb, args, message):
    result = runner.invoke(cli, ["export", "--kb", str(kb.root), *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_semantics_option(runner, tmp_path):
    root = mini_kb_copy(tmp_path).root
    result = runner.invoke(
        cli,
        [
            "export",
            "--kb",
            str(root),
            "--data",
            str(FLOATING),
            "--format",
            "cyjs",
            "--semantics",
            "stable",
        ],
    )
    assert result.exit_code == 0, result.output
    data = {n["data"]["id"]: n["data"] for n in json.loads(result.output)["elements"]["nodes"]}
    assert data["kb:arg-float-c"]["status"] == "OUT" and data["kb:arg-float-a"]["status"] == "UNDEC"


# ------------------------------------------------------------------ the HTML map in Chromium
@pytest.fixture(scope="module")
def realism_dom(kb, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export-status-html")
    path = folder / "map.html"
    result = export_html(kb, path, "--status-lens", "realism")
    assert result.exit_code == 0, result.output
    run = chromium(
        path.as_uri() + "#select=kb:arg-bolder-liberalism", folder / "profile", "--dump-dom"
    )
    assert "<body" in run.stdout, run.stderr[-2000:]
    return run.stdout


def export_html(kb, path, *args):
    return CliRunner().invoke(
        cli, ["export", "--kb", str(kb.root), "--format", "html", "-o", str(path), *args]
    )


def listed(dom: str) -> dict[str, str]:
    box = dom[dom.index('id="status-list"') :]
    return dict(re.findall(r'<li data-node="([^"]+)" data-status="([^"]+)"', box))


def test_html_reports_the_realism_statuses(kb, realism_dom):
    body = re.search(r"<body[^>]*>", realism_dom).group(0)
    assert 'data-status-lens="realism"' in body
    amap = build_map(kb)
    assert f'data-rendered-nodes="{len(amap.nodes)}"' in body  # colouring hides nothing
    expected = {
        n.id: library_statuses(kb, "realism").get(n.iri, "silent")
        for n in amap.nodes.values()
        if n.type in ("argument", "claim", "implication")
    }
    shown = listed(realism_dom)
    assert shown == expected
    # by reasoning: the security rebuttal (IN, on an unattacked premise) defeats the realist
    # argument for kb:impl-russia-bolder; realism counts the liberal argument (its premise is shared
    # ground), which the diplomatic undercut defeats
    assert (
        shown["kb:arg-bolder-realism"] == "OUT" and shown["kb:arg-bolder-security-rebuttal"] == "IN"
    )
    assert shown["kb:arg-bolder-liberalism"] == "OUT" and shown["kb:arg-undercut-liberal"] == "IN"
    legend = realism_dom[realism_dom.index('id="status-legend"') : realism_dom.index('id="legend"')]
    assert re.findall(r'data-status="([^"]+)"', legend) == ["IN", "OUT", "UNDEC", "silent"]


def test_html_panel_shows_the_status_under_each_lens(kb, realism_dom):
    table = realism_dom[realism_dom.index('id="panel-statuses"') :]
    table = table[: table.index("</table>")]
    rows = dict(re.findall(r'<tr[^>]*data-lens="([^"]+)" data-status="([^"]+)"', table))
    node = build_map(kb).nodes["kb:arg-bolder-liberalism"]
    assert rows == {lens: node.statuses().get(lens, "silent") for lens in LENSES}
    assert (rows["overall"], rows["liberalism"], rows["realism"]) == ("OUT", "OUT", "OUT")
    assert re.search(r'<tr class="current" data-lens="realism"', table)


def test_html_hash_overrides_and_off_by_default(kb, tmp_path):
    path = tmp_path / "map.html"
    assert export_html(kb, path).exit_code == 0
    page = path.read_text(encoding="utf-8")
    assert '"statusLens":"off"' in page and "default-src 'none'" in page
    run = chromium(
        path.as_uri() + "#status=liberalism&focus=kb:impl-russia-bolder",
        tmp_path / "profile",
        "--dump-dom",
    )
    body = re.search(r"<body[^>]*>", run.stdout).group(0)
    assert 'data-status-lens="liberalism"' in body
    focused = int(re.search(r'data-rendered-nodes="(\d+)"', body).group(1))
    assert 0 < focused < len(build_map(kb).nodes)  # #focus= still applies alongside #status=
    shown = listed(run.stdout)
    assert shown["kb:arg-bolder-liberalism"] == "OUT" and shown["kb:arg-undercut-liberal"] == "IN"
    assert (
        shown["kb:arg-doubt-realism"] == "IN"
    )  # counted by liberalism: its premise is shared ground
