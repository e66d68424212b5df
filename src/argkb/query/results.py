"""Rendering query answers: SELECT/ASK as a table, CSV, TSV or SPARQL 1.1 Results JSON;
CONSTRUCT/DESCRIBE as Turtle or JSON-LD.

CSV follows the SPARQL 1.1 CSV results format (IRIs and lexical forms, no markup), TSV the
SPARQL 1.1 TSV format (``?var`` headers, terms in Turtle syntax), JSON the SPARQL 1.1 Query
Results JSON format. The table is for people: IRIs are shortened to CURIEs.

The rows hold rdflib's terms or pyoxigraph's (``Store.query(native=True)``): each term is read
through ``parts`` (rdflib is not imported to render pyoxigraph's).
"""

from __future__ import annotations

import csv
import io
import json

from argkb.errors import UsageError
from argkb.rdf.ids import short

TABULAR = ("table", "csv", "tsv", "json")
GRAPH = ("turtle", "jsonld")
FORMATS = TABULAR + GRAPH


def default_format(kind: str, is_terminal: bool) -> str:
    """A table on a terminal, CSV into a pipe; Turtle for graphs."""
    if kind == "graph":
        return "turtle"
    return "table" if is_terminal else "csv"


def render(result, fmt: str, color: bool = False, width: int | None = None) -> str:
    fmt = fmt.lower()
    if result.kind == "graph":
        if fmt not in GRAPH:
            raise UsageError(
                f"a CONSTRUCT/DESCRIBE answer is a graph: use --format turtle or jsonld, not {fmt}"
            )
        return render_graph(result.graph, fmt)
    if fmt not in TABULAR:
        raise UsageError(
            f"a {result.kind.upper()} answer is a table: use --format table, csv, tsv or json, not "
            f"{fmt}"
        )
    return {
        "table": lambda r: render_table(r, color, width),
        "csv": render_csv,
        "tsv": render_tsv,
        "json": render_json,
    }[fmt](result)


# ------------------------------------------------------------------ graphs ---
def render_graph(graph, fmt: str) -> str:
    from argkb.kb.folder import new_graph

    g = new_graph()
    for triple in graph:
        g.add(triple)
    if fmt == "turtle":
        return g.serialize(format="turtle")
    return g.serialize(format="json-ld", indent=2)


# ------------------------------------------------------------------- terms ---
IRI, BLANK, LITERAL = "iri", "bnode", "literal"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def parts(term) -> tuple[str, str, str | None, str | None]:
    """(kind: IRI, BLANK or LITERAL; value; language; datatype) of an rdflib or a pyoxigraph term. A
    pyoxigraph plain string has no datatype, as rdflib reads it (``argkb.rdf.strict.from_ox``)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return IRI, term.value, None, None
    if isinstance(term, ox.BlankNode):
        return BLANK, term.value, None, None
    if isinstance(term, ox.Literal):
        if term.language:
            return LITERAL, term.value, term.language, None
        datatype = term.datatype.value
        return LITERAL, term.value, None, (None if datatype == _XSD_STRING else datatype)
    from rdflib import BNode, URIRef  # an rdflib term: rdflib is loaded already

    if isinstance(term, URIRef):
        return IRI, str(term), None, None
    if isinstance(term, BNode):
        return BLANK, str(term), None, None
    typed, language = getattr(term, "datatype", None), getattr(term, "language", None)
    return LITERAL, str(term), language, None if typed is None else str(typed)


# ------------------------------------------------------------------- table ---
def cell(term) -> str:
    """A term for people: CURIEs for IRIs, the text of literals, ``_:b`` for blank nodes."""
    if term is None:
        return ""
    kind, value, _language, _datatype = parts(term)
    if kind == IRI:
        return short(value)
    return f"_:{value}" if kind == BLANK else value


def render_table(result, color: bool = False, width: int | None = None) -> str:
    from rich.console import Console
    from rich.table import Table

    if result.kind == "ask":
        return "true" if result.boolean else "false"
    table = Table(show_lines=False, header_style="bold" if color else "")
    for var in result.vars:
        table.add_column(var, overflow="fold")
    for row in result.rows:
        table.add_row(*(cell(t) for t in row), style=None)
    out = io.StringIO()
    console = Console(
        file=out,
        force_terminal=color,
        no_color=not color,
        width=width or 160,
        color_system="standard" if color else None,
    )
    console.print(table)
    count = len(result.rows)
    console.print(f"{count} row{'s' if count != 1 else ''}")
    return out.getvalue()


# --------------------------------------------------------------- CSV / TSV ---
def render_csv(result) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if result.kind == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.vars)
    for row in result.rows:
        writer.writerow([_csv_term(t) for t in row])
    return out.getvalue()


def _csv_term(term) -> str:
    if term is None:
        return ""
    kind, value, _language, _datatype = parts(term)
    return f"_:{value}" if kind == BLANK else value


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def tsv_term(term) -> str:
    """A term in Turtle syntax on one line (literals always short-quoted, with escapes)."""
    if term is None:
        return ""
    kind, value, language, datatype = parts(term)
    if kind == IRI:
        return f"<{value}>"
    if kind == BLANK:
        return f"_:{value}"
    text = '"' + value.translate(_ESCAPES) + '"'
    if language:
        return f"{text}@{language}"
    return f"{text}^^<{datatype}>" if datatype is not None else text


def render_tsv(result) -> str:
    if result.kind == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.vars)]
    for row in result.rows:
        lines.append("\t".join(tsv_term(t) for t in row))
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------- JSON ---
def json_term(term) -> dict:
    kind, value, language, datatype = parts(term)
    if kind == IRI:
        return {"type": "uri", "value": value}
    if kind == BLANK:
        return {"type": "bnode", "value": value}
    out = {"type": "literal", "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype is not None:
        out["datatype"] = datatype
    return out


def results_json(result) -> dict:
    """The answer as a SPARQL 1.1 Query Results JSON document."""
    if result.kind == "ask":
        return {"head": {}, "boolean": bool(result.boolean)}
    bindings = [
        {v: json_term(t) for v, t in zip(result.vars, row) if t is not None} for row in result.rows
    ]
    return {"head": {"vars": list(result.vars)}, "results": {"bindings": bindings}}


def render_json(result) -> str:
    return json.dumps(results_json(result), indent=2, ensure_ascii=False) + "\n"
