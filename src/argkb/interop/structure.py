"""An ``arguebuf`` graph (atom nodes, scheme nodes, edges) as an imported map: every atom a
statement, every support / attack / rephrase scheme node an inference from its incoming atoms
to each node it points to. Shared by the AIF, xAIF, SADFace and Kialo readers."""

from __future__ import annotations

from argkb.interop.model import ATTACK, REPHRASE, SUPPORT, ImportedMap, Inference, Statement

#: the most premise links one scheme node may make (premises × conclusions): one scheme of 20,000
#: premises and 20,000 conclusions made 400 million triples (7.7 GB)
MAX_SCHEME_LINKS = 10_000


def scheme_kind(scheme) -> str | None:
    from arguebuf.model.scheme import Attack, Rephrase, Support

    for cls, kind in ((Support, SUPPORT), (Attack, ATTACK), (Rephrase, REPHRASE)):
        if isinstance(scheme, cls):
            return kind
    return None


def add_structure(
    imported: ImportedMap,
    structure,
    *,
    exclude=frozenset(),
    titles=None,
    warrants=None,
    speakers=None,
    words=None,
) -> None:
    """Fill ``imported`` from ``structure``; ``exclude``: atoms that are not statements (argkb's
    warrant nodes); ``titles``/``warrants``: scheme id -> its name / (lens, warrant);
    ``speakers``/``words``: atom id -> who said it / the words said."""
    titles, warrants, speakers, words = titles or {}, warrants or {}, speakers or {}, words or {}
    split: dict[
        str, list[str]
    ] = {}  # a scheme with several targets: its inferences, one per target
    for atom_id in sorted(structure.atom_nodes):
        if atom_id not in exclude:
            text = structure.atom_nodes[atom_id].plain_text.strip()
            imported.statements[atom_id] = Statement(
                atom_id, text, speakers=speakers.get(atom_id, []), words=words.get(atom_id, [])
            )
    for scheme_id in sorted(structure.scheme_nodes):
        kind = scheme_kind(structure.scheme_nodes[scheme_id].scheme)
        if kind is None:
            imported.skipped.append(
                f"node {scheme_id}: a preference or an unnamed relation, which argkb "
                "has no counterpart for"
            )
            continue
        # the atoms pointing straight at it (arguebuf's incoming_atom_nodes would also take in the
        # premises of whatever undercuts it)
        premises = sorted(
            n.id
            for n in structure.incoming_nodes(scheme_id)
            if n.id in structure.atom_nodes and n.id not in exclude
        )
        targets = sorted(n.id for n in structure.outgoing_nodes(scheme_id))
        if not premises or not targets:
            imported.skipped.append(
                f"node {scheme_id}: a {kind} with no {'premise' if not premises else 'target'}"
            )
            continue
        if len(premises) * len(targets) > MAX_SCHEME_LINKS:
            imported.skipped.append(
                f"node {scheme_id}: a {kind} of {len(premises):,} premises and {len(targets):,} "
                f"conclusions, over the {MAX_SCHEME_LINKS:,} premise links argkb imports from one "
                "node; split it in the map"
            )
            continue
        lens, warrant = warrants.get(scheme_id, ("", ""))
        for n, target in enumerate(targets):
            # one inference per target: "1-1", "1-2" … unless the map has a node of that id (a
            # scheme "1-2")
            inf_id = scheme_id if len(targets) == 1 else f"{scheme_id}-{n + 1}"
            while inf_id != scheme_id and (
                inf_id in structure.scheme_nodes
                or inf_id in structure.atom_nodes
                or inf_id in imported.inferences
            ):
                inf_id += "'"
            imported.inferences[inf_id] = Inference(
                inf_id,
                kind,
                premises,
                target,
                title=titles.get(scheme_id, ""),
                warrant=warrant,
                tags=[lens] if lens else [],
            )
            if len(targets) > 1:
                split.setdefault(scheme_id, []).append(inf_id)
    for inf in list(imported.inferences.values()):
        if inf.target in split:
            imported.skipped.append(
                f"node {inf.id}: a {inf.kind} of node {inf.target}, which has several "
                f"conclusions and is imported as one argument each ({', '.join(split[inf.target])})"
                "; point it at one of them in the map"
            )
            del imported.inferences[inf.id]
    for inf in list(imported.inferences.values()):
        target = imported.inferences.get(inf.target)
        if target is not None and inf.kind != ATTACK:
            imported.skipped.append(
                f"node {inf.id}: a {inf.kind} of the inference {inf.target}; argkb "
                "arguments conclude claims only"
            )
            del imported.inferences[inf.id]
