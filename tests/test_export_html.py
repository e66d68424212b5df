"""The interactive HTML map in headless Chromium: it draws every node and edge of the model,
and labels that try to inject markup or script stay inert text."""

from __future__ import annotations

import json
import re

import pytest

from argkb.errors import UsageError
from argkb.export import html as html_export
from argkb.export import render
from argkb.export.select import build_map
from export_support import ARTIFACTS, chromium, mini_kb_copy


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export-html")
    amap = build_map(mini_kb_copy(folder, hostile=True))
    path = folder / "map.html"
    path.write_text(render(amap, "html"), encoding="utf-8")
    return amap, path, folder


@pytest.fixture(scope="module")
def dom(page):
    amap, path, folder = page
    # one Chromium run: the whole map drawn, every node, with the hostile implication's panel open
    result = chromium(
        path.as_uri() + "#view=all&select=kb:impl-hostile", folder / "profile", "--dump-dom"
    )
    assert "<body" in result.stdout, result.stderr[-2000:]
    return result.stdout


def test_page_is_self_contained(page):
    _, path, _ = page
    text = path.read_text(encoding="utf-8")
    assert not re.search(
        r"<(script|link|img)[^>]+(src|href)=", text
    )  # nothing loaded from anywhere
    assert "default-src 'none'" in text
    assert len(text) > 400_000  # the libraries are inlined


def test_chromium_draws_every_node_and_edge(page, dom):
    amap, _, _ = page
    body = re.search(r"<body[^>]*>", dom).group(0)
    assert f'data-rendered-nodes="{len(amap.nodes)}"' in body
    assert f'data-rendered-edges="{len(amap.edges)}"' in body
    assert 'data-status-lens="off"' in body  # no status colouring unless asked
    assert re.search(r'<details id="status-list" class="graph-only" hidden', dom)
    assert amap.counts() == (19, 23)


def test_hostile_labels_stay_text(dom):
    # the page's own <script> elements only: the JSON data, two libraries, the map's code
    assert len(re.findall(r"<script\b", dom)) == 4
    assert "<img" not in dom
    assert "<b id" not in dom
    # the panel shows them, escaped, as text
    panel = dom[dom.index('id="panel-body"') :]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert "&lt;img src=x onerror=alert(2)&gt;" in panel
    assert "&lt;/script&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in panel
    assert "&lt;img src=x onerror=alert(4)&gt;" in panel
    assert '&lt;b id="injected"&gt;bold&lt;/b&gt;' in panel
    # and so does the why of the implication's status, which names the argument that stands for it
    why = panel[panel.index('id="panel-why"') : panel.index("<h3>Trace</h3>")]
    assert 'data-status="IN"' in why and "Why IN (strength 1.00)" in why
    assert '"]]&gt;&lt;b id="injected"&gt;bold&lt;/b&gt;' in why


def test_screenshot_is_kept_as_an_artifact(page):
    _, path, folder = page
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "export-map.png"
    shot.unlink(missing_ok=True)
    result = chromium(
        path.as_uri() + "#focus=kb:impl-russia-bolder",
        folder / "profile-shot",
        "--window-size=1400,900",
        "--hide-scrollbars",
        f"--screenshot={shot}",
    )
    assert shot.is_file(), result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_json_data_cannot_close_its_script():
    text = html_export.json_for_script({"a": "</script><!-- & \u2028\u2029 >"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"a": "</script><!-- & \u2028\u2029 >"}


def test_missing_javascript_is_a_clear_error(tmp_path):
    with pytest.raises(
        UsageError, match=r"cytoscape@3\.34\.4/cytoscape\.min\.js.* is missing; reinstall argkb"
    ):
        html_export.vendor_scripts(tmp_path)
