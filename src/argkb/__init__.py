"""argkb — a structured-argument knowledge base.

The library API (each CLI command is a thin layer over one of these):
``KnowledgeBase.locate`` finds and loads a knowledge base, ``validate`` checks it
against the SHACL rules and returns a ``ValidationReport``.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("argkb")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = ["__version__"]
