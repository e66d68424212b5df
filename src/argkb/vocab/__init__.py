"""The vocabulary: argkb's terms and the namespaces it reads and writes (the bottom layer).

- ``argkb.vocab._argkb`` — ``ARGKB``, the strict namespace class generated from
  ``ontology/argkb.ttl`` by ``python -m argkb.devtools.gen_namespace`` (a test fails on drift);
- ``argkb.vocab.namespaces`` — ``KB``, ``OA``, ``AIF`` and ``PREFIXES`` (the prefixes argkb prints
  with).

Imports nothing of argkb's but the generated class.
"""
from argkb.vocab.namespaces import AIF, ARGKB, KB, OA, PREFIXES

__all__ = ["ARGKB", "KB", "OA", "AIF", "PREFIXES"]
