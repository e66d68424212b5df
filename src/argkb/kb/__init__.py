"""The knowledge-base folder: where it is, which files it holds, its sources, its contribution log.

- ``argkb.kb.folder`` — ``KnowledgeBase`` (discovery: ``--kb``, ``$ARGKB_HOME``, the current
  directory upward, the bundled copy), its files, source texts and cache folder; ``new_graph``;
- ``argkb.kb.log`` — the provenance log ``data/contributions.ttl`` (read and written by
  ``argkb.contrib``);
- ``argkb.kb.layout`` — the log's file name, read without rdflib;
- ``argkb.kb.locate`` — which file and line define a node (what a validation result points to);
- ``argkb.kb.processes`` — whether a process still runs (stale locks);
- ``argkb.kb.scratch`` — temporary folders inside the knowledge base's cache, stale ones cleaned.

Depends on ``argkb.rdf`` and below; knows nothing of stores, validation or the commands.
"""

from argkb.kb.folder import KnowledgeBase, bundled_root, find_root, new_graph

__all__ = ["KnowledgeBase", "bundled_root", "find_root", "new_graph"]
