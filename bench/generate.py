"""Generate a synthetic argkb knowledge base shaped like real analyses, deterministic by seed.

    python bench/generate.py --size 100k --seed 1 --out /tmp/kb-100k

Each generated source is an "article": a text file (``data/sources/NAME.txt``, its SHA-256
recorded) and a Turtle file (``data/NAME.ttl``) with moves (actors working levers),
implications (trigger, affected actor, qualifier, a quote anchored into the text), support
chains of claims and arguments up to depth 8 below each implication, a second argument from
another lens (sometimes resting on an earlier article's implication), and rebuttals or
undercuts — every claim quoted or attributed, every node labelled, in the five lenses.
About a fifth of the editors' premises (the attributed, unquoted claims) are a theory's premise:
held (``argkb:heldBy``) by the lens of the first argument resting on them, sometimes by a second
lens too; about a tenth of the attacks only weaken (``argkb:force argkb:Weaken``). These traits
are drawn from a second random stream: every article is written as without them, plus these triples
(so the size is reached a few articles sooner).
Actors and levers are shared (``data/actors.ttl``). The result is a valid argkb knowledge
base (``argkb validate --kb OUT`` conforms) with a manifest ``generated.json`` that the
benchmark and ``bench/contribution.py`` use to pick existing nodes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PREFIXES = """@prefix argkb: <https://w3id.org/argkb/ontology#> .
@prefix kb:    <https://w3id.org/argkb/id/> .
@prefix oa:    <http://www.w3.org/ns/oa#> .
@prefix prov:  <http://www.w3.org/ns/prov#> .
@prefix rdfs:  <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
LENSES = [
    "argkb:Realism",
    "argkb:Liberalism",
    "argkb:Constructivism",
    "argkb:DiplomaticPractice",
    "argkb:SecurityAnalysis",
]
QUALIFIERS = ["argkb:Could", "argkb:Might", "argkb:Likely", "argkb:Certain"]
DIRECTIONS = ["argkb:Increase", "argkb:Decrease", "argkb:Maintain"]
ACTORS = [
    "united-states",
    "russia",
    "ukraine",
    "european-allies",
    "nato",
    "donald-trump",
    "vladimir-putin",
]
LEVERS = ["sanctions", "military-aid", "negotiation", "alliance-commitment", "transparency"]
WORDS = (
    "pressure ceasefire talks border sanctions energy alliance guarantee deterrence credibility "
    "escalation leverage frontline summit concession envoy territory security aid reserve market "
    "election signal coalition treaty inspection corridor grain export reactor airspace"
).split()
SIZES = {"tiny": 1_500, "1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000}
#: bumped when the same seed and size give other files (bench/run.py regenerates its cached
#: knowledge bases)
VERSION = 2
#: the share of the editors' premises a lens holds (argkb:heldBy), of those a second lens holds too,
#: and of the attacks that only weaken (argkb:force argkb:Weaken)
HELD_SHARE, SECOND_HOLDER_SHARE, WEAKEN_SHARE = 0.2, 0.3, 0.1


def size_arguments(parser, timeout: float = 900):
    """The options every whole-process bench shares: --sizes, --seed, --work (the generated KBs'
    cache), --timeout."""
    import os

    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "argkb-bench"
    )
    parser.add_argument("--timeout", type=float, default=timeout)
    return parser


def parse_size(text: str) -> int:
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    mult = {"k": 1_000, "m": 1_000_000}.get(key[-1:], 1)
    return int(float(key.rstrip("km")) * mult)


def lit(text: str, lang: str | None = "en") -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


class Article:
    """One generated source: its text grows as sentences are quoted; its Turtle is written at the
    end."""

    def __init__(self, index: int, rng: random.Random, traits: random.Random | None = None):
        self.name = f"gen-src-{index:05d}"
        self.rng = rng
        self.traits = traits or random.Random(index)  # heldBy and force: a stream of their own
        self.editors: set[str] = set()  # the editors' claims no argument rests on yet
        self.held = 0
        self.weakening = 0
        self.text = ""
        self.lines: list[str] = []
        self.triples = 0
        self.quotes = 0

    def sentence(self) -> str:
        words = self.rng.choices(WORDS, k=self.rng.randint(7, 14))
        return " ".join(words).capitalize() + "."

    def node(self, iri: str, props: list[tuple[str, str]]) -> None:
        body = " ;\n    ".join(f"{p} {o}" for p, o in props)
        self.lines.append(f"{iri} {body} .\n")
        self.triples += sum(1 if o.startswith('"') else o.count(", ") + 1 for _p, o in props)

    def quote(self, sentence: str) -> str:
        """Append ``sentence`` to the text and return a quote node anchored to it."""
        if self.text:
            self.text += " "
        start = len(self.text)
        self.text += sentence
        self.quotes += 1
        iri = f"kb:{self.name}-q{self.quotes}"
        self.node(
            iri,
            [
                ("a", "argkb:Quote"),
                ("oa:hasSource", f"kb:{self.name}"),
                ("oa:exact", lit(sentence, None)),
                ("oa:start", str(start)),
                ("oa:end", str(start + len(sentence))),
            ],
        )
        return iri

    def claim(self, iri: str, label: str, kind: str = "argkb:Claim", extra=()) -> str:
        statement = self.sentence()
        props = [
            ("a", kind),
            ("rdfs:label", lit(label)),
            ("argkb:statement", lit(statement)),
            *extra,
        ]
        if kind == "argkb:Implication" or self.rng.random() < 0.5:
            props.append(("argkb:evidence", self.quote(statement)))
        else:
            props += [
                ("prov:wasAttributedTo", "kb:argkb-editors"),
                ("argkb:acceptedFinding", "argkb:UncitedBackground"),
                ("argkb:reviewNote", lit("Generated text: it stands for no published work.")),
            ]
            self.editors.add(iri)
        self.node(iri, props)
        return iri

    def argument(self, iri: str, lens: str, premises: list[str], target: tuple[str, str]) -> str:
        force = []
        if target[0] == "argkb:attacks" and self.traits.random() < WEAKEN_SHARE:
            force = [("argkb:force", "argkb:Weaken")]
            self.weakening += 1
        self.node(
            iri,
            [
                ("a", "argkb:Argument"),
                ("rdfs:label", lit(f"argument {iri[3:]}")),
                ("argkb:perspective", lens),
                ("argkb:premise", ", ".join(premises)),
                ("argkb:warrant", lit(self.sentence())),
                target,
                *force,
                ("prov:wasAttributedTo", "kb:argkb-editors"),
            ],
        )
        for p in (
            premises
        ):  # an editors' premise, at its first use: a theory's (of this lens) or shared ground
            if p in self.editors:
                self.editors.discard(p)
                if self.traits.random() < HELD_SHARE:
                    holders = [lens]
                    if self.traits.random() < SECOND_HOLDER_SHARE:
                        holders.append(self.traits.choice([x for x in LENSES if x != lens]))
                    self.node(p, [("argkb:heldBy", ", ".join(holders))])
                    self.held += 1
        return iri


def write_article(
    article: Article,
    index: int,
    actors: list[str],
    levers: list[str],
    earlier: list[str],
    manifest: dict,
) -> None:
    rng, n = article.rng, article.name
    article.node(
        f"kb:{n}",
        [("a", "argkb:Source, prov:Entity"), ("dcterms:title", lit(f"Generated article {index}"))],
    )
    moves = []
    for m in range(3):
        iri = f"kb:{n}-move{m}"
        article.node(
            iri,
            [
                ("a", "argkb:Move"),
                ("rdfs:label", lit(f"move {m} of article {index}")),
                ("argkb:actor", f"kb:{rng.choice(actors)}"),
                ("argkb:lever", f"kb:{rng.choice(levers)}"),
                ("argkb:direction", rng.choice(DIRECTIONS)),
            ],
        )
        moves.append(iri)
    for i in range(5):
        impl = article.claim(
            f"kb:{n}-impl{i}",
            f"implication {i} of article {index}",
            "argkb:Implication",
            [
                ("argkb:trigger", rng.choice(moves)),
                ("argkb:affects", f"kb:{rng.choice(actors)}"),
                ("argkb:qualifier", rng.choice(QUALIFIERS)),
            ],
        )
        lenses = rng.sample(LENSES, 3)
        depth = min(8, 1 + int(rng.expovariate(0.45)))
        above, chain = impl, []
        for k in range(depth):  # a support chain: claim k supports the level above it
            claim = article.claim(
                f"kb:{n}-impl{i}-c{k}", f"claim {k} below implication {i} of article {index}"
            )
            article.argument(
                f"kb:{n}-impl{i}-a{k}",
                lenses[0] if k == 0 else rng.choice(LENSES),
                [claim],
                ("argkb:conclusion", above),
            )
            chain.append(claim)
            above = claim
        second = [rng.choice(chain)] + (
            [rng.choice(earlier)] if earlier and rng.random() < 0.3 else []
        )
        article.argument(f"kb:{n}-impl{i}-b", lenses[1], second, ("argkb:conclusion", impl))
        if rng.random() < 0.6:
            basis = article.claim(
                f"kb:{n}-impl{i}-x", f"objection to implication {i} of article {index}"
            )
            target = impl if rng.random() < 0.5 else f"kb:{n}-impl{i}-b"
            article.argument(f"kb:{n}-impl{i}-att", lenses[2], [basis], ("argkb:attacks", target))
        manifest["implications"].append({"iri": impl, "chain": chain, "source": n})
    earlier.extend(f"kb:{n}-impl{i}" for i in range(5))


def generate(out: Path, size: int, seed: int = 1) -> dict:
    """Write a knowledge base of about ``size`` triples (data only; the ontology is copied) to
    ``out``."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "data" / "sources").mkdir(parents=True)
    shutil.copytree(REPO / "ontology", out / "ontology")
    n_extra = max(3, size // 20_000)
    actors = ACTORS + [f"gen-actor-{i}" for i in range(n_extra)]
    levers = LEVERS + [f"gen-lever-{i}" for i in range(n_extra)]
    shared = [PREFIXES, 'kb:argkb-editors a prov:Agent ; rdfs:label "argkb editors" .\n']
    for a in actors:
        shared.append(f"kb:{a} a argkb:Actor ; rdfs:label {lit(a.replace('-', ' '))} .\n")
    for lv in levers:
        shared.append(f"kb:{lv} a argkb:Lever ; rdfs:label {lit(lv.replace('-', ' '))} .\n")
    (out / "data" / "actors.ttl").write_text("\n".join(shared), encoding="utf-8")
    triples = 2 + 2 * (len(actors) + len(levers))
    manifest: dict = {
        "version": VERSION,
        "seed": seed,
        "size": size,
        "sources": [],
        "implications": [],
        "actors": actors,
        "levers": levers,
        "held": 0,
        "weakening": 0,
    }
    earlier: list[str] = []
    index = 0
    while triples < size:
        index += 1
        bits = rng.getrandbits(64)
        article = Article(index, random.Random(bits), random.Random(bits ^ 0x5EED))
        write_article(article, index, actors, levers, earlier, manifest)
        manifest["held"] += article.held
        manifest["weakening"] += article.weakening
        data = article.text.encode("utf-8")
        (out / "data" / "sources" / f"{article.name}.txt").write_bytes(data)
        article.lines.append(
            f'kb:{article.name} argkb:sha256 "{hashlib.sha256(data).hexdigest()}" .\n'
        )
        article.triples += 1
        (out / "data" / f"{article.name}.ttl").write_text(
            PREFIXES + "\n" + "".join(article.lines), encoding="utf-8"
        )
        manifest["sources"].append(
            {"iri": f"kb:{article.name}", "quotes": article.quotes, "chars": len(article.text)}
        )
        triples += article.triples
    manifest["triples"] = triples
    (out / "generated.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--size", default="10k", help="about how many triples: 10k, 100k, 1m, or a number"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--out", type=Path, required=True, help="folder to write the knowledge base to (replaced)"
    )
    args = parser.parse_args(argv)
    manifest = generate(args.out, parse_size(args.size), args.seed)
    print(
        f"{args.out}: {manifest['triples']} data triples, {len(manifest['sources'])} sources, "
        f"{len(manifest['implications'])} implications, {manifest['held']} premises held by a "
        f"lens, {manifest['weakening']} weakening attacks"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
