"""Issue 24's hostile inputs as whole processes, at the sizes of the findings and at 10×: wall time,
CPU time and peak resident memory of each ``python -m argkb …``, and whether it ended as it must
(exit 0, 1 or 2, no traceback, ≤ 30 s, ≤ 2 GB).

    python bench/hostile.py [--factor 1 --factor 10] [--case NAME] [--limit-gib 2]

Each process runs under an address-space limit (``RLIMIT_AS``, 2 GiB by default; 0 for none), so a
reader that would take more fails instead of swapping; its peak RSS comes from ``os.wait4`` (the
child's own rusage). The inputs are built by ``bench/hostile_inputs.py`` in a temporary folder, each
case on its own copy of the repository's knowledge base (its derived store built once, before the
timings).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from hostile_inputs import CASES, REPO, make_kb  # noqa: E402

LIMIT_S = 30.0
LIMIT_MB = 2048
#: a process still running after this is killed (a hang) and reported as such
KILL_AFTER_S = 120.0


@dataclass
class Outcome:
    exit: int | str  # the exit code, or "killed (hang)" / "signal N"
    wall_s: float
    cpu_s: float
    peak_mb: float
    traceback: bool
    said: str  # the first line of standard error

    @property
    def ok(self) -> bool:
        return (
            self.exit in (0, 1, 2)
            and not self.traceback
            and self.wall_s <= LIMIT_S
            and self.peak_mb <= LIMIT_MB
        )


def address_limit(limit_bytes: int):
    """A ``preexec_fn`` capping the child's address space (0: no cap)."""

    def cap() -> None:  # pragma: no cover - runs in the child
        if limit_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))

    return cap


def run_argkb(
    argv: list[str],
    work: Path,
    stdin: str | None = None,
    limit_bytes: int = 2 * 2**30,
    kill_after_s: float = KILL_AFTER_S,
) -> Outcome:
    """Run ``python -m argkb ARGV`` as a process in ``work``, under the address-space limit; measure
    it."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TMPDIR": str(work)}
    env.pop("ARGKB_HOME", None)
    (work / "stdin.txt").write_text(stdin or "", encoding="utf-8")
    with (
        open(work / "stdin.txt", "rb") as given,
        open(work / "stdout.txt", "wb") as out,
        open(work / "stderr.txt", "wb") as err,
    ):
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-m", "argkb", *argv],
            cwd=work,
            env=env,
            stdin=given,
            stdout=out,
            stderr=err,
            preexec_fn=address_limit(limit_bytes),
        )
        hung = threading.Event()

        def kill() -> None:
            hung.set()
            process.kill()

        timer = threading.Timer(kill_after_s, kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.monotonic() - started
    process.returncode = code = os.waitstatus_to_exitcode(
        status
    )  # reaped here: Popen must not wait again
    said = (work / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    exit_ = "killed (hang)" if hung.is_set() else (f"signal {-code}" if code < 0 else code)
    return Outcome(
        exit_,
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        "Traceback" in said,
        (said.strip().splitlines() or [""])[0],
    )


def template_kb(folder: Path) -> Path:
    """The repository's knowledge base, copied, its derived store built (so no case pays for
    that)."""
    kb = make_kb(folder)
    subprocess.run(
        [sys.executable, "-m", "argkb", "store", "status", "--kb", str(kb)],
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "-m", "argkb", "query", "actor-levers", "--kb", str(kb)],
        check=False,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        capture_output=True,
    )
    return kb


def run_case(
    name: str, factor: int, root: Path, template: Path, limit_bytes: int
) -> tuple[str, Outcome]:
    """Build case ``name`` at ``factor`` in a fresh folder under ``root`` and run it; (its size,
    outcome)."""
    work = Path(tempfile.mkdtemp(prefix="case-", dir=root))
    kb = work / "kb"
    shutil.copytree(template, kb, symlinks=True)
    case = CASES[name](work, kb, factor)
    try:
        return case.size, run_argkb(case.argv, work, case.stdin, limit_bytes)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--factor", type=int, action="append", help="size factor (repeatable; default 1 and 10)"
    )
    parser.add_argument(
        "--case", action="append", choices=sorted(CASES), help="only this case (repeatable)"
    )
    parser.add_argument(
        "--limit-gib", type=float, default=2.0, help="address-space limit per process (0: none)"
    )
    args = parser.parse_args()
    factors = args.factor or [1, 10]
    names = args.case or list(CASES)
    limit = int(args.limit_gib * 2**30)
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; RLIMIT_AS "
        f"{args.limit_gib:g} GiB; bound: exit 0/1/2, no traceback, <= {LIMIT_S:g} s, <= {LIMIT_MB} "
        "MB\n"
    )
    print("| case | × | size | exit | wall s | CPU s | peak MB | within | says |")
    print("|---|---|---|---|---|---|---|---|---|")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="argkb-hostile-") as folder:
        root = Path(folder)
        template = template_kb(root / "template")
        for name in names:
            for factor in factors:
                size, out = run_case(name, factor, root, template, limit)
                failed += not out.ok
                said = out.said if len(out.said) <= 90 else out.said[:87] + "…"
                print(
                    f"| {name} | {factor} | {size} | {out.exit} | {out.wall_s:.1f} | "
                    f"{out.cpu_s:.1f} | {out.peak_mb:.0f} | {'yes' if out.ok else 'NO'} | "
                    f"{said.replace('|', '/')} |",
                    flush=True,
                )
    print(f"\n{failed} outside the bound")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
