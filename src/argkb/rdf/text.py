"""Text that may become RDF: valid Unicode, or a UsageError naming where it is not (rdflib not
imported: ``argkb.rdf.ids`` reads what users type with it on every command)."""

from __future__ import annotations

from argkb.errors import UsageError


def check_text(text: str, what: str) -> str:
    """``text`` when it is valid Unicode (no lone surrogate), else a UsageError naming ``what``."""
    try:
        text.encode("utf-8")  # fast path: only lone surrogates fail to encode
        return text
    except UnicodeEncodeError as exc:
        char = text[exc.start]
        at = exc.start + 1
        raise UsageError(
            f"{what} holds U+{ord(char):04X} at character {at}, which is not valid "
            "Unicode text (invalid UTF-8, or a lone \\uD800-\\uDFFF escape); give "
            "UTF-8 text and write a character beyond U+FFFF as one \\U0001F600 "
            "escape, not two \\u escapes"
        ) from None
