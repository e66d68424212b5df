"""``argkb source dismiss SOURCE SENTENCE --reason …``: record that a drafted sentence states no
consequence.

The detector (``argkb.author.detect``) proposes some sentences that are not consequences (a
capability, an estimate, an evaluation). Deleting their stubs from a draft leaves them open in
``argkb source show``; a dismissal closes them: an ``argkb:Dismissal`` that ``argkb:dismisses`` the
sentence's Quote (anchored at its offsets in the stored text) with the editors' ``argkb:reason``,
attributed to ``kb:argkb-editors`` and dated (``prov:generatedAtTime``), added as one logged
contribution like any other (``argkb retract`` undoes it).
"""

from __future__ import annotations

from datetime import UTC, datetime

from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS, XSD

from argkb.author.draft import source_of, unquoted_consequences
from argkb.author.queries import DESCRIBED
from argkb.errors import UsageError
from argkb.kb.folder import KnowledgeBase
from argkb.kb.scratch import scratch
from argkb.rdf.ids import short
from argkb.rdf.serialize import to_turtle
from argkb.vocab import ARGKB, KB, OA

EDITORS = KB["argkb-editors"]


def dismissal_graph(source, slug: str, sentence, reason: str, with_editors: bool) -> Graph:
    """The dismissal of ``sentence`` (an ``argkb.author.sentences.Sentence``) of ``source``, with
    its quote."""
    g = Graph()
    node, quote = (
        KB[f"dismissal-{slug}-s{sentence.number}"],
        KB[f"quote-dismissed-{slug}-s{sentence.number}"],
    )
    g.add((node, RDF.type, ARGKB.Dismissal))
    g.add(
        (node, RDFS.label, Literal(f"dismissed: sentence {sentence.number} of {slug}", lang="en"))
    )
    g.add((node, ARGKB.dismisses, quote))
    g.add((node, ARGKB.reason, Literal(reason, lang="en")))
    g.add((node, PROV.wasAttributedTo, EDITORS))
    g.add(
        (
            node,
            PROV.generatedAtTime,
            Literal(datetime.now(UTC).replace(microsecond=0).isoformat(), datatype=XSD.dateTime),
        )
    )
    g.add((quote, RDF.type, ARGKB.Quote))
    g.add((quote, OA.hasSource, source))
    g.add((quote, OA.exact, Literal(sentence.text)))
    g.add((quote, OA.start, Literal(sentence.start)))
    g.add((quote, OA.end, Literal(sentence.end)))
    if with_editors:
        g.add((EDITORS, RDF.type, PROV.Agent))
        g.add((EDITORS, RDF.type, PROV.Organization))
        g.add((EDITORS, RDFS.label, Literal("argkb editors", lang="en")))
    return g


def dismiss(
    kb: KnowledgeBase,
    name: str,
    number: int,
    reason: str,
    *,
    author: str | None = None,
    message: str = "",
    timeout: float = 60.0,
):
    """Dismiss sentence ``number`` of source ``name`` (as ``argkb draft`` and ``argkb source show``
    number it)."""
    from argkb.contrib.add import add
    from argkb.store import open_store

    kb.require_writable()
    reason = " ".join((reason or "").split())
    if not reason:
        raise UsageError(
            'say why the sentence is not a consequence with --reason "…" (e.g. "a capability, not '
            'an outcome")'
        )
    source, _ = source_of(kb, name)
    store = open_store(kb)
    found = {f.sentence.number: f.sentence for f in unquoted_consequences(kb, name, store)}
    if number not in found:
        opened = ", ".join(str(n) for n in sorted(found)) or "none"
        raise UsageError(
            f"sentence {number} of {short(source)} is not an open consequence sentence (one `argkb "
            "draft` proposes that no implication quotes and no dismissal sets aside); the open "
            f"ones are: {opened}"
        )
    sentence = found[number]
    with_editors = not store.query(DESCRIBED, {"_node": EDITORS}).boolean
    slug = short(source).split(":", 1)[-1]
    graph = dismissal_graph(source, slug, sentence, reason, with_editors)
    header = (
        f"Dismissal of sentence {number} of {short(source)}: written by `argkb source dismiss`."
    )
    with scratch(kb, "dismiss") as tmp:
        path = tmp / f"dismissal-{slug}-s{number}.ttl"
        path.write_text(to_turtle(graph, header), encoding="utf-8")
        return add(
            kb,
            [path],
            author=author,
            message=message or f"dismiss sentence {number} of {short(source)}: {reason}",
            timeout=timeout,
        )
