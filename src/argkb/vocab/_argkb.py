"""The argkb vocabulary as a strict rdflib namespace.

GENERATED from ontology/argkb.ttl by ``python -m argkb.devtools.gen_namespace``;
do not edit by hand. Asking for a term the ontology lacks raises AttributeError.
"""

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class ARGKB(DefinedNamespace):
    """argkb ontology: https://w3id.org/argkb/ontology#"""

    _NS = Namespace("https://w3id.org/argkb/ontology#")
    _fail = True

    # Classes
    Actor: URIRef  # A state, leader, alliance, organisation or population that acts or is affected.
    Alliance: URIRef  # A group of states bound by a formal or informal commitment to act together.
    # One inference read through one perspective: from its premises, by its warrant, to a conclusion
    # it supports or to a claim or argument it attacks.
    Argument: URIRef
    # What an attack does when it stands: refute what it attacks (defeat it in the IN/OUT reading)
    # or only weaken it (lower its graded strength, never defeat it). ASPIC+ calls an attack that
    # refutes a defeat.
    AttackForce: URIRef
    # A proposition, with a short label and the full sentence as its statement; quoted from a source
    # or attributed to whoever asserts it.
    Claim: URIRef
    # One accepted addition to the knowledge base: who added which content, when and why.
    Contribution: URIRef
    # The way a move works a lever: increase, decrease or maintain it, or undertake a one-off action
    # or event with it.
    Direction: URIRef
    # The editors' decision that a sentence `argkb draft` proposed as a consequence states none,
    # with its reason: `argkb source show` no longer counts the sentence as open.
    Dismissal: URIRef
    # A kind of weakness `argkb review` looks for in a knowledge base (an uncited background
    # premise, a label that drops the hedge, …).
    Finding: URIRef
    # A sentence of the source that says what matters rather than what is true or what follows ("the
    # talks are complex and consequential", "the provision of military aid is a complex issue"):
    # quoted so that the encoding of the source is complete, but doing no inferential work, so no
    # argument needs it as a premise and the unused-claim warning leaves it out. A framing statement
    # that does carry an inference is an ordinary claim.
    Framing: URIRef
    # A claim about what could follow if one or more moves are made: its triggers, the actors it
    # affects and a modal qualifier.
    Implication: URIRef
    # A person who leads, or has led, a state or organisation and acts in that capacity.
    Leader: URIRef
    # A claim about method: what experts of one perspective look at or how they would analyse ("a
    # realist perspective might focus on the balance of power"). It says nothing about the world, so
    # it is attached to the perspective it describes and is never an argument's premise.
    LensDescription: URIRef
    # A policy instrument an actor can work: sanctions, military aid, negotiation, alliance
    # commitment, transparency, …
    Lever: URIRef
    Move: URIRef  # One actor working one lever in one direction.
    # Whether a move is a signal (an intention or stance expressed in words), an act (a policy
    # enacted), or only reported (said by others to have happened, unconfirmed or denied by the
    # actors).
    MoveKind: URIRef
    # An institution or collective body other than a state or alliance, including loose groupings
    # such as the international community.
    Organisation: URIRef
    # A lens of analysis — a theory of international relations or a practitioner's discipline — that
    # decides what counts as a reason.
    Perspective: URIRef
    # A group of people affected by, or holding to account, the actions of others (citizens, the
    # public, a minority).
    Population: URIRef
    # How strongly an implication is expected to follow, as the source words it; ordered could <
    # might < likely < certain by argkb:rank.
    Qualifier: URIRef
    # An exact span of a source: the words (oa:exact) found between two character offsets (oa:start
    # inclusive, oa:end exclusive, counted in Unicode code points) of the source's text
    # (oa:hasSource).
    Quote: URIRef
    # A published work a claim or an argument rests on: a book, an article, a treaty, an official
    # report. It carries a full citation (dcterms:bibliographicCitation), its creators
    # (dcterms:creator), its year (dcterms:issued, an xsd:gYear), its title (dcterms:title) and,
    # where one exists, a DOI (argkb:doi) or a URL (argkb:url).
    Reference: URIRef
    # A document analysed; its text is kept beside the knowledge base (data/sources/NAME.txt for
    # kb:NAME) and fixed by its SHA-256.
    Source: URIRef
    State: URIRef  # A sovereign state or its government acting as one.

    # Properties
    # A finding of `argkb review` the editors have weighed for this node and chosen to leave;
    # argkb:reviewNote says why. Review and validation no longer report it for this node.
    acceptedFinding: URIRef
    actor: URIRef  # The actor who makes the move.
    affects: URIRef  # An actor the implication would affect.
    # The source presents the two implications as alternative outcomes ("conversely…", "on the other
    # hand…", "or…"): if one follows, the other is what the source says might follow instead.
    # Outcomes that can both follow and that the source weighs against each other are a trade-off
    # (argkb:tradeOff), not alternatives.
    alternativeTo: URIRef
    # The date as of which a time-sensitive claim holds (who holds which office, what has been
    # supplied, which sanctions are in force); the claim says nothing about later dates.
    asOf: URIRef
    # The claim the argument rebuts, or the argument it undercuts (an AIF CA-node's outgoing edge).
    attacks: URIRef
    # The strength in [0, 1] an implication with this qualifier starts from in the graded reading,
    # before any argument for or against it is weighed (DF-QuAD's or the quadratic energy model's
    # base score).
    baseScore: URIRef
    cites: URIRef  # A published work the claim or argument rests on.
    conclusion: URIRef  # The claim the argument supports (an AIF RA-node's outgoing edge).
    # Where a contribution's content is kept, relative to the knowledge base folder
    # (data/contributions/NAME.ttl); for a replaced fact, the file that asserts it (left unchanged;
    # readers leave the fact out of it while the amendment is live).
    contentFile: URIRef
    # The SHA-256 of a contribution's content file, as 64 lowercase hexadecimal digits; the file is
    # written deterministically from the triples, so equal content has an equal digest.
    contentSha256: URIRef
    # A perspective a lens description is about (the article's sentence on multiple angles describes
    # several).
    describes: URIRef
    direction: URIRef  # Whether the move increases, decreases or maintains the lever.
    # The quote of the sentence the dismissal sets aside (an argkb:Quote anchored in its source).
    dismisses: URIRef
    # The Digital Object Identifier of a reference, without the https://doi.org/ prefix (10.xxxx/…).
    doi: URIRef
    evidence: URIRef  # A quote of a source that states the claim.
    # Whether the argument's attack refutes or only weakens what it attacks (argkb:Refute, the
    # default, or argkb:Weaken); only an argument with argkb:attacks has one.
    force: URIRef
    # A word or phrase with which a source states an outcome at this qualifier's force (could,
    # might, likely, is bound to …): the one list `argkb draft` proposes qualifiers from, `argkb
    # review` finds dropped hedges by and the shapes' qualifiers come from.
    hedgeWord: URIRef
    # A perspective whose theory states this claim (balancing, relative gains, interdependence,
    # shared norms…). A claim held by no perspective is shared ground: what a source says, or
    # empirical background. Under a lens, another lens's argument counts only when the lens grants
    # all its premises: shared ground and the claims the lens holds itself.
    heldBy: URIRef
    holds: URIRef  # The actor is able to work this lever.
    # The name of a file the contributor gave, from which the contribution's content was read.
    inputFile: URIRef
    leaderOf: URIRef  # The leader heads this state or organisation.
    lever: URIRef  # The lever the move works.
    memberOf: URIRef  # The actor belongs to the alliance or group.
    # Whether the move is a signal, an act, or only reported (argkb:Signal, argkb:Act or
    # argkb:Reported).
    moveKind: URIRef
    # When a source's date (dcterms:date) is unknown: the latest date at which it can have been
    # written, inferred from what it says.
    notAfter: URIRef
    # When a source's date (dcterms:date) is unknown: the earliest date at which it can have been
    # written, inferred from what it says.
    notBefore: URIRef
    perspective: URIRef  # The lens of analysis through which the argument is read.
    premise: URIRef  # A claim the argument reasons from.
    premiseOf: URIRef  # The argument this claim is a premise of (inverse of premise).
    # A property of this node whose values argkb draft proposed rather than the analyst decided: the
    # qualifier from the sentence's modal verb, the label from its words, the triggers and affected
    # actors from the labels and skos:altLabels of moves, levers and actors of the knowledge base
    # that occur in it, or from the gazetteer (pycountry's states, a curated list of organisations)
    # and the sentence's condition clause. On a stub node the draft adds (a new actor, lever or
    # move), argkb:proposed rdf:type marks the whole node as proposed. The analyst checks the values
    # and then deletes the statement.
    proposed: URIRef
    # The modal force with which the implication is claimed (the source's own modal verb).
    qualifier: URIRef
    # The position of a qualifier in the order could (1) < might (2) < likely (3) < certain (4).
    rank: URIRef
    # Why the editors dismissed the sentence ("a recommendation, not a consequence").
    reason: URIRef
    # A single-valued fact this contribution supersedes (argkb add --amend), as a reified
    # rdf:Statement whose argkb:contentFile names the file that asserts it. No file is edited: while
    # the contribution is live, readers leave the fact out of that file; retracting the contribution
    # brings it back.
    replaced: URIRef
    # When the contribution was taken out of the live knowledge base; its content file is kept but
    # no longer read.
    retractedAt: URIRef
    retractedBy: URIRef  # The agent who retracted the contribution.
    # Why the contribution was retracted, in the words of whoever retracted it.
    retractionReason: URIRef
    # Why the editors leave this node's accepted findings as they are: a sentence, language-tagged.
    # (No rdfs:range is declared: Pellet's explanations fail on a range-only datatype property.)
    reviewNote: URIRef
    sha256: URIRef  # The SHA-256 of the source's text file, as 64 lowercase hexadecimal digits.
    statement: URIRef  # The full sentence a claim asserts.
    supportedBy: URIRef  # An argument that concludes this claim (inverse of conclusion).
    # The full text of a source. Never written in data files: argkb supplies it from the source's
    # text file while validating, so that quotes can be checked against it.
    text: URIRef
    # A decision the analyst still has to take about this node, in words: argkb draft writes one per
    # open decision (the move that triggers an implication, its arguments per perspective and their
    # warrants, the actors it affects when none was found). Validation reports each as a violation
    # of rule 2 until the analyst has done it and deleted the statement.
    todo: URIRef
    # The source weighs the two implications against each other as effects of the same development
    # that can both follow: a benefit and its cost ("it can help …; it can also …"), or a gain for
    # one side and a loss for another. Unlike argkb:alternativeTo, one following does not mean the
    # other does not, so an attack on one side is no reason to attack the other.
    tradeOff: URIRef
    trigger: URIRef  # A move whose making could bring about the implication.
    triggers: URIRef  # The implication this move could bring about (inverse of trigger).
    url: URIRef  # Where the text of a reference can be read, when it has no DOI.
    # The rationale that licenses the step from premises to conclusion under the argument's
    # perspective (Toulmin's warrant), as a sentence.
    warrant: URIRef

    # Individuals
    # The actor works the lever: the policy is enacted (aid delivered, sanctions lifted, an
    # agreement signed).
    Act: URIRef
    # An outcome the source presents as sure to follow (its words: will, is bound to).
    Certain: URIRef
    # Looks at norms, identities, perceptions and signals: what actors take a move to mean shapes
    # how they respond.
    Constructivism: URIRef
    Could: URIRef  # A possibility the source raises (its words: could, can, risks).
    # One premise alone decides three or more verdicts: removing the arguments that rest on it
    # changes the status of three or more implications, overall or under a lens.
    DecisivePremise: URIRef
    Decrease: URIRef  # The actor eases or withdraws the instrument.
    # The practitioner's view of negotiation: channels, sequencing, trust, inclusiveness, precedent
    # and the domestic politics behind each position.
    DiplomaticPractice: URIRef
    # An implication's label states as fact what the source only says could, might or would follow.
    DroppedHedge: URIRef
    Increase: URIRef  # The actor works the lever harder: more of the instrument.
    # An argument reasons from a description of a perspective's method rather than from a claim
    # about the world.
    LensDescriptionPremise: URIRef
    # Looks at institutions, economic interdependence and cooperation: rules, alliances and trade
    # shape what states can gain together.
    Liberalism: URIRef
    # An outcome the source expects more often than not (its words: would, likely, unlikely,
    # probably, tends to).
    Likely: URIRef
    Maintain: URIRef  # The actor holds the instrument where it is, signalling resolve to keep it.
    Might: URIRef  # A possibility the source presents as open (its words: might, may).
    MoveWithoutKind: URIRef  # A move does not say whether it is a signal or an act.
    # Of two alternative outcomes, only one is ever attacked: the other is left unchallenged.
    OneSidedAlternative: URIRef
    # The lenses argkb reads arguments through: three theories of international relations and two
    # practitioners' disciplines.
    Perspectives: URIRef
    # Looks at the balance of power and the national interest: states seek security and relative
    # gains, credibility and capability decide outcomes.
    Realism: URIRef
    # The attack, if it stands, defeats what it attacks: the claim cannot follow as stated ("aid
    # cannot restore the lost territory" against "aid restores the territory"). The default for an
    # attack that names no force.
    Refute: URIRef
    # An argument refutes an implication the source only says could or might follow; a "not always"
    # or "not fully" does not refute a possibility: aim the attack at a stronger claim, undercut the
    # argument, or mark it argkb:force argkb:Weaken.
    RefutedPossibility: URIRef
    # Others report that the actor worked the lever, and the actor has not confirmed it or has
    # denied it ("reports have emerged that … have discussed"): whether the move happened at all is
    # uncertain, so what follows from it follows only if the reports are true.
    Reported: URIRef
    # A verdict rests on one premise that is the editors' own, cites no reference and that nothing
    # attacks: removing the arguments that rest on it changes the verdict.
    RestsOnEditorsPremise: URIRef
    # The security expert's view: military capabilities, deterrence, escalation risk, force posture
    # and the role of alliances in keeping the peace.
    SecurityAnalysis: URIRef
    # The actor expresses an intention or stance about working the lever ("signals a willingness to
    # ease sanctions") without yet working it; others react to what they take the words to mean.
    Signal: URIRef
    SingleLens: URIRef  # An implication is argued through only one perspective.
    # An editors' premise states a fact or a theory but cites no reference (argkb:cites).
    UncitedBackground: URIRef
    # A source has neither a dcterms:date nor the bounds argkb:notBefore / argkb:notAfter.
    UndatedSource: URIRef
    # The actor carries out a one-off action or event with the lever (attends a summit, launches a
    # review, mines a strait): not more or less of an instrument but something that happens, or not.
    Undertake: URIRef
    # The attack only lowers the strength of what it attacks and never defeats it: a "not always" or
    # "not fully" against a claim that something could follow.
    Weaken: URIRef


#: argkb:hedgeWord: each hedge word -> the local name of the qualifier it states
#: (the one list of hedges)
HEDGE_WORDS: dict[str, str] = {
    "bound to": "Certain",
    "can": "Could",
    "can't": "Could",
    "cannot": "Could",
    "could": "Could",
    "likely": "Likely",
    "may": "Might",
    "might": "Might",
    "probably": "Likely",
    "risk": "Could",
    "risks": "Could",
    "tend to": "Likely",
    "tends to": "Likely",
    "unlikely": "Likely",
    "will": "Certain",
    "won't": "Certain",
    "would": "Likely",
}
