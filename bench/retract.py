"""How long ``argkb retract`` takes for a small contribution to a large knowledge base (issue 23).

    python bench/retract.py --kb /tmp/argkb-bench/1m-seed1 [--src OTHER/src ...]

Copies the generated knowledge base (its derived store too, so it starts warm; the original gets not
a byte), then, for each source tree (this one by default; give ``--src`` several times to compare
trees in one run, e.g. main's before and a branch's after), adds a one-claim contribution (a claim
with label, statement and attribution, the premise of an argument concluding an existing
implication) and retracts it, each as a whole process (``python -m argkb …``). Prints one JSON line
per tree and command: wall seconds, CPU seconds (user + system, the fairer figure on a shared
machine), peak memory (MB) and the exit code.

Target (issue 23): retracting it in <= 3 s (``add`` of the same contribution: about 0.55 s).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 3.0
HEAD = (
    "@prefix kb: <https://w3id.org/argkb/id/> .\n"
    "@prefix argkb: <https://w3id.org/argkb/ontology#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "\n"
)


def contribution(kb: Path, n: int) -> str:
    """One claim (attributed to kb:argkb-editors, which most claims point at) and the argument it is
    the premise of."""
    manifest = json.loads((kb / "generated.json").read_text(encoding="utf-8"))
    target = manifest["implications"][n % len(manifest["implications"])]["iri"]
    return (
        HEAD
        + f'kb:bench-retract-claim-{n} a argkb:Claim ;\n    rdfs:label "Bench claim {n}"@en ;\n'
        f'    argkb:statement "A claim added to be retracted, number {n}."@en ;\n'
        "    prov:wasAttributedTo kb:argkb-editors .\n\n"
        f'kb:bench-retract-arg-{n} a argkb:Argument ;\n    rdfs:label "Bench argument {n}"@en ;\n'
        f"    argkb:perspective argkb:Realism ;\n    argkb:premise kb:bench-retract-claim-{n} ;\n"
        f"    argkb:conclusion {target} ;\n"
        '    argkb:warrant "Because the one makes the other likely."@en ;\n'
        "    prov:wasAttributedTo kb:argkb-editors .\n"
    )


def timed(args: list[str], src: Path) -> dict:
    """One whole process: wall and CPU seconds, peak memory, exit code and its JSON answer."""
    env = {**os.environ, "PYTHONPATH": str(src), "ARGKB_AUTHOR": "bench"}
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "argkb", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _pid, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    answer = json.loads(out) if out.strip().startswith("{") else {}
    status = (
        answer.get("status") or (out.strip().splitlines() or [""])[-1][:120] or err.strip()[-300:]
    )
    return {
        "seconds": round(took, 2),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "exit": proc.returncode,
        "status": status,
        "answer": answer,
    }


def run(kb: Path, src: Path, n: int, work: Path) -> list[dict]:
    source = work / f"contribution-{n}.ttl"
    source.write_text(contribution(kb, n), encoding="utf-8")
    added = timed(["add", "--kb", str(kb), str(source), "--format", "json"], src)
    cid = (added["answer"].get("contribution") or {}).get("id")
    out = [{"src": str(src), "command": "add", **{k: v for k, v in added.items() if k != "answer"}}]
    if cid:
        gone = timed(["retract", "--kb", str(kb), cid, "-m", "bench"], src)
        out.append(
            {
                "src": str(src),
                "command": "retract",
                "target": f"<= {TARGET_SECONDS} s",
                "target_met": gone["exit"] == 0 and gone["seconds"] <= TARGET_SECONDS,
                **{k: v for k, v in gone.items() if k != "answer"},
            }
        )
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--kb", type=Path, required=True, help="a generated knowledge base (bench/generate.py)"
    )
    parser.add_argument(
        "--src", type=Path, action="append", help="the source tree(s) to run (default: this one)"
    )
    parser.add_argument(
        "--work", type=Path, default=None, help="where to copy it (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="argkb-retract-", dir=args.work) as tmp:
        kb = Path(tmp) / "kb"
        shutil.copytree(args.kb.resolve(), kb, symlinks=True)
        for n, src in enumerate(args.src or [REPO / "src"]):
            for line in run(kb, src.resolve(), n, Path(tmp)):
                print(json.dumps(line), flush=True)


if __name__ == "__main__":
    main()
