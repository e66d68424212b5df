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

from rdflib import Literal, URIRef

from argkb.author.detect import Finding, detect
from argkb.author.propose import Proposal, Vocabulary
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, register_hint
from argkb.rdf.ids import short, to_iri
from argkb.vocab import ARGKB
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
    rows = store.query(
        "SELECT ?start ?end WHERE { ?impl a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?c ; ?ev ?q . "
        "FILTER (?c = ?implication && ?ev = ?evidence) "
        "?q <http://www.w3.org/ns/oa#hasSource> ?_source ; <http://www.w3.org/ns/oa#start> ?start ; "
        "<http://www.w3.org/ns/oa#end> ?end }"
        .replace("?implication", f"<{ARGKB.Implication}>").replace("?evidence", f"<{ARGKB.evidence}>"),
        {"_source": source}).rows
    spans = [(int(s), int(e)) for s, e in rows]
    return [f for f in detect(text) if not any(s < f.sentence.end and f.sentence.start < e for s, e in spans)]


def draft(kb: KnowledgeBase, name: str, claims: bool = False, store=None) -> str:
    """The draft of source ``name`` as Turtle text."""
    from argkb.store import open_store

    source, text = source_of(kb, name)
    vocabulary = Vocabulary(store or open_store(kb))
    slug = short(source).split(":", 1)[-1]
    findings = detect(text, claims=claims)
    blocks = [_header(source, findings, claims)]
    for finding in findings:
        if finding.consequence:
            blocks.append(_implication(source, slug, finding, vocabulary.propose(finding.sentence.text)))
        else:
            blocks.append(_claim(source, slug, finding))
    return "\n".join(blocks)


# ------------------------------------------------------------------ writing

def _header(source: URIRef, findings: list[Finding], claims: bool) -> str:
    consequences = sum(f.consequence for f in findings)
    lines = [
        f"# Draft of {short(source)}, written by `argkb draft`: {consequences} consequence sentence"
        f"{'s' * (consequences != 1)}" + (f" and {len(findings) - consequences} other claims." if claims else "."),
        "#",
        "# Each implication quotes its sentence (offsets counted in the stored text). Values marked",
        "# `argkb:proposed` were proposed from the sentence's words: check them, then delete the argkb:proposed",
        "# statement. Each `argkb:todo` is a decision only you can take; delete it once done.",
        "# `argkb validate THIS_FILE` lists what is still open; `argkb add THIS_FILE` once it conforms.",
        "# Sentences that are not consequences can simply be deleted, with their quote.",
        "",
    ]
    lines += [f"@prefix {p}: <{PREFIXES[p]}> ." for p in ("argkb", "kb", "oa", "prov", "rdfs")]
    return "\n".join(lines) + "\n"


def _quote(source: URIRef, slug: str, finding: Finding) -> tuple[str, str]:
    s = finding.sentence
    node = f"kb:quote-{slug}-s{s.number}"
    return node, (f"{node} a argkb:Quote ;\n"
                  f"    oa:hasSource {short(source)} ;\n"
                  f"    oa:exact {Literal(s.text).n3()} ;\n"
                  f"    oa:start {s.start} ;\n"
                  f"    oa:end {s.end} .\n")


def _label(sentence: str, words: int = 10) -> str:
    """A short label proposed from the sentence: its main clause's first words."""
    flat = " ".join(sentence.split()).rstrip(".!;:")
    clause = re.split(r",\s+(?=(?:it|they|this|there|the|a|an|he|she|we)\b)", flat, maxsplit=1)
    main = clause[1] if len(clause) == 2 and re.match(r"^(?:\w+,\s*)?(?:if|when|unless|should|once)\b", flat, re.I) else flat
    cut = main.split()
    return " ".join(cut[:words]) + ("…" if len(cut) > words else "")


def _implication(source: URIRef, slug: str, finding: Finding, proposal: Proposal) -> str:
    s = finding.sentence
    node = f"kb:impl-{slug}-s{s.number}"
    quote_node, quote = _quote(source, slug, finding)
    moves = [m for m, _ in proposal.triggers]
    affects = proposal.affects
    todos = [TODO_MOVE.format(moves=", ".join(short(m) for m in moves)) if moves else TODO_MOVE_NONE,
             TODO_ARGUMENTS.format(node=node)]
    if not affects:
        todos.append(TODO_AFFECTS)
    proposed = ["rdfs:label", "argkb:qualifier"] + (["argkb:trigger"] if moves else []) + (["argkb:affects"] if affects else [])
    lines = [f"# --- sentence {s.number}, [{s.start}, {s.end}), found by {finding.cue!r} " + "-" * 20,
             f"{node} a argkb:Implication ;",
             f"    rdfs:label {Literal(_label(s.text), lang='en').n3()} ;    # proposed: the sentence's first words",
             f"    argkb:statement {Literal(' '.join(s.text.split()), lang='en').n3()} ;",
             f"    argkb:evidence {quote_node} ;",
             f"    argkb:qualifier {short(finding.qualifier)} ;    # proposed from {finding.cue!r}"]
    for move, why in proposal.triggers:
        lines.append(f"    argkb:trigger {short(move)} ;    # proposed: {why}")
    for actor, words in affects:
        lines.append(f"    argkb:affects {short(actor)} ;    # proposed: named in the sentence (\"{words}\")")
    lines.append(f"    argkb:proposed {', '.join(proposed)} ;")
    lines.append("    argkb:todo " + " ,\n        ".join(Literal(t, lang="en").n3() for t in todos) + " .")
    template = _argument_template(node, slug, s.number)
    return "\n".join(lines) + "\n\n" + quote + "\n" + template


def _argument_template(node: str, slug: str, number: int) -> str:
    return "\n".join([
        "# TODO arguments: copy this block once per perspective, complete it and remove the leading '# '.",
        f"# kb:arg-{slug}-s{number}-realism a argkb:Argument ;",
        "#     rdfs:label \"…\"@en ;",
        "#     argkb:perspective argkb:Realism ;",
        "#     argkb:premise kb:… ;                 # TODO: the claims it reasons from",
        "#     argkb:warrant \"TODO: why these premises support the implication\"@en ;",
        f"#     argkb:conclusion {node} ;",
        "#     prov:wasAttributedTo kb:argkb-editors .",
        ""])


def _claim(source: URIRef, slug: str, finding: Finding) -> str:
    s = finding.sentence
    node = f"kb:claim-{slug}-s{s.number}"
    quote_node, quote = _quote(source, slug, finding)
    return "\n".join([
        f"# --- sentence {s.number}, [{s.start}, {s.end}): a claim " + "-" * 20,
        f"{node} a argkb:Claim ;",
        f"    rdfs:label {Literal(_label(s.text), lang='en').n3()} ;    # proposed: the sentence's first words",
        f"    argkb:statement {Literal(' '.join(s.text.split()), lang='en').n3()} ;",
        f"    argkb:evidence {quote_node} ;",
        "    argkb:proposed rdfs:label .",
        "", quote])


__all__ = ["draft", "unquoted_consequences", "source_of"]
