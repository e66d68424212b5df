"""``argkb export``: the argument map for graph viewers, the RDF graph, AIF, or an interactive HTML
map."""

from __future__ import annotations

import logging
import sys

import click

from argkb.cli.common import (
    LENSES,
    emit_stream,
    examples,
    kb_options,
    no_cycle_collection,
    output_option,
    perspective_option,
)

log = logging.getLogger(__name__)

#: kept here (not imported from argkb.export) so `argkb --help` stays light
FORMAT_NAMES = [
    "graphml",
    "graphml-yed",
    "gexf",
    "dot",
    "cyjs",
    "mermaid",
    "mermaid-md",
    "jsonld",
    "turtle",
    "aif",
    "xaif",
    "html",
    "argdown",
]
SEMANTICS = ["grounded", "preferred", "stable"]
#: the formats --status-lens colours (every format that carries statuses writes them as node
#: attributes)
STATUS_LENS_FORMATS = ("html", "dot")


@click.command(
    "export",
    epilog=examples(
        "argkb export --format html -o map.html",
        "argkb export --format gexf -p realism -o realism.gexf",
    ),
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMAT_NAMES, case_sensitive=False),
    required=True,
    help=(
        "graphml (Gephi, Cytoscape), graphml-yed (yEd), gexf (Gephi, GEXF 1.3), dot (Graphviz), "
        "cyjs (Cytoscape.js / Cytoscape), mermaid (GitHub, mermaid-cli), mermaid-md (Markdown: the "
        "map split into diagrams under mermaid's default 500 links each), jsonld / turtle (the "
        "filtered RDF graph), aif (AIFdb / OVA), xaif (AIF in the xAIF envelope: OVA3, arg-tech "
        "xaif), html (the interactive map, one offline file), argdown (argkb-flavoured Argdown: "
        "everything the graph holds, for Argdown's editors; `argkb import --from argdown` reads it "
        "back)."
    ),
)
@output_option
@perspective_option("Keep only arguments read through this lens (repeatable)")
@click.option(
    "--source",
    metavar="NAME",
    default=None,
    help="Keep only what this source says: the claims quoted from it and the arguments about them "
    "(e.g. trump-putin-ukraine-talks; see `argkb source list`).",
)
@click.option(
    "--lever",
    metavar="NAME",
    default=None,
    help="Keep only what follows from this lever: its moves, the implications they trigger and "
    "each one's trace (e.g. sanctions).",
)
@click.option(
    "--focus",
    metavar="ID",
    default=None,
    help="Keep only the neighbourhood of this node (IRI, CURIE or local name).",
)
@click.option(
    "--depth",
    type=int,
    default=None,
    metavar="N",
    help=(
        "With --focus: how many steps around the node to keep (default 2). Arguments are always "
        "kept whole."
    ),
)
@click.option(
    "--clusters", is_flag=True, help="dot: draw the arguments of each perspective in a cluster."
)
@click.option(
    "--title", default=None, help="Title of the map (HTML page, GEXF description, graph name)."
)
@click.option(
    "--semantics",
    type=click.Choice(SEMANTICS),
    default="grounded",
    show_default=True,
    help="Argumentation semantics of the IN/OUT/UNDEC statuses every argument and claim carries.",
)
@click.option(
    "--status-lens",
    "status_lens",
    metavar="LENS",
    default=None,
    help=(
        "html: the status lens selected when the map opens; dot: fill arguments and claims by "
        f"their status under it. overall, {', '.join(LENSES)} or off."
    ),
)
@kb_options
def export_cmd(
    kb,
    fmt,
    output,
    perspectives,
    source,
    lever,
    focus,
    depth,
    clusters,
    title,
    semantics,
    status_lens,
):
    """Export the argument map: one graph model, many formats.

    Nodes are actors, levers, moves, claims, implications and arguments (an argument sits between
    its premises and its conclusion, as in AIF); edges are premise, conclusion, attacks, trigger,
    affects, actor and lever. Colours follow node type and, for arguments, perspective.
    Arguments and claims carry their status (IN, OUT, UNDEC) overall and under each lens.
    """
    from argkb.errors import UsageError
    from argkb.export import stream
    from argkb.export.select import build_map
    from argkb.export.select import status_lens as status_lens_key

    fmt = fmt.lower()
    lens = status_lens_key(status_lens)
    if status_lens is not None and fmt not in STATUS_LENS_FORMATS:
        raise UsageError(
            f"--status-lens applies to --format {' or '.join(STATUS_LENS_FORMATS)}, not {fmt} "
            "(the other graph formats carry every status as node attributes)"
        )
    if fmt == "html" and output is None and sys.stdout.isatty():
        raise UsageError(
            "the HTML map is a page of about a megabyte for a browser, not for a terminal: "
            "write it to a file with -o map.html (or redirect: > map.html), then open that file"
        )
    finish: list = []  # the views a first export keeps, written beside the output, waited for
    with no_cycle_collection():  # a million-triple map: millions of objects, all kept to the end
        try:
            amap = build_map(
                kb, perspectives, focus, depth, title, semantics, source, lever, finish
            )
            extra = {"source_text": kb.source_text} if fmt == "argdown" else {}
            written = emit_stream(
                stream(amap, fmt, clusters=clusters, status_lens=lens, **extra), output
            )
        finally:
            for settle in finish:
                settle()
    if output is not None:
        nodes, edges = amap.counts()
        log.info(
            f"wrote {output}: {FORMAT_WHAT.get(fmt, fmt)}, {size(written)}, "
            f"{nodes} nodes and {edges} edges"
        )
    if fmt == "html":
        from argkb.export.html import compact_note

        note = compact_note(amap)
        if note:
            log.info(note)


#: what each format is, in the line `export -o` ends with
FORMAT_WHAT = {
    "html": "the interactive map (open it in a browser)",
    "dot": "Graphviz DOT",
    "gexf": "GEXF",
    "graphml": "GraphML",
    "graphml-yed": "GraphML for yEd",
    "cyjs": "Cytoscape.js JSON",
    "mermaid": "Mermaid",
    "mermaid-md": "Markdown with Mermaid diagrams",
    "jsonld": "JSON-LD",
    "turtle": "Turtle",
    "aif": "AIF JSON",
    "xaif": "xAIF JSON",
    "argdown": "argkb-flavoured Argdown",
}


def size(count: int) -> str:
    """A byte count as a reader says it: 812 bytes, 48 KB, 1.1 MB."""
    if count < 1000:
        return f"{count} bytes"
    if count < 1_000_000:
        return f"{count / 1000:.0f} KB"
    return f"{count / 1_000_000:.1f} MB"
