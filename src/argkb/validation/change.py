"""What a change to the knowledge base would break, checked where the change reaches
(``argkb retract``).

A retraction takes triples out (the contribution's content; for an amendment, its new values) and
may bring some back (the facts an amendment replaced). Its verdict is the set of violations the
knowledge base would have afterwards that it does not have now. Validating the whole knowledge base
before and after gives it, at the cost of two whole validations (49.7 s at a million triples). Here
the compiled shapes run on the neighbourhoods (``argkb.validation.incremental``) of the nodes the
change can reach, before (the live store) and after (a view over it, ``argkb.store.view``), and the
two are compared.

Which nodes can gain a violation: every constraint of ``ontology/shapes.ttl`` reads its focus node's
own triples, and the triples of the nodes next to it (a value's type — ``sh:class``, a lens
description as premise, a declared perspective; the arguments concluding an implication and their
perspectives); only rule 4 (support cycles) follows longer paths, and only triples brought back can
close a cycle. So the focus is: the subjects and objects of the changed triples, the nodes pointing
at or pointed to by those subjects (before and after), and, when premises or conclusions come back,
the arguments on the support chains above them. A change to the class tree (``rdfs:subClassOf``),
shapes the compiler cannot translate, or a store that is not the derived store (its blank nodes are
not the view's) fall back to validating the whole knowledge base twice.
``tests/test_retract_incremental.py`` holds the two ways to the same verdict.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDFS

from argkb.kb.folder import KnowledgeBase
from argkb.kb.locate import Locator
from argkb.kb.view import KnowledgeBaseView
from argkb.store import open_store
from argkb.store.lookup import TripleLookup
from argkb.store.view import changed
from argkb.validation.report import Result
from argkb.vocab.namespaces import ARGKB


def key(r: Result) -> tuple:
    """What makes two results the same violation (the message without the hints that depend on the
    store)."""
    return (r.focus, r.rule, r.path_iri, r.message)


def new_violations(
    live: KnowledgeBase, view: KnowledgeBaseView, incremental: bool = True
) -> list[Result]:
    """The violations ``view`` (the knowledge base as the change leaves it) has and ``live`` does
    not, located in ``view``'s files. ``incremental=False``: by validating both whole (the
    reference)."""
    from argkb.validation.validate import _compiled, _severe

    compiled = _compiled(live)
    removed, added = changed(live, view)
    if not removed and not added:
        return []
    if (
        not incremental
        or compiled is None
        or not _incremental_store(view)
        or any(p == RDFS.subClassOf for _s, p, _o in removed | added)
    ):
        return _whole(live, view)
    compiled = _severe(compiled, violations_only=True)
    focus = reach(live, view, removed, added)
    if any(p in (ARGKB.premise, ARGKB.conclusion) for _s, p, _o in added):
        focus |= support_chains(view, focus, compiled)
    from argkb.validation.hints import enrich

    before = {key(r) for r in _results(live, focus, compiled)}
    return enrich([r for r in _results(view, focus, compiled) if key(r) not in before], view)


def reach(live: KnowledgeBase, view: KnowledgeBase, removed: set, added: set) -> set:
    """The nodes whose verdict the changed triples can change (see the module)."""
    subjects = {s for s, _p, _o in removed | added}
    focus = subjects | {o for _s, _p, o in removed | added if isinstance(o, URIRef)}
    for kb in (live, view):
        lookup = TripleLookup(open_store(kb))
        for node in subjects:
            focus |= lookup.neighbours(node)
    return focus


def support_chains(view: KnowledgeBase, focus: set, compiled) -> set:
    """The arguments on the support chains above the focus arguments, as the view has them (rule
    4)."""
    from argkb.store.base import from_ox
    from argkb.validation.incremental import Neighbourhood, unskolem

    hood = Neighbourhood(open_store(view), Graph(), focus, view.source_text)
    premise = hood.ox.NamedNode(str(ARGKB.premise))
    return {unskolem(from_ox(q.subject)) for q in hood.local.quads_for_pattern(None, premise, None)}


def _results(kb: KnowledgeBase, focus: set, compiled) -> list[Result]:
    """The focus nodes' violations in ``kb`` (no hints yet: they depend on the store, not on the
    violation)."""
    from argkb.validation.incremental import check_nodes
    from argkb.validation.raw_results import report_of

    raw = check_nodes(open_store(kb), focus, compiled, kb.source_text)
    return report_of(raw, Locator(kb).where).violations


def _incremental_store(view: KnowledgeBase) -> bool:
    """The view is a checkpoint of the derived store (or shares it): blank nodes keep their ids on
    both sides."""
    backend = getattr(open_store(view), "backend", "")
    return backend.startswith("disk ")


def _whole(live: KnowledgeBase, view: KnowledgeBase) -> list[Result]:
    from argkb.validation.validate import validate

    before = {key(r) for r in validate(live, violations_only=True).violations}
    return [r for r in validate(view, violations_only=True).violations if key(r) not in before]


__all__ = ["new_violations", "reach", "key"]
