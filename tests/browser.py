"""Headless Chromium for the tests: ``argkb.devtools.browser.Browser``, with a missing Chromium
an unavailable test (a failure in CI, a skip elsewhere) rather than an error."""

from __future__ import annotations

import shutil
from pathlib import Path

from argkb.devtools.browser import Browser as _Browser
from export_support import need


class Browser(_Browser):
    """``with Browser(tmp) as b: b.open(url); b.eval("1 + 1"); b.warnings(); b.screenshot(path)``"""

    def __init__(self, profile: Path, width: int = 1400, height: int = 900):
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or need("chromium")
        super().__init__(profile, width, height, binary)
