"""``argkb draft SOURCE``: a Turtle scaffold of the implications (and, on request, claims) an article states.

For each sentence the detector (``argkb.author.detect``) finds to state a consequence, the draft
holds an ``argkb:Implication`` stub: the sentence as its statement, a Quote anchored at the
sentence's offsets in the stored text, and proposals — the qualifier from the modal verb, a
short label, triggering moves and affected actors from the knowledge base (``propose``) — each
named by an ``argkb:proposed`` statement and a comment saying where it came from. What only the
analyst can decide is an ``argkb:todo``: the move(s) that trigger it, its arguments per
perspective with their warrants, and the affected actors when none was found. ``argkb validate``
reports each open TODO as one violation of rule 2 (and nothing else about the stub), so the draft
is finished when it validates.
"""
from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argkb.author.detect import Finding, detect
from argkb.author.propose import Proposal, Vocabulary
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, register_hint
from argkb.rdf.ids import short, to_iri
from argkb.rdf.serialize import comment_text, term_turtle
from argkb.rdf.strict import check_turtle
from argkb.vocab import ARGKB, OA
from argkb.vocab.lenses import BUILT_IN, NOTATION, local_name
from argkb.vocab.namespaces import PREFIXES

TODO_MOVE = "the move: confirm the proposed argkb:trigger {moves} or replace it with the move(s) that trigger this"
TODO_MOVE_NONE = ("the move: add argkb:trigger with the move(s) that trigger this (an existing argkb:Move, or a new one "
                  "with argkb:actor, argkb:lever and argkb:direction)")
TODO_ARGUMENTS = ("the arguments: at least one argkb:Argument per perspective you read this through, each with "
                  "argkb:conclusion {node}, argkb:perspective, argkb:premise and a one-sentence argkb:warrant "
                  "(template below)")
TODO_AFFECTS = "the affected actors: add argkb:affects (no actor of the knowledge base is named in the sentence)"


def source_of(kb: KnowledgeBase, name: str) -> tuple[URIRef, str]:
    """The source's IRI and its stored text, or a UsageError saying how to register it."""
    iri = to_iri(name)
    text = kb.source_text(iri)
    if text is None:
        where = kb.source_text_path(iri)
        looked = f" (looked for {where.relative_to(kb.root)})" if where is not None else ""
        raise UsageError(f"no stored text for source {short(iri)}{looked}: {register_hint(iri)}")
    return iri, text


def unquoted_consequences(kb: KnowledgeBase, name: str, store=None) -> list[Finding]:
    """The consequences the detector finds in a source that no implication quotes yet (for ``argkb source show``)."""
    from argkb.store import open_store

    source, text = source_of(kb, name)
    store = store or open_store(kb)
    from argkb.author.queries import QUOTED_SPANS_QUERY

    rows = store.query(QUOTED_SPANS_QUERY, {"_source": source}).rows
    spans = [(int(s), int(e)) for s, e in rows]
    return [f for f in detect(text) if not any(s < f.sentence.end and f.sentence.start < e for s, e in spans)]


def draft(kb: KnowledgeBase, name: str, claims: bool = False, store=None) -> str:
    """The draft of source ``name`` as Turtle text."""
    from argkb.store import open_store

    source, text = source_of(kb, name)
    vocabulary = Vocabulary(store or open_store(kb))
    slug = short(source).split(":", 1)[-1]
    findings = detect(text, claims=claims)
    out = _Turtle()
    out.term(RDF.type), out.used.update(("argkb", "kb", "oa", "prov", "rdfs"))   # the template's prefixes too
    blocks = []
    for finding in findings:
        if finding.consequence:
            blocks.append(_implication(out, source, slug, finding, vocabulary.propose(finding.sentence.text)))
        else:
            blocks.append(_claim(out, source, slug, finding))
    return _finish(out, _header(source, findings, claims), blocks, short(source))


# ------------------------------------------------------------------ writing
#
# No Turtle is written by hand: every IRI and literal goes through the strict serialiser
# (``argkb.rdf.serialize.term_turtle``, pyoxigraph), every comment through ``comment_text`` (a line break
# in an actor's name or a sentence must not end the comment), and the whole draft is re-parsed by
# pyoxigraph's strict parser and compared with the triples meant (``check_turtle``) before it is returned.


class _Turtle:
    """The draft being written: its lines, the triples they mean, the prefixes they use."""

    def __init__(self):
        self.graph = Graph()
        self.used: set[str] = set()

    def term(self, term) -> str:
        return term_turtle(term, self.used)

    def block(self, subject: URIRef, statements: list[tuple[URIRef, list, str | None]]) -> str:
        """``subject`` with its (predicate, objects, comment) statements, one statement a line."""
        lines = []
        for n, (predicate, objects, comment) in enumerate(statements):
            for obj in objects:
                self.graph.add((subject, predicate, obj))
            end = " ." if n == len(statements) - 1 else " ;"
            joint = " ,\n        " if any(isinstance(o, Literal) for o in objects) else ", "
            text = f"{self.term(predicate)} " + joint.join(self.term(o) for o in objects) + end
            lines.append((f"{self.term(subject)} " if n == 0 else "    ") + text
                         + (f"    # {comment_text(comment)}" if comment else ""))
        return "\n".join(lines) + "\n"


def _kb(local: str) -> URIRef:
    return URIRef(PREFIXES["kb"] + local)


def _finish(out: _Turtle, header: list[str], blocks: list[str], name: str) -> str:
    prefixes = [f"@prefix {p}: <{PREFIXES[p]}> ." for p in PREFIXES if p in out.used]
    text = "\n".join(f"# {comment_text(line)}".rstrip() for line in header) + "\n\n" + "\n".join(prefixes) + "\n\n" \
        + "\n".join(blocks)
    check_turtle(text.encode("utf-8"), out.graph, f"the draft of {name}")
    return text


def _header(source: URIRef, findings: list[Finding], claims: bool) -> list[str]:
    consequences = sum(f.consequence for f in findings)
    return [
        f"Draft of {short(source)}, written by `argkb draft`: {consequences} consequence sentence"
        f"{'s' * (consequences != 1)}" + (f" and {len(findings) - consequences} other claims." if claims else "."),
        "",
        "Each implication quotes its sentence (offsets counted in the stored text). Values marked",
        "`argkb:proposed` were proposed from the sentence's words: check them, then delete the argkb:proposed",
        "statement. Each `argkb:todo` is a decision only you can take; delete it once done.",
        "`argkb validate THIS_FILE` lists what is still open; `argkb add THIS_FILE` once it conforms.",
        "Sentences that are not consequences can simply be deleted, with their quote.",
    ]


def _quote(out: _Turtle, source: URIRef, slug: str, finding: Finding) -> tuple[URIRef, str]:
    s = finding.sentence
    node = _kb(f"quote-{slug}-s{s.number}")
    return node, out.block(node, [(RDF.type, [ARGKB.Quote], None), (OA.hasSource, [source], None),
                                  (OA.exact, [Literal(s.text)], None), (OA.start, [Literal(s.start)], None),
                                  (OA.end, [Literal(s.end)], None)])


def _label(sentence: str, words: int = 10) -> str:
    """A short label proposed from the sentence: its main clause's first words."""
    flat = " ".join(sentence.split()).rstrip(".!;:")
    clause = re.split(r",\s+(?=(?:it|they|this|there|the|a|an|he|she|we)\b)", flat, maxsplit=1)
    main = clause[1] if len(clause) == 2 and re.match(r"^(?:\w+,\s*)?(?:if|when|unless|should|once)\b", flat, re.I) else flat
    cut = main.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _rule(text: str) -> str:
    return f"# --- {comment_text(text)} " + "-" * 20


def _implication(out: _Turtle, source: URIRef, slug: str, finding: Finding, proposal: Proposal) -> str:
    s = finding.sentence
    node = _kb(f"impl-{slug}-s{s.number}")
    quote_node, quote = _quote(out, source, slug, finding)
    moves = [m for m, _ in proposal.triggers]
    affects = proposal.affects
    todos = [TODO_MOVE.format(moves=", ".join(short(m) for m in moves)) if moves else TODO_MOVE_NONE,
             TODO_ARGUMENTS.format(node=short(node))]
    if not affects:
        todos.append(TODO_AFFECTS)
    proposed = [RDFS.label, ARGKB.qualifier] + ([ARGKB.trigger] if moves else []) + ([ARGKB.affects] if affects else [])
    statements = [(RDF.type, [ARGKB.Implication], None),
                  (RDFS.label, [Literal(_label(s.text), lang="en")], "proposed: the sentence's first words"),
                  (ARGKB.statement, [Literal(" ".join(s.text.split()), lang="en")], None),
                  (ARGKB.evidence, [quote_node], None),
                  (ARGKB.qualifier, [finding.qualifier], f"proposed from {finding.cue!r}")]
    statements += [(ARGKB.trigger, [move], f"proposed: {why}") for move, why in proposal.triggers]
    statements += [(ARGKB.affects, [actor], f'proposed: named in the sentence ("{words}")') for actor, words in affects]
    statements += [(ARGKB.proposed, proposed, None), (ARGKB.todo, [Literal(t, lang="en") for t in todos], None)]
    head = _rule(f"sentence {s.number}, [{s.start}, {s.end}), found by {finding.cue!r}")
    return head + "\n" + out.block(node, statements) + "\n" + quote + "\n" + _argument_template(out, node, slug, s.number)


def _argument_template(out: _Turtle, node: URIRef, slug: str, number: int) -> str:
    return "\n".join([
        "# TODO arguments: copy this block once per perspective, complete it and remove the leading '# '.",
        f"# {comment_text(out.term(_kb(f'arg-{slug}-s{number}-{NOTATION[BUILT_IN[0]]}')))} a argkb:Argument ;",
        "#     rdfs:label \"…\"@en ;",
        f"#     argkb:perspective argkb:{local_name(BUILT_IN[0])} ;",
        "#     argkb:premise kb:… ;                 # TODO: the claims it reasons from",
        "#     argkb:warrant \"TODO: why these premises support the implication\"@en ;",
        f"#     argkb:conclusion {comment_text(out.term(node))} ;",
        "#     prov:wasAttributedTo kb:argkb-editors .",
        ""])


def _claim(out: _Turtle, source: URIRef, slug: str, finding: Finding) -> str:
    s = finding.sentence
    node = _kb(f"claim-{slug}-s{s.number}")
    quote_node, quote = _quote(out, source, slug, finding)
    return _rule(f"sentence {s.number}, [{s.start}, {s.end}): a claim") + "\n" + out.block(node, [
        (RDF.type, [ARGKB.Claim], None),
        (RDFS.label, [Literal(_label(s.text), lang="en")], "proposed: the sentence's first words"),
        (ARGKB.statement, [Literal(" ".join(s.text.split()), lang="en")], None),
        (ARGKB.evidence, [quote_node], None),
        (ARGKB.proposed, [RDFS.label], None)]) + "\n" + quote


__all__ = ["draft", "unquoted_consequences", "source_of"]
