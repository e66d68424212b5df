"""Walking trees of any depth without Python's recursion limit: a chain of 10,000 arguments is data,
not a crash.

``drive(gen)`` runs a recursive walk written as generators: where a recursive function would
call itself, the generator ``yield``s the sub-walk's generator and receives its result. The
calls live on an explicit stack, so depth costs memory, never stack frames. ``plain(obj)`` is
``dataclasses.asdict`` without recursion; ``dumps`` is ``json.dumps`` for deep trees.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from contextlib import contextmanager
from types import GeneratorType


def drive(walk: GeneratorType):
    """Run ``walk`` (a generator that yields sub-generators for its recursive calls) and return its
    result."""
    stack = [walk]
    value = None
    while stack:
        try:
            step = stack[-1].send(value)
        except StopIteration as done:
            stack.pop()
            value = done.value
            continue
        if isinstance(step, GeneratorType):
            stack.append(step)
            value = None
        else:
            raise TypeError(f"a walk may only yield sub-walks, not {step!r}")
    return value


def plain(obj, skip=()):
    """Dataclasses, lists and dicts as plain dicts and lists, iteratively (what ``asdict`` does
    recursively); fields named in ``skip`` are left out."""

    def convert(item):
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            out = {}
            for f in dataclasses.fields(item):
                if f.name in skip:
                    continue
                out[f.name] = yield from _value(getattr(item, f.name))
            return out
        return (yield from _value(item))

    def _value(item):
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return (yield convert(item))
        if isinstance(item, (list, tuple)):
            out = []
            for x in item:
                out.append((yield from _value(x)))
            return out
        if isinstance(item, dict):
            out = {}
            for k, v in item.items():
                out[k] = yield from _value(v)
            return out
        return item

    return drive(convert(obj))


@contextmanager
def _recursion_limit(limit: int):
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


def depth(data) -> int:
    """How deeply ``data`` (plain dicts and lists) nests, counted without recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        item, level = stack.pop()
        deepest = max(deepest, level)
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else ()
        )
        stack.extend((child, level + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def dumps(data, **options) -> str:
    """``json.dumps`` for a tree of any depth (the encoder counts nesting against the recursion
    limit)."""
    with _recursion_limit(depth(data) + 1000):
        return json.dumps(data, **options)
