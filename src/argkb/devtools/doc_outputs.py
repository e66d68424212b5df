"""The command outputs shown in ``docs/``, produced by the commands they show.

    PYTHONPATH=src python -m argkb.devtools.doc_outputs            # rewrite every checked output
    PYTHONPATH=src python -m argkb.devtools.doc_outputs --check    # exit 1 where a page differs

A fenced block (no language, ``text`` or ``console``) whose lines start with ``$ COMMAND`` shows
each command followed by what it prints. ``tests/test_doc_outputs.py`` runs every such block of
every page (docs/tutorial.md has its own test, tests/test_tutorial.py) and compares what the
commands print now with what the page shows; this module rewrites the shown output from a fresh run.
An HTML comment right before a block says how to run it:

* none: in the repository, on its knowledge base;
* ``<!-- check: in minikb -->``: in a fresh copy of the test knowledge base (``ontology/`` and
  ``tests/data/kb/data/`` as ``data/``), which the page calls ``/tmp/minikb``, holding the files the
  page shows before the block (a fenced block right after ``<!-- file: NAME -->``, as in the
  tutorial);
* ``<!-- check: with minikb -->``: in the repository, with that copy as ``/tmp/minikb``;
* ``<!-- check: excerpt -->``: each shown line must be a line of the output, a ``…`` in it standing
  for any text and a line that is only ``…`` for any lines (a page that shows a few lines of a long
  answer); such a block is checked, never rewritten;
* ``<!-- check: output of COMMAND -->``: the block is COMMAND's output, without ``$`` lines;
* ``<!-- not checked: REASON -->``: not run (a server, a timing); the reason is required.

Commands are ``argkb …`` (run as a process here; in-process in the test), ``python …`` (this Python,
in the repository), ``echo TEXT | argkb …`` (TEXT on standard input), ``echo TEXT > FILE``,
``… | head -N``, ``… > /dev/null``, and ``# comments``; a shown line ``# exit N`` is the command's
exit code. Only what differs from run to run is masked on both sides: the folders (the repository is
``/home/me/argkb``), times and durations. Nothing is written into the repository: a command that
would write a file needs a copy.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
DOCS = REPO / "docs"
MINIKB = "/tmp/minikb"
CHECKOUT = "/home/me/argkb"  # the repository, as the pages show it
SKIP_PAGES = {"tutorial.md"}  # tests/test_tutorial.py runs it as a session of its own

_BLOCK = re.compile(
    r"(?:<!-- (?P<directive>(?:check|not checked|file):[^>]*?) -->\s*\n)?"
    r"(?P<fence>```+)(?P<lang>[\w-]*)[^\n]*\n(?P<body>.*?)^(?P=fence)\s*$",
    re.S | re.M,
)
_MASKS = [
    (re.compile(r"\d{8}T\d{6}Z"), "<time>"),
    (re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?"), "<time>"),
    (re.compile(r"\b\d+(\.\d+)? ?(s|ms)\b(?= |\)|$|,)"), "<duration>"),
]


@dataclass
class Block:
    page: str
    start: int  # offsets of the body in the page
    end: int
    body: str
    directive: str = ""
    commands: list[tuple[str, str]] = field(default_factory=list)  # (command, shown output)
    raw: list[str] = field(default_factory=list)  # each command's lines as written

    @property
    def checked(self) -> bool:
        return not self.directive.startswith("not checked")

    @property
    def options(self) -> set[str]:
        rest = self.directive.split(":", 1)[1] if ":" in self.directive else ""
        return (
            {o.strip() for o in rest.split(",") if o.strip()}
            if self.directive.startswith("check")
            else set()
        )

    @property
    def where(self) -> str:
        return f"docs/{self.page}, the block of `{self.commands[0][0] if self.commands else '?'}`"


def blocks(page: Path) -> list[Block]:
    """The blocks of a page that show command output (see the module)."""
    out = []
    text = page.read_text(encoding="utf-8")
    for m in _BLOCK.finditer(text):
        directive = (m["directive"] or "").strip()
        if directive.startswith("file:") or (
            m["lang"] not in ("", "text", "console") and "output of" not in directive
        ):
            continue
        body = m["body"]
        block = Block(page.name, m.start("body"), m.end("body"), body, directive)
        output_of = next(
            (o[len("output of ") :] for o in block.options if o.startswith("output of ")), None
        )
        if output_of:
            block.commands = [(output_of, body.rstrip("\n"))]
        elif body.startswith("$ "):
            lines = body.splitlines()
            i = 0
            while i < len(lines):
                raw = [lines[i]]
                while raw[-1].endswith("\\") and i + 1 < len(
                    lines
                ):  # a command continued on the next line
                    i += 1
                    raw.append(lines[i])
                i += 1
                shown = []
                while i < len(lines) and not lines[i].startswith("$ "):
                    shown.append(lines[i])
                    i += 1
                command = " ".join(r.rstrip("\\").strip() for r in raw)[2:]
                block.commands.append((command, "\n".join(shown)))
                block.raw.append("\n".join(raw))
        else:
            continue
        out.append(block)
    return out


def files(page: Path, before: int) -> dict[str, str]:
    """The files a page shows before offset ``before``: name -> text."""
    text = page.read_text(encoding="utf-8")
    return {
        m["directive"][len("file:") :].strip(): m["body"]
        for m in _BLOCK.finditer(text)
        if (m["directive"] or "").startswith("file:") and m.start() < before
    }


def pages() -> list[Path]:
    return [p for p in sorted(DOCS.glob("*.md")) if p.name not in SKIP_PAGES]


def mask(text: str, folder: str | None = None) -> str:
    text = mask_folder(text, folder)
    for pattern, placeholder in _MASKS:
        text = pattern.sub(placeholder, text)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


def argkb_process(args: list[str], stdin: str | None, cwd: Path) -> tuple[str, int]:
    """``argkb ARGS`` as a reader runs it: a process (this Python, this source tree), standard
    output then standard error, and its exit code. The tests pass an in-process runner instead
    (``Session(argkb=…)``)."""
    env = {k: v for k, v in os.environ.items() if k not in ("ARGKB_HOME", "PYTHONPATH")}
    env.update(PYTHONPATH=str(REPO / "src"), COLUMNS="100")
    done = subprocess.run(
        [sys.executable, "-m", "argkb", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    return done.stdout + done.stderr, done.returncode


def run(command: str, cwd: Path, folder: str | None = None, argkb=argkb_process) -> tuple[str, int]:
    """What ``command`` prints (standard output and error, as a reader sees them) run in ``cwd``,
    and its exit code; ``argkb(args, stdin, cwd) -> (output, exit code)`` runs the argkb
    commands."""
    command = re.sub(r"\s+#.*$", "", command).strip()
    if folder:
        command = command.replace(MINIKB, folder)
    stages = [s.strip() for s in re.split(r"(?<!\|)\|(?!\|)", command)]
    stdin, text, code = None, "", 0
    for i, stage in enumerate(stages):
        discard = stage.endswith("> /dev/null")
        stage = stage[: -len("> /dev/null")].strip() if discard else stage
        words = shlex.split(stage)
        if words[0] == "echo":
            m = re.match(r"^(.*?)\s*>\s*(\S+)$", stage)
            if m and i == len(stages) - 1:
                if cwd == REPO:
                    raise ValueError(
                        f"{stage!r} would write into the repository: mark the block 'check: in "
                        "minikb'"
                    )
                (cwd / m[2]).write_text(" ".join(shlex.split(m[1])[1:]) + "\n", encoding="utf-8")
                text = ""
            else:
                text = " ".join(words[1:]) + "\n"
        elif words[0] == "head":
            count = int(words[1].lstrip("-n")) if len(words) > 1 else 10
            text = "".join(text.splitlines(keepends=True)[:count])
        elif words[0] == "argkb":
            text, code = argkb(words[1:], stdin, cwd)
        elif words[0] == "python":
            done = subprocess.run(
                [sys.executable, *words[1:]],
                cwd=cwd,
                input=stdin,
                capture_output=True,
                text=True,
                env={**os.environ, "PYTHONPATH": str(REPO / "src")},
                timeout=600,
            )
            text, code = done.stdout + done.stderr, done.returncode
        else:
            raise ValueError(f"docs may show argkb, python, echo and head commands, not {stage!r}")
        if discard:
            text = ""
        stdin = text
    return text, code


_EXIT = re.compile(r"^# exit (\d+)$", re.M)


def with_exit(shown: str, actual: str, code: int) -> str:
    """The actual output with ``# exit N`` at its end where the page shows the exit code."""
    if not _EXIT.search(shown):
        return actual
    return actual.rstrip("\n") + f"\n# exit {code}\n"


def excerpt_matches(shown: str, actual: str) -> bool:
    """Each shown line is a line of ``actual`` in order, "…" standing for any text (a lone "…" for
    any lines)."""
    lines = actual.splitlines()
    at = 0
    for line in shown.splitlines():
        if line.strip() in ("…", "..."):
            continue
        pattern = re.compile(
            "^" + ".*?".join(re.escape(part) for part in line.rstrip().split("…")) + r"\s*$"
        )
        while at < len(lines) and not pattern.match(lines[at]):
            at += 1
        if at == len(lines):
            return False
        at += 1
    return True


class Session:
    """One block's commands, in order, in its own folder (a copy of the test knowledge base, or the
    repository)."""

    def __init__(self, block: Block, argkb=argkb_process):
        self.block, self.argkb = block, argkb
        self.tmp = None
        self.cwd = REPO
        self.folder = None
        if {"in minikb", "with minikb"} & block.options:
            self.tmp = tempfile.mkdtemp(prefix="argkb-docs-")
            kb = Path(self.tmp) / "minikb"
            shutil.copytree(REPO / "ontology", kb / "ontology")
            shutil.copytree(REPO / "tests" / "data" / "kb" / "data", kb / "data")
            self.folder = str(kb)
            if "in minikb" in block.options:
                self.cwd = kb
                for name, text in files(DOCS / block.page, block.start).items():
                    (kb / name).write_text(text, encoding="utf-8")

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc) -> None:
        if self.tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def outputs(self):
        """(command, shown, actual, matches) for each command of the block, the actual output as the
        page would show it."""
        for command, shown in self.block.commands:
            actual, code = run(command, self.cwd, self.folder, self.argkb)
            actual = with_exit(shown, mask_folder(actual, self.folder), code)
            if "excerpt" in self.block.options:
                ok = excerpt_matches(mask(shown), mask(actual))
            else:
                ok = mask(shown) == mask(actual)
            yield command, shown, actual, ok


def refresh(page: Path, argkb=argkb_process) -> int:
    """Rewrite the page's checked outputs (not excerpts) from a fresh run; how many blocks
    changed."""
    text = page.read_text(encoding="utf-8")
    changed = 0
    for block in reversed(blocks(page)):
        if not block.checked or "excerpt" in block.options:
            continue
        with Session(block, argkb) as session:
            results = list(session.outputs())
        if all(ok for *_, ok in results):
            continue
        if any(o.startswith("output of ") for o in block.options):
            body = results[0][2].rstrip("\n") + "\n"
        else:
            body = (
                "".join(
                    raw
                    + "\n"
                    + (actual.strip("\n") + "\n" if actual.strip() else "")
                    + ("\n" if shown.endswith("\n") else "")  # keep the blank line between commands
                    for raw, (_, shown, actual, _) in zip(block.raw, results)
                ).rstrip("\n")
                + "\n"
            )
        text = text[: block.start] + body + text[block.end :]
        changed += 1
    page.write_text(text, encoding="utf-8")
    return changed


def mask_folder(text: str, folder: str | None) -> str:
    """The output as the page shows it: the copy of the test knowledge base as /tmp/minikb, the
    repository as /home/me/argkb."""
    if folder:
        text = text.replace(folder, MINIKB)
    return text.replace(str(REPO), CHECKOUT)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    check = "--check" in argv
    bad = 0
    for page in pages():
        if check:
            for block in blocks(page):
                if not block.checked:
                    continue
                with Session(block) as session:
                    for command, *_, ok in session.outputs():
                        if not ok:
                            print(
                                f"docs/{page.name}: `{command}` prints something else now",
                                file=sys.stderr,
                            )
                            bad += 1
        else:
            changed = refresh(page)
            if changed:
                print(f"docs/{page.name}: {changed} block(s) rewritten")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
