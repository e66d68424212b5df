"""Generate ``argkb/vocab/_argkb.py``'s ``ARGKB`` class from ``ontology/argkb.ttl``.

Run ``python -m argkb.devtools.gen_namespace`` after changing the ontology;
``tests/test_namespace.py`` fails while the two disagree.
"""
from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ONTOLOGY_NS = "https://w3id.org/argkb/ontology#"
ROOT = Path(__file__).resolve().parents[3]
TARGET = Path(__file__).resolve().parents[1] / "vocab" / "_argkb.py"

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
                    name = str(s)[len(ONTOLOGY_NS):]
                    if name not in seen:
                        seen.add(name)
                        definition = graph.value(s, SKOS.definition) or graph.value(s, RDFS.label) or ""
                        rows.append((name, " ".join(str(definition).split())))
        out[kind] = sorted(rows)
    return out


def hedge_words(graph: Graph) -> list[tuple[str, str]]:
    """``(word, qualifier's local name)`` for every argkb:hedgeWord, sorted."""
    prop = URIRef(ONTOLOGY_NS + "hedgeWord")
    return sorted((str(word), str(q)[len(ONTOLOGY_NS):]) for q, word in graph.subject_objects(prop))


def render(terms: dict[str, list[tuple[str, str]]], hedges: Sequence[tuple[str, str]] = ()) -> str:
    lines = [
        '"""The argkb vocabulary as a strict rdflib namespace.',
        "",
        "GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``;",
        "do not edit by hand. Asking for a term the ontology lacks raises AttributeError.",
        '"""',
        "from rdflib.namespace import DefinedNamespace, Namespace",
        "from rdflib.term import URIRef",
        "",
        "",
        "class ARGKB(DefinedNamespace):",
        '    """argkb ontology: https://w3id.org/argkb/ontology#"""',
        "",
        "    _NS = Namespace(\"%s\")" % ONTOLOGY_NS,
        "    _fail = True",
    ]
    for kind, rows in terms.items():
        lines += ["", f"    # {kind}"]
        for name, definition in rows:
            lines.append(f"    {name}: URIRef  # {definition}")
    lines += ["", "", "#: argkb:hedgeWord: each hedge word -> the local name of the qualifier it states (the one list of hedges)",
              "HEDGE_WORDS: dict[str, str] = {"]
    lines += [f"    {word!r}: {qualifier!r}," for word, qualifier in hedges]
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    graph = Graph().parse(ROOT / "ontology" / "argkb.ttl", format="turtle")
    TARGET.write_text(render(ontology_terms(graph), hedge_words(graph)), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
