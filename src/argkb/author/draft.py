"""``argkb draft SOURCE``: a Turtle scaffold of the implications (and, on request, claims) an
article states.

For each sentence the detector (``argkb.author.detect``) finds to state a consequence, the draft
holds an ``argkb:Implication`` stub with a readable id made from its label
(``kb:impl-summit-unity-fragile``): the sentence as its statement, a Quote anchored at the
sentence's offsets in the stored text, and proposals — the qualifier from the modal verb, a short
label from the consequence clause, triggering moves and affected actors (``propose``: from the
knowledge base, else new stub moves and gazetteer actors, ``stubs``) — each named by an
``argkb:proposed`` statement and a comment saying where it came from. What only the analyst can
decide is an ``argkb:todo``: confirming the trigger, the arguments per perspective with their
warrants, and the affected actors when none was found. ``argkb validate`` reports each open TODO as
one violation (and nothing else about the stub), so the draft is finished when it validates.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

from argkb.author.article import proposals
from argkb.author.clauses import label as clause_label
from argkb.author.detect import Finding, detect
from argkb.author.draft_turtle import Statement, Turtle, finish, rule
from argkb.author.propose import Proposal, Vocabulary
from argkb.author.stubs import Ids, Stubs
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase, register_hint
from argkb.rdf.ids import short, to_iri
from argkb.rdf.serialize import comment_text
from argkb.vocab import ARGKB, OA
from argkb.vocab.lenses import BUILT_IN, NOTATION, local_name

TODO_MOVE = (
    "the move: confirm the proposed argkb:trigger {moves} or replace it with the move(s) that "
    "trigger this"
)
TODO_MOVE_NONE = (
    "the move: add argkb:trigger with the move(s) that trigger this (an existing argkb:Move, or a "
    "new one with argkb:actor, argkb:lever and argkb:direction)"
)
TODO_ARGUMENTS = (
    "the arguments: at least one argkb:Argument per perspective you read this through, each with "
    "argkb:conclusion {node}, argkb:perspective, argkb:premise and a one-sentence argkb:warrant "
    "(template below)"
)
TODO_AFFECTS = (
    "the affected actors: add argkb:affects (the sentence names no actor the knowledge base or "
    "the gazetteer knows)"
)


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
    """The consequences the detector finds in a source that no implication quotes and no dismissal
    sets aside (for ``argkb source show``)."""
    from argkb.store import open_store

    source, text = source_of(kb, name)
    store = store or open_store(kb)
    from argkb.author.queries import QUOTED_SPANS_QUERY

    rows = store.query(QUOTED_SPANS_QUERY, {"_source": source}).rows
    spans = [(int(s), int(e)) for s, e in rows]
    return [
        f
        for f in detect(text)
        if not any(s < f.sentence.end and f.sentence.start < e for s, e in spans)
    ]


def draft(
    kb: KnowledgeBase,
    name: str,
    claims: bool = False,
    store=None,
    notes: dict[URIRef, list[tuple[URIRef, str]]] | None = None,
) -> str:
    """The draft of source ``name`` as Turtle text.

    ``notes``, when given, receives for each implication how its affected actors were proposed
    (``(actor, how)``), as the Turtle's comments say it (for the Argdown draft), and the
    attribution its label left out (``(rdfs:label, "the sentence attributes it: …")``)."""
    from argkb.store import open_store

    source, text = source_of(kb, name)
    store = store or open_store(kb)
    vocabulary = Vocabulary(store)
    findings = detect(text, claims=claims)
    out = Turtle()
    out.term(RDF.type)
    out.used.update(("argkb", "kb", "oa", "prov", "rdfs"))  # the template's prefixes too
    ids = Ids(store)
    stubs = Stubs(out, ids, store)
    blocks: list[str] = []
    proposed = proposals(vocabulary, text, findings)
    for finding in findings:
        if finding.consequence:
            proposal = proposed[finding.sentence.number]
            blocks.append(
                _implication(
                    out, source, ids, stubs, finding, proposal, notes if notes is not None else {}
                )
            )
        else:
            blocks.append(_claim(out, source, ids, finding))
    return finish(out, _header(source, findings, claims), blocks, short(source))


def _header(source: URIRef, findings: list[Finding], claims: bool) -> list[str]:
    consequences = sum(f.consequence for f in findings)
    return [
        f"Draft of {short(source)}, written by `argkb draft`: {consequences} consequence sentence"
        f"{'s' * (consequences != 1)}"
        + (f" and {len(findings) - consequences} other claims." if claims else "."),
        "",
        "Each implication quotes its sentence (offsets counted in the stored text). Values marked",
        "`argkb:proposed` were proposed from the sentence's words: check them, then delete the "
        "argkb:proposed",
        "statement. Each `argkb:todo` is a decision only you can take; delete it once done.",
        "New actors, levers and moves the draft proposes (stubs) come before the first "
        "implication using them.",
        "`argkb validate THIS_FILE` lists what is still open; `argkb add THIS_FILE` once it "
        "conforms.",
        "A sentence that is not a consequence: delete its stub and quote, and record why with",
        f'`argkb source dismiss {short(source).split(":", 1)[-1]} SENTENCE --reason "…"` (`argkb '
        "source show` then stops counting it).",
    ]


def _quote(out: Turtle, source: URIRef, node: URIRef, finding: Finding) -> tuple[URIRef, str]:
    s = finding.sentence
    return node, out.block(
        node,
        [
            (RDF.type, [ARGKB.Quote], None),
            (OA.hasSource, [source], None),
            (OA.exact, [Literal(s.text)], None),
            (OA.start, [Literal(s.start)], None),
            (OA.end, [Literal(s.end)], None),
        ],
    )


def _implication(
    out: Turtle,
    source: URIRef,
    ids: Ids,
    stubs: Stubs,
    finding: Finding,
    proposal: Proposal,
    notes: dict[URIRef, list[tuple[URIRef, str]]],
) -> str:
    s = finding.sentence
    node = ids.new(proposal.label, "impl")
    local = str(node).rsplit("/", 1)[-1]
    quote_node, quote = _quote(out, source, ids.new(local[len("impl-") :], "quote", 8), finding)
    new: list[str] = []  # stub actors, levers, moves first used here
    triggers = [(stubs.move(m, new), m) for m in proposal.triggers]
    moves = [n for n, _ in triggers]
    affects = [(stubs.actor(a, new), a.how) for a in proposal.affects]
    notes[node] = affects + (
        [(RDFS.label, f'the sentence attributes it: "{proposal.attribution}"')]
        if proposal.attribution
        else []
    )
    todos = [
        TODO_MOVE.format(moves=", ".join(short(m) for m in moves)) if moves else TODO_MOVE_NONE,
        TODO_ARGUMENTS.format(node=short(node)),
    ]
    if not affects:
        todos.append(TODO_AFFECTS)
    proposed = (
        [RDFS.label, ARGKB.qualifier]
        + ([ARGKB.trigger] if moves else [])
        + ([ARGKB.affects] if affects else [])
    )
    statements: list[Statement] = [
        (RDF.type, [ARGKB.Implication], None),
        (
            RDFS.label,
            [Literal(proposal.label, lang="en")],
            "proposed: the consequence clause, shortened"
            + (
                f'; the sentence attributes it: "{proposal.attribution}"'
                if proposal.attribution
                else ""
            ),
        ),
        (ARGKB.statement, [Literal(" ".join(s.text.split()), lang="en")], None),
        (ARGKB.evidence, [quote_node], None),
        (ARGKB.qualifier, [finding.qualifier], f"proposed from {finding.cue!r}"),
    ]
    statements += [
        (
            ARGKB.trigger,
            [move],
            f"proposed: {ref.why}" + (" (a new move, above)" if ref.node is None else ""),
        )
        for move, ref in triggers
    ]
    statements += [(ARGKB.affects, [actor], f"proposed: {how}") for actor, how in affects]
    statements += [
        (ARGKB.proposed, proposed, None),
        (ARGKB.todo, [Literal(t, lang="en") for t in todos], None),
    ]
    head = rule(f"sentence {s.number}, [{s.start}, {s.end}), found by {finding.cue!r}")
    stubs_text = "".join(block + "\n" for block in new)
    return (
        head
        + "\n"
        + stubs_text
        + out.block(node, statements)
        + "\n"
        + quote
        + "\n"
        + _argument_template(out, node, local[len("impl-") :])
    )


def _argument_template(out: Turtle, node: URIRef, slug: str) -> str:
    lens = BUILT_IN[0]  # the example lens: the ontology's first (argkb.vocab.lenses)
    argument = URIRef(str(node).rsplit("/", 1)[0] + f"/arg-{slug}-{NOTATION[lens]}")
    return "\n".join(
        [
            "# TODO arguments: copy this block once per perspective, complete it and remove the "
            "leading '# '.",
            f"# {comment_text(out.term(argument))} a argkb:Argument ;",
            '#     rdfs:label "…"@en ;',
            f"#     argkb:perspective argkb:{local_name(lens)} ;",
            "#     argkb:premise kb:… ;                 # TODO: the claims it reasons from",
            '#     argkb:warrant "TODO: why these premises support the implication"@en ;',
            f"#     argkb:conclusion {comment_text(out.term(node))} ;",
            "#     prov:wasAttributedTo kb:argkb-editors .",
            "",
        ]
    )


def _claim(out: Turtle, source: URIRef, ids: Ids, finding: Finding) -> str:
    s = finding.sentence
    label = clause_label(s.text)
    node = ids.new(label, "claim")
    quote_node, quote = _quote(
        out, source, ids.new(str(node).rsplit("/", 1)[-1][len("claim-") :], "quote", 8), finding
    )
    return (
        rule(f"sentence {s.number}, [{s.start}, {s.end}): a claim")
        + "\n"
        + out.block(
            node,
            [
                (RDF.type, [ARGKB.Claim], None),
                (RDFS.label, [Literal(label, lang="en")], "proposed: the main clause, shortened"),
                (ARGKB.statement, [Literal(" ".join(s.text.split()), lang="en")], None),
                (ARGKB.evidence, [quote_node], None),
                (ARGKB.proposed, [RDFS.label], None),
            ],
        )
        + "\n"
        + quote
    )


__all__ = ["draft", "unquoted_consequences", "source_of"]
