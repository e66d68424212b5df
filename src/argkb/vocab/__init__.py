"""The vocabulary: argkb's terms and the namespaces it reads and writes (the bottom layer).

- ``argkb.vocab._argkb`` — ``ARGKB``, the strict namespace class generated from
  ``ontology/argkb.ttl`` by ``python -m argkb.devtools.gen_namespace`` (a test fails on drift);
- ``argkb.vocab.namespaces`` — ``KB``, ``OA``, ``AIF`` and ``PREFIXES`` (the prefixes argkb prints
  with).

Imports nothing of argkb's but the generated class. The namespaces are rdflib's, built when first
asked for (``argkb query`` on the derived store never imports rdflib).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from argkb.vocab.namespaces import AIF, ARGKB, KB, OA, PREFIXES

__all__ = ["ARGKB", "KB", "OA", "AIF", "PREFIXES"]


def __getattr__(name: str):
    if name not in __all__:
        raise AttributeError(f"module 'argkb.vocab' has no attribute {name!r}")
    from argkb.vocab import namespaces

    value = globals()[name] = getattr(namespaces, name)
    return value
