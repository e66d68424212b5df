"""The ``argkb`` command line: a thin click layer over the library, one function per command.

``argkb.cli.main`` holds the root group and the command table (commands are imported lazily,
so ``argkb --help`` stays fast); each other module holds one command group and does nothing but
parse options, call the library and render. Nothing below imports from here.
"""

from argkb.cli.main import cli, main

__all__ = ["cli", "main"]
