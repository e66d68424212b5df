"""Generated contributions (about 200 triples) to a generated knowledge base: valid, or broken one
named way.

    python bench/contribution.py --kb /tmp/kb-10k --seed 3 [--break cycle-existing] > new.ttl

A contribution adds moves, implications argued from two lenses, new claims quoted from the
existing sources' texts, and arguments resting on, concluding or attacking existing nodes.
``BREAKAGES`` names the ways to break it (missing label, a cycle through existing claims,
a dangling premise, quote offsets off by one, a duplicate label on an existing node, …);
the tests validate each both incrementally and as a whole and compare the results.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import DIRECTIONS, LENSES, PREFIXES, QUALIFIERS, lit  # noqa: E402

N = "kb:contrib"


class Contribution:
    def __init__(self, kb: Path, seed: int):
        self.kb = kb
        self.rng = random.Random(seed)
        self.manifest = json.loads((kb / "generated.json").read_text(encoding="utf-8"))
        self.nodes: dict[str, list[list[str]]] = {}

    def add(self, iri: str, *props: tuple[str, str]) -> str:
        self.nodes.setdefault(iri, []).extend([list(p) for p in props])
        return iri

    def quote(self, i: int, exact_text: bool = True) -> str:
        source = self.rng.choice(self.manifest["sources"])["iri"]
        text = (self.kb / "data" / "sources" / f"{source[3:]}.txt").read_text(encoding="utf-8")
        start = self.rng.randrange(0, max(1, len(text) - 60))
        end = min(len(text), start + self.rng.randint(20, 60))
        return self.add(
            f"{N}-q{i}",
            ("a", "argkb:Quote"),
            ("oa:hasSource", source),
            ("oa:exact", lit(text[start:end], None)),
            ("oa:start", str(start)),
            ("oa:end", str(end)),
        )

    def claim(self, iri: str, i: int, kind: str = "argkb:Claim", *extra) -> str:
        return self.add(
            iri,
            ("a", kind),
            ("rdfs:label", lit(f"contributed {iri[3:]}")),
            ("argkb:statement", lit(f"Statement of {iri[3:]}.")),
            ("argkb:evidence", self.quote(i)),
            *extra,
        )

    def argument(self, iri: str, lens: str, premises: list[str], target: tuple[str, str]) -> str:
        return self.add(
            iri,
            ("a", "argkb:Argument"),
            ("rdfs:label", lit(f"contributed {iri[3:]}")),
            ("argkb:perspective", lens),
            *[("argkb:premise", p) for p in premises],
            ("argkb:warrant", lit("Because the premises make it so.")),
            target,
            ("prov:wasAttributedTo", "kb:argkb-editors"),
        )

    def existing_impl(self) -> dict:
        return self.rng.choice(self.manifest["implications"])

    def build(self) -> None:
        rng, m = self.rng, self.manifest
        moves = [
            self.add(
                f"{N}-move{k}",
                ("a", "argkb:Move"),
                ("rdfs:label", lit(f"contributed move {k}")),
                ("argkb:actor", f"kb:{rng.choice(m['actors'])}"),
                ("argkb:lever", f"kb:{rng.choice(m['levers'])}"),
                ("argkb:direction", rng.choice(DIRECTIONS)),
            )
            for k in range(2)
        ]
        q = 0
        for i in range(4):
            q += 1
            impl = self.claim(
                f"{N}-impl{i}",
                q,
                "argkb:Implication",
                ("argkb:trigger", rng.choice(moves)),
                ("argkb:affects", f"kb:{rng.choice(m['actors'])}"),
                ("argkb:qualifier", rng.choice(QUALIFIERS)),
            )
            q += 1
            basis = self.claim(f"{N}-claim{i}", q)
            lenses = rng.sample(LENSES, 2)
            self.argument(f"{N}-impl{i}-a", lenses[0], [basis], ("argkb:conclusion", impl))
            self.argument(
                f"{N}-impl{i}-b",
                lenses[1],
                [basis, self.existing_impl()["iri"]],
                ("argkb:conclusion", impl),
            )
        for k in range(2):
            q += 1
            objection = self.claim(f"{N}-objection{k}", q)
            target = self.existing_impl()
            victim = target["iri"] if k == 0 else target["iri"] + "-b"
            self.argument(
                f"{N}-attack{k}", rng.choice(LENSES), [objection], ("argkb:attacks", victim)
            )
        existing = self.existing_impl()
        self.argument(
            f"{N}-support",
            rng.choice(LENSES),
            [f"{N}-claim0"],
            ("argkb:conclusion", existing["iri"]),
        )

    # ------------------------------------------------------------ breakages --
    def drop(self, iri: str, predicate: str) -> None:
        self.nodes[iri] = [p for p in self.nodes[iri] if p[0] != predicate]

    def set(self, iri: str, predicate: str, value: str) -> None:
        self.drop(iri, predicate)
        self.add(iri, (predicate, value))

    def turtle(self) -> str:
        out = [PREFIXES]
        for iri, props in self.nodes.items():
            out.append(f"{iri} " + " ;\n    ".join(f"{p} {o}" for p, o in props) + " .\n")
        return "\n".join(out)


def _cycle_existing(c: Contribution) -> None:
    impl = next(i for i in c.manifest["implications"] if i["chain"])
    c.argument(
        f"{N}-cycle", "argkb:Realism", [impl["iri"]], ("argkb:conclusion", impl["chain"][-1])
    )


def _quote_off_by_one(c: Contribution) -> None:
    start, end = int(dict(c.nodes[f"{N}-q1"])["oa:start"]), int(dict(c.nodes[f"{N}-q1"])["oa:end"])
    c.set(f"{N}-q1", "oa:start", str(start + 1))
    c.set(f"{N}-q1", "oa:end", str(end + 1))


def _bnode_quote(c: Contribution) -> None:
    source = c.manifest["sources"][0]["iri"]
    c.set(
        f"{N}-claim1",
        "argkb:evidence",
        f'[ a argkb:Quote ; oa:hasSource {source} ; oa:exact "not in the text" ; oa:start 0 ; '
        "oa:end 15 ]",
    )


def _cycle_within(c: Contribution) -> None:
    c.add(
        f"{N}-claim2", ("argkb:premise", f"{N}-claim1")
    )  # a claim given a premise: harmless noise
    c.argument(f"{N}-loop", "argkb:Liberalism", [f"{N}-impl0"], ("argkb:conclusion", f"{N}-claim0"))


BREAKAGES = {
    "valid": lambda c: None,
    "missing-label": lambda c: c.drop(f"{N}-impl0-a", "rdfs:label"),
    "cycle-existing": _cycle_existing,
    "cycle-within": _cycle_within,
    "dangling-premise": lambda c: c.add(f"{N}-impl1-a", ("argkb:premise", "kb:nowhere-claim")),
    "wrong-perspective": lambda c: c.set(f"{N}-impl1-b", "argkb:perspective", "kb:not-a-lens"),
    "two-perspectives": lambda c: (
        c.add(f"{N}-impl2-a", ("argkb:perspective", "argkb:Realism"))
        if dict(c.nodes[f"{N}-impl2-a"])["argkb:perspective"] != "argkb:Realism"
        else c.add(f"{N}-impl2-a", ("argkb:perspective", "argkb:Liberalism"))
    ),
    "quote-off-by-one": _quote_off_by_one,
    "conclusion-and-attack": lambda c: c.add(
        f"{N}-impl0-b", ("argkb:attacks", c.existing_impl()["iri"])
    ),
    "implication-without-rationale": lambda c: [c.nodes.pop(f"{N}-impl3-{x}") for x in "ab"],
    "duplicate-label-existing": lambda c: c.add(
        c.existing_impl()["iri"], ("rdfs:label", lit("a second label"))
    ),
    "second-statement-existing": lambda c: c.add(
        c.existing_impl()["iri"], ("argkb:statement", lit("Another."))
    ),
    "unused-claim": lambda c: c.claim(f"{N}-unused", 99),
    "single-lens": lambda c: c.set(
        f"{N}-impl1-b", "argkb:perspective", dict(c.nodes[f"{N}-impl1-a"])["argkb:perspective"]
    ),
    "source-without-text": lambda c: c.add(
        f"{N}-source",
        ("a", "argkb:Source"),
        ("dcterms:title", lit("No text")),
        ("argkb:sha256", '"' + "0" * 64 + '"'),
    ),
    "attacks-actor": lambda c: c.set(f"{N}-attack0", "argkb:attacks", "kb:russia"),
    "blank-warrant": lambda c: c.set(f"{N}-attack1", "argkb:warrant", '"   "'),
    "move-bad-direction": lambda c: c.set(f"{N}-move0", "argkb:direction", "argkb:Sideways"),
    "evidence-not-quote": lambda c: c.set(f"{N}-claim0", "argkb:evidence", f"{N}-move1"),
    "unsourced-claim": lambda c: c.drop(f"{N}-claim3", "argkb:evidence"),
    "premise-is-argument": lambda c: c.add(f"{N}-support", ("argkb:premise", f"{N}-attack0")),
    "bnode-quote": _bnode_quote,
    "existing-claim-unlabelled-use": lambda c: c.add(
        f"{N}-support",
        (
            "argkb:premise",
            c.existing_impl()["chain"][0] if c.existing_impl()["chain"] else f"{N}-claim0",
        ),
    ),
}


def make_contribution(kb: Path, seed: int = 1, breakage: str = "valid") -> str:
    """The Turtle text of a generated contribution to the generated knowledge base at ``kb``."""
    c = Contribution(Path(kb), seed)
    c.build()
    BREAKAGES[breakage](c)
    return c.turtle()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kb", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--break", dest="breakage", choices=sorted(BREAKAGES), default="valid")
    args = parser.parse_args(argv)
    sys.stdout.write(make_contribution(args.kb, args.seed, args.breakage))
    return 0


if __name__ == "__main__":
    sys.exit(main())
