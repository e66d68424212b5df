"""The argument map's queries (``argkb.export.sparql``) answered on pyoxigraph by one single-pattern
scan per property, joined here: the same rows, without the engine's property paths, OPTIONAL joins
and sort.

At a million triples the map reads about a million rows; the queries' joins and ORDER BY cost more
than the scans (as for the argument graph, ``argkb.assess.load``). Each scan is a one-pattern SPARQL
query run on the store as it is configured (the union of its graphs for the derived store), so it
sees what the query sees. One rdflib term is made per distinct pyoxigraph term.

``Scanner.ahead`` reads the scans ahead on worker threads (``argkb.store.prefetch``), each packed
into one aggregate pyoxigraph evaluates without Python's lock: the IRI-valued properties as IRIs'
texts, the literal-valued ones (``LITERAL_VALUED``) with each value's language tag and datatype. A
scan the packed form cannot carry (a literal where IRIs are read, a blank node, a text holding a
separator), or that no worker has started when it is wanted, is read row by row here. Either way one
URIRef is made per IRI (``iri``), shared with the argument graph read through this reader.

Where the queries' answer depends on an order the scans cannot reproduce (a node with two values of
a property ``load`` keeps the last of; two quotes of a claim at the same offset), the query itself
is run: ``Scanner.rows`` gives exactly what ``store.query(query, bindings).rows`` gives.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from rdflib import Literal

from argkb.export import sparql
from argkb.vocab.namespaces import ARGKB, DCTERMS, OA, PROV, RDFS

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
#: the properties whose scan serves several queries (the others are read once and let go)
KEPT = (RDFS.label, RDFS.subClassOf)
#: the map's properties whose values are literals (read ahead packed as such; the others as IRIs)
LITERAL_VALUED = frozenset(
    (RDFS.label, ARGKB.statement, ARGKB.warrant, OA.exact, DCTERMS.title, OA.start, OA.end)
)
#: the properties ``Scanner._quotes`` reads, in its order
QUOTE_PROPERTIES = (OA.exact, OA.hasSource, DCTERMS.title, OA.start, OA.end, ARGKB.evidence)


def reader(store) -> Callable[..., list[tuple]]:
    """``rows(query, bindings=None)`` for ``store``: a ``Scanner`` on the (derived) pyoxigraph
    store, else ``store.query(query, bindings).rows``."""
    scanner = scanner_of(store)
    if scanner is not None:
        return scanner.rows
    return lambda query, bindings=None: store.query(query, bindings).rows


def scanner_of(store) -> Scanner | None:
    """A ``Scanner`` on the (derived) pyoxigraph store, else None."""
    from argkb.store.base import OxigraphStore

    if type(store).query is OxigraphStore.query and getattr(store, "ox", None) is not None:
        return Scanner(store)
    return None


class _Ambiguous(Exception):
    """The scans cannot tell the order the query would give its rows in."""


class Scanner:
    """``rows(query, bindings)`` for the map's queries on one pyoxigraph store
    (``OxigraphStore``)."""

    def __init__(self, store):
        import pyoxigraph

        from argkb.rdf.strict import from_ox, iri_of, literal_of

        self.store, self._iris, self._pairs = store, {}, {}
        self._named, self._from_ox, self._iri_of, self._literal_of = (
            pyoxigraph.NamedNode,
            from_ox,
            iri_of,
            literal_of,
        )
        self._literal, self._typed = pyoxigraph.Literal, {}
        #: the properties whose scans are kept (``KEPT``, and any a later reader will want)
        self.keep = set(KEPT)
        #: the scans read ahead (``ahead``): their ``Prefetch``; property -> whether read as
        #: literals; class -> members
        self.prefetch: Any = None
        self._queued: dict = {}
        self._members: dict = {}
        self._whole: set = set()  # the classes whose instances ``_members`` holds are all IRIs

    def iri(self, text: str):
        """The URIRef of this IRI: one object per IRI, whether read as a term or as text."""
        found = self._iris.get(text)
        if found is None:
            found = self._iris[text] = self._iri_of(text)
        return found

    def term(self, t):
        """The rdflib term; one object per IRI and per typed literal (they recur: the same node in
        many rows, the same offset in many quotes), plain and language-tagged strings made anew."""
        if type(t) is self._named:
            return self.iri(t.value)
        if type(t) is not self._literal:
            return self._from_ox(t)
        language = t.language
        datatype = "" if language else t.datatype.value
        if language or datatype == _XSD_STRING:
            return self._literal_of(t.value, language, datatype)
        return self._typed_literal(t.value, datatype)

    def _typed_literal(self, value: str, datatype: str):
        """A typed literal (an offset): rdflib's constructor is slow, and they recur."""
        key = (value, datatype)
        found = self._typed.get(key)
        if found is None:
            found = self._typed[key] = self._literal_of(value, None, datatype)
        return found

    def _query(self, text: str):
        return self.store.ox.query(text, use_default_graph_as_union=self.store.union)

    def ahead(self, classes, properties, prefixes=None) -> None:
        """Read the members of ``classes`` (and of their subclasses) and the scans of
        ``properties`` ahead on worker threads (``argkb.store.prefetch``), packed, in this order:
        the order ``_nodes`` and ``pairs`` will want them in. ``prefixes``: the ``Prefetch``'s,
        for other scans queued on it (``argkb.assess.load_scans.queue_shared``)."""
        from argkb.store.prefetch import Prefetch

        self.close()
        self.prefetch = Prefetch(self.store, prefixes)
        for c in dict.fromkeys(c for cls in classes for c in self._classes(cls)):
            self._members.setdefault(c, None)
            self.prefetch.ahead_packed(sparql.SCAN_CLASS % c, ("node",))
        self.ahead_more(properties)

    def ahead_more(self, properties) -> None:
        """Queue the scans of ``properties`` after those queued already (after ``ahead``)."""
        for prop in properties:
            if prop in self._pairs or prop in self._queued:
                continue
            literal = self._queued[prop] = prop in LITERAL_VALUED
            if literal:
                self.prefetch.ahead_literals(sparql.SCAN_PROPERTY % prop, "node", "value")
            else:
                self.prefetch.ahead_packed(sparql.SCAN_PROPERTY % prop, ("node", "value"))

    def close(self) -> None:
        """Drop the scans read ahead and not taken."""
        if self.prefetch is not None:
            self.prefetch.close()
        self.prefetch = None
        self._queued.clear()

    def pairs(self, prop) -> dict:
        """subject -> [objects] of every ``?s prop ?o`` (rdflib terms; each distinct triple once);
        kept for the properties read more than once (``KEPT``)."""
        found = self._pairs.get(prop)
        if found is None:
            found = self._read(prop)
            if prop in self.keep:
                self._pairs[prop] = found
        return found

    def _read(self, prop) -> dict:
        body = sparql.SCAN_PROPERTY % prop
        rows: Any = None
        literal = self._queued.pop(prop, None)
        key = (body, "node", "value") if literal else (body, ("node", "value"))
        if literal is not None and not self.prefetch.unstarted(*key):
            if literal:
                found = self.prefetch.literals(body, "node", "value")
                if found is not None:
                    rows = self._literal_rows(found)
            else:
                found = self.prefetch.packed(body, ("node", "value"))
                if found is not None:  # ``iri`` inlined: a million terms
                    get, iri = self._iris.get, self.iri
                    rows = ((get(s) or iri(s), get(o) or iri(o)) for s, o in found)
        if rows is None:  # not read ahead, or a value the packed scan could not carry
            rows = self._term_rows(self._query(body))
        out: dict = {}
        for key, value in rows:
            values = out.get(key)
            if values is None:
                out[key] = [value]
            elif value not in values:
                values.append(value)
        return out

    def _term_rows(self, rows):
        """``(subject, value)`` terms of pyoxigraph's rows (``term`` inlined: a million rows)."""
        made, named, term = self._iris, self._named, self.term
        for s, o in rows:
            key = made.get(s.value) if type(s) is named else None
            if key is None:
                key = term(s)
            value = made.get(o.value) if type(o) is named else None
            if value is None:
                value = term(o)
            yield key, value

    def _literal_rows(self, rows):
        """``(subject, literal)`` terms of a packed scan's rows (``Prefetch.literals``)."""
        get, iri, string, typed = self._iris.get, self.iri, self._literal_of, self._typed_literal
        for s, value, language, datatype in rows:
            if language or datatype == _XSD_STRING:
                yield get(s) or iri(s), string(value, language, datatype)
            else:
                yield get(s) or iri(s), typed(value, datatype)

    def labels(self) -> dict:
        return self.pairs(RDFS.label)

    def rows(self, query: str, bindings: dict | None = None) -> list[tuple]:
        bound = bindings or {}
        try:
            if query is sparql.NODES:
                return self._nodes(bound["_class"])
            if query is sparql.LINKS:
                return [
                    (s, o) for s, objects in self.pairs(bound["_property"]).items() for o in objects
                ]
            if query is sparql.VALUES:
                return [
                    (s, o)
                    for s, objects in self.pairs(bound["_property"]).items()
                    for o in objects
                    if isinstance(o, Literal)
                ]
            if query is sparql.TERMS:
                return self._labelled(bound["_property"])
            if query is sparql.ATTRIBUTION:
                return self._labelled(PROV.wasAttributedTo)
            if query is sparql.QUOTES:
                return self._quotes()
        except _Ambiguous:
            pass
        return self.store.query(query, bindings).rows

    def _nodes(self, cls) -> list[tuple]:
        """``?node a/rdfs:subClassOf* ?_class``, IRIs only, with each label (None without one)."""
        labels, nodes = self.labels(), self.members(cls)
        return [(n, label) for n in nodes for label in labels.get(n, [None])]

    def members(self, cls) -> list:
        """The IRIs of ``?node a/rdfs:subClassOf* cls``, each once, in ``_nodes``'s order."""
        nodes: dict = {}
        for c in self._classes(cls):
            nodes.update(dict.fromkeys(self._of_class(c)))
        return list(nodes)

    def _classes(self, cls) -> list:
        """``cls`` and its subclasses (``rdfs:subClassOf*``), in order."""
        below: dict = defaultdict(set)
        for sub, supers in self.pairs(RDFS.subClassOf).items():
            for sup in supers:
                below[sup].add(sub)
        classes, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in classes:
                    classes.add(sub)
                    todo.append(sub)
        return sorted(classes)

    def _of_class(self, c) -> list:
        """The IRIs of ``?node a c``, in the scan's order (read ahead and packed if queued, else
        row by row, blank nodes left out); kept while the map is read (a class in several)."""
        found = self._members.get(c)
        if found is None:
            body, packed = sparql.SCAN_CLASS % c, None
            if c in self._members and self.prefetch is not None:
                if not self.prefetch.unstarted(body, ("node",)):
                    packed = self.prefetch.packed(body, ("node",))
            if packed is not None:
                iri = self.iri
                found = [iri(s) for (s,) in packed]
                self._whole.add(c)
            else:
                named, term = self._named, self.term
                rows = list(self._query(body))
                found = [term(s) for (s,) in rows if type(s) is named]
                if len(found) == len(rows):
                    self._whole.add(c)
            self._members[c] = found
        return found

    def instances(self, c) -> list | None:
        """The rows of ``?node a c`` (duplicates kept), when the map has read them and each is an
        IRI: the argument graph's own scan of the class would give them (``load_scans``)."""
        return self._members.get(c) if c in self._whole else None

    def _labelled(self, prop) -> list[tuple]:
        """``?s prop ?term OPTIONAL { ?term rdfs:label ?label }``; ambiguous when a subject gets two
        rows."""
        labels, out = self.labels(), []
        for s, objects in self.pairs(prop).items():
            rows = [(s, o, label) for o in objects for label in labels.get(o, [None])]
            if len(rows) > 1:
                raise _Ambiguous(s)
            out.extend(rows)
        return out

    def _quotes(self) -> list[tuple]:
        """The QUOTES rows, in its order (by claim, then by start offset)."""
        exact, source, title, start, end, evidence = map(self.pairs, QUOTE_PROPERTIES)
        out: list[tuple] = []
        for claim, quotes in evidence.items():
            rows = []
            for quote in quotes:
                for text in exact.get(quote, ()):
                    for src in source.get(quote, [None]):
                        for name in title.get(src, [None]) if src is not None else [None]:
                            for first in start.get(quote, [None]):
                                for last in end.get(quote, [None]):
                                    rows.append((claim, quote, text, src, name, first, last))
            if len({r[1] for r in rows}) != len(rows):
                raise _Ambiguous(claim)  # a quote with two values of one of its properties
            offsets = [r[5] for r in rows]
            if any(
                o is not None and (not isinstance(o, Literal) or str(o.datatype) != _XSD_INTEGER)
                for o in offsets
            ):
                raise _Ambiguous(claim)
            keys = [-1 if o is None else int(o) for o in offsets]
            if len(set(keys)) != len(keys):
                raise _Ambiguous(claim)  # two quotes at one offset: the engine's order
            out.extend((claim, rows[i]) for i in sorted(range(len(rows)), key=keys.__getitem__))
        out.sort(key=lambda pair: str(pair[0]))
        return [row for _, row in out]
