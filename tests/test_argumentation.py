"""The mini knowledge base as an argumentation framework: attacks, labellings, lens views, statuses."""
from __future__ import annotations

from argkb.assess.framework import evaluate, load, statuses
from argkb.assess.dung import IN, OUT, UNDEC
from argkb.kb.folder import KnowledgeBase
from argkb.vocab.namespaces import ARGKB, KB
from argkb.store import open_store
from conftest import DATA


def test_attacks_are_undercuts_rebuttals_and_underminings(mini_kb):
    graph = load(open_store(mini_kb))
    assert len(graph.arguments) == 6 and len(graph.claims) == 5
    assert graph.attacks == {
        (KB["arg-undercut-liberal"], KB["arg-bolder-liberalism"]): "undercut",
        (KB["arg-bolder-security-rebuttal"], KB["arg-bolder-realism"]): "rebut",
        (KB["arg-bolder-security-rebuttal"], KB["arg-bolder-liberalism"]): "rebut",
        # impl-russia-bolder is a premise of the constructivist argument: rebutting it undermines that argument
        (KB["arg-bolder-security-rebuttal"], KB["arg-doubt-constructivism"]): "undermine",
    }


def test_overall_grounded_labelling(mini_kb):
    ev = evaluate(load(open_store(mini_kb)))
    assert ev.arguments == {
        KB["arg-bolder-security-rebuttal"]: IN, KB["arg-undercut-liberal"]: IN, KB["arg-doubt-realism"]: IN,
        KB["arg-bolder-realism"]: OUT, KB["arg-bolder-liberalism"]: OUT, KB["arg-doubt-constructivism"]: OUT,
    }
    assert ev.claims[KB["impl-russia-bolder"]] == OUT        # rebutted by an IN argument
    assert ev.claims[KB["impl-allies-doubt"]] == IN          # the realist support stands
    assert ev.claims[KB["claim-sanctions-porous"]] == IN     # a premise nothing attacks


def test_a_lens_sees_its_own_arguments_and_their_attackers(mini_kb):
    graph = load(open_store(mini_kb))
    cons = evaluate(graph, ARGKB.Constructivism)
    assert cons.own == {KB["arg-doubt-constructivism"]}
    assert cons.view == {KB["arg-doubt-constructivism"], KB["arg-bolder-security-rebuttal"]}
    assert cons.claims[KB["impl-allies-doubt"]] == OUT       # its only support is undermined
    realism = evaluate(graph, ARGKB.Realism)
    assert realism.claims[KB["impl-allies-doubt"]] == IN     # realism's own support is unattacked
    assert KB["arg-doubt-constructivism"] not in realism.arguments   # no borrowed arguments
    diplomacy = evaluate(graph, ARGKB.DiplomaticPractice)
    assert diplomacy.claims == {KB["claim-sanctions-porous"]: IN}    # it argues nothing about implications


def test_statuses_library_function(mini_kb):
    overall = statuses(mini_kb)
    assert overall[KB["impl-russia-bolder"]] == OUT and overall[KB["arg-doubt-realism"]] == IN
    cons = statuses(mini_kb, "constructivism")
    assert cons[KB["impl-allies-doubt"]] == OUT and KB["arg-doubt-realism"] not in cons
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
