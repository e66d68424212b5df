"""Options and helpers every command shares: where the knowledge base is, extra data, output,
lenses, and the examples that end every command's help.

An option appears only where it applies: ``kb_options`` (``--kb``, ``--data``, ``--endpoint``) is
for commands that read; ``kb_only`` (``--kb`` alone) for commands that work on the knowledge base's
own files (init, add, retract, the derived store, serve). A short option means one thing everywhere:
``-p`` is ``--perspective``, ``-m`` is ``--message``, ``-o`` is ``--output``, ``-h`` is ``--help``.
"""

from __future__ import annotations

import functools
import gc
from contextlib import contextmanager
from pathlib import Path

import click

from argkb.kb.folder import KnowledgeBase
from argkb.vocab.lenses import NAMES

#: the lens names users type (the IRI or CURIE of a lens works too)
LENSES = NAMES  # the built-in lenses' names (argkb.vocab.lenses, from the ontology)

_kb_dir = click.option(
    "--kb",
    "kb_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Knowledge base folder (default: $ARGKB_HOME, else the nearest folder holding "
    "ontology/ and data/, else the bundled one).",
)


_data = click.option(
    "--data",
    "data_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extra RDF file read on top of the knowledge base (repeatable), e.g. a contribution "
    "under review.",
)
_endpoint = click.option(
    "--endpoint",
    default=None,
    metavar="URL",
    help="Read through this SPARQL 1.1 server (its query URL) instead of the local derived store.",
)


def _kb_before_command(kb_dir):
    """The command's --kb, else one given before the command (`argkb --kb DIR validate`)."""
    ctx = click.get_current_context(silent=True)
    before = ctx.meta.get("argkb.kb") if ctx is not None else None
    if (
        before is not None
        and kb_dir is not None
        and Path(before).resolve() != Path(kb_dir).resolve()
    ):
        from argkb.errors import UsageError

        raise UsageError(
            f"--kb given twice, {before} before the command and {kb_dir} after it: give one"
        )
    return kb_dir if kb_dir is not None else before


def _locating(data: bool, endpoint: bool):
    """A decorator adding ``--kb`` (and ``--data``, ``--endpoint`` where they apply) that passes
    ``kb``."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, kb_dir, **kwargs):
            kb_dir = _kb_before_command(kb_dir)
            extra = kwargs.pop("data_files") if data else ()
            url = kwargs.pop("endpoint") if endpoint else None
            return func(*args, kb=KnowledgeBase.locate(kb_dir, extra=extra, endpoint=url), **kwargs)

        for option in ([_endpoint] if endpoint else []) + ([_data] if data else []) + [_kb_dir]:
            wrapper = option(wrapper)
        return wrapper

    return decorate


#: ``--kb``, ``--data``, ``--endpoint``: commands that read through the store
kb_options = _locating(data=True, endpoint=True)
#: ``--kb``, ``--data``: commands that read the files themselves (diff)
kb_data_options = _locating(data=True, endpoint=False)
#: ``--kb`` alone: commands that work on the knowledge base's own files (init, add, retract, store,
#: serve, push)
kb_only = _locating(data=False, endpoint=False)


def wait_option(func):
    """``--wait SECONDS``: for commands that write under the writers' lock."""
    return click.option(
        "--wait",
        type=click.FloatRange(min=0),
        default=60.0,
        show_default=True,
        help="Seconds to wait for another writer to finish before giving up.",
    )(func)


def _complete_lens(ctx, param, incomplete: str):
    return [name for name in LENSES if name.startswith(incomplete)]


def perspective_option(help_text: str = "Only arguments read through this lens (repeatable)"):
    """``-p/--perspective LENS`` (repeatable), passed as ``perspectives``; lens names complete in
    the shell."""
    return click.option(
        "--perspective",
        "-p",
        "perspectives",
        multiple=True,
        metavar="LENS",
        shell_complete=_complete_lens,
        help=f"{help_text}: {', '.join(LENSES)}, or the lens's IRI / CURIE.",
    )


def examples(*lines: str) -> str:
    """The epilog that ends a command's help: one or two example command lines."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def format_option(choices: list[str], default: str | None = None):
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices, case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )


def checked_output(_ctx, _param, value: Path | None) -> Path | None:
    """An ``-o`` path, refused at once (before any work) unless it is a regular file or a new name
    in an existing folder (``argkb.rdf.atomic.check_output_path``); ``emit`` checks again when it
    writes."""
    if value is not None:
        from argkb.rdf.atomic import check_output_path

        check_output_path(value, "-o")
    return value


def output_option(func=None, help: str = "Write to this file instead of standard output."):  # noqa: A002
    option = click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path),
        default=None,
        callback=checked_output,
        help=help + " A regular file or a new name in an existing folder.",
    )
    return option if func is None else option(func)


def emit(text: str, output: Path | None = None) -> None:
    """Print, or write atomically to ``output`` (a regular file or a new path; never a folder
    created)."""
    if output is None:
        click.echo(text.rstrip("\n"))
        return
    from argkb.rdf.atomic import atomic_write_text

    atomic_write_text(
        output, text if text.endswith("\n") else text + "\n", create_folders=False, option="-o"
    )


def emit_stream(pieces, output: Path | None = None) -> int:
    """``emit`` of a document that comes in pieces (``argkb.export.stream``), each written as it
    comes: to stdout, or atomically to ``output``. Returns the document's size in bytes (UTF-8)."""
    if output is None:  # as ``emit``: the text without its final line breaks, then one
        size, held = 0, ""
        for piece in pieces:
            body = piece.rstrip("\n")
            if body:
                click.echo(held + body, nl=False)
                held = ""
            held += piece[len(body) :]
            size += len(piece.encode("utf-8"))
        click.echo("")
        return size
    from argkb.rdf.atomic import atomic_write_chunks

    def encoded():
        ending = "\n"
        for piece in pieces:
            if piece:
                ending = piece[-1]
                yield piece.encode("utf-8")
        if ending != "\n":
            yield b"\n"

    return atomic_write_chunks(output, encoded(), create_folders=False, option="-o")


@contextmanager
def no_cycle_collection():
    """The cycle collector paused for one command that builds very large graphs (``argkb add`` of a
    15 MB contribution holds millions of long-lived objects: each full collection walks them all, a
    tenth of the time). Reference counting still frees what is dropped; the collector's previous
    state comes back after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
