"""argkb — a structured-argument knowledge base.

The library API (each CLI command is a thin layer over one of these):
``KnowledgeBase.locate`` finds and loads a knowledge base, ``validate`` checks it
against the SHACL rules and returns a ``ValidationReport``.

``argkb.__version__`` is read from the installed package's metadata when first asked for
(importing ``importlib.metadata`` costs ~60 ms, which every command would otherwise pay at
start-up).
"""

__all__ = ["__version__"]


def __getattr__(name: str) -> str:
    if name != "__version__":
        raise AttributeError(f"module 'argkb' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        value = version("argkb")
    except PackageNotFoundError:  # running from a source tree without installation
        value = "0+unknown"
    globals()["__version__"] = value
    return value
