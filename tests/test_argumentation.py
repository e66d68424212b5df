"""The mini knowledge base as an argumentation framework: attacks, labellings, lens views,
statuses."""

from __future__ import annotations

import pytest

from argkb.assess.dung import IN, OUT, UNDEC
from argkb.assess.framework import evaluate, load, statuses
from argkb.kb.folder import KnowledgeBase
from argkb.store import open_store
from argkb.vocab.namespaces import ARGKB, KB
from conftest import DATA


@pytest.fixture(scope="module")
def mini_kb_dir(shared_mini_kb_dir):
    """The tests here only read the tiny knowledge base: they share one copy (tests/conftest.py)."""
    return shared_mini_kb_dir


def test_attacks_are_undercuts_rebuttals_and_underminings(mini_kb):
    graph = load(open_store(mini_kb))
    assert len(graph.arguments) == 6 and len(graph.claims) == 5
    assert graph.attacks == {
        (KB["arg-undercut-liberal"], KB["arg-bolder-liberalism"]): "undercut",
        (KB["arg-bolder-security-rebuttal"], KB["arg-bolder-realism"]): "rebut",
        (KB["arg-bolder-security-rebuttal"], KB["arg-bolder-liberalism"]): "rebut",
        # impl-russia-bolder is a premise of the constructivist argument: rebutting it undermines
        # that argument
        (KB["arg-bolder-security-rebuttal"], KB["arg-doubt-constructivism"]): "undermine",
    }


def test_overall_grounded_labelling(mini_kb):
    ev = evaluate(load(open_store(mini_kb)))
    assert ev.arguments == {
        KB["arg-bolder-security-rebuttal"]: IN,
        KB["arg-undercut-liberal"]: IN,
        KB["arg-doubt-realism"]: IN,
        KB["arg-bolder-realism"]: OUT,
        KB["arg-bolder-liberalism"]: OUT,
        KB["arg-doubt-constructivism"]: OUT,
    }
    assert ev.claims[KB["impl-russia-bolder"]] == OUT  # rebutted by an IN argument
    assert ev.claims[KB["impl-allies-doubt"]] == IN  # the realist support stands
    assert ev.claims[KB["claim-sanctions-porous"]] == IN  # a premise nothing attacks


def test_a_lens_counts_every_argument_on_shared_ground(mini_kb):
    """No claim of the mini knowledge base is held by a lens (argkb:heldBy): every premise is shared
    ground, so every lens counts every argument; an implication still stands under a lens only by
    the lens's own support."""
    graph = load(open_store(mini_kb))
    cons = evaluate(graph, ARGKB.Constructivism)
    assert cons.own == {KB["arg-doubt-constructivism"]}
    assert cons.view == set(graph.arguments) and len(cons.view) == 6
    assert cons.claims[KB["impl-allies-doubt"]] == OUT  # its only own support is undermined
    realism = evaluate(graph, ARGKB.Realism)
    assert realism.claims[KB["impl-allies-doubt"]] == IN  # realism's own support is unattacked
    assert (
        realism.arguments[KB["arg-doubt-constructivism"]] == OUT
    )  # counted, and undermined as overall
    diplomacy = evaluate(graph, ARGKB.DiplomaticPractice)
    # diplomacy argues neither implication (it only undercuts the liberal argument): silent on both,
    # so they are not in its claims; the premises its counted arguments reason from are
    assert diplomacy.claims == {
        KB["claim-sanctions-porous"]: IN,
        KB["claim-pressure-restrains"]: IN,
        KB["claim-signals-matter"]: IN,
    }
    security = evaluate(graph, ARGKB.SecurityAnalysis)
    assert security.claims[KB["impl-russia-bolder"]] == OUT  # it argues only against it, and wins
    assert KB["impl-allies-doubt"] not in security.claims  # silent


def test_a_lens_does_not_count_an_argument_resting_on_a_theory_it_does_not_hold(mini_kb_dir):
    kb = KnowledgeBase.locate(
        mini_kb_dir, extra=[DATA / "valid" / "held-by-two-lenses-and-weakening-attack.ttl"]
    )
    graph = load(open_store(kb))
    gains, weak = (
        KB["arg-bolder-relative-gains"],
        KB["arg-doubt-porous-signal"],
    )  # realist; liberal, Weaken
    liberalism, security = (
        evaluate(graph, ARGKB.Liberalism),
        evaluate(graph, ARGKB.SecurityAnalysis),
    )
    assert gains not in liberalism.view and KB["claim-relative-gains"] not in liberalism.claims
    assert graph.ungranted(ARGKB.Liberalism, gains) == [KB["claim-relative-gains"]]
    assert security.arguments[gains] == OUT  # security analysis holds the premise too
    assert evaluate(graph, ARGKB.Realism).arguments[gains] == OUT
    # a weakening attack never defeats: impl-allies-doubt stays IN overall on the realist support
    overall = evaluate(graph)
    assert overall.arguments[weak] == IN and overall.arguments[KB["arg-doubt-realism"]] == IN
    assert overall.claims[KB["impl-allies-doubt"]] == IN
    assert liberalism.claims[KB["impl-allies-doubt"]] == UNDEC  # liberalism only weakens it


def test_statuses_library_function(mini_kb):
    overall = statuses(mini_kb)
    assert overall[KB["impl-russia-bolder"]] == OUT and overall[KB["arg-doubt-realism"]] == IN
    cons = statuses(mini_kb, "constructivism")
    # realism's argument counts under constructivism (shared-ground premise) and stands, but is not
    # constructivism's own support for the implication, which stays OUT
    assert cons[KB["impl-allies-doubt"]] == OUT and cons[KB["arg-doubt-realism"]] == IN
    assert statuses(mini_kb, ARGKB.Constructivism) == cons


def test_semantics_differ_on_a_cycle(mini_kb_dir):
    kb = KnowledgeBase.locate(mini_kb_dir, extra=[DATA / "argumentation" / "cycle.ttl"])
    graph = load(open_store(kb))
    a, b = KB["arg-cycle-a"], KB["arg-cycle-b"]
    grounded = evaluate(graph, None, "grounded")
    assert grounded.arguments[a] == grounded.arguments[b] == UNDEC
    preferred = evaluate(graph, None, "preferred")
    assert preferred.extensions == 2 and preferred.arguments[a] == UNDEC
    # a lens that makes only A, facing B: the same cycle, still undecided
    lib = evaluate(graph, ARGKB.Liberalism, "grounded")
    assert lib.arguments[a] == UNDEC and lib.arguments[b] == UNDEC
