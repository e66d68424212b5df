"""Writing a draft as Turtle: the lines, the triples they mean and the prefixes they use (for
``argkb draft``)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from argkb.rdf.serialize import comment_text, term_turtle
from argkb.rdf.strict import check_turtle
from argkb.vocab.namespaces import PREFIXES

# ------------------------------------------------------------------ writing
#
# No Turtle is written by hand: every IRI and literal goes through the strict serialiser
# (``argkb.rdf.serialize.term_turtle``, pyoxigraph), every comment through ``comment_text`` (a line
# break in an actor's name or a sentence must not end the comment), and the whole draft is re-parsed
# by pyoxigraph's strict parser and compared with the triples meant (``check_turtle``) before it is
# returned.


#: one line of a block: (predicate, its objects, a comment or None)
Statement = tuple[URIRef, list, str | None]


class Turtle:
    """The draft being written: its lines, the triples they mean, the prefixes they use."""

    def __init__(self):
        self.graph = Graph()
        self.used: set[str] = set()

    def term(self, term) -> str:
        return term_turtle(term, self.used)

    def object(self, term) -> str:
        """``term`` in object position: rdf:type is written ``rdf:type`` (``a`` is a predicate
        only)."""
        if term == RDF.type:
            self.used.add("rdf")
            return "rdf:type"
        return self.term(term)

    def block(self, subject: URIRef, statements: list[Statement]) -> str:
        """``subject`` with its (predicate, objects, comment) statements, one statement a line."""
        lines = []
        for n, (predicate, objects, comment) in enumerate(statements):
            for obj in objects:
                self.graph.add((subject, predicate, obj))
            end = " ." if n == len(statements) - 1 else " ;"
            joint = " ,\n        " if any(isinstance(o, Literal) for o in objects) else ", "
            text = f"{self.term(predicate)} " + joint.join(self.object(o) for o in objects) + end
            lines.append(
                (f"{self.term(subject)} " if n == 0 else "    ")
                + text
                + (f"    # {comment_text(comment)}" if comment else "")
            )
        return "\n".join(lines) + "\n"


def kb_node(local: str) -> URIRef:
    return URIRef(PREFIXES["kb"] + local)


def finish(out: Turtle, header: list[str], blocks: list[str], name: str) -> str:
    prefixes = [f"@prefix {p}: <{PREFIXES[p]}> ." for p in PREFIXES if p in out.used]
    text = (
        "\n".join(f"# {comment_text(line)}".rstrip() for line in header)
        + "\n\n"
        + "\n".join(prefixes)
        + "\n\n"
        + "\n".join(blocks)
    )
    check_turtle(text.encode("utf-8"), out.graph, f"the draft of {name}")
    return text


def rule(text: str) -> str:
    """A comment line that opens a block of the draft."""
    return f"# --- {comment_text(text)} " + "-" * 20
