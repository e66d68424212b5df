"""Refresh the screenshots of the HTML map in ``docs/`` (the README's and docs/exports.md's
pictures).

    PYTHONPATH=src python -m argkb.devtools.screenshots          # rewrite docs/argument-map*.png
    PYTHONPATH=src python -m argkb.devtools.screenshots --check  # exit 1 if a fresh render differs

Exports the repository's knowledge base as the HTML map into a temporary folder and takes each shot
in ``SHOTS`` in headless Chromium. The test suite never writes into ``docs/``:
tests/test_map_readable.py renders the shots afresh into a temporary folder and compares them with
the tracked files (``differs``), so a change to the map that changes its look fails there until this
command is run and its PNGs committed.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from argkb.devtools.browser import Browser

REPO = Path(__file__).resolve().parents[3]
DOCS = REPO / "docs"

#: file name -> (width, height, address fragment, what must hold before the shot)
SHOTS: dict[str, tuple[int, int, str, str]] = {
    "argument-map.png": (
        1400,
        900,
        "",
        "document.body.dataset.ready === 'true' && !!document.getElementById('panel-why')",
    ),
    "argument-map-trace.png": (
        1400,
        900,
        "#focus=kb:impl-strain-allies",
        "document.body.dataset.view === 'graph' && "
        "document.getElementById('cy').hasAttribute('data-label-px')",
    ),
    "argument-map-phone.png": (390, 844, "", "document.body.dataset.ready === 'true'"),
}

#: a pixel differs when a channel differs by more than this many levels (anti-aliasing moves a few)
PIXEL_LEVELS = 48
#: a fresh shot matches the tracked one when at most this share of its pixels differ
TOLERANCE = 0.02


def export_map(folder: Path) -> Path:
    """The repository's knowledge base as the HTML map, written into ``folder``."""
    from argkb.export import render
    from argkb.export.select import build_map
    from argkb.kb.folder import KnowledgeBase

    path = folder / "map.html"
    path.write_text(render(build_map(KnowledgeBase.locate(REPO)), "html"), encoding="utf-8")
    return path


def take(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Each shot (by default all of ``SHOTS``) as a PNG in ``folder``: name -> path."""
    page = export_map(folder)
    out = {}
    for name in names or list(SHOTS):
        width, height, fragment, ready = SHOTS[name]
        with Browser(folder / f"profile-{width}", width, height) as browser:
            browser.open(page.as_uri() + fragment, ready)
            time.sleep(0.5)  # the canvas draws on the next animation frames
            out[name] = browser.screenshot(folder / name)
    return out


def differs(fresh: Path, tracked: Path) -> str | None:
    """Why ``fresh`` does not match ``tracked`` (a different size, or more than TOLERANCE of its
    pixels off by more than PIXEL_LEVELS), None when it matches."""
    from PIL import Image, ImageChops

    if not tracked.is_file():
        return f"{tracked} is missing"
    with Image.open(fresh) as a, Image.open(tracked) as b:
        if a.size != b.size:
            return (
                f"{tracked.name}: {b.size[0]}×{b.size[1]} tracked, {a.size[0]}×{a.size[1]} rendered"
            )
        r, g, bl = ImageChops.difference(a.convert("RGB"), b.convert("RGB")).split()
        most = ImageChops.lighter(
            ImageChops.lighter(r, g), bl
        )  # each pixel's largest channel difference
        off = sum(most.histogram()[PIXEL_LEVELS + 1 :])
        share = off / (a.size[0] * a.size[1])
    if share > TOLERANCE:
        return f"{tracked.name}: {share:.1%} of the pixels differ (tolerance {TOLERANCE:.0%})"
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    with tempfile.TemporaryDirectory(prefix="argkb-shots-") as tmp:
        shots = take(Path(tmp))
        problems = []
        for name, path in shots.items():
            if check:
                why = differs(path, DOCS / name)
                if why:
                    problems.append(why)
            else:
                (DOCS / name).write_bytes(path.read_bytes())
                print(f"wrote docs/{name}")
    for why in problems:
        print(why, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
