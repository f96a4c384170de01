"""Key people (关键客户): who the account team must hold a key relationship with.

"Key customer" in the method means a key *person*: the few people who decide
or sway a decision, at the top of the decision chain (GLOSSARY.md, step 2 of
the five steps: 定义关键客户). A person is key when

- they are among the top K of the account by composite importance (the three
  rules, :func:`graphcrm.analysis.importance.importance`), or
- their decision roles include decision maker (决策者) or approver (批准者):
  whoever signs is key whatever the network says.

K adapts to the size of the ranked population (see :func:`default_k`, kept in
:mod:`graphcrm.analysis.importance` because the influence matrix's "composite
high" is the same cut: no one in the top K reads ``peripheral``).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphcrm.analysis.importance import MAX_K, MIN_K, PersonImportance, default_k, importance

__all__ = ["KEY_ROLES", "MAX_K", "MIN_K", "KeyPerson", "default_k", "key_people"]

#: Decision roles that make a person key regardless of rank (in this order of reasons).
KEY_ROLES: tuple[str, ...] = ("decision_maker", "approver")

_RANK = operator.attrgetter("rank")

_ROLE_TEXT = {
    "decision_maker": ("decision maker", "决策者"),
    "approver": ("approver", "批准者"),
}


@dataclass(frozen=True)
class KeyPerson:
    """A key person and why: ``reasons`` are codes ``top_k``, ``decision_maker``, ``approver``.

    ``explanation`` holds one line in English (``"en"``) and Chinese (``"zh"``).
    """

    person_id: str
    name: str
    rank: int
    composite: float
    reasons: tuple[str, ...]
    explanation: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (reasons as a list)."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "rank": self.rank,
            "composite": self.composite,
            "reasons": list(self.reasons),
            "explanation": dict(self.explanation),
        }


def key_people(
    graph: nx.MultiDiGraph,
    ranking: list[PersonImportance] | None = None,
    *,
    k: int | None = None,
) -> list[KeyPerson]:
    """The key people of an account (or of one opportunity's decision chain).

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`); roles are read from its nodes.
    ranking : list of PersonImportance, optional
        The result of :func:`~graphcrm.analysis.importance.importance` on this
        graph; computed with the defaults when not given.
    k : int, optional
        How many of the top ranks are key; :func:`default_k` of the ranked
        population when not given.

    Returns
    -------
    list of KeyPerson
        Everyone in the top ``k`` and every decision maker or approver, by rank.

    Raises
    ------
    ValueError
        If ``k`` is negative.
    """
    if ranking is None:
        ranking = importance(graph)
    if k is None:
        k = default_k(len(ranking))
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}")
    n = len(ranking)
    result = []
    nodes = graph._node  # the raw node dicts, read only: a view per lookup costs more
    for p in sorted(ranking, key=_RANK):
        node = nodes.get(p.person_id)
        roles = node.get("roles", ()) if node is not None else ()
        if p.rank > k and not (roles and any(r in roles for r in KEY_ROLES)):
            continue  # most of 50,000 people: neither top K nor a signer
        reasons = (("top_k",) if p.rank <= k else ()) + tuple(r for r in KEY_ROLES if r in roles)
        if reasons:
            result.append(
                KeyPerson(
                    person_id=p.person_id,
                    name=p.name,
                    rank=p.rank,
                    composite=p.composite,
                    reasons=reasons,
                    explanation=_explain(p, reasons, n, k),
                )
            )
    return result


def _explain(p: PersonImportance, reasons: tuple[str, ...], n: int, k: int) -> dict[str, str]:
    """One line per language: the rank, the raw parts of the three rules, the key roles."""
    if "top_k" in reasons:
        en_rank, zh_rank = f"Rank {p.rank} of {n} (top {k})", f"重要度第{p.rank}/{n}（前{k}名）"
    else:
        en_rank, zh_rank = f"Rank {p.rank} of {n}", f"重要度第{p.rank}/{n}"
    en = (
        f"{en_rank}: known by {p.known_by}, depended on by {p.direct_dependents} "
        f"({p.dependents_within_horizon} with indirect), "
        f"important neighbours {p.important_neighbours:.2f}"
    )
    zh = (
        f"{zh_rank}：被{p.known_by}人认识，被{p.direct_dependents}人依赖"
        f"（含间接共{p.dependents_within_horizon}人），邻居重要度{p.important_neighbours:.2f}"
    )
    roles = [_ROLE_TEXT[code] for code in reasons if code in _ROLE_TEXT]
    if roles:
        en += "; " + ", ".join(r[0] for r in roles)
        zh += "；" + "、".join(r[1] for r in roles)
    return {"en": en + ".", "zh": zh + "。"}
