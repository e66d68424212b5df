"""How long ``argkb add`` holds the writers' lock for a large contribution (issue 14, item 6).

    python bench/large_add.py --mb 15            # a ~15 MB contribution, timed end to end
    python bench/large_add.py --claims 1000,16000  # several sizes: time should grow linearly

Each run makes a fresh knowledge base with ``argkb init`` (seeded from this repository), writes a
contribution of N claims (label, statement, attribution; every third one the premise of an
argument concluding the one before it, so rule 7 warns on the rest and each warning is located
in the file) and times ``argkb add`` in its own process: wall-clock seconds, and the CPU seconds the
process used (the fairer figure on a shared machine), and the milliseconds per claim (roughly
constant when the time is linear).

Target: a 15 MB contribution (about 40,000 claims) in <= 60 s. With ``--mb 15`` (or more) the line
says whether it was met (``"target_met"``). Measured on the reference machine (bench/RESULTS.md,
"Large contributions"): 15 MB in about 45 s, target met; about 1.1 ms per claim from 4,000 claims
up. Prints one JSON line per size.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_MB, TARGET_SECONDS = 15, 60
HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "\n"
)


def contribution(claims: int) -> str:
    out = [HEAD]
    for i in range(claims):
        out.append(
            f'kb:big-claim-{i} a argkb:Claim ;\n    rdfs:label "Generated claim {i}"@en ;\n'
            f'    argkb:statement "Generated claim number {i}, long enough to look like a real '
            "statement "
            f'of an analyst about a move and what could follow from it."@en ;\n'
            "    prov:wasAttributedTo kb:argkb-editors .\n\n"
        )
        if i % 3 == 2:
            out.append(
                f'kb:big-arg-{i} a argkb:Argument ;\n    rdfs:label "Generated argument {i}"@en ;\n'
                f"    argkb:perspective argkb:Realism ;\n    argkb:premise kb:big-claim-{i} ;\n"
                f"    argkb:conclusion kb:big-claim-{i - 1} ;\n"
                '    argkb:warrant "Because the one makes the other likely."@en ;\n'
                "    prov:wasAttributedTo kb:argkb-editors .\n\n"
            )
    return "".join(out)


def claims_for(mb: float) -> int:
    per_claim = len(contribution(300).encode("utf-8")) / 300
    return int(mb * 1_000_000 / per_claim)


def run(claims: int, work: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "ARGKB_AUTHOR": "bench"}
    kb = work / f"kb-{claims}"
    subprocess.run(
        [sys.executable, "-m", "argkb", "init", "--kb", str(REPO), str(kb)],
        env=env,
        check=True,
        capture_output=True,
    )
    source = work / f"contribution-{claims}.ttl"
    source.write_text(contribution(claims), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "argkb", "add", "--kb", str(kb), str(source), "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    outcome = (
        json.loads(done.stdout)["status"]
        if done.stdout.strip().startswith("{")
        else done.stderr[-500:]
    )
    return {
        "claims": claims,
        "bytes": source.stat().st_size,
        "seconds": round(took, 2),
        "cpu_seconds": round(cpu, 2),
        "ms_per_claim": round(1000 * took / claims, 2),
        "exit": done.returncode,
        "status": outcome,
    }


def with_target(result: dict) -> dict:
    """The run of a contribution of TARGET_MB or more, with whether it met the target."""
    met = (
        result["exit"] == 0 and result["status"] == "added" and result["seconds"] <= TARGET_SECONDS
    )
    return {**result, "target": f"{TARGET_MB} MB in <= {TARGET_SECONDS} s", "target_met": met}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--mb", type=float, default=None, help="one contribution of about this many megabytes"
    )
    parser.add_argument("--claims", default=None, help="comma-separated claim counts")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.claims.split(",")] if args.claims else [claims_for(args.mb or 15)]
    with tempfile.TemporaryDirectory(prefix="argkb-bench-") as tmp:
        for claims in sizes:
            result = run(claims, Path(tmp))
            if (
                not args.claims and (args.mb or TARGET_MB) >= TARGET_MB
            ):  # (15 MB is the default size)
                result = with_target(result)
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
