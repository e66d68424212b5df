"""The query library page of the documentation, generated from the headers of ``queries/*.rq``.

Used as a MkDocs hook (``hooks:`` in ``mkdocs.yml``): in ``docs/queries.md`` the marker
``<!-- query-library -->`` is replaced by one section per query — its summary, its parameters,
its example command and output — read with the same parser ``argkb queries`` uses, so the page
cannot drift from the files. ``python -m argkb.devtools.query_docs`` prints the generated text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from argkb.query.library import NamedQuery, load_file

MARKER = "<!-- query-library -->"


def _param_row(param) -> str:
    kind = param.kind + (", optional" if param.optional else "")
    if param.default is not None:
        kind += f", default {param.default}"
    example = f"`{param.example}`" if param.example else ""
    description = param.description.replace("|", r"\|")
    return f"| `{param.name}` | {kind} | {description} | {example} |"


def render_query(query: NamedQuery) -> str:
    """One query as a Markdown section."""
    lines = [
        f"## `{query.name}` {{#{query.name}}}",
        "",
        query.summary or "(no summary in the header)",
        "",
    ]
    if query.params:
        lines += ["| parameter | kind | what it is | example |", "|---|---|---|---|"]
        lines += [_param_row(p) for p in query.params]
        lines.append("")
    else:
        lines += ["No parameters.", ""]
    if query.example:
        lines += ["```text", f"$ {query.example}", *query.example_output, "```", ""]
    lines += [f"Source: `queries/{query.name}.rq`", ""]
    return "\n".join(lines)


def render_library(folder: Path) -> str:
    """Every ``*.rq`` file in ``folder``, in name order, as Markdown."""
    queries = [load_file(path) for path in sorted(folder.glob("*.rq"))]
    index = " · ".join(f"[`{q.name}`](#{q.name})" for q in queries)
    return "\n".join([f"{len(queries)} queries: {index}", "", *(render_query(q) for q in queries)])


def on_page_markdown(markdown: str, page, config, files) -> str:  # MkDocs hook
    if MARKER not in markdown:
        return markdown
    root = Path(config["config_file_path"]).parent
    return markdown.replace(MARKER, render_library(root / "queries"))


if __name__ == "__main__":  # pragma: no cover
    print(render_library(Path(sys.argv[1] if len(sys.argv) > 1 else "queries")))
