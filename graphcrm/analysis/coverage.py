"""Coverage and relationship health: how well we reach the people who matter, and the gaps.

A contact tie from one of our staff to one of the customer's people is
coverage (覆盖, GLOSSARY.md "Our side"). The method asks that key
relationships (关键客户关系) be held at a good level and that coverage reach
every layer, "point, line and surface" (点线面); the gaps it finds are the
short boards (短木板) of 认识短木板与机会点. The rules (DESIGN.md, "Analyses"):

- Coverage of a person, 0..1: noisy-OR of our contact strengths,
  ``1 - prod(1 - s_i)`` (each of our staff reaches the person independently
  with probability ``s_i``). Two contact ties from the same staff member, which
  the account graph never holds, count once, with the stronger.
- Quality of a person, 0..1: ``((level + 1) / 4) * coverage``, the level toward
  us (-1..3, 不认可 .. 教练) scaled to 0..1 times the coverage.
- Relationship health of the account, 0..100: the importance-weighted mean of
  quality over the key people (关键客户), the weight of a person being their
  composite importance. If every key person's composite is 0 (an account with
  no ties among its people) the weights say nothing and health is the plain
  mean; with no key people health is 0.

Gaps (``Gap``; codes other tools rely on, listed by
:class:`~graphcrm.analysis.gaps.GapCode` and found by :mod:`graphcrm.analysis.gaps`):

- person gaps, for key people only (the method's gaps are about key
  relationships; flagging every engineer would bury the few that matter, and
  broad coverage shows up in the layer and department gaps below):
  ``uncovered`` (no contact from us), ``weak`` (covered, but coverage below
  ``weak_below``), ``stale`` (the latest dated contact is older than the
  contact cadence of the account's tier), ``unfavourable`` (level <= 0),
  ``competitor_held`` (level 2 or more toward some competitor),
  ``single_threaded`` (exactly one of our staff covers them), ``peer_mismatch``
  (a decision-layer person covered, but only by staff of seniority below
  ``junior_below``: no peer-level coverage, 对等拜访).
- account gaps: ``no_coach`` (nobody at level 3, 教练), ``layer_without_supporter``
  (a layer among decision / management / execution that has people but nobody
  at level 1 or above), ``department_without_supporter`` (a department with key
  people and nobody there at level 1 or above, key or not).

DESIGN.md lists "no contact within the cadence" under *weak*; it is reported
as its own code ``stale`` (one of the codes DESIGN.md fixes), because the fix
differs: a weak tie needs a stronger or second relationship, a stale one a
visit. Contacts with no date are not judged stale (nothing says they are old);
a person is stale when their most recent *dated* contact is too old.

A gap's ``weight`` is how much importance it leaves exposed: the person's
composite importance times a severity in (0, 1] saying how bad the gap is
(uncovered 1; weak ``(weak_below - coverage) / weak_below``; stale
``min(1, days / (2 * cadence))``, so just overdue is 0.5 and twice overdue 1;
unfavourable ``(1 - level) / 2``, so neutral 0.5 and opposed 1;
competitor-held ``(level - 1) / 2``, so 2 is 0.5 and a competitor's coach 1;
single-threaded 0.5, a risk rather than a hole; peer mismatch
``(junior_below - s) / (junior_below - 1)`` with ``s`` the most senior covering
staff's seniority). Account gaps weigh the most important person they leave
exposed (severity 1): no coach, the most important key person; a layer or
department, its most important (key) person. When every key person's
composite is 0, every person weighs 1 instead (as health falls back to the
plain mean). Gaps are sorted by weight, heaviest first, then by code (in the
order above) and person or group.

For one opportunity (``graph.graph["decision_chain"]`` not None) the people
considered are those in the decision chain (plus any key person passed in).

References
----------
.. [1] The course outlines in ``seeds/`` (关键客户关系; 普遍客户关系; 认识短木板与机会点).
.. [2] J. Pearl, *Probabilistic Reasoning in Intelligent Systems*, Morgan
   Kaufmann, 1988, section 4.3.2 (the noisy-OR model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graphcrm.analysis.gaps import (
    ACCOUNT_GAPS,
    GAP_CODES,
    LAYERS,
    PERSON_GAPS,
    Gap,
    GapCode,
    GapContext,
    account_gaps,
    person_gaps,
    sort_gaps,
)
from graphcrm.analysis.importance import PersonImportance, importance
from graphcrm.analysis.key_people import KeyPerson, key_people
from graphcrm.analysis.levels import current_level
from graphcrm.analysis.role_slots import unidentified_role_gaps
from graphcrm.errors import NotFoundError

__all__ = [
    "ACCOUNT_GAPS",
    "DEFAULT_CADENCE_DAYS",
    "GAP_CODES",
    "LAYERS",
    "PERSON_GAPS",
    "CoverageReport",
    "Gap",
    "GapCode",
    "PersonCoverage",
    "coverage",
    "noisy_or",
    "quality",
]

#: Days between contacts before a key person counts as stale, by account tier
#: (客户分级); ``"none"`` is an account with no tier. Strategic accounts are
#: visited monthly, value accounts every two months, potential ones quarterly,
#: ordinary ones twice a year (DESIGN.md "Account portfolio"); an account with no
#: tier quarterly. The portfolio passes the tier in force (computed or recorded).
DEFAULT_CADENCE_DAYS: dict[str, int] = {
    "strategic": 30,
    "value": 60,
    "potential": 90,
    "ordinary": 180,
    "none": 90,
}


@dataclass(frozen=True)
class PersonCoverage:
    """One person's coverage by us and the quality of the relationship.

    ``contacts`` maps each of our covering staff to the contact strength
    (strongest first); ``coverage`` is their noisy-OR; ``quality`` is
    ``((level + 1) / 4) * coverage``. ``key`` says whether the person is a key
    person and ``weight`` is their weight in health (their composite
    importance, 1 under the uniform fallback, 0 if not key).
    ``last_contact`` is the most recent dated contact (ISO date) or None.
    """

    person_id: str
    name: str
    key: bool
    weight: float
    level: int
    coverage: float
    quality: float
    contacts: dict[str, float] = field(default_factory=dict)
    last_contact: str | None = None
    competitor_levels: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "person_id": self.person_id,
            "name": self.name,
            "key": self.key,
            "weight": self.weight,
            "level": self.level,
            "coverage": self.coverage,
            "quality": self.quality,
            "contacts": dict(self.contacts),
            "last_contact": self.last_contact,
            "competitor_levels": dict(self.competitor_levels),
        }


@dataclass(frozen=True)
class CoverageReport:
    """An account's relationship health, per-person coverage and gaps, with the parameters used.

    ``weighting`` is ``"composite"`` (health weighted by composite importance),
    ``"uniform"`` (every key person's composite is 0: the plain mean) or
    ``"none"`` (no key people: health 0).
    """

    health: float
    weighting: str
    people: tuple[PersonCoverage, ...]
    gaps: tuple[Gap, ...]
    key_people: tuple[str, ...]
    today: date
    tier: str | None
    cadence_days: int
    weak_below: float
    junior_below: int
    supporter_level: int = 1

    def person(self, person_id: str) -> PersonCoverage:
        """The coverage of one person; KeyError if not in the report."""
        for p in self.people:
            if p.person_id == person_id:
                return p
        raise KeyError(person_id)

    def gaps_of(self, code: str) -> list[Gap]:
        """The gaps with one code, in report order."""
        return [g for g in self.gaps if g.code == code]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "health": self.health,
            "weighting": self.weighting,
            "people": [p.to_dict() for p in self.people],
            "gaps": [g.to_dict() for g in self.gaps],
            "key_people": list(self.key_people),
            "parameters": {
                "today": self.today.isoformat(),
                "tier": self.tier,
                "cadence_days": self.cadence_days,
                "weak_below": self.weak_below,
                "junior_below": self.junior_below,
                "supporter_level": self.supporter_level,
            },
        }


def noisy_or(strengths: Iterable[float]) -> float:
    """``1 - prod(1 - s)``: the chance at least one of independent ties gets through.

    >>> round(noisy_or([0.5, 0.5]), 12)
    0.75
    >>> noisy_or([])
    0.0
    """
    miss = 1.0
    for s in strengths:
        miss *= 1.0 - min(max(float(s), 0.0), 1.0)
    return 1.0 - miss


def quality(level: int, coverage: float) -> float:
    """Relationship quality, 0..1: ``((level + 1) / 4) * coverage``.

    >>> quality(3, 0.5), quality(-1, 1.0), quality(1, 0.8)
    (0.5, 0.0, 0.4)
    """
    return ((level + 1) / 4) * coverage


def coverage(
    graph: nx.MultiDiGraph,
    *,
    ranking: Sequence[PersonImportance] | None = None,
    key: Iterable[KeyPerson | str] | None = None,
    weak_below: float = 0.3,
    cadence_days: int | Mapping[str, int] | None = None,
    today: date | str | None = None,
    junior_below: int = 4,
    supporter_level: int = 1,
    role_weights: Mapping[str, float] | None = None,
    layer_weights: Mapping[str, float] | None = None,
    reuse: Mapping[str, PersonCoverage] | None = None,
) -> CoverageReport:
    """Coverage, quality and relationship health of an account, and its gaps.

    Parameters
    ----------
    graph : nx.MultiDiGraph
        An account graph (:mod:`graphcrm.graph`).
    ranking : sequence of PersonImportance, optional
        :func:`~graphcrm.analysis.importance.importance` of this graph (the
        composite weights); computed with the defaults when not given.
    key : iterable of KeyPerson or person ids, optional
        The key people; :func:`~graphcrm.analysis.key_people.key_people` of
        the ranking when not given.
    weak_below : float
        Coverage below this, in [0, 1], is ``weak`` (default 0.3).
    cadence_days : int or mapping of tier to days, optional
        Days allowed between contacts: one number for the account, or a table
        by tier merged over :data:`DEFAULT_CADENCE_DAYS` (used when None).
    today : date or ISO date string, optional
        The day staleness is judged on; default ``graph.graph["as_of"]``, else
        today's date.
    junior_below : int
        Staff with a seniority below this (1 junior .. 5 executive; unknown
        counts as junior) are not peers of a decision-layer person (default 4).
    supporter_level : int
        The lowest level toward us that counts as a supporter (default 1, 支持).
    role_weights, layer_weights : mapping, optional
        Formal power's weights (the team's; DESIGN's when None), for the weight of
        an ``unidentified_role`` gap (:mod:`graphcrm.analysis.role_slots`).
    reuse : mapping of person id to PersonCoverage, optional
        Rows of an earlier report whose people's nodes and contacts this graph
        has unchanged (after a write, the rows of everyone it did not touch:
        ``graphcrm.graph_patch``). A row is taken as it is when its key flag and
        weight are still this report's; every other row, the health and the gaps
        are computed (issue 17, the mixed phase: the result equals a report
        computed without it, tests/analysis/test_coverage_reuse.py).

    Returns
    -------
    CoverageReport
        Health 0..100, per-person coverage and quality (by id), the gaps
        heaviest first, and the parameters used.

    Raises
    ------
    NotFoundError
        If a key person is not a person of the graph.
    ValueError
        If ``weak_below``, ``cadence_days`` or ``junior_below`` is out of range.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph(account={"id": "a", "name": "A", "tier": "value"}, as_of=None)
    >>> g.add_node("s", kind="staff", name="Sam", seniority=5)
    >>> g.add_node("p", kind="person", name="Pat", layer="decision", level=3)
    >>> _ = g.add_edge("s", "p", key="contact", type="contact", strength=0.5)
    >>> report = coverage(g, key=["p"], today="2026-01-01")
    >>> report.health, [gap.code for gap in report.gaps]
    (50.0, ['single_threaded'])
    """
    if not 0.0 <= weak_below <= 1.0:
        raise ValueError(f"weak_below must be in [0, 1], got {weak_below!r}")
    if isinstance(junior_below, bool) or not 1 <= junior_below <= 6:
        raise ValueError(f"junior_below must be a seniority from 1 to 6, got {junior_below!r}")
    day = _today(graph, today)
    tier = _tier(graph)
    cadence = _cadence(cadence_days, tier)

    if ranking is None:
        ranking = importance(graph)
    composite = {p.person_id: max(float(p.composite), 0.0) for p in ranking}
    if key is None:
        key = key_people(graph, list(ranking))
    key_ids = list(dict.fromkeys(k if isinstance(k, str) else k.person_id for k in key))
    for pid in key_ids:
        if pid not in graph or graph.nodes[pid].get("kind") != "person":
            raise NotFoundError(f"no person {pid!r} in this account (given as a key person)")
    key_set = set(key_ids)

    population = [
        n
        for n, d in graph.nodes(data=True)
        if d.get("kind") == "person" and (d.get("in_chain", True) or n in key_set)
    ]
    uniform = bool(key_ids) and all(composite.get(p, 0.0) <= 0 for p in key_ids)

    def weight(pid: str) -> float:
        return 1.0 if uniform else composite.get(pid, 0.0)

    contacts = _contacts(graph)
    nodes, adj = graph._node, graph._adj  # the raw dicts, read only: views cost more
    people: dict[str, PersonCoverage] = {}
    for pid in sorted(population):  # inline: one pass over up to 50,000 people
        kept = reuse.get(pid) if reuse else None
        if (
            kept is not None
            and kept.key == (pid in key_set)
            and kept.weight == (weight(pid) if kept.key else 0.0)
        ):
            people[pid] = kept
            continue
        node = nodes[pid]
        ties = contacts.get(pid, {})
        cov = noisy_or(ties.values()) if ties else 0.0
        level = current_level(graph, pid)
        dated = [d for d in (_date(adj[s][pid], "last_contact") for s in ties) if d]
        people[pid] = PersonCoverage(
            person_id=pid,
            name=str(node.get("name", pid)),
            key=pid in key_set,
            weight=weight(pid) if pid in key_set else 0.0,
            level=level,
            coverage=cov,
            quality=quality(level, cov),
            contacts=dict(sorted(ties.items(), key=lambda t: (-t[1], t[0]))),
            last_contact=max(dated).isoformat() if dated else None,
            competitor_levels=dict(node.get("competitor_levels") or {}),
        )
    health, weighting = _health(people, key_ids, weight, uniform)

    ctx = GapContext(graph, day, tier, cadence, weak_below, junior_below)
    gaps: list[Gap] = []
    for pid in key_ids:
        gaps.extend(person_gaps(ctx, people[pid], weight(pid)))
    gaps.extend(account_gaps(ctx, people, key_ids, weight, supporter_level) if population else [])
    formal = {"role_weights": role_weights, "layer_weights": layer_weights}
    gaps.extend(unidentified_role_gaps(graph, **formal))
    sort_gaps(gaps)

    return CoverageReport(
        health=health,
        weighting=weighting,
        people=tuple(people.values()),
        gaps=tuple(gaps),
        key_people=tuple(key_ids),
        today=day,
        tier=tier,
        cadence_days=cadence,
        weak_below=weak_below,
        junior_below=junior_below,
        supporter_level=supporter_level,
    )


def _health(
    people: Mapping[str, PersonCoverage],
    key_ids: Sequence[str],
    weight: Callable[[str], float],
    uniform: bool,
) -> tuple[float, str]:
    """(health 0..100, weighting): the weighted mean quality of the key people."""
    if not key_ids:
        return 0.0, "none"
    ws = [weight(p) for p in key_ids]
    qs = [people[p].quality for p in key_ids]
    health = 100.0 * sum(w * q for w, q in zip(ws, qs, strict=True)) / sum(ws)
    health = min(max(health, 0.0), 100.0)  # rounding never leaves 0..100
    return health, "uniform" if uniform else "composite"


def _contacts(graph: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """person -> {staff -> strongest contact strength}."""
    result: dict[str, dict[str, float]] = {}
    nodes = graph._node  # the raw dicts, read only: only staff hold contacts
    for u, nbrs in graph._adj.items():
        if nodes[u].get("kind") != "staff":
            continue
        for v, keyed in nbrs.items():
            if nodes[v].get("kind") != "person":
                continue
            for key, d in keyed.items():
                if d.get("type", key) != "contact":
                    continue
                s = min(max(float(d.get("strength", 1.0)), 0.0), 1.0)
                if s > 0:
                    ties = result.setdefault(v, {})
                    ties[u] = max(ties.get(u, 0.0), s)
    return result


def _date(edges: Mapping[Any, Mapping[str, Any]], attr: str) -> date | None:
    """The most recent date ``attr`` over the contact edges between one staff and one person."""
    found = [_as_date(d.get(attr)) for k, d in edges.items() if d.get("type", k) == "contact"]
    dates = [d for d in found if d is not None]
    return max(dates) if dates else None


def _as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _today(graph: nx.MultiDiGraph, today: date | str | None) -> date:
    if today is not None:
        day = _as_date(today)
        assert day is not None
        return day
    return _as_date(graph.graph.get("as_of")) or date.today()


def _tier(graph: nx.MultiDiGraph) -> str | None:
    tier = (graph.graph.get("account") or {}).get("tier")
    return str(tier) if tier else None


def _cadence(cadence_days: int | Mapping[str, int] | None, tier: str | None) -> int:
    if isinstance(cadence_days, Mapping):
        table = {**DEFAULT_CADENCE_DAYS, **cadence_days}
    elif cadence_days is None:
        table = DEFAULT_CADENCE_DAYS
    else:
        table = {t: cadence_days for t in DEFAULT_CADENCE_DAYS}
    days = table.get(tier or "none", table["none"])
    if isinstance(days, bool) or not isinstance(days, int) or days < 1:
        raise ValueError(f"cadence_days must be a whole number of days >= 1, got {days!r}")
    return days
