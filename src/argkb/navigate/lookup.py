"""The walk's questions answered by index lookups on the plain embedded pyoxigraph store.

``walk``'s small bound queries cost 0.1–0.3 ms each in Oxigraph's parser, planner and evaluator, and
a trace asks about 40 of them per implication. On an ``OxigraphStore`` whose ``query`` is its own
(not a subclass's), ``rows(store, sparql, bindings)`` answers each of them instead with
``quads_for_pattern`` lookups, giving the same rows the query gives — the same variables, in the
same order, OPTIONALs as ``None``, each combination once — so ``walk`` sorts and picks from them
exactly as it does from query answers. Any other store (an endpoint, rdflib, a wrapper) gets
``None`` here and keeps the SPARQL path. On a union store (the derived store, one named graph per
file) every graph is read, including the default one, and a triple stated in several files counts
once.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from copy import copy

from rdflib import URIRef

from argkb.store.base import OxigraphStore, from_ox, to_ox
from argkb.store.sparql_terms import checked_term

#: the columns ``walk`` uses as terms (keys, IRIs, numbers); of the others it only takes the text
_AS_TERMS = frozenset(
    ("class", "quote", "target", "subject", "argument", "perspective", "start", "end")
)

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_ARGKB = "https://w3id.org/argkb/ontology#"
_OA = "http://www.w3.org/ns/oa#"
_DCTERMS = "http://purl.org/dc/terms/"


def plain_oxigraph(store) -> bool:
    """Whether ``store`` is pyoxigraph queried as ``OxigraphStore`` does it (so its indexes say the
    same)."""
    return (
        isinstance(store, OxigraphStore)
        and type(store).query is OxigraphStore.query
        and getattr(store, "ox", None) is not None
    )


class Lookup:
    """Triples around one node of a pyoxigraph store, in the graph(s) the store's queries read; each
    (subject, predicate) asked once, so a ``Lookup`` lives for one walk (``remembering``) or one
    question."""

    def __init__(self, store: OxigraphStore):
        import pyoxigraph

        self.ox = store.ox
        self.graph = None if store.union else pyoxigraph.DefaultGraph()
        self.subject_types, self.literal = (
            (pyoxigraph.NamedNode, pyoxigraph.BlankNode),
            pyoxigraph.Literal,
        )
        n = pyoxigraph.NamedNode
        self.type, self.sub_class_of, self.label = (
            n(_RDF + "type"),
            n(_RDFS + "subClassOf"),
            n(_RDFS + "label"),
        )
        self.statement, self.qualifier = n(_ARGKB + "statement"), n(_ARGKB + "qualifier")
        self.evidence, self.conclusion, self.attacks = (
            n(_ARGKB + "evidence"),
            n(_ARGKB + "conclusion"),
            n(_ARGKB + "attacks"),
        )
        self.perspective, self.warrant, self.premise = (
            n(_ARGKB + "perspective"),
            n(_ARGKB + "warrant"),
            n(_ARGKB + "premise"),
        )
        self.source, self.exact, self.start, self.end = (
            n(_OA + "hasSource"),
            n(_OA + "exact"),
            n(_OA + "start"),
            n(_OA + "end"),
        )
        self.title = n(_DCTERMS + "title")
        self.memo: dict = {}  # (subject, predicate) -> objects
        self.terms: dict = {}  # IRIs converted either way
        self.whole: set = set()  # the subjects ``read_whole``

    def fresh(self) -> Lookup:
        """This lookup with nothing remembered (for one trace, or one question)."""
        new = copy(self)
        new.memo, new.terms, new.whole = {}, {}, set()
        return new

    def objects(self, subject, predicate) -> list:
        """The distinct objects of ``subject predicate ?o`` (none for a literal subject); asked of
        the store once (a trace asks for each lens's label, each class's superclasses… again and
        again), and not at all for a node ``read_whole``."""
        if not isinstance(subject, self.subject_types):
            return []
        found = self.memo.get((subject, predicate))
        if found is None:
            found = [] if subject in self.whole else self._objects(subject, predicate)
            self.memo[subject, predicate] = found
        return found

    def read_whole(self, subject) -> None:
        """Every triple of ``subject`` read in one lookup, for a node whose triples the walk asks
        for nearly all of (a claim, an argument, a quote): one lookup costs about as much as
        decoding one triple on the on-disk store, so nodes of which the walk needs one or two
        triples (a lens, a class, a source) are asked predicate by predicate instead."""
        if subject in self.whole or not isinstance(subject, self.subject_types):
            return
        self.whole.add(subject)
        found: dict = {}
        for quad in self.ox.quads_for_pattern(subject, None, None, self.graph):
            found.setdefault(quad.predicate, {})[quad.object] = None
        for predicate, objects in found.items():
            self.memo.setdefault((subject, predicate), list(objects))

    def _objects(self, subject, predicate) -> list:
        return list(
            dict.fromkeys(
                q.object for q in self.ox.quads_for_pattern(subject, predicate, None, self.graph)
            )
        )

    def subjects(self, predicate, obj) -> list:
        """The distinct subjects of ``?s predicate obj``."""
        return list(
            dict.fromkeys(
                q.subject for q in self.ox.quads_for_pattern(None, predicate, obj, self.graph)
            )
        )

    def optional(self, subject, predicate) -> list:
        """``OPTIONAL { subject predicate ?x }``: the objects, or one unbound (None) where there is
        none."""
        return (self.objects(subject, predicate) or [None]) if subject is not None else [None]

    def to_ox(self, value):
        """A bound rdflib term as pyoxigraph's (refused as the query path would refuse it)."""
        if type(value) is not URIRef:
            return to_ox(checked_term(value))
        found = self.terms.get(value)
        if found is None:
            found = self.terms[value] = to_ox(checked_term(value))
        return found

    def term(self, value, key: str):
        """A value of a row as ``walk`` reads it: an rdflib term, or where ``walk`` only takes a
        literal's text (``str(term)``: a label, statement, title…), that text, which costs less to
        make."""
        if value is None or isinstance(value, str):
            return value
        if isinstance(value, self.literal):
            return value.value if key not in _AS_TERMS else from_ox(value)
        found = self.terms.get(value)
        if found is None:
            found = self.terms[value] = from_ox(value)
        return found

    # one method per query of ``walk``: the rows as ``QueryResult.dicts()`` would give them (ox
    # terms)
    def types(self, node) -> list[dict]:
        """``?_node a/rdfs:subClassOf* ?class``."""
        found = dict.fromkeys(self.objects(node, self.type))
        todo = list(found)
        while todo:
            for parent in self.objects(todo.pop(), self.sub_class_of):
                if parent not in found:
                    found[parent] = None
                    todo.append(parent)
        return [{"class": c} for c in found]

    def info(self, node) -> list[dict]:
        self.read_whole(node)
        return [
            {
                "label": label,
                "statement": statement,
                "qualifier": qualifier,
                "qualifierLabel": qualifier_label,
            }
            for label in self.optional(node, self.label)
            for statement in self.optional(node, self.statement)
            for qualifier in self.optional(node, self.qualifier)
            for qualifier_label in self.optional(qualifier, self.label)
        ]

    def quotes(self, node) -> list[dict]:
        for quote in self.objects(node, self.evidence):
            self.read_whole(quote)
        return [
            {
                "quote": quote,
                "source": source,
                "title": title,
                "exact": exact,
                "start": start,
                "end": end,
            }
            for quote in self.objects(node, self.evidence)
            for source in self.optional(quote, self.source)
            for title in self.optional(source, self.title)
            for exact in self.optional(quote, self.exact)
            for start in self.optional(quote, self.start)
            for end in self.optional(quote, self.end)
        ]

    def linked(self, node, prop) -> list[dict]:
        if prop == self.premise:  # premises: claims the walk reads next
            for target in self.objects(node, prop):
                self.read_whole(target)
        return [
            {"target": target, "label": label}
            for target in self.objects(node, prop)
            for label in self.optional(target, self.label)
        ]

    def linking(self, node, prop) -> list[dict]:
        return [
            {"subject": subject, "label": label}
            for subject in self.subjects(prop, node)
            for label in self.optional(subject, self.label)
        ]

    def arguments(self, node, supports: bool = True) -> list[dict]:
        about = [(a, "supports") for a in self.subjects(self.conclusion, node)] if supports else []
        about += [(a, "attacks") for a in self.subjects(self.attacks, node)]
        for argument, _ in about:
            self.read_whole(argument)
        return [
            {
                "argument": argument,
                "relation": relation,
                "label": label,
                "perspective": perspective,
                "perspectiveLabel": perspective_label,
                "warrant": warrant,
            }
            for argument, relation in about
            for label in self.optional(argument, self.label)
            for perspective in self.optional(argument, self.perspective)
            for perspective_label in self.optional(perspective, self.label)
            for warrant in self.optional(argument, self.warrant)
        ]

    def attackers(self, node) -> list[dict]:
        return self.arguments(node, supports=False)


#: the walk in progress in this thread (or task): (its store, its ``Lookup``), set by
#: ``remembering``
_WALK: ContextVar[tuple | None] = ContextVar("argkb_navigate_walk", default=None)


@contextmanager
def remembering(store):
    """Within the block, each node's triples are read from ``store`` once (a walk over a store
    nobody writes meanwhile, like one trace); a no-op on stores other than plain pyoxigraph, or
    inside a block on the same store. The memory is the block's own (a ``ContextVar``): other
    threads' walks do not share it."""
    active = _WALK.get()
    if not plain_oxigraph(store) or (active is not None and active[0] is store):
        yield
        return
    token = _WALK.set((store, _prototype(store).fresh()))
    try:
        yield
    finally:
        _WALK.reset(token)


def _prototype(store) -> Lookup:
    """The store's ``Lookup`` with nothing remembered: its terms made once, copied for each walk."""
    lookup = store.__dict__.get("_lookup")
    if lookup is None:
        lookup = store.__dict__["_lookup"] = Lookup(store)
    return lookup


def rows(store, name: str, bindings: dict) -> list[dict] | None:
    """The rows of ``walk``'s query ``name`` (a ``Lookup`` method) with ``bindings``, as ``walk``
    reads them; None where the store is not plain pyoxigraph or a bound term is one the query path
    should judge."""
    if not plain_oxigraph(store):
        return None
    active = _WALK.get()
    lookup = active[1] if active is not None and active[0] is store else _prototype(store).fresh()
    try:
        args = [lookup.to_ox(value) for value in bindings.values()]
    except Exception:  # noqa: BLE001 - not a term to look up: the query says what it says of it
        return None
    found = getattr(lookup, name)(*args)
    term = lookup.term
    return [{key: term(value, key) for key, value in row.items()} for row in found]
