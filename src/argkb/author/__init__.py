"""Authoring: turning a new article into a contribution without counting offsets or computing
hashes.

``ingest`` reads an article (text, Markdown, HTML, PDF) into the normalised text argkb stores;
``sources`` registers it as a contribution of its own (``argkb source add``) and ``catalogue``
reports on registered sources (``source list``/``show``); ``find`` locates a pasted passage in a
stored text (tolerant of quotes, dashes and whitespace) and the closest passages when it is
absent; ``quote`` renders a found span as a ready Quote node; ``anchor`` fills in or corrects the
offsets of Quotes that give only their source and exact text. ``sentences``, ``detect``,
``propose`` and ``draft`` write the scaffold of ``argkb draft``.
"""
