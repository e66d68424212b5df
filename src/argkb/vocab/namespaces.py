"""Namespaces argkb reads and writes, and the prefixes it prints with.

``ARGKB`` is generated from the ontology (see ``argkb.vocab._argkb``); everything else
is a W3C / DCMI namespace or the instance namespace fixed by the design contract.
"""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from argkb.vocab._argkb import ARGKB

KB = Namespace("https://w3id.org/argkb/id/")
OA = Namespace("http://www.w3.org/ns/oa#")
AIF = Namespace("http://www.arg.dundee.ac.uk/aif#")

#: prefix -> namespace IRI, in the order argkb prints them
PREFIXES: dict[str, str] = {
    "argkb": str(ARGKB),
    "kb": str(KB),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "sh": str(SH),
}

__all__ = ["ARGKB", "KB", "OA", "AIF", "PREFIXES", "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "XSD"]
