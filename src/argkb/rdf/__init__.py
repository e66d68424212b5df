"""RDF in and out, safely: the layer every other one reads and writes RDF through.

- ``argkb.rdf.parse`` — ``parse_file``/``parse_text``: clear errors with file, line and column, no
  network;
- ``argkb.rdf.serialize`` — ``to_turtle``: deterministic, readable Turtle;
- ``argkb.rdf.atomic`` — ``atomic_write_text``: temporary file, fsync, rename;
- ``argkb.rdf.ids`` — what users type (IRI, CURIE, bare name) turned into terms; ``short`` for
  printing.

Depends only on ``argkb.vocab`` and ``argkb.errors``.
"""
