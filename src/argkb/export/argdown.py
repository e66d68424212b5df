"""``argkb export --format argdown``: the graph as argkb-flavoured Argdown (docs/argdown.md).

Claims are Argdown statements (``[id]: statement #tags {data}``), arguments are Argdown arguments
(``<id>: label #lens {data}``) with their premises (``+ [claim]``), conclusion (``+> [claim]``) and
attacks (``-> [claim]``, ``_> <argument>``) as relations below them; quotes are their exact words on
the claim that cites them (``argkb import`` anchors them again in the source text); every other node
(sources, agents, actors, levers, moves, references) is an entry of the front matter's ``argkb:``
block. ``argkb import --from argdown`` reads it back to the same graph, ids included.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from argkb.export import argdown_flavour as fl
from argkb.vocab.namespaces import ARGKB, KB, OA

#: where the Argdown body puts a statement's or an argument's own text; a text outside it goes to
#: the data
_SAFE = re.compile(r"^(?![-+(<>_]|\d)(?!.*(?:[#\[\]<>{}*_@`\\]|//|/\*|\s\s|\s$)).+$")
_QUOTE_KEYS = {RDF.type, OA.hasSource, OA.exact, OA.start, OA.end}
#: the relation below an argument for each of its edges
_PREMISE, _CONCLUSION, _REBUT, _UNDERCUT = "+", "+>", "->", "_>"


def safe_text(text: str) -> bool:
    """Whether ``text`` reads back unchanged as the text of an Argdown statement or argument."""
    return bool(_SAFE.match(text)) and text == " ".join(text.split())


def quote_id(claim: URIRef) -> URIRef:
    """The id a claim's quote has unless the document says otherwise: claim-x / impl-x ->
    quote-x."""
    local = str(claim)[len(str(KB)) :] if str(claim).startswith(str(KB)) else ""
    return KB["quote-" + local.split("-", 1)[1]] if "-" in local else KB["quote-" + local]


class Writer:
    def __init__(
        self,
        graph: Graph,
        source_text: Callable[[URIRef], str | None] | None = None,
        notes: dict | None = None,
    ):
        self.g = graph
        self.notes = notes or {}  # node -> comment lines written after it (a draft's templates)
        self.source_text = source_text or (lambda node: None)
        self._texts: dict = {}
        self.types = {s: set(graph.objects(s, RDF.type)) for s in set(graph.subjects())}
        self.statements = sorted(
            (s for s, t in self.types.items() if t & fl.STATEMENT_TYPES), key=str
        )
        self.statement_set = set(self.statements)
        self.arguments = sorted(
            (
                s
                for s, t in self.types.items()
                if ARGKB.Argument in t and s not in self.statement_set
            ),
            key=str,
        )
        self.argument_set = set(self.arguments)
        body = self.statement_set | self.argument_set
        self.inline = self._inline_quotes(body)
        sources = Counter(self.g.value(q, OA.hasSource) for q in self.inline)
        self.source = sources.most_common(1)[0][0] if sources else None
        self.front = sorted(
            (s for s in self.types if s not in body and s not in self.inline), key=str
        )
        self.by = self._default_by()

    # ------------------------------------------------------------------ quotes
    def _text_of(self, source) -> str | None:
        if source not in self._texts:
            self._texts[source] = self.source_text(source) if isinstance(source, URIRef) else None
        return self._texts[source]

    def _inline_quotes(self, body: set) -> set:
        """The quotes written as words on a claim: cited by a claim, and found again where they are
        when the import anchors their words in the source text (their first occurrence)."""
        out = set()
        for quote in self.g.subjects(RDF.type, ARGKB.Quote):
            preds = set(self.g.predicates(quote))
            values = {p: list(self.g.objects(quote, p)) for p in _QUOTE_KEYS}
            if (
                preds - _QUOTE_KEYS
                or self.types[quote] != {ARGKB.Quote}
                or any(len(v) != 1 for v in values.values())
            ):
                continue
            exact, start, end = values[OA.exact][0], values[OA.start][0], values[OA.end][0]
            if not any(c in body for c in self.g.subjects(ARGKB.evidence, quote)):
                continue
            if (
                fl.encode(exact, fl.STR) != str(exact)
                or fl.encode(start, fl.INT) != _int(start)
                or fl.encode(end, fl.INT) != _int(end)
            ):
                continue
            text, at = self._text_of(values[OA.hasSource][0]), _int(start)
            if (
                text is not None
                and at is not None
                and text.find(str(exact)) == at
                and _int(end) == at + len(str(exact))
            ):
                out.add(quote)
        return out

    # ------------------------------------------------------------------ data
    def _unquoted(self, node) -> bool:
        """Whether the front matter's ``by`` applies to a body node: an argument, or a claim without
        quotes."""
        return node in self.argument_set or not any(
            q in self.inline for q in self.g.objects(node, ARGKB.evidence)
        )

    def _default_by(self):
        """The agent most arguments and unquoted claims are attributed to (alone), if any."""
        counts = Counter()
        for node in (*self.statements, *self.arguments):
            agents = list(self.g.objects(node, PROV.wasAttributedTo))
            if self._unquoted(node) and len(agents) == 1:
                counts[agents[0]] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _data(self, node, skip=frozenset(), body=False) -> dict:
        data: dict = {}
        preds = set(self.g.predicates(node)) - set(skip) - {RDF.type}
        for pred in sorted(preds, key=lambda p: (p != RDFS.label, fl.key_for(p)[0])):
            key, kind = fl.key_for(pred)
            data[key] = fl.encode_all(self.g.objects(node, pred), kind)
        if body and self.by is not None and self._unquoted(node):
            agents = set(self.g.objects(node, PROV.wasAttributedTo))
            if agents == {self.by}:
                del data["by"]
            elif not agents:
                data["by"] = []
        return data

    def _quotes(self, claim, written: set) -> list:
        out: list = []
        for quote in sorted(self.g.objects(claim, ARGKB.evidence), key=str):
            if quote not in self.inline:
                continue
            if quote in written:
                out.append({"id": fl.curie(quote, str(KB))})
                continue
            written.add(quote)
            exact, source = str(self.g.value(quote, OA.exact)), self.g.value(quote, OA.hasSource)
            entry: dict[str, str] = (
                {} if quote == quote_id(claim) else {"id": fl.curie(quote, str(KB))}
            )
            if source != self.source:
                entry["source"] = fl.curie(source, str(KB))
            out.append({**entry, "exact": exact} if entry else exact)
        return out

    # ------------------------------------------------------------------ body
    def statement(self, node, written: set) -> str:
        types = self.types[node]
        tags = sorted(fl.TAG_OF_TYPE[t] for t in types if t in fl.TAG_OF_TYPE)
        implied = {fl.TYPE_TAGS[t] for t in tags} | (
            {ARGKB.Claim} if "implication" not in tags else set()
        )
        texts = list(self.g.objects(node, ARGKB.statement))
        shown = (
            len(texts) == 1
            and fl.encode(texts[0], fl.EN) == str(texts[0])
            and safe_text(str(texts[0]))
        )
        inline = [q for q in self.g.objects(node, ARGKB.evidence) if q in self.inline]
        data = self._data(node, skip={ARGKB.statement} if shown else set(), body=True)
        if inline:
            rest = [
                fl.encode(q, fl.ID)
                for q in sorted(self.g.objects(node, ARGKB.evidence), key=str)
                if q not in self.inline
            ]
            data.pop("evidence", None)
            if rest:
                data["evidence"] = rest[0] if len(rest) == 1 else rest
            quotes = self._quotes(node, written)
            data["quote"] = quotes[0] if len(quotes) == 1 else quotes
        if implied != types:
            data = {"a": sorted(fl.curie(t, str(ARGKB)) for t in types), **data}
        head = f"[{fl.curie(node, str(KB))}]" + (f": {texts[0]}" if shown else "")
        return _line(head, tags, data)

    def argument(self, node) -> str:
        lenses = list(self.g.objects(node, ARGKB.perspective))
        tag = _lens_tag(lenses[0]) if len(lenses) == 1 else None
        labels = list(self.g.objects(node, RDFS.label))
        shown = (
            len(labels) == 1
            and fl.encode(labels[0], fl.EN) == str(labels[0])
            and safe_text(str(labels[0]))
        )
        relations, skip = [], {ARGKB.perspective} if tag else set()
        if shown:
            skip.add(RDFS.label)
        body, arguments = self.statement_set, self.argument_set
        for pred, symbol, targets in (
            (ARGKB.premise, _PREMISE, body),
            (ARGKB.conclusion, _CONCLUSION, body),
            (ARGKB.attacks, _REBUT, body),
            (ARGKB.attacks, _UNDERCUT, arguments),
        ):
            objects = sorted(self.g.objects(node, pred), key=str)
            if all(o in body or o in arguments for o in objects):
                relations += [(symbol, o) for o in objects if o in targets]
                skip.add(pred)
        data = self._data(node, skip, body=True)
        if self.types[node] != {ARGKB.Argument}:
            data = {"a": sorted(fl.curie(t, str(ARGKB)) for t in self.types[node]), **data}
        head = f"<{fl.curie(node, str(KB))}>" + (f": {labels[0]}" if shown else "")
        lines = [_line(head, [tag] if tag else [], data)]
        for symbol, target in relations:
            title = fl.curie(target, str(KB))
            lines.append(f"  {symbol} " + (f"<{title}>" if symbol == _UNDERCUT else f"[{title}]"))
        return "\n".join(lines)

    # ------------------------------------------------------------------ front matter
    def front_matter(self, title: str) -> list[str]:
        lines = [
            "===",
            f"title: {fl.dump(title)}",
            f"{fl.FLAVOUR_KEY}:",
            f"  version: {fl.VERSION}",
        ]
        if self.source is not None:
            lines.append(f"  source: {fl.dump(fl.curie(self.source, str(KB)))}")
        if self.by is not None:
            lines.append(f"  by: {fl.dump(fl.curie(self.by, str(KB)))}")
        groups: dict[str, list[str]] = {}
        for node in self.front:
            name, base = next(
                (n, t) for n, t in fl.GROUPS.items() if t is None or t in self.types[node]
            )
            data = self._data(node)
            extra = sorted(fl.curie(t, str(ARGKB)) for t in self.types[node] if t != base)
            if extra:
                data = {"a": extra[0] if len(extra) == 1 and base is not None else extra, **data}
            groups.setdefault(name, []).append(
                f"    {fl.dump(fl.curie(node, str(KB)))}: {fl.dump(data)}"
            )
        for name in fl.GROUPS:
            if name in groups:
                lines += [f"  {name}:"] + groups[name]
        return lines + ["==="]

    def write(self, title: str = "argkb knowledge base", header: Sequence[str] = ()) -> str:
        out = self.front_matter(title)
        if header:
            out += ["", "/*", *(f"   {line}".rstrip() for line in header), "*/"]
        written: set = set()
        claims = [s for s in self.statements if ARGKB.Implication not in self.types[s]]
        implications = [s for s in self.statements if ARGKB.Implication in self.types[s]]
        for heading, nodes in (("Claims", claims), ("Implications", implications)):
            if nodes:
                out += ["", f"# {heading}", ""]
                for node in nodes:
                    out += [self.statement(node, written), *self.notes.get(node, []), ""]
                out.pop()
        if self.arguments:
            out += ["", "# Arguments", ""]
            for arg in self.arguments:
                out += [self.argument(arg), ""]
        return "\n".join(out).rstrip("\n") + "\n"


def _int(term) -> int | None:
    try:
        return int(str(term))
    except ValueError:
        return None


def _lens_tag(lens) -> str | None:
    from argkb.rdf.ids import PERSPECTIVES

    return next((k for k, v in PERSPECTIVES.items() if v == lens), None)


def _line(head: str, tags: list[str], data: dict) -> str:
    parts = [head] + [f"#{t}" for t in tags] + ([fl.dump(data)] if data else [])
    return " ".join(parts)


def to_argdown_text(
    graph: Graph, source_text=None, title: str = "argkb knowledge base", header=(), notes=None
) -> str:
    """``graph`` as argkb-flavoured Argdown; ``header``: lines of a comment after the front matter;
    ``notes``: node -> comment lines written below its statement."""
    return Writer(graph, source_text, notes).write(title, list(header))


def to_argdown(amap, source_text=None, **_) -> str:
    from argkb.export.rdf import graph_of

    return to_argdown_text(graph_of(amap), source_text, amap.title)
