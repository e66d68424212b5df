"""The ontology is the one source of truth: complete, documented, and identical to the Python
namespace."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from argkb.devtools.gen_namespace import (
    built_in_lenses,
    hedge_words,
    ontology_terms,
    render,
    render_lenses,
)
from argkb.store.base import from_ox
from argkb.vocab._argkb import ARGKB

REPO = Path(__file__).resolve().parents[1]
ONTOLOGY = REPO / "ontology" / "argkb.ttl"
NS = "https://w3id.org/argkb/ontology#"


def ontology() -> Graph:
    return Graph().parse(ONTOLOGY)


def test_namespace_module_is_generated_from_the_ontology():
    generated = render(ontology_terms(ontology()), hedge_words(ontology()))
    assert (REPO / "src" / "argkb" / "vocab" / "_argkb.py").read_text(
        encoding="utf-8"
    ) == generated, "run: python -m argkb.devtools.gen_namespace"
    lenses = render_lenses(built_in_lenses(ontology()))
    assert (REPO / "src" / "argkb" / "vocab" / "_lenses.py").read_text(
        encoding="utf-8"
    ) == lenses, "run: python -m argkb.devtools.gen_namespace"


def test_namespace_is_strict_and_complete():
    g = ontology()
    declared = {
        str(s)[len(NS) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(NS)
    }
    assert declared == set(ARGKB.__annotations__)
    with pytest.raises(AttributeError):  # ARGKB refuses unknown terms
        _ = ARGKB.NotATerm


def test_design_contract_terms_exist():
    for name in [
        "Actor",
        "Lever",
        "Move",
        "Claim",
        "Implication",
        "Argument",
        "Perspective",
        "Source",
        "Quote",
        "actor",
        "lever",
        "direction",
        "Increase",
        "Decrease",
        "Maintain",
        "statement",
        "trigger",
        "affects",
        "qualifier",
        "Could",
        "Might",
        "Likely",
        "Certain",
        "premise",
        "perspective",
        "warrant",
        "conclusion",
        "attacks",
        "Realism",
        "Liberalism",
        "Constructivism",
        "DiplomaticPractice",
        "SecurityAnalysis",
        "sha256",
        "evidence",
    ]:
        assert name in ARGKB.__annotations__, name


def test_every_class_and_property_has_label_and_definition():
    g = ontology()
    kinds = [
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
        OWL.AnnotationProperty,
        OWL.NamedIndividual,
    ]
    terms = {s for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(NS)}
    assert len(terms) > 40
    for term in terms:
        assert len(list(g.objects(term, RDFS.label))) == 1, term
        assert g.value(term, SKOS.definition), term


def test_header_has_title_description_version_license():
    g = ontology()
    (onto,) = g.subjects(RDF.type, OWL.Ontology)
    for prop in (DCTERMS.title, DCTERMS.description, OWL.versionInfo, DCTERMS.license):
        assert g.value(onto, prop) is not None, prop


def test_ontology_version_matches_package_version():
    import tomllib

    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    (onto,) = ontology().subjects(RDF.type, OWL.Ontology)
    assert str(ontology().value(onto, OWL.versionInfo)) == version
    assert str(ontology().value(onto, OWL.versionIRI)).endswith(f"/ontology/{version}")
    shapes = Graph().parse(REPO / "ontology" / "shapes.ttl")
    assert {str(v) for v in shapes.objects(None, OWL.versionInfo)} == {version}
    import json

    assert json.loads((REPO / "package.json").read_text())["version"] == version
    lock = json.loads((REPO / "package-lock.json").read_text())
    assert (lock["version"], lock["packages"][""]["version"]) == (version, version)


def test_perspectives_form_one_concept_scheme():
    g = ontology()
    lenses = set(g.subjects(RDF.type, ARGKB.Perspective))
    assert lenses == {
        ARGKB.Realism,
        ARGKB.Liberalism,
        ARGKB.Constructivism,
        ARGKB.DiplomaticPractice,
        ARGKB.SecurityAnalysis,
    }
    for lens in lenses:
        assert (lens, RDF.type, SKOS.Concept) in g
        assert (lens, SKOS.inScheme, ARGKB.Perspectives) in g
        assert len(str(g.value(lens, SKOS.definition))) > 40


def test_qualifiers_are_ordered():
    g = ontology()
    ranks = {
        q: int(g.value(q, ARGKB.rank))
        for q in (ARGKB.Could, ARGKB.Might, ARGKB.Likely, ARGKB.Certain)
    }
    assert sorted(ranks, key=ranks.get) == [ARGKB.Could, ARGKB.Might, ARGKB.Likely, ARGKB.Certain]


def test_alignment_to_aif_prov_and_web_annotation():
    g = ontology()
    assert (ARGKB.Claim, SKOS.closeMatch, URIRef("http://www.arg.dundee.ac.uk/aif#I-node")) in g
    assert (ARGKB.Argument, SKOS.closeMatch, URIRef("http://www.arg.dundee.ac.uk/aif#RA-node")) in g
    assert (ARGKB.Contribution, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Activity")) in g
    assert (ARGKB.Source, RDFS.subClassOf, URIRef("http://www.w3.org/ns/prov#Entity")) in g
    assert (ARGKB.Perspective, RDFS.subClassOf, SKOS.Concept) in g


def turtle_files() -> list[Path]:
    return sorted(
        p
        for p in [
            *REPO.glob("ontology/*.ttl"),
            *REPO.glob("data/**/*.ttl"),
            *REPO.glob("tests/data/**/*.ttl"),
        ]
    )


def test_a_second_parser_reads_every_turtle_file_the_same_way():
    """pyoxigraph (Rust) and rdflib (Python) must agree on every Turtle file we ship."""
    files = turtle_files()
    assert len(files) > 30
    for path in files:
        ours = Graph().parse(path, format="turtle")
        theirs = Graph()
        for triple in pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE):
            theirs.add((from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object)))
        assert isomorphic(ours, theirs), path
