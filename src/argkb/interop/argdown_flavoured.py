"""argkb-flavoured Argdown (docs/argdown.md) read back into the graph it stands for, ids included.

A document is flavoured when its front matter has an ``argkb:`` block. The body is tokenised by the
same reader as any Argdown (``argkb.interop.argdown.Reader``: one linear pass, the same caps); what
its statements, arguments, relations, tags and ``{data}`` mean is
``argkb.export.argdown_flavour``'s. Quotes are given as their exact words: each is anchored in its
source's text (``--source``, else the front matter's ``source``) at its first occurrence, found as
``argkb quote`` finds a pasted passage. Every error names the line (and column) to fix.
"""

from __future__ import annotations

from collections.abc import Callable

import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from argkb.author.clauses import slug
from argkb.export import argdown_flavour as fl
from argkb.export.argdown import quote_id
from argkb.interop import argdown_pcs as pcs
from argkb.interop.argdown import RELATIONS, Node, Reader
from argkb.interop.argdown_layout import front_matter
from argkb.interop.contribution import short_label
from argkb.interop.model import ATTACK, SUPPORT, MapError
from argkb.rdf.ids import PERSPECTIVES
from argkb.vocab.namespaces import ARGKB, KB, OA

#: libyaml's safe loader where PyYAML was built with it (ten times faster), else the pure-Python one
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str, line: int, what: str):
    """YAML (JSON is YAML) without anchors or aliases, or a ``MapError`` naming the line."""
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                mark = token.start_mark
                raise MapError(
                    f"line {line + mark.line}, column {mark.column + 1}: YAML anchors and aliases "
                    f"(& and *) are not read in {what}; write the value out"
                )
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {line + mark.line}, column {mark.column + 1}" if mark else f"line {line}"
        raise MapError(
            f"{where}: {what} is not valid YAML ({getattr(exc, 'problem', None) or exc}); "
            "quote text values in double quotes"
        ) from None
    except RecursionError:
        raise MapError(f"line {line}: {what} is nested too deeply to read") from None


def flavour(text: str) -> dict | None:
    """The front matter's ``argkb:`` block if the document is argkb-flavoured, else None."""
    found = front_matter(text)
    if found is None:
        return None
    matter = load_yaml(found[0], found[1], "the front matter")
    if not isinstance(matter, dict) or fl.FLAVOUR_KEY not in matter:
        return None
    block = matter[fl.FLAVOUR_KEY]
    if not isinstance(block, dict):
        raise MapError(
            f"line {found[1]}: the front matter's argkb: is not a block of keys (see "
            "docs/argdown.md)"
        )
    return {**block, "_line": found[1]}


class FlavouredReader:
    def __init__(
        self,
        name: str,
        source_text: Callable[[URIRef], str | None],
        source: URIRef | None = None,
        find=None,
    ):
        self.name, self.source_text, self.find = name, source_text, find
        self.g = Graph()
        self.source = source
        self.quotes: dict[URIRef, tuple] = {}  # quote -> (exact, source, line)
        self._texts: dict = {}
        self._steps: dict[str, list] = {}  # an argument's inference steps (argdown_pcs)
        self.named: dict[str, URIRef] = {}  # untitled intermediate conclusion -> its id

    # ------------------------------------------------------------------ values
    def _add(self, node: URIRef, key: str, value, where: str) -> None:
        try:
            pred, kind = fl.pred_for(str(key))
            for obj in fl.decode_all(value, kind):
                self.g.add((node, pred, obj))
        except fl.FlavourError as exc:
            raise MapError(f"{where}: {key}: {exc}") from None

    def _types(self, node: URIRef, value, where: str) -> None:
        try:
            for t in fl.decode_all(value, fl.TERM):
                self.g.add((node, RDF.type, t))
        except fl.FlavourError as exc:
            raise MapError(f"{where}: a: {exc}") from None

    # ------------------------------------------------------------------ front matter
    def front(self, block: dict) -> None:
        line = block.get("_line", 1)
        if block.get("version", fl.VERSION) != fl.VERSION:
            raise MapError(
                f"line {line}: argkb-flavoured Argdown version {block.get('version')!r}; this "
                f"argkb reads version {fl.VERSION}"
            )
        self.by = self._iri(block["by"], f"line {line}: by") if block.get("by") else None
        if self.source is None and block.get("source"):
            self.source = self._iri(block["source"], f"line {line}: source")
        for group, base in fl.GROUPS.items():
            entries = block.get(group) or {}
            if not isinstance(entries, dict):
                raise MapError(
                    f"line {line}: argkb: {group}: is not a block of `id: {{data}}` entries"
                )
            for ident, data in entries.items():
                where = f"line {line}: argkb: {group}: {ident}"
                node = self._iri(ident, where)
                if not isinstance(data, dict):
                    raise MapError(f"{where}: its data is not a {{key: value}} block")
                if base is not None:
                    self.g.add((node, RDF.type, base))
                for key, value in data.items():
                    (self._types if key == "a" else lambda n, v, w, k=key: self._add(n, k, v, w))(
                        node, value, where
                    )
        unknown = sorted(set(block) - set(fl.GROUPS) - {"version", "source", "by", "_line"})
        if unknown:
            raise MapError(
                f"line {line}: argkb: {', '.join(map(str, unknown))}: unknown key (the keys are "
                f"version, source and the groups {', '.join(fl.GROUPS)})"
            )

    def _iri(self, text, where: str) -> URIRef:
        try:
            return fl.iri(str(text))
        except fl.FlavourError as exc:
            raise MapError(f"{where}: {exc}") from None

    # ------------------------------------------------------------------ body
    def _data(self, node: Node) -> dict:
        return pcs.merged(node.data, load_yaml, f"the data of {node.title or 'a statement'}")

    def _id(self, node: Node) -> URIRef:
        if node.key in self.named:
            return self.named[node.key]
        if not node.title:
            raise MapError(
                f"line {node.at[0]}, column {node.at[1]}: a statement without an id; give it one: "
                "[claim-some-name]: its text"
            )
        return self._iri(node.title, f"line {node.at[0]}")

    def statement(self, node: Node) -> None:
        iri, data = self._id(node), self._data(node)
        where = f"line {node.at[0]} ([{node.title or fl.curie(iri, str(KB))}])"
        if node.key in self.named and "label" not in data:  # an untitled intermediate conclusion
            data["label"] = short_label(node.text).rstrip(".")
        if "a" in data:
            self._types(iri, data.pop("a"), where)
        else:
            tags = [t for t in node.tags if t in fl.TYPE_TAGS]
            for t in tags:
                self.g.add((iri, RDF.type, fl.TYPE_TAGS[t]))
            if "implication" not in tags:
                self.g.add((iri, RDF.type, ARGKB.Claim))
        if node.text:
            self.g.add((iri, ARGKB.statement, Literal(node.text, lang="en")))
        quotes = data.pop("quote", [])
        for quote in quotes if isinstance(quotes, list) else [quotes]:
            self._quote(iri, quote, where)
        self._attribute(iri, data, unquoted=not quotes)
        for key, value in data.items():
            self._add(iri, key, value, where)

    def _attribute(self, iri: URIRef, data: dict, unquoted: bool) -> None:
        """The front matter's ``by``, for an argument or an unquoted claim that names no agent of
        its own."""
        if unquoted and "by" not in data and self.by is not None:
            self.g.add((iri, PROV.wasAttributedTo, self.by))

    def _quote(self, claim: URIRef, value, where: str) -> None:
        if isinstance(value, str):
            value = {"exact": value}
        if not isinstance(value, dict) or not set(value) <= {"id", "exact", "source"} or not value:
            raise MapError(
                f'{where}: quote: {value!r}: a quote is its exact words ("…"), or {{id: quote-x, '
                f'exact: "…", source: NAME}}, or {{id: quote-x}} for one given on another claim'
            )
        quote = self._iri(value["id"], where) if "id" in value else quote_id(claim)
        self.g.add((claim, ARGKB.evidence, quote))
        if "exact" in value:
            source = self._iri(value["source"], where) if "source" in value else self.source
            if quote in self.quotes and self.quotes[quote][:2] != (value["exact"], source):
                raise MapError(
                    f"{where}: quote {fl.curie(quote, str(KB))} is given twice with different words"
                )
            self.quotes[quote] = (str(value["exact"]), source, where)

    def argument(self, node: Node) -> None:
        iri, data, where = self._id(node), self._data(node), f"line {node.at[0]} (<{node.title}>)"
        if "a" in data:
            self._types(iri, data.pop("a"), where)
        else:
            self.g.add((iri, RDF.type, ARGKB.Argument))
        if node.text:
            self.g.add((iri, RDFS.label, Literal(node.text, lang="en")))
        lenses = {
            PERSPECTIVES[k]
            for k in (t.lower().replace("_", "-") for t in node.tags)
            if k in PERSPECTIVES
        }
        if len(lenses) > 1:
            raise MapError(
                f"{where}: tagged with {len(lenses)} lenses; an argument is read through one"
            )
        for lens in lenses:
            self.g.add((iri, ARGKB.perspective, lens))
        self._attribute(iri, data, unquoted=True)
        for key, value in data.items():
            self._add(iri, key, value, where)
        self._pcs(node, iri, where)

    def _pcs(self, node: Node, iri: URIRef, where: str) -> None:
        """A premise-conclusion structure: one argument per inference step (``argdown_pcs``). The
        last step is the argument itself; an earlier one is ``<id>-step-N``, and takes the
        argument's lens, warrant and attribution where its inference line gives none."""
        if not node.pcs:
            return
        found = self.steps_of(node)
        inherited = {
            p: set(self.g.objects(iri, p))
            for p in (ARGKB.perspective, ARGKB.warrant, PROV.wasAttributedTo)
        }
        label = self.g.value(iri, RDFS.label)
        for n, step in enumerate(found, 1):
            data = pcs.step_data(step, load_yaml)
            at = f"line {step.at[0]} (the inference line of <{node.title}>)"
            if n == len(found):
                self._final_step(iri, data, at)
                target = iri
            else:
                target = URIRef(f"{iri}-step-{n}")
                self.g.add((target, RDF.type, ARGKB.Argument))
                if "label" not in data and label is not None:
                    data["label"] = f"{label} (step {n} of {len(found)})"
                for key, value in data.items():
                    self._add(target, key, value, at)
                for pred, objects in inherited.items():
                    if (target, pred, None) not in self.g:
                        for obj in objects:
                            self.g.add((target, pred, obj))
            for premise in step.premises:
                self.g.add((target, ARGKB.premise, self._id(premise)))
            self.g.add((target, ARGKB.conclusion, self._id(step.conclusion)))

    def _final_step(self, iri: URIRef, data: dict, where: str) -> None:
        """The last inference line's data, on the argument: a key the argument gives too must
        say the same."""
        for key, value in data.items():
            try:
                pred, kind = fl.pred_for(str(key))
                new = set(fl.decode_all(value, kind))
            except fl.FlavourError as exc:
                raise MapError(f"{where}: {key}: {exc}") from None
            given = set(self.g.objects(iri, pred))
            if given and given != new:
                raise MapError(
                    f"{where}: {key} is given on the argument and on its last inference "
                    "line, differently; give it in one place"
                )
            for obj in new:
                self.g.add((iri, pred, obj))

    def steps_of(self, node: Node) -> list:
        if node.key not in self._steps:
            self._steps[node.key] = pcs.steps(node.pcs, node.title)
        return self._steps[node.key]

    def name_conclusions(self, nodes: list[Node]) -> None:
        """An id for each untitled intermediate conclusion, from its text (``claim-word-word…``)."""
        taken = {n.title for n in nodes if n.title}
        for node in nodes:
            if node.kind != "argument" or not node.pcs:
                continue
            for step in self.steps_of(node)[:-1]:
                claim = step.conclusion
                if claim.title or claim.key in self.named:
                    continue
                if not claim.text:
                    raise MapError(
                        f"line {claim.at[0]}, column {claim.at[1]}: an intermediate "
                        "conclusion without an id or a text; write (n) [claim-id]: text"
                    )
                self.named[claim.key] = self._iri(
                    slug(claim.text, taken, "claim", words=5), f"line {claim.at[0]}"
                )

    def relation(self, symbol: str, parent: Node, child: Node, at: tuple[int, int]) -> None:
        kind, child_acts = RELATIONS[symbol]
        actor, target = (child, parent) if child_acts else (parent, child)
        where = f"line {at[0]}, column {at[1]}"
        if kind == "contradiction":
            raise MapError(
                f"{where}: >< (contradiction) has no argkb counterpart; write an argument that "
                "attacks the claim (<arg-id> with -> [claim])"
            )
        if actor.kind == "statement" and target.kind == "argument" and kind == SUPPORT:
            self.g.add((self._id(target), ARGKB.premise, self._id(actor)))
        elif actor.kind == "argument" and kind == SUPPORT and target.kind == "statement":
            self.g.add((self._id(actor), ARGKB.conclusion, self._id(target)))
        elif actor.kind == "argument" and kind == ATTACK:
            self.g.add((self._id(actor), ARGKB.attacks, self._id(target)))
        else:
            raise MapError(
                f"{where}: {symbol} from a {actor.kind} to a {target.kind} has no argkb "
                "counterpart: claims support or attack through an argument (<arg-id> with + "
                "[premise] and +> [conclusion] or -> [attacked claim])"
            )

    # ------------------------------------------------------------------ quotes
    def anchor(self) -> None:
        for quote, (exact, source, where) in self.quotes.items():
            if source is None:
                raise MapError(
                    f"{where}: the quote has no source: pass --source NAME (a registered source) "
                    "or give the front matter's argkb: a `source: NAME`"
                )
            if source not in self._texts:
                self._texts[source] = self.source_text(source)
            text = self._texts[source]
            if text is None:
                raise MapError(
                    f"{where}: no text of source {fl.curie(source, str(KB))} to anchor the quote "
                    "in: register the source (argkb source add) so its text is in data/sources/"
                )
            start = text.find(exact) if exact else -1
            if start < 0 and self.find is not None and exact.strip():
                found = self.find(text, exact)
                if found is not None:
                    start, exact = found[0], text[found[0] : found[1]]
            if start < 0:
                raise MapError(
                    f"{where}: the quoted words {exact[:60]!r} are not in source "
                    f"{fl.curie(source, str(KB))}; paste them from its text"
                )
            for p, o in (
                (RDF.type, ARGKB.Quote),
                (OA.hasSource, source),
                (OA.exact, Literal(exact)),
                (OA.start, Literal(start, datatype=XSD.integer)),
                (OA.end, Literal(start + len(exact), datatype=XSD.integer)),
            ):
                self.g.add((quote, p, o))


def read_graph(
    text: str,
    name: str,
    source_text: Callable[[URIRef], str | None],
    source: URIRef | None = None,
    find=None,
    block: dict | None = None,
) -> Graph:
    """The graph an argkb-flavoured Argdown document stands for."""
    block = flavour(text) if block is None else block
    if block is None:
        raise MapError(
            "no argkb: block in the front matter: not argkb-flavoured Argdown (see docs/argdown.md)"
        )
    reader = FlavouredReader(name, source_text, source, find)
    reader.front(block)
    body = Reader(name)
    body.parse(text)
    reader.name_conclusions(body.order)
    for node in body.order:
        (reader.statement if node.kind == "statement" else reader.argument)(node)
    for (symbol, parent, child), at in zip(body.relations, body.relation_at):
        reader.relation(symbol, parent, child, at)
    reader.anchor()
    return reader.g
