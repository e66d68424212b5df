"""``argkb add FILE.argdown``: Argdown files imported and added as one contribution."""
from __future__ import annotations

from pathlib import Path


def add_with_argdown(kb, files, **options):
    """``argkb add`` where some FILES are Argdown (``.argdown``): each is imported (flavoured, or plain
    Argdown as `argkb import` reads it) into a scratch Turtle file, and all are added as one contribution,
    validated and committed like any other (``argkb.contrib.add.add``); the log records the files given,
    and validation results name the Argdown file."""
    from argkb.contrib.add import add
    from argkb.interop.convert import convert
    from argkb.kb.folder import relative
    from argkb.kb.scratch import scratch

    files = [Path(f) for f in files]
    with scratch(kb, "argdown") as tmp:
        given, named = [], {}
        for n, path in enumerate(files):
            if path.suffix.lower() != ".argdown":
                given.append(path)
                continue
            text, _ = convert(path, "argdown", kb=kb)
            out = tmp / f"{n}-{path.stem}.ttl"
            out.write_text(text, encoding="utf-8")
            given.append(out)
            named[relative(out)] = named[str(out)] = relative(path)
        outcome = add(kb, given, inputs=sorted(p.name for p in files), **options)
        report = outcome.report
        if report is not None:
            report.files = [named.get(f, f) for f in report.files]
            if report.checked is not None and getattr(report.checked, "files", None):
                report.checked.files = [named.get(f, f) for f in report.checked.files]
            for result in report.results:
                if result.file in named:
                    result.file, result.line = named[result.file], None
        return outcome
