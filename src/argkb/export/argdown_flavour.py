"""argkb-flavoured Argdown: the vocabulary both the writer (``argkb.export.argdown``) and the reader
(``argkb.interop.argdown_flavoured``) use, so the two cannot drift apart. docs/argdown.md describes
it.

Every triple has one place: a claim's statement is its Argdown text, its types are ``#tags``, the
rest are keys of its ``{data}``; an argument's label is its description, its lens a ``#tag``, its
premises, conclusion and attack relations (``+``, ``+>``, ``->``, ``_>``); everything else (actors,
levers, moves, sources, references, agents) lives in the front matter's ``argkb:`` block. A data
value is written in the key's usual form (a bare id, an English string, a date) and, when it is
anything else, in an explicit JSON-LD-like object (``{"@id": …}``, ``{"@value": …, "@type": …}``),
so nothing is lost, whatever the graph holds.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD

from argkb.vocab.namespaces import ARGKB, KB, OA, PREFIXES

#: the front matter key that marks a document as argkb-flavoured
FLAVOUR_KEY = "argkb"
VERSION = 1

# value kinds: an IRI with a bare name in kb: ("id") or argkb: ("term"), or a literal
ID, TERM, EN, STR, DATE, GYEAR, URI, INT = "id", "term", "en", "str", "date", "gyear", "uri", "int"
_DATATYPES = {DATE: XSD.date, GYEAR: XSD.gYear, URI: XSD.anyURI, INT: XSD.integer}

#: data key -> (predicate, the kind a plain value of it has)
KEYS: dict[str, tuple[URIRef, str]] = {
    "label": (RDFS.label, EN),
    "comment": (RDFS.comment, EN),
    "definition": (SKOS.definition, EN),
    "altLabel": (SKOS.altLabel, EN),
    "dismisses": (ARGKB.dismisses, ID),
    "reason": (ARGKB.reason, EN),
    "statement": (ARGKB.statement, EN),
    "warrant": (ARGKB.warrant, EN),
    "reviewNote": (ARGKB.reviewNote, EN),
    "title": (DCTERMS.title, EN),
    "citation": (DCTERMS.bibliographicCitation, STR),
    "creator": (DCTERMS.creator, STR),
    "issued": (DCTERMS.issued, GYEAR),
    "format": (DCTERMS.format, STR),
    "date": (DCTERMS.date, DATE),
    "publisher": (DCTERMS.publisher, STR),
    "language": (DCTERMS.language, STR),
    "by": (PROV.wasAttributedTo, ID),
    "trigger": (ARGKB.trigger, ID),
    "affects": (ARGKB.affects, ID),
    "qualifier": (ARGKB.qualifier, TERM),
    "heldBy": (ARGKB.heldBy, TERM),
    "describes": (ARGKB.describes, TERM),
    "asOf": (ARGKB.asOf, DATE),
    "cites": (ARGKB.cites, ID),
    "alternativeTo": (ARGKB.alternativeTo, ID),
    "tradeOff": (ARGKB.tradeOff, ID),
    "acceptedFinding": (ARGKB.acceptedFinding, TERM),
    "force": (ARGKB.force, TERM),
    "perspective": (ARGKB.perspective, TERM),
    "premise": (ARGKB.premise, ID),
    "conclusion": (ARGKB.conclusion, ID),
    "attacks": (ARGKB.attacks, ID),
    "evidence": (ARGKB.evidence, ID),
    "todo": (ARGKB.todo, EN),
    "proposed": (ARGKB.proposed, TERM),
    "holds": (ARGKB.holds, ID),
    "memberOf": (ARGKB.memberOf, ID),
    "leaderOf": (ARGKB.leaderOf, ID),
    "broader": (SKOS.broader, ID),
    "actor": (ARGKB.actor, ID),
    "lever": (ARGKB.lever, ID),
    "direction": (ARGKB.direction, TERM),
    "moveKind": (ARGKB.moveKind, TERM),
    "sha256": (ARGKB.sha256, STR),
    "notBefore": (ARGKB.notBefore, DATE),
    "notAfter": (ARGKB.notAfter, DATE),
    "url": (ARGKB.url, URI),
    "doi": (ARGKB.doi, STR),
    "source": (OA.hasSource, ID),
    "exact": (OA.exact, STR),
    "start": (OA.start, INT),
    "end": (OA.end, INT),
}
KEY_OF: dict[Any, str] = {pred: key for key, (pred, _) in KEYS.items()}

#: the statement types a #tag says (a statement with none of these tags is an argkb:Claim)
TYPE_TAGS = {
    "implication": ARGKB.Implication,
    "framing": ARGKB.Framing,
    "lens-description": ARGKB.LensDescription,
}
TAG_OF_TYPE: dict[Any, str] = {t: tag for tag, t in TYPE_TAGS.items()}
#: the types that make a node an Argdown statement
STATEMENT_TYPES = {ARGKB.Claim, *TYPE_TAGS.values()}

#: front matter groups: name -> the type every entry has (an entry's "a" lists its other types)
GROUPS: dict[str, URIRef | None] = {
    "sources": ARGKB.Source,
    "agents": PROV.Agent,
    "actors": ARGKB.Actor,
    "levers": ARGKB.Lever,
    "moves": ARGKB.Move,
    "references": ARGKB.Reference,
    "quotes": ARGKB.Quote,
    "dismissals": ARGKB.Dismissal,
    "nodes": None,
}

_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: what an id may be written as: a name or a CURIE (no spaces or IRI-breaking characters), an
#: absolute IRI
_NAME = re.compile(r"^[^\s<>\"{}|\\^`:]+(?::[^\s<>\"{}|\\^`]*)?$")
_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`]*$")


class FlavourError(ValueError):
    """A value the flavour cannot read: the message says which and how to write it."""


def curie(iri: object, default: str | None = None) -> str:
    """``iri`` as a bare name in ``default``'s namespace, else a CURIE, else ``<iri>``."""
    text = str(iri)
    if default is not None and text.startswith(default) and _SLUG.match(text[len(default) :]):
        return text[len(default) :]
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and _SLUG.match(text[len(ns) :]):
            return f"{prefix}:{text[len(ns) :]}"
    return f"<{text}>"


def iri(text: str, default: str = str(KB)) -> URIRef:
    """The inverse of ``curie``."""
    if not isinstance(text, str) or not text.strip():
        raise FlavourError(
            f"{text!r} is not an id (write a name such as russia, or a CURIE such as argkb:Claim)"
        )
    text = text.strip()
    if text.startswith("<") and text.endswith(">") and _IRI.match(text[1:-1]):
        return URIRef(text[1:-1])
    if not _NAME.match(text):
        raise FlavourError(
            f"{text[:80]!r} is not an id: an id is one word, letters, digits and hyphens "
            "(claim-russia-escalates), a CURIE (kb:claim-russia-escalates) or an <IRI>"
        )
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    if colon:
        raise FlavourError(
            f"{text!r}: unknown prefix {prefix!r} (use one of {', '.join(PREFIXES)})"
        )
    return URIRef(default + text)


def _default_ns(kind: str) -> str | None:
    return str(KB) if kind == ID else str(ARGKB) if kind == TERM else None


def encode(term, kind: str):
    """One RDF term as a data value: in the kind's plain form where it fits, else explicit."""
    if isinstance(term, URIRef):
        if kind in (ID, TERM):
            return curie(term, _default_ns(kind))
        return {"@id": curie(term, str(KB))}
    if not isinstance(term, Literal):
        raise FlavourError(f"a blank node ({term}) has no id to write: give it an IRI")
    lang, datatype = term.language, term.datatype
    if kind == EN and lang == "en":
        return str(term)
    if kind == STR and lang is None and datatype is None:
        return str(term)
    if kind == INT and datatype == XSD.integer and re.fullmatch(r"-?[1-9][0-9]*|0", str(term)):
        return int(str(term))
    if kind in _DATATYPES and datatype == _DATATYPES[kind] and kind != INT:
        return str(term)
    out = {"@value": str(term)}
    if lang is not None:
        out["@language"] = lang
    elif datatype is not None:
        out["@type"] = curie(datatype)
    return out


def decode(value, kind: str):
    """The inverse of ``encode``; a ``FlavourError`` for what it cannot read."""
    if isinstance(value, dict):
        if set(value) == {"@id"}:
            return iri(value["@id"])
        if "@value" in value and set(value) <= {"@value", "@language", "@type"}:
            if "@language" in value and "@type" in value:
                raise FlavourError(f"{value!r}: a literal has a language or a datatype, not both")
            lang, datatype = value.get("@language"), value.get("@type")
            return Literal(
                str(value["@value"]),
                lang=lang,
                datatype=iri(datatype, str(XSD)) if datatype else None,
            )
        raise FlavourError(
            f'{value!r}: an explicit value is {{"@id": ID}} or {{"@value": TEXT}} with an '
            'optional "@language" or "@type"'
        )
    if isinstance(value, (list, tuple)):
        raise FlavourError(f"{value!r}: a list inside a list; give the values as one flat list")
    if kind in (ID, TERM):
        return iri(value, _default_ns(kind) or str(KB))
    if isinstance(value, bool) or value is None:
        raise FlavourError(f"{value!r} is not a value (write text in double quotes)")
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat()
    text = str(value)
    if kind == EN:
        return Literal(text, lang="en")
    if kind == STR:
        return Literal(text)
    return Literal(text, datatype=_DATATYPES[kind])


def encode_all(terms, kind: str):
    values = [encode(t, kind) for t in sorted(terms, key=_order)]
    return values[0] if len(values) == 1 else values


def decode_all(value, kind: str) -> list:
    return [decode(v, kind) for v in (value if isinstance(value, list) else [value])]


def key_for(pred: object) -> tuple[str, str]:
    """The data key of a predicate and its kind (a predicate without a key is written as its CURIE,
    its values explicit but for English strings)."""
    key = KEY_OF.get(pred)
    return (key, KEYS[key][1]) if key else (curie(pred), EN)


def pred_for(key: str) -> tuple[URIRef, str]:
    if key in KEYS:
        return KEYS[key]
    if ":" not in key:
        raise FlavourError(
            f"unknown data key {key!r} (the keys are listed in docs/argdown.md; another "
            "property is written as its CURIE, e.g. skos:editorialNote)"
        )
    return iri(key), EN


def _order(term) -> tuple:
    return (
        type(term).__name__,
        str(term),
        str(getattr(term, "language", "") or ""),
        str(getattr(term, "datatype", "") or ""),
    )


#: a string YAML (and so Argdown) reads back as the same string without quotes
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9-]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def dump(value) -> str:
    """A data value in YAML's flow style, as Argdown writes data: names bare, text in JSON's double
    quotes (which YAML reads), with the characters that would end a data block or start a comment
    inside Argdown escaped."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{dump(k)}: {dump(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    if isinstance(value, str) and _PLAIN.match(value) and value.lower() not in _YAML_WORDS:
        return value
    return _escape(json.dumps(value, ensure_ascii=False))


def _escape(text: str) -> str:
    """Escape braces and comment openers inside the JSON strings of ``text`` (outside them they are
    syntax)."""
    out, in_string, escaped = [], False, False
    for i, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
            elif ch in "{}":
                ch = "\\u%04x" % ord(ch)
            elif ch == "/" and (text[i + 1 : i + 2] in ("/", "*") or text[i - 1 : i] == "*"):
                ch = "\\/"
            elif ch == "<" and text[i + 1 : i + 4] == "!--":
                ch = "\\u003c"
        elif ch == '"':
            in_string = True
        out.append(ch)
    return "".join(out)
