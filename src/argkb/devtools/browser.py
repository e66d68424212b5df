"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``):
one browser launch per scenario, in which a caller loads a page at a set viewport, evaluates
JavaScript in it, reads what it logged and takes screenshots. Standard library only; used by the
tests (``tests/browser.py``) and by ``argkb.devtools.screenshots``."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import time
from pathlib import Path


class Browser:
    """``with Browser(tmp) as b: b.open(url); b.eval("1 + 1"); b.screenshot(path)``"""

    def __init__(
        self, profile: Path, width: int = 1400, height: int = 900, binary: str | None = None
    ):
        self.profile, self.width, self.height = profile, width, height
        found = binary or shutil.which("chromium") or shutil.which("chromium-browser")
        if not found:
            raise RuntimeError(
                "Chromium is not installed (apt-get install chromium; .ci/run installs it)"
            )
        self.binary: str = found
        self._id, self._buffer, self.session = 0, b"", None
        #: what the page logged: console calls and browser log entries, as (level, text)
        self.console: list[tuple[str, str]] = []

    def __enter__(self) -> Browser:
        binary = self.binary
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire():  # the protocol pipe is the child's fds 3 (in) and 4 (out)
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-sync",
                "--disable-background-networking",
                "--disable-component-update",
                "--hide-scrollbars",
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4, to_child_r, from_child_w),
        )
        os.close(to_child_r)
        os.close(from_child_w)
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        self.call("Runtime.enable")
        self.call("Log.enable")
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        os.close(self._to_child)
        os.close(self._from_child)

    def call(self, method: str, session: bool = True, timeout: float = 120, **params) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" not in self._buffer:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no answer to {method} within {timeout} s")
                chunk = os.read(self._from_child, 1 << 20)
                if not chunk:
                    raise ConnectionError("Chromium closed the pipe")
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            reply = json.loads(raw)
            self._note(reply)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _note(self, event: dict) -> None:
        """Keep what the page logs (read while waiting for answers)."""
        params = event.get("params", {})
        if event.get("method") == "Runtime.consoleAPICalled":
            text = " ".join(
                str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
            )
            self.console.append((params.get("type", "log"), text))
        elif event.get("method") == "Runtime.exceptionThrown":
            self.console.append(
                ("exception", str(params.get("exceptionDetails", {}).get("text", "")))
            )
        elif event.get("method") == "Log.entryAdded":
            entry = params.get("entry", {})
            self.console.append((entry.get("level", "info"), entry.get("text", "")))

    def warnings(self) -> list[str]:
        """What the page logged as a warning or an error so far."""
        self.eval("0")  # read what has arrived
        return [
            text
            for level, text in self.console
            if level in ("warning", "warn", "error", "exception", "assert")
        ]

    def eval(self, expression: str):
        """The value of a JavaScript expression in the page (awaited if it is a promise)."""
        result = self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:80]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(
        self, url: str, ready: str = "document.readyState === 'complete'", timeout: float = 60
    ) -> None:
        """Load ``url`` (afresh, even if only its fragment differs) and wait until ``ready`` is
        true."""
        self.call("Page.navigate", url="about:blank")
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + timeout
        while not self.eval(
            f"(() => {{ try {{ return !!({ready}); }} catch (e) {{ return false; }} }})()"
        ):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{url} not ready ({ready}) within {timeout} s")
            time.sleep(0.1)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path
