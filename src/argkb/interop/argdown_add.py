"""``argkb add`` and ``argkb validate`` of Argdown files (``.argdown``): each is imported
(argkb-flavoured, or plain Argdown as `argkb import` reads it) into a scratch Turtle file, which is
then validated and added like any other; the results name the Argdown file, and `argkb add`'s log
records the files given."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def is_argdown(path) -> bool:
    return str(path).lower().endswith(".argdown")


@contextmanager
def as_turtle(kb, files) -> Iterator[tuple[list[Path], dict[str, str]]]:
    """``files`` with each Argdown file replaced by its import in a scratch folder (removed
    afterwards), and the scratch names -> the Argdown file's name, for the reports."""
    from argkb.interop.convert import convert
    from argkb.kb.folder import relative
    from argkb.kb.scratch import scratch

    with scratch(kb, "argdown") as tmp:
        given, named = [], {}
        for n, path in enumerate(Path(f) for f in files):
            if not is_argdown(path):
                given.append(path)
                continue
            text, _ = convert(path, "argdown", kb=kb)
            out = tmp / f"{n}-{path.stem}.ttl"
            out.write_text(text, encoding="utf-8")
            given.append(out)
            named[relative(out)] = named[str(out)] = relative(path)
        yield given, named


def name_argdown(report, named: dict[str, str]) -> None:
    """Results found in a scratch import point at the Argdown file instead (without a Turtle
    line)."""
    if report is None:
        return
    report.files = [named.get(f, f) for f in report.files]
    if report.checked is not None and getattr(report.checked, "files", None):
        report.checked.files = [named.get(f, f) for f in report.checked.files]
    for result in report.results:
        if result.file in named:
            result.file, result.line = named[result.file], None


def add_with_argdown(kb, files, **options):
    """``argkb add`` where some FILES are Argdown: all are added as one contribution, validated and
    committed like any other (``argkb.contrib.add.add``)."""
    from argkb.contrib.add import add

    with as_turtle(kb, files) as (given, named):
        outcome = add(kb, given, inputs=sorted(Path(p).name for p in files), **options)
        name_argdown(outcome.report, named)
        return outcome
