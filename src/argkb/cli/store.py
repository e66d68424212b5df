"""``argkb store status|rebuild``, ``argkb serve``, ``argkb push``: the derived store and SPARQL
servers."""

from __future__ import annotations

import json

import click

from argkb.cli.common import emit, examples, format_option, kb_only


@click.group("store", epilog=examples("argkb store status", "argkb store rebuild --kb my-kb"))
def store_cmd():
    """The derived store: a persistent pyoxigraph copy of the Turtle files, in
    <kb>/.argkb-cache/store.

    Every read command brings it up to date by itself (only changed files are re-read);
    these commands show it and rebuild it.
    """


@store_cmd.command(
    "status", epilog=examples("argkb store status", "argkb store status --verify --format json")
)
@kb_only
@click.option(
    "--verify",
    is_flag=True,
    help="Re-hash every file instead of trusting unchanged size and timestamps.",
)
@format_option(["text", "json"], "text")
def status_cmd(kb, verify, fmt):
    """Say whether the derived store matches the files, and what it holds. Exit 0 either way."""
    from argkb.store.backends import store_status

    status = store_status(kb, verify)
    emit(json.dumps(status, indent=2) if fmt == "json" else _status_text(status))


def _status_text(status: dict) -> str:
    lines = [
        f"derived store: {status['folder']}",
        f"state: {status['state']}" + (f" ({status['reason']})" if status.get("reason") else ""),
        f"engine: {status['engine']}",
        f"files: {len(status['files'])}, triples: {status['triples']}",
    ]
    for change in ("added", "changed", "removed"):
        lines += [f"  {change}: {key}" for key in status[change]]
    for key, info in status["files"].items():
        lines.append(f"  {info['triples']:>9}  {info['sha256'][:12]}  {key}")
    return "\n".join(lines)


@store_cmd.command(
    "rebuild", epilog=examples("argkb store rebuild", "argkb store rebuild --kb my-kb")
)
@kb_only
def rebuild_cmd(kb):
    """Rebuild the derived store from the Turtle files (re-hashing and re-loading every file)."""
    import time

    from argkb.store.backends import derived_store

    derived = derived_store(kb)
    started = time.perf_counter()
    manifest = derived.update(full=True)
    took = time.perf_counter() - started
    for note in derived.notes[:-1]:
        click.echo(f"note: {note}")
    emit(
        f"rebuilt {derived.folder}: {len(manifest.files)} files, {manifest.triples} triples in "
        f"{took:.2f} s"
    )


def _host(value: str) -> str:
    """An IP address or a host name (RFC 1123 labels), else a usage error saying what to give."""
    import ipaddress
    import re

    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    label = r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)"
    if len(value) <= 253 and re.fullmatch(rf"{label}(\.{label})*", value):
        return value
    raise click.BadParameter(
        f"{value!r} is neither an IP address nor a host name; give e.g. 127.0.0.1, ::1 or localhost"
    )


@click.command("serve", epilog=examples("argkb serve", "argkb serve --kb my-kb --port 8000"))
@kb_only
@click.option(
    "--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="TCP port."
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    callback=lambda _c, _p, v: _host(v),
    help=(
        "Address to listen on; anything but a loopback address exposes the knowledge base to the "
        "network."
    ),
)
@click.option(
    "--timeout-s",
    type=click.FloatRange(1, 3600),
    default=30,
    show_default=True,
    help="Stop a query after this many seconds.",
)
def serve_cmd(kb, port, host, timeout_s):
    """Serve the knowledge base read-only over SPARQL 1.1 at http://HOST:PORT/query (Ctrl-C stops).

    An Oxigraph server (PyPI package `oxigraph`) over a snapshot of the derived store, with the
    union of the files' named graphs as the default graph, behind a front that checks every
    query as `argkb query` does: updates, SERVICE, FROM / FROM NAMED and queries beyond argkb's
    size and nesting bounds are refused (HTTP 400/403). A crashed Oxigraph process is reported
    and restarted. The snapshot is taken at start: restart the server to serve later edits.
    """
    from argkb.query.library import server_check
    from argkb.store.serve import serve

    serve(kb, host, port, server_check, timeout_s)


@click.command(
    "push",
    epilog=examples(
        "argkb push --endpoint http://127.0.0.1:7878/query",
        "argkb push --kb my-kb --endpoint http://127.0.0.1:3030/argkb/sparql",
    ),
)
@kb_only
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The server's SPARQL query URL (the pushed graphs are counted back through it).",
)
@click.option(
    "--graph-store",
    default=None,
    metavar="URL",
    help="The server's Graph Store Protocol URL (default: guessed from --endpoint for Oxigraph, "
    "Fuseki, Virtuoso and GraphDB).",
)
def push_cmd(kb, endpoint, graph_store):
    """Load the knowledge base into the SPARQL server given by --endpoint, one named graph per file.

    Graphs are replaced whole; graphs argkb pushed before whose file is gone are deleted; the
    server's triple counts are then checked against the files'. Exit 1 if they differ.
    """
    from argkb.store.push import push

    report = push(kb, endpoint, graph_store)
    emit(report.to_text())
    if report.mismatched:
        raise SystemExit(1)
