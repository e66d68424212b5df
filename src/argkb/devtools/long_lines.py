"""Fix, in unformatted files, the lines that ``ruff format`` would leave over the line length.

    python -m argkb.devtools.long_lines PATH...          # fix the files (a folder: its .py files)
    python -m argkb.devtools.long_lines --verify REV     # changed files against git REV

The formatter splits code, never a string, a comment or a docstring. This formats a scratch copy of
the files, asks ``ruff check --select E501`` which lines are still too long, traces each to the
string or comment that makes it long and fixes that in the real file, which stays unformatted:

- a docstring or comment line: its last words go onto the next line of the same paragraph or list
  item (code blocks, tables and the paragraph after click's ``\\b`` are left alone);
- a string literal: its implicit concatenation is joined and split again into parts (one per
  ``\\n`` line, then at spaces; at ``|`` in a raw regular expression), and that statement alone is
  laid out by ``ruff format --range`` (a dict value or keyword argument in parentheses);
- a line of a triple-quoted string: continued with a backslash.

Run it until it reports nothing left; it lists what needs a hand (a trailing comment, code, a
string with no place to cut). ``--verify`` checks that only docstrings changed, and only in their
white space: each file's AST is compared with git REV's.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from pathlib import Path

from argkb.devtools.wrap_text import (
    continue_line,
    join_group,
    split_string,
    wrap_comment,
    wrap_docstring_line,
)

LIMIT = 100
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent)) or "ruff"
TRIPLE = ('"""', "'''")


def too_long(root: Path, files: list[str], scratch: Path) -> dict[str, set[int]]:
    """The lines over ``LIMIT`` of each file once formatted (the formatted copies go under
    ``scratch``)."""
    for name in files:
        (scratch / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(root / name, scratch / name)
    shutil.copy(root / "pyproject.toml", scratch / "pyproject.toml")
    length = ["--no-cache", "--line-length", str(LIMIT)]
    subprocess.run([RUFF, "format", "-q", *length, "."], cwd=scratch, check=True)
    found = subprocess.run(
        [RUFF, "check", *length, "--select", "E501", "--output-format", "concise", "."],
        cwd=scratch,
        capture_output=True,
        text=True,
    ).stdout
    out: dict[str, set[int]] = {}
    for line in found.splitlines():
        match = re.match(r"^(.+?):(\d+):\d+: E501", line)
        if match:
            out.setdefault(match.group(1), set()).add(int(match.group(2)))
    return out


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def _key(token: tokenize.TokenInfo) -> str:
    """What a string or comment token is, the same before and after formatting (quotes, prefix
    case and white space aside)."""
    if token.type == tokenize.COMMENT:
        return "#" + token.string.strip()
    match = re.match(r"^[a-zA-Z]*('''|\"\"\"|'|\")", token.string)
    assert match is not None
    body = token.string[len(match.group(0)) : len(token.string) - len(match.group(1))]
    return "S" + " ".join(body.replace('\\"', '"').replace("\\'", "'").split())


def _docstring_lines(text: str) -> set[int]:
    tree = ast.parse(text)
    return {
        node.body[0].lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def _group(tokens: list[tokenize.TokenInfo], i: int) -> tuple[int, int]:
    """The first and last index of the implicit concatenation token ``i`` belongs to."""
    lo = hi = i
    while True:
        j = lo - 1
        while j >= 0 and tokens[j].type == tokenize.NL:
            j -= 1
        if j < 0 or tokens[j].type != tokenize.STRING:
            break
        lo = j
    while True:
        j = hi + 1
        while j < len(tokens) and tokens[j].type == tokenize.NL:
            j += 1
        if j >= len(tokens) or tokens[j].type != tokenize.STRING:
            break
        hi = j
    return lo, hi


def _range_format(text: str, line: int, name: str, root: Path) -> str | None:
    done = subprocess.run(
        [
            RUFF,
            "format",
            "--no-cache",
            "--line-length",
            str(LIMIT),
            "--stdin-filename",
            name,
            "--range",
            f"{line}:1-{line + 1}:1",
            "-",
        ],
        input=text,
        capture_output=True,
        text=True,
        cwd=root,
    )
    return done.stdout if done.returncode == 0 else None


def fix_file(root: Path, name: str, formatted: str, long: set[int]) -> list[str]:
    """Fix ``name`` for its ``long`` lines of ``formatted``; returns what it could not fix, one
    line each."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    every = _tokens(text)
    mine = [i for i, t in enumerate(every) if t.type in (tokenize.STRING, tokenize.COMMENT)]
    theirs = [t for t in _tokens(formatted) if t.type in (tokenize.STRING, tokenize.COMMENT)]
    match = difflib.SequenceMatcher(
        None, [_key(t) for t in theirs], [_key(every[i]) for i in mine], autojunk=False
    )
    to_mine = {
        a + n: mine[b + n] for a, b, size in match.get_matching_blocks() for n in range(size)
    }
    flines = formatted.splitlines()
    left: list[str] = []
    targets: dict[int, list[tuple[int, tokenize.TokenInfo]]] = {}
    for ln in sorted(long):
        on = [i for i, t in enumerate(theirs) if t.start[0] <= ln <= t.end[0]]
        comments = [i for i in on if theirs[i].type == tokenize.COMMENT]
        if not on or (not comments and not any(theirs[i].type == tokenize.STRING for i in on)):
            left.append(f"{name}:{ln}: code | {flines[ln - 1].strip()[:70]}")
            continue
        multi = [i for i in on if theirs[i].start[0] != theirs[i].end[0]]
        pick = (
            comments[0]
            if comments
            else (multi or [max(on, key=lambda i: len(theirs[i].string))])[0]
        )
        if pick not in to_mine:
            left.append(f"{name}:{ln}: formatted differently | {flines[ln - 1].strip()[:60]}")
            continue
        targets.setdefault(to_mine[pick], []).append((ln, theirs[pick]))
    lines = text.splitlines(keepends=True)
    docstrings = _docstring_lines(text)
    dirty = len(lines) + 1  # lines from here on moved: later targets wait for the next run
    for i in sorted(targets, reverse=True):
        token, found = every[i], targets[i]
        theirs_token = found[0][1]
        shift = theirs_token.start[1] - token.start[1]
        if token.end[0] - 1 >= dirty:
            continue
        if token.type == tokenize.COMMENT:
            before = flines[theirs_token.start[0] - 1][: theirs_token.start[1]]
            if before.strip() or "noqa" in token.string or "type:" in token.string:
                left.append(f"{name}:{token.start[0]}: trailing comment | {token.string[:60]}")
            elif not wrap_comment(lines, token.start[0] - 1, token.start[1], LIMIT - shift):
                left.append(f"{name}:{token.start[0]}: comment not wrapped")
            continue
        prefix = token.string[: len(token.string) - len(token.string.lstrip("rRuUbBfF"))]
        if token.string[len(prefix) :][:3] in TRIPLE:
            for ln, _ in sorted(found, reverse=True):
                idx = token.start[0] - 1 + ln - theirs_token.start[0]
                if token.start[0] in docstrings:
                    if not wrap_docstring_line(
                        lines, token.start[0] - 1, token.start[1], idx, LIMIT - shift
                    ):
                        left.append(
                            f"{name}:{idx + 1}: docstring line (code?) | {lines[idx].strip()[:60]}"
                        )
                    continue
                cut = None
                if "r" not in prefix.lower():
                    first = token.start[1] + len(prefix) + 3 if idx == token.start[0] - 1 else 0
                    width = LIMIT - (shift if idx == token.start[0] - 1 else 0)
                    cut = continue_line(lines[idx], first, width, "f" in prefix.lower())
                if cut is None:
                    left.append(
                        f"{name}:{idx + 1}: line of a {'raw ' * ('r' in prefix.lower())}"
                        "triple-quoted string"
                    )
                else:
                    lines[idx] = cut
            continue
        lo, hi = _group(every, i)
        group = [t for t in every[lo : hi + 1] if t.type == tokenize.STRING]
        if group[-1].end[0] - 1 >= dirty:
            continue
        fline = flines[theirs_token.start[0] - 1]
        indent = len(fline) - len(fline.lstrip())
        if theirs_token.start[1] == indent:
            width = LIMIT - indent - min(len(fline[theirs_token.end[1] :].rstrip()), 2)
        else:
            width = LIMIT - indent - 5
        joined = join_group(group)
        if joined is None:
            lo = hi = i
            group, joined = [token], token.string
        parts = split_string(joined, width)
        if parts is None and theirs_token.start[1] != indent:
            parts = split_string(joined, len(joined) // 2 + 8)
        if parts is None:
            left.append(f"{name}:{token.start[0]}: no place to cut | {token.string[:50]}")
            continue
        skip = (tokenize.NL, tokenize.COMMENT)
        previous = next((t for t in reversed(every[:lo]) if t.type not in skip), None)
        if previous is not None and previous.type == tokenize.OP and previous.string in (":", "="):
            parts = f"({parts})"
        a, b = group[0], group[-1]
        saved = lines[:]
        lines[a.start[0] - 1 : b.end[0]] = [
            lines[a.start[0] - 1][: a.start[1]] + parts + lines[b.end[0] - 1][b.end[1] :]
        ]
        laid = _range_format("".join(lines), a.start[0], name, root)
        if laid is None:
            left.append(f"{name}:{a.start[0]}: ruff format --range failed")
            lines = saved
            continue
        new = laid.splitlines(keepends=True)
        differs = next((k for k, (x, y) in enumerate(zip(lines, new)) if x != y), len(lines))
        dirty = min(dirty, differs, a.start[0] - 1)
        lines = new
    path.write_text("".join(lines), encoding="utf-8")
    return left


def python_files(root: Path, paths: list[str]) -> list[str]:
    out = []
    for given in paths:
        full = (root / given).resolve()
        found = [full] if full.is_file() else sorted(full.rglob("*.py"))
        out += [str(p.relative_to(root)) for p in found]
    return out


def fix(root: Path, paths: list[str]) -> list[str]:
    """One run over ``paths``: fixes what it can; returns what is left (one line each)."""
    files = python_files(root, paths)
    with tempfile.TemporaryDirectory(prefix="long-lines-") as folder:
        scratch = Path(folder)
        long = too_long(root, files, scratch)
        left = []
        for name, lines in sorted(long.items()):
            formatted = (scratch / name).read_text(encoding="utf-8")
            left += fix_file(root, name, formatted, lines)
    return left


def _shape(text: str) -> tuple[str, list[list[str]]]:
    """A module's AST with its docstrings blanked, and the docstrings' words."""
    tree = ast.parse(text)
    words = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                words.append(first.value.value.split())
                first.value.value = ""
    return ast.dump(tree), words


def verify(root: Path, rev: str) -> list[str]:
    """The .py files changed since ``rev`` whose code or docstring words differ from ``rev``'s."""
    changed = subprocess.run(
        ["git", "diff", "--name-only", rev, "--", "*.py"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    bad = []
    for name in changed:
        old = subprocess.run(
            ["git", "show", f"{rev}:{name}"], cwd=root, capture_output=True, text=True
        )
        if old.returncode or not (root / name).exists():
            continue
        code_old, words_old = _shape(old.stdout)
        code_new, words_new = _shape((root / name).read_text(encoding="utf-8"))
        if code_old != code_new:
            bad.append(f"{name}: the code differs (not only docstrings)")
        elif words_old != words_new:
            bad.append(f"{name}: a docstring's words differ")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", help="files or folders, relative to the repository")
    parser.add_argument("--verify", metavar="REV", help="compare the changed files with git REV")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: .)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.verify:
        bad = verify(root, args.verify)
        print("\n".join(bad) or f"only docstrings' white space changed since {args.verify}")
        return 1 if bad else 0
    left = fix(root, args.paths)
    print("\n".join(left))
    print(f"{len(left)} left for a hand; run again until nothing changes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
