"""``argkb export``: the argument map for graph viewers, the RDF graph, AIF, or an interactive HTML map."""
from __future__ import annotations

import click

from argkb.cli_common import emit, kb_options, output_option

#: kept here (not imported from argkb.export) so `argkb --help` stays light
FORMAT_NAMES = ["graphml", "graphml-yed", "gexf", "dot", "cyjs", "mermaid", "jsonld", "turtle", "aif", "html"]


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMAT_NAMES, case_sensitive=False), required=True,
              help="graphml (Gephi, Cytoscape), graphml-yed (yEd), gexf (Gephi, GEXF 1.3), dot (Graphviz), "
                   "cyjs (Cytoscape.js / Cytoscape), mermaid (GitHub), jsonld / turtle (the filtered RDF graph), "
                   "aif (AIFdb / OVA), html (the interactive map, one offline file).")
@output_option
@click.option("--perspective", "perspectives", multiple=True, metavar="P",
              help="Keep only arguments read through this lens (repeatable): realism, liberalism, constructivism, "
                   "diplomatic-practice, security-analysis.")
@click.option("--focus", metavar="ID", default=None,
              help="Keep only the neighbourhood of this node (IRI, CURIE or local name).")
@click.option("--depth", type=int, default=None, metavar="N",
              help="With --focus: how many steps around the node to keep (default 2). Arguments are always kept whole.")
@click.option("--clusters", is_flag=True, help="dot: draw the arguments of each perspective in a cluster.")
@click.option("--title", default=None, help="Title of the map (HTML page, GEXF description, graph name).")
@kb_options
def export_cmd(kb, fmt, output, perspectives, focus, depth, clusters, title):
    """Export the argument map: one graph model, many formats.

    Nodes are actors, levers, moves, claims, implications and arguments (an argument sits between
    its premises and its conclusion, as in AIF); edges are premise, conclusion, attacks, trigger,
    affects, actor and lever. Colours follow node type and, for arguments, perspective.

    \b
    Examples:
      argkb export --format html -o map.html
      argkb export --format gexf --perspective realism -o realism.gexf
      argkb export --format mermaid --focus impl-negotiation-weakness --depth 1
    """
    from argkb.export import render
    from argkb.export.select import build_map

    amap = build_map(kb, perspectives, focus, depth, title)
    emit(render(amap, fmt.lower(), clusters=clusters), output)
