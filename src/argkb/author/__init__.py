"""Authoring: turning a new article into a contribution without counting offsets or computing hashes.

``find`` locates a pasted passage in a stored source text (tolerant of quotes, dashes and
whitespace) and the closest passages when it is absent; ``quote`` renders a found span as a
ready Quote node; ``sources`` registers an article's text as a contribution of its own
(``argkb source add``) and reports on registered sources; ``anchor`` fills in or corrects
the offsets of Quotes that give only their source and exact text.
"""
