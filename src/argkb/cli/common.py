"""Options and helpers every command shares: where the knowledge base is, extra data, output."""
from __future__ import annotations

import functools
from pathlib import Path

import click

from argkb.kb.folder import KnowledgeBase


def kb_options(func):
    """``--kb DIR`` and ``--data FILE`` (repeatable); passes ``kb`` (a KnowledgeBase) to the command."""

    @click.option("--kb", "kb_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Knowledge base folder (default: $ARGKB_HOME, else the nearest folder holding "
                       "ontology/ and data/, else the bundled one).")
    @click.option("--data", "data_files", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                  help="Extra RDF file read on top of the knowledge base (repeatable), e.g. a contribution under review.")
    @click.option("--endpoint", default=None, metavar="URL",
                  help="Read through this SPARQL 1.1 server (its query URL) instead of the local derived store.")
    @click.option("--update-endpoint", default=None, metavar="URL",
                  help="The server's SPARQL Update URL, for commands that write (with --endpoint).")
    @functools.wraps(func)
    def wrapper(*args, kb_dir, data_files, endpoint=None, update_endpoint=None, **kwargs):
        if update_endpoint and not endpoint:
            raise click.UsageError("--update-endpoint needs --endpoint")
        kb = KnowledgeBase.locate(kb_dir, extra=data_files, endpoint=endpoint, update_endpoint=update_endpoint)
        return func(*args, kb=kb, **kwargs)

    return wrapper


def format_option(choices: list[str], default: str):
    return click.option("--format", "fmt", type=click.Choice(choices, case_sensitive=False), default=default,
                        show_default=True, help="Output format.")


def output_option(func):
    return click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
                        help="Write to this file instead of standard output.")(func)


def emit(text: str, output: Path | None = None) -> None:
    """Print, or write atomically to ``output``."""
    if output is None:
        click.echo(text.rstrip("\n"))
        return
    from argkb.rdf.atomic import atomic_write_text

    atomic_write_text(output, text if text.endswith("\n") else text + "\n")


def kb_only(func):
    """``--kb DIR`` only: these commands read or write the knowledge base itself, never ``--data`` on top."""

    @click.option("--kb", "kb_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
                  help="Knowledge base folder (default: $ARGKB_HOME, else the nearest folder holding "
                       "ontology/ and data/, else the bundled one).")
    @functools.wraps(func)
    def wrapper(*args, kb_dir, **kwargs):
        return func(*args, kb=KnowledgeBase.locate(kb_dir), **kwargs)

    return wrapper


def wait_option(func):
    """``--wait SECONDS``: for commands that write under the writers' lock."""
    return click.option("--wait", type=click.FloatRange(min=0), default=60.0, show_default=True,
                        help="Seconds to wait for another writer to finish before giving up.")(func)
