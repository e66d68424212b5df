"""``argkb.devtools.long_lines`` on a module whose docstring, comment, strings and test data would
stay over 100 characters after ``ruff format``: after it, none does, the code is the same (the AST,
docstrings aside), the docstring keeps its words and its list, and what it cannot fix (a trailing
comment) it reports."""

from __future__ import annotations

import ast

from argkb.devtools import long_lines
from conftest import program

SAMPLE = '''\
"""A module whose first line is long enough to need wrapping once it has been formatted by ruff, twice.

- a list item that is long enough to be wrapped by the tool, whose continuation stays in the item it is in
- a second item
"""

import re


def f(x, y):
    # a comment that is long enough to be wrapped by the tool, into the comment line that continues it
    # and here
    message = f"the value {x!r} is not what was expected by the check of the function f, try {y} instead, or give up"
    table = {"key": "a dictionary value that is far too long to stay on the line of its key once it is formatted by ruff"}
    pattern = re.compile(r"(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa) (?:lambda|mu|nu|xi|omicron|pi)")
    data = """first line
a long line of test data inside a triple-quoted string, continued with a backslash by the tool, here and there
"""
    return message, table, pattern, data  # a trailing comment, which the tool leaves to a hand as it cannot tell where it should go: it says so, and where it is
'''  # noqa: E501 (the sample's lines are long on purpose)


def _code(text: str) -> str:
    """The module's AST without its docstring."""
    tree = ast.parse(text)
    tree.body[0].value.value = ""
    return ast.dump(tree)


def test_long_lines_are_fixed_without_changing_a_value(tmp_path):
    program("ruff")
    (tmp_path / "pyproject.toml").write_text('[tool.ruff]\ntarget-version = "py311"\n')
    (tmp_path / "sample.py").write_text(SAMPLE)
    for _ in range(3):
        left = long_lines.fix(tmp_path, ["sample.py"])
    after = (tmp_path / "sample.py").read_text()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    still = long_lines.too_long(tmp_path, ["sample.py"], scratch)
    # the trailing comment's line only
    assert list(still) == ["sample.py"] and len(still["sample.py"]) == 1, still
    assert len(left) == 1 and "trailing comment" in left[0], left
    assert _code(after) == _code(SAMPLE)
    old_doc, new_doc = ast.get_docstring(ast.parse(SAMPLE)), ast.get_docstring(ast.parse(after))
    assert old_doc and new_doc and old_doc.split() == new_doc.split() and old_doc != new_doc
    assert new_doc.count("\n- ") == 2 and "\n  " in new_doc  # the items, one continued inside
    assert "\\\n" in after  # the test data's long line, continued
    assert 'r"(?:alpha' in after and '|"\n' in after  # the regular expression cut after a |
