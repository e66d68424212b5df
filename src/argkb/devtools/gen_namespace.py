"""Generate ``argkb/vocab/_argkb.py``'s ``ARGKB`` class, and ``argkb/vocab/_lenses.py``'s built-in
lenses, from ``ontology/argkb.ttl``.

Run ``python -m argkb.devtools.gen_namespace`` after changing the ontology;
``tests/test_ontology.py`` fails while they disagree.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ONTOLOGY_NS = "https://w3id.org/argkb/ontology#"
#: the generated files are as ``ruff format`` leaves them, with lines of at most this many
#: characters
LINE_LENGTH = 100
ROOT = Path(__file__).resolve().parents[3]
TARGET = Path(__file__).resolve().parents[1] / "vocab" / "_argkb.py"
LENSES_TARGET = Path(__file__).resolve().parents[1] / "vocab" / "_lenses.py"

KINDS = [
    ("Classes", (OWL.Class,)),
    ("Properties", (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)),
    ("Individuals", (OWL.NamedIndividual, SKOS.ConceptScheme)),
]


def ontology_terms(graph: Graph) -> dict[str, list[tuple[str, str]]]:
    """Local name and definition of every term the ontology declares, by kind."""
    seen: set[str] = set()
    out: dict[str, list[tuple[str, str]]] = {}
    for kind, types in KINDS:
        rows = []
        for t in types:
            for s in graph.subjects(RDF.type, t):
                if isinstance(s, URIRef) and str(s).startswith(ONTOLOGY_NS):
                    name = str(s)[len(ONTOLOGY_NS) :]
                    if name not in seen:
                        seen.add(name)
                        definition = (
                            graph.value(s, SKOS.definition) or graph.value(s, RDFS.label) or ""
                        )
                        rows.append((name, " ".join(str(definition).split())))
        out[kind] = sorted(rows)
    return out


def hedge_words(graph: Graph) -> list[tuple[str, str]]:
    """``(word, qualifier's local name)`` for every argkb:hedgeWord, sorted."""
    prop = URIRef(ONTOLOGY_NS + "hedgeWord")
    return sorted(
        (str(word), str(q)[len(ONTOLOGY_NS) :]) for q, word in graph.subject_objects(prop)
    )


def _quoted(text: str) -> str:
    """A Python string literal of ``text`` as ``ruff format`` writes it (double quotes if it
    can)."""
    literal = repr(text)
    if '"' in text or not literal.startswith("'"):
        return literal
    return '"' + literal[1:-1].replace("\\'", "'") + '"'


def _term_lines(name: str, definition: str) -> list[str]:
    """A term's annotation with its definition as a comment: after it where the line is short
    enough, else wrapped above it."""
    line = f"    {name}: URIRef  # {definition}"
    if len(line) <= LINE_LENGTH:
        return [line]
    comment = textwrap.wrap(
        definition, LINE_LENGTH - len("    # "), break_long_words=False, break_on_hyphens=False
    )
    return [*(f"    # {text}" for text in comment), f"    {name}: URIRef"]


def render(terms: dict[str, list[tuple[str, str]]], hedges: Sequence[tuple[str, str]] = ()) -> str:
    lines = [
        '"""The argkb vocabulary as a strict rdflib namespace.',
        "",
        "GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``;",
        "do not edit by hand. Asking for a term the ontology lacks raises AttributeError.",
        '"""',
        "",
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class ARGKB(DefinedNamespace):",
        '    """argkb ontology: https://w3id.org/argkb/ontology#"""',
        "",
        '    _NS = Namespace("%s")' % ONTOLOGY_NS,
        "    _fail = True",
    ]
    for kind, rows in terms.items():
        lines += ["", f"    # {kind}"]
        for name, definition in rows:
            lines += _term_lines(name, definition)
    lines += [
        "",
        "",
        "#: argkb:hedgeWord: each hedge word -> the local name of the qualifier it states",
        "#: (the one list of hedges)",
        "HEDGE_WORDS: dict[str, str] = {",
    ]
    lines += [f"    {_quoted(word)}: {_quoted(qualifier)}," for word, qualifier in hedges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def built_in_lenses(graph: Graph) -> list[tuple[str, str, list[str]]]:
    """(local name, skos:notation, sorted skos:altLabels) of each argkb:Perspective the ontology
    declares, in the order of its owl:AllDifferent list of them (the order every table and legend
    shows)."""
    perspective = URIRef(ONTOLOGY_NS + "Perspective")
    declared = {s for s in graph.subjects(RDF.type, perspective) if str(s).startswith(ONTOLOGY_NS)}
    order: list = []
    for members in graph.objects(None, OWL.distinctMembers):
        listed = list(Collection(graph, members))
        if declared and set(listed) == declared:
            order = listed
    order = order or sorted(declared, key=str)
    return [
        (
            str(s)[len(ONTOLOGY_NS) :],
            str(graph.value(s, SKOS.notation)),
            sorted(str(a) for a in graph.objects(s, SKOS.altLabel)),
        )
        for s in order
    ]


def render_lenses(lenses: list[tuple[str, str, list[str]]]) -> str:
    lines = [
        '"""The lenses argkb ships: the ``argkb:Perspective`` individuals of the ontology, in its '
        "order.",
        "",
        "GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``; do not",
        "edit by hand. Read them through ``argkb.vocab.lenses``.",
        '"""',
        "",
        "#: (local name in ``argkb:``, skos:notation, skos:altLabels): text, so that the names",
        "#: are read without rdflib (``argkb.vocab.lenses`` makes the terms)",
        "BUILT_IN_LENSES = (",
    ]
    for name, notation, alt in lenses:
        alts = ", ".join(_quoted(a) for a in alt) + ("," if len(alt) == 1 else "")
        lines.append(f"    ({_quoted(name)}, {_quoted(notation)}, ({alts})),")
    return "\n".join([*lines, ")"]) + "\n"


def main() -> int:
    graph = Graph().parse(ROOT / "ontology" / "argkb.ttl", format="turtle")
    TARGET.write_text(render(ontology_terms(graph), hedge_words(graph)), encoding="utf-8")
    LENSES_TARGET.write_text(render_lenses(built_in_lenses(graph)), encoding="utf-8")
    print(f"wrote {TARGET} and {LENSES_TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
