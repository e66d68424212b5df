"""The JVM side of reasoning: finding Java, and running ``pellet explain`` (bundled with owlready2).

``Explanation`` is what an inconsistency becomes once put into words (``argkb.reason.explain``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef

from argkb.errors import ArgkbError


class JavaMissing(ArgkbError):
    """HermiT and Pellet run on the JVM."""


def find_java() -> str:
    """The java executable: $JAVA_HOME/bin/java, else ``java`` on PATH; a clear error if neither."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    found = shutil.which("java")
    if found is None:
        raise JavaMissing(
            "argkb reason needs Java (HermiT and Pellet run on the JVM): install a Java "
            "runtime, e.g. `apt-get install default-jre-headless`, or set JAVA_HOME"
        )
    return found


@dataclass
class Explanation:
    """One inconsistency: a sentence, and the axioms behind it in words."""

    headline: str
    because: list[str]
    individuals: list[URIRef] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)


def run_pellet_explain(graph: Graph, java: str, folder: Path, *extra: str) -> str:
    """``pellet explain`` (bundled with owlready2) on ``graph`` written as RDF/XML into ``folder``
    (a scratch folder in the knowledge base's cache: ``argkb.kb.scratch``); its stdout."""
    from owlready2 import reasoning

    path = Path(folder) / "explain.owl"
    graph.serialize(path, format="xml")
    command = [
        java,
        "-Xmx2000M",
        "-cp",
        reasoning._PELLET_CLASSPATH,
        "pellet.Pellet",
        "explain",
        "--ignore-imports",
        *extra,
        path.as_uri(),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    finally:
        path.unlink(missing_ok=True)
    if done.returncode != 0:
        raise ArgkbError(f"pellet explain failed: {done.stderr.strip()[-800:]}")
    return done.stdout
