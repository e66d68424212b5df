"""``json.dumps(data, indent=2, ensure_ascii=False)``, the same text, without the pure-Python
encoder's generators (an indent keeps ``json`` off its C encoder: at a million triples
``lenses --format json`` spent half a second there). Strings go through ``json``'s own C escaping,
floats through ``float.__repr__`` as ``json`` does; anything else (a non-string key, NaN, another
type) is left to ``json.dumps`` itself.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring

_FLOAT_REPR = float.__repr__
_INF = float("inf")


class _Other(Exception):
    """A value this writer does not render: ``json.dumps`` renders the whole document."""


def dumps_indent2(data) -> str:
    """Exactly ``json.dumps(data, indent=2, ensure_ascii=False)``."""
    try:
        parts: list[str] = []
        _write(data, parts, "\n")
        return "".join(parts)
    except (_Other, RecursionError):
        return json.dumps(data, indent=2, ensure_ascii=False)


def _scalar(value) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value or value == _INF or value == -_INF:
            raise _Other
        return _FLOAT_REPR(value)
    raise _Other


def _write(value, parts: list[str], newline: str) -> None:
    kind = type(value)
    append = parts.append
    if kind is not dict and kind is not list:
        append(_scalar(value))
        return
    if not value:
        append("{}" if kind is dict else "[]")
        return
    inner = newline + "  "
    lead = "{" if kind is dict else "["
    for entry in value.items() if kind is dict else value:
        if kind is dict:
            key, item = entry
            if type(key) is not str:
                raise _Other
            append(lead + inner + encode_basestring(key) + ": ")
        else:
            item = entry
            append(lead + inner)
        lead = ","
        kind_item = type(item)
        if kind_item is dict or kind_item is list:
            _write(item, parts, inner)
        else:
            append(_scalar(item))
    append(newline + ("}" if kind is dict else "]"))
