"""Namespaces argkb reads and writes, and the prefixes it prints with.

``ARGKB`` is generated from the ontology (see ``argkb.vocab._argkb``); everything else
is a W3C / DCMI namespace or the instance namespace fixed by the design contract.
``PREFIXES`` is plain text; the rdflib namespaces are built when first asked for (importing rdflib
costs a command ~0.1 s of start-up, and ``argkb query`` on the derived store needs none of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from rdflib import Namespace
    from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

    from argkb.vocab._argkb import ARGKB

    KB: Namespace
    OA: Namespace
    AIF: Namespace

#: prefix -> namespace IRI, in the order argkb prints them (the same as rdflib's namespaces: tested)
PREFIXES: dict[str, str] = {
    "argkb": "https://w3id.org/argkb/ontology#",
    "kb": "https://w3id.org/argkb/id/",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}
AIF_IRI = "http://www.arg.dundee.ac.uk/aif#"

__all__ = [
    "ARGKB",
    "KB",
    "OA",
    "AIF",
    "PREFIXES",
    "DCTERMS",
    "OWL",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SKOS",
    "XSD",
]
_OWN = {"KB": "kb", "OA": "oa", "AIF": None}


def __getattr__(name: str):
    """The rdflib namespaces, made (and rdflib imported) on first use."""
    if name not in __all__:
        raise AttributeError(f"module 'argkb.vocab.namespaces' has no attribute {name!r}")
    value: object
    if name == "ARGKB":
        from argkb.vocab import _argkb

        value = _argkb.ARGKB
    elif name in _OWN:
        from rdflib import Namespace

        prefix = _OWN[name]
        value = Namespace(PREFIXES[prefix] if prefix else AIF_IRI)
    else:
        import rdflib.namespace

        value = getattr(rdflib.namespace, name)
    globals()[name] = value
    return value
