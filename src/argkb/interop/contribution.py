"""An imported map mapped onto the ontology, written as a contribution file.

* a statement becomes an ``argkb:Claim`` (its text the statement, its first words the label),
  attributed (``prov:wasAttributedTo``) to its speakers, else to the map's author; where its words
  (or the words of the locution asserting it) occur in the ``--source`` text, they are quoted
  there (``argkb:evidence`` → an ``argkb:Quote`` with the offsets);
* a support or rephrase becomes an ``argkb:Argument`` with premises and ``argkb:conclusion``; an
  attack one with ``argkb:attacks`` — a claim (rebuttal) or an argument (undercut);
* the scheme or title names the argument; a tag naming a perspective sets ``argkb:perspective``.

What the map does not say is not invented: an argument with no perspective and no warrant gets
neither, but an ``argkb:todo`` saying what to supply (as ``argkb draft`` writes them), also listed
in the header; ``argkb validate`` reports both the open TODO (rule 2) and the missing property
(rule 3) until the analyst supplies it and deletes the TODO. ``--perspective`` fills the lens
instead, recorded on the argument as the importer's declared default (``skos:editorialNote``), not
as something the map said.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from argkb.interop.model import ATTACK, ImportedMap
from argkb.kb.log import agent_iri
from argkb.rdf.ids import PERSPECTIVES
from argkb.rdf.serialize import to_turtle
from argkb.vocab.namespaces import ARGKB, KB, OA

_SLUG = re.compile(r"[^a-z0-9]+")
#: what no literal may hold: control characters, lone surrogates, non-characters
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
LABEL_WORDS = 12


def literal(value: str) -> Literal:
    """A map's words as a literal: unwritable characters dropped, runs of whitespace one space."""
    return Literal(" ".join(_UNWRITABLE.sub("", value).split()))


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-") or "x"


#: the longest slug kept whole in an id; a longer one is cut and hashed
MAX_SLUG = 60


def local_ids(raws) -> dict[str, str]:
    """Each raw id of a map (a node id, a title, a speaker's name) -> the local part of its IRI,
    injectively.

    An id that is its own slug (``a``, ``x-y``, ``6064``) is kept; any other (``A``, ``x y``,
    ``1.1``, a long one) is slugged and gets a short hash of the raw id (``a-3f2a9c``), so ``A`` and
    ``a``, or ``x y`` and ``x-y``, stay apart, and the same raw id always gets the same local id. A
    hashed id that meets another id takes a longer hash."""
    import hashlib

    raws = list(dict.fromkeys(raws))
    plain = {r for r in raws if slug(r) == r and len(r) <= MAX_SLUG}
    out = {r: r for r in plain}
    taken = set(plain)
    for raw in sorted(r for r in raws if r not in plain):
        base = slug(raw)[:MAX_SLUG].strip("-") or "x"
        digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
        for size in (6, 12, 64):
            candidate = f"{base}-{digest[:size]}"
            if candidate not in taken:
                break
        else:  # pragma: no cover - a SHA-256 collision
            n = 2
            while f"{candidate}-{n}" in taken:
                n += 1
            candidate = f"{candidate}-{n}"
        out[raw] = candidate
        taken.add(candidate)
    return out


def short_label(text: str) -> str:
    words = " ".join(_UNWRITABLE.sub("", text).split()).split(" ")
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


class Builder:
    def __init__(
        self,
        imported: ImportedMap,
        prefix: str,
        author: str | None = None,
        perspective: URIRef | None = None,
        source: tuple[URIRef, str] | None = None,
        find=None,
        known_agents=frozenset(),
    ):
        self.m, self.prefix = imported, prefix
        self.g = Graph()
        self.todo: list[str] = []
        self.perspective, self.source, self.find = perspective, source, find
        self.local = {
            "claim": local_ids(imported.statements),
            "arg": local_ids(imported.inferences),
            "speaker": local_ids(n for st in imported.statements.values() for n in st.speakers),
        }
        self.author = agent_iri(author) if author else KB[f"{prefix}-authors"]
        # an agent id (kb:argkb-editors), or a name whose agent the knowledge base holds, is only
        # referenced: giving it a label here would relabel it across the knowledge base once added
        if not (author and (":" in author or self.author in known_agents)):
            self._agent(self.author, author or f"the authors of {imported.name}")
        self.quotes = 0

    def iri(self, kind: str, ident: str) -> URIRef:
        return KB[f"{self.prefix}-{kind}-{self.local[kind][ident]}"]

    def _agent(self, iri: URIRef, name: str) -> None:
        if (iri, RDF.type, PROV.Agent) not in self.g:
            self.g.add((iri, RDF.type, PROV.Agent))
            self.g.add((iri, RDFS.label, literal(name)))

    def claims(self) -> None:
        for st in self.m.statements.values():
            claim = self.iri("claim", st.id)
            self.g.add((claim, RDF.type, ARGKB.Claim))
            self.g.add((claim, RDFS.label, literal(st.title or short_label(st.text))))
            self.g.add((claim, ARGKB.statement, literal(st.text)))
            for name in st.speakers:
                agent = self.iri("speaker", name)
                self._agent(agent, name)
                self.g.add((claim, PROV.wasAttributedTo, agent))
            if not st.speakers:
                self.g.add((claim, PROV.wasAttributedTo, self.author))
            if self.source is not None:
                self._quote(claim, [*st.words, st.text])

    def _quote(self, claim: URIRef, candidates: list[str]) -> None:
        if self.source is None:
            return
        node, text = self.source
        for words in candidates:
            found = self.find(text, words) if words.strip() else None
            if found is None:
                continue
            start, end = found
            self.quotes += 1
            quote = KB[f"{self.prefix}-quote-{self.quotes}"]
            self.g.add((claim, ARGKB.evidence, quote))
            self.g.add((quote, RDF.type, ARGKB.Quote))
            self.g.add((quote, OA.hasSource, node))
            self.g.add((quote, OA.exact, Literal(text[start:end])))
            self.g.add((quote, OA.start, Literal(start)))
            self.g.add((quote, OA.end, Literal(end)))
            return

    def arguments(self) -> None:
        for inf in self.m.inferences.values():
            arg = self.iri("arg", inf.id)
            g = self.g
            g.add((arg, RDF.type, ARGKB.Argument))
            g.add((arg, RDFS.label, literal(self._argument_label(inf))))
            g.add((arg, PROV.wasAttributedTo, self.author))
            for premise in inf.premises:
                g.add((arg, ARGKB.premise, self.iri("claim", premise)))
            if inf.target in self.m.inferences:
                g.add((arg, ARGKB.attacks, self.iri("arg", inf.target)))
            else:
                g.add(
                    (
                        arg,
                        ARGKB.attacks if inf.kind == ATTACK else ARGKB.conclusion,
                        self.iri("claim", inf.target),
                    )
                )
            if inf.warrant:
                g.add((arg, ARGKB.warrant, literal(inf.warrant)))
            else:
                self._todo(
                    arg,
                    f"argkb:warrant — why do the premises "
                    f"{'count against' if inf.kind == ATTACK else 'support'} the target?",
                )
            lens = next(
                (PERSPECTIVES[k] for k in map(_lens_key, inf.tags) if k in PERSPECTIVES), None
            )
            if lens is None and self.perspective is not None:
                lens = self.perspective
                g.add(
                    (
                        arg,
                        SKOS.editorialNote,
                        Literal(
                            "argkb:perspective is the importer's declared default "
                            f"(--perspective), not read from {self.m.name}"
                        ),
                    )
                )
            if lens is not None:
                g.add((arg, ARGKB.perspective, lens))
            else:
                self._todo(arg, "argkb:perspective — through which lens is it read?")

    def _todo(self, node: URIRef, what: str) -> None:
        self.todo.append(f"{_curie(node)}: {what}")
        self.g.add((node, ARGKB.todo, Literal(f"supply {what}", lang="en")))

    def _argument_label(self, inf) -> str:
        if inf.title:
            return inf.title
        target = self.m.statements.get(inf.target)
        what = f"“{short_label(target.text)}”" if target else f"argument {inf.target}"
        verb = {"support": "supports", "attack": "attacks", "rephrase": "rephrases"}[inf.kind]
        return f"{verb} {what}"


def _lens_key(tag: str) -> str:
    """``#(Diplomatic practice)``, ``#diplomatic_practice`` -> ``diplomatic-practice``."""
    return "-".join(tag.lower().replace("_", " ").split())


def _curie(iri: URIRef) -> str:
    return "kb:" + str(iri)[len(str(KB)) :]


def build(imported: ImportedMap, prefix: str, **options) -> tuple[Graph, list[str]]:
    """The contribution graph, and the TODO lines (what the analyst must still supply)."""
    b = Builder(imported, prefix, **options)
    b.claims()
    b.arguments()
    return b.g, b.todo


def to_text(graph: Graph, todo: list[str], imported: ImportedMap, origin: str) -> str:
    counts = imported.counts()
    header = [
        f"argkb contribution imported from {origin} by `argkb import`.",
        f"{counts['claims']} claims, {counts['supports']} supporting and {counts['attacks']} "
        "attacking arguments.",
        "Review it, supply every TODO below (argkb validate lists them), then `argkb add` it.",
    ]
    if imported.skipped:
        header += ["", f"Not imported ({len(imported.skipped)}):"] + [
            f"  - {s}" for s in imported.skipped
        ]
    header += ["", f"TODO ({len(todo)}):"] + [f"  TODO {t}" for t in sorted(todo)]
    return to_turtle(graph, header="\n".join(header))
