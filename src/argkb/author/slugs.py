"""A readable id (``PREFIX-word-word…``) made from a label's content words."""

from __future__ import annotations

import re
from typing import Protocol

_STOP = set(
    "the a an of to and or on in its their for with by at from as than that which is are be "
    "been also even far much more very it they this these there then will would could might "
    "may can cannot likely unlikely probably bound tends tend risks once own any some such "
    "yet another further still just only either both each not no eventually significantly "
    "easily actually quickly considerably".split()
)


class Taken(Protocol):
    """The ids already in use (a set, or ``argkb.author.stubs.Ids``, which also asks the knowledge
    base)."""

    def __contains__(self, local: str, /) -> bool: ...

    def add(self, local: str, /) -> None: ...


def slug(text: str, taken: Taken, prefix: str, words: int = 4) -> str:
    """A readable id ``PREFIX-word-word…`` from ``text``'s content words, not in ``taken`` (which it
    joins)."""
    content = [
        w
        for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'s", ""))
        if w not in _STOP
    ]
    base = "-".join([prefix, *content[:words]]) if content else prefix
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate
