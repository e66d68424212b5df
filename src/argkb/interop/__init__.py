"""Imports: argument maps made in other tools (AIF / xAIF from AIFdb and OVA, Argdown, SADFace,
Kialo) turned into an argkb contribution file, which the analyst reviews, completes and adds.

``read.read_map(path, fmt)`` parses a file into the neutral ``model.ImportedMap``;
``contribution.build(imported, ...)`` maps it onto the ontology and ``contribution.to_text``
writes it as sorted Turtle with the analyst's open decisions listed as TODOs. Nothing here
writes to a knowledge base: ``argkb import`` only writes the contribution file.
"""
