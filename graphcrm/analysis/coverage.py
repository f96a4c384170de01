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

Gaps (``Gap``; codes other tools rely on):

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

from graphcrm.analysis.importance import PersonImportance, importance
from graphcrm.analysis.key_people import KeyPerson, key_people
from graphcrm.analysis.levels import current_level
from graphcrm.errors import NotFoundError

__all__ = [
    "ACCOUNT_GAPS",
    "DEFAULT_CADENCE_DAYS",
    "GAP_CODES",
    "LAYERS",
    "PERSON_GAPS",
    "CoverageReport",
    "Gap",
    "PersonCoverage",
    "coverage",
    "noisy_or",
    "quality",
]

#: Person gap codes, in the order gaps of equal weight are listed.
PERSON_GAPS: tuple[str, ...] = (
    "uncovered",
    "weak",
    "stale",
    "unfavourable",
    "competitor_held",
    "single_threaded",
    "peer_mismatch",
)
#: Account gap codes.
ACCOUNT_GAPS: tuple[str, ...] = (
    "no_coach",
    "layer_without_supporter",
    "department_without_supporter",
)
GAP_CODES: tuple[str, ...] = PERSON_GAPS + ACCOUNT_GAPS

#: The organisation layers coverage should reach (点线面), top first.
LAYERS: tuple[str, ...] = ("decision", "management", "execution")

#: Days between contacts before a key person counts as stale, by account tier
#: (客户分级); ``"none"`` is an account with no tier. Strategic accounts are
#: visited monthly, value accounts every two months, the rest quarterly.
DEFAULT_CADENCE_DAYS: dict[str, int] = {
    "strategic": 30,
    "value": 60,
    "potential": 90,
    "ordinary": 90,
    "none": 90,
}

# How a level reads in a gap: toward us (level <= 0 only) and toward a competitor (>= 2).
_LEVEL_TEXT: dict[int, tuple[str, str]] = {
    -1: ("opposed to us", "不认可"),
    0: ("neutral toward us", "中立"),
    2: ("supports them and keeps others out", "支持并排它"),
    3: ("their coach", "教练"),
}
_LAYER_TEXT: dict[str, tuple[str, str]] = {
    "decision": ("decision", "决策层"),
    "management": ("management", "管理层"),
    "execution": ("execution", "执行层"),
}
_TIER_TEXT: dict[str, tuple[str, str]] = {
    "strategic": ("strategic", "战略客户"),
    "value": ("value", "价值客户"),
    "potential": ("potential", "潜力客户"),
    "ordinary": ("ordinary", "普通客户"),
    "none": ("unclassified", "未分级客户"),
}
_ORDER = {code: i for i, code in enumerate(GAP_CODES)}


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
class Gap:
    """One coverage gap (短木板): a person's or a group's, why it matters and its weight.

    Person gaps have ``person_id`` and no ``group``; layer and department gaps
    name the ``group`` (layer code or department name); ``no_coach`` has
    neither. ``explanation`` holds one line in English (``"en"``) and Chinese
    (``"zh"``); ``details`` the numbers behind the gap and its ``severity``.
    """

    code: str
    person_id: str | None
    group: str | None
    weight: float
    explanation: dict[str, str]
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def identity(self) -> tuple[str, str | None, str | None]:
        """What makes two gaps the same gap: (code, person_id, group)."""
        return (self.code, self.person_id, self.group)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "code": self.code,
            "person_id": self.person_id,
            "group": self.group,
            "weight": self.weight,
            "explanation": dict(self.explanation),
            "details": dict(self.details),
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
    people: dict[str, PersonCoverage] = {}
    for pid in sorted(population):
        node = graph.nodes[pid]
        ties = contacts.get(pid, {})
        cov = noisy_or(ties.values())
        level = current_level(graph, pid)
        dated = [d for d in (_date(graph[s][pid], "last_contact") for s in ties) if d]
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

    if not key_ids:
        health, weighting = 0.0, "none"
    else:
        ws = [weight(p) for p in key_ids]
        qs = [people[p].quality for p in key_ids]
        health = 100.0 * sum(w * q for w, q in zip(ws, qs, strict=True)) / sum(ws)
        health = min(max(health, 0.0), 100.0)  # rounding never leaves 0..100
        weighting = "uniform" if uniform else "composite"

    ctx = _Context(graph, day, tier, cadence, weak_below, junior_below)
    gaps: list[Gap] = []
    for pid in key_ids:
        gaps.extend(_person_gaps(ctx, people[pid], weight(pid)))
    gaps.extend(_account_gaps(ctx, people, key_ids, weight, supporter_level) if population else [])
    gaps.sort(key=lambda g: (-g.weight, _ORDER[g.code], g.person_id or "", g.group or ""))

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


@dataclass(frozen=True)
class _Context:
    graph: nx.MultiDiGraph
    today: date
    tier: str | None
    cadence: int
    weak_below: float
    junior_below: int

    def who(self, pid: str) -> tuple[str, str]:
        """How a person is named in a gap: name and title, in each language's punctuation."""
        node = self.graph.nodes[pid]
        name = str(node.get("name") or pid)
        title = node.get("title")
        if not title:
            return name, name
        return f"{name} ({title})", f"{name}（{title}）"

    def staff_name(self, sid: str) -> str:
        return str(self.graph.nodes[sid].get("name") or sid)


def _person_gaps(ctx: _Context, p: PersonCoverage, w: float) -> list[Gap]:
    en, zh = ctx.who(p.person_id)
    gaps: list[Gap] = []

    def add(code: str, severity: float, line_en: str, line_zh: str, **details: Any) -> None:
        gaps.append(
            Gap(
                code=code,
                person_id=p.person_id,
                group=None,
                weight=w * severity,
                explanation={"en": line_en, "zh": line_zh},
                details={"severity": severity, "importance": w, **details},
            )
        )

    if not p.contacts:
        add(
            "uncovered",
            1.0,
            f"{en} is a key person and nobody on our team is in contact with them.",
            f"{zh}是关键人，我方无人与其接触。",
        )
    else:
        if p.coverage < ctx.weak_below:
            add(
                "weak",
                (ctx.weak_below - p.coverage) / ctx.weak_below,
                f"{en}: our contact is weak (coverage {p.coverage:.2f}, "
                f"below {ctx.weak_below:.2f}).",
                f"{zh}：我方接触薄弱（覆盖度{p.coverage:.2f}，低于{ctx.weak_below:.2f}）。",
                coverage=p.coverage,
                weak_below=ctx.weak_below,
            )
        if p.last_contact is not None:
            days = (ctx.today - date.fromisoformat(p.last_contact)).days
            if days > ctx.cadence:
                tier_en, tier_zh = _TIER_TEXT.get(ctx.tier or "none", (ctx.tier, ctx.tier))
                add(
                    "stale",
                    min(1.0, days / (2 * ctx.cadence)),
                    f"{en}: last contact {days} days ago, longer than the {ctx.cadence}-day "
                    f"cadence of a {tier_en} account.",
                    f"{zh}：最近一次接触在{days}天前，超过{tier_zh}{ctx.cadence}天的接触周期。",
                    last_contact=p.last_contact,
                    days_since=days,
                    cadence_days=ctx.cadence,
                )
        if len(p.contacts) == 1:
            (sid,) = p.contacts
            add(
                "single_threaded",
                0.5,
                f"{en} is covered by {ctx.staff_name(sid)} alone: the relationship hangs on "
                "one person.",
                f"{zh}仅由{ctx.staff_name(sid)}一人覆盖，属单线联系。",
                staff_id=sid,
            )
        node = ctx.graph.nodes[p.person_id]
        if node.get("layer") == "decision":
            seniority = {s: ctx.graph.nodes[s].get("seniority") for s in p.contacts}
            best = max((s for s in seniority.values() if s is not None), default=1)
            if best < ctx.junior_below:
                names = ", ".join(ctx.staff_name(s) for s in p.contacts)
                names_zh = "、".join(ctx.staff_name(s) for s in p.contacts)
                add(
                    "peer_mismatch",
                    (ctx.junior_below - best) / (ctx.junior_below - 1),
                    f"{en} is in the decision layer but covered only by junior staff "
                    f"({names}); arrange a peer-level visit.",
                    f"{zh}属决策层，但仅由级别较低的{names_zh}覆盖，需安排对等拜访。",
                    staff_seniority=seniority,
                    junior_below=ctx.junior_below,
                )
    if p.level <= 0:
        label_en, label_zh = _LEVEL_TEXT[p.level]
        add(
            "unfavourable",
            (1 - p.level) / 2,
            f"{en} is {label_en} (level {p.level}).",
            f"{zh}对我方态度为{label_zh}（{p.level}级）。",
            level=p.level,
        )
    if p.competitor_levels:
        rival, held = max(p.competitor_levels.items(), key=lambda t: (t[1], t[0]))
        if held >= 2:
            rival_name = str(ctx.graph.graph.get("competitors", {}).get(rival, rival))
            label_en, label_zh = _LEVEL_TEXT[held]
            add(
                "competitor_held",
                (held - 1) / 2,
                f"{en} leans to {rival_name}: {label_en} (level {held}).",
                f"{zh}倾向竞争对手{rival_name}（对其为{label_zh}，{held}级）。",
                competitor_id=rival,
                competitor_level=held,
            )
    return gaps


def _account_gaps(
    ctx: _Context,
    people: Mapping[str, PersonCoverage],
    key_ids: Sequence[str],
    weight: Callable[[str], float],
    supporter_level: int,
) -> list[Gap]:
    gaps: list[Gap] = []
    account = ctx.graph.graph.get("account") or {}
    acc_name = str(account.get("name") or account.get("id") or "this account")
    if not any(p.level >= 3 for p in people.values()):
        top = max((weight(p) for p in key_ids), default=0.0)
        gaps.append(
            Gap(
                code="no_coach",
                person_id=None,
                group=None,
                weight=top,
                explanation={
                    "en": f"Nobody at {acc_name} is a coach for us (level 3): no one guides us "
                    "or passes us inside information.",
                    "zh": f"{acc_name}没有我方的教练（3级）：无人指导我们、传递内部信息。",
                },
                details={"severity": 1.0, "importance": top},
            )
        )
    for layer in LAYERS:
        members = [p for p in people if ctx.graph.nodes[p].get("layer") == layer]
        if members and not any(people[p].level >= supporter_level for p in members):
            top = max(weight(p) for p in members)
            layer_en, layer_zh = _LAYER_TEXT[layer]
            gaps.append(
                Gap(
                    code="layer_without_supporter",
                    person_id=None,
                    group=layer,
                    weight=top,
                    explanation={
                        "en": f"Nobody in the {layer_en} layer ({_count(len(members))}) "
                        f"supports us (level {supporter_level} or above).",
                        "zh": f"{layer_zh}（{len(members)}人）无人支持我方"
                        f"（{supporter_level}级及以上）。",
                    },
                    details={"severity": 1.0, "importance": top, "people": members},
                )
            )
    departments: dict[str, list[str]] = {}
    for p in people:
        dept = ctx.graph.nodes[p].get("department")
        if dept:
            departments.setdefault(str(dept), []).append(p)
    for dept, members in sorted(departments.items()):
        keys = [p for p in members if people[p].key]
        if keys and not any(people[p].level >= supporter_level for p in members):
            top = max(weight(p) for p in keys)
            names = [people[p].name for p in keys]
            gaps.append(
                Gap(
                    code="department_without_supporter",
                    person_id=None,
                    group=dept,
                    weight=top,
                    explanation={
                        "en": f"{dept} has key people ({', '.join(names)}) but nobody there "
                        "supports us.",
                        "zh": f"{dept}有关键人（{'、'.join(names)}），但无人支持我方。",
                    },
                    details={"severity": 1.0, "importance": top, "key_people": keys},
                )
            )
    return gaps


def _count(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def _contacts(graph: nx.MultiDiGraph) -> dict[str, dict[str, float]]:
    """person -> {staff -> strongest contact strength}."""
    result: dict[str, dict[str, float]] = {}
    for u, v, key, d in graph.edges(keys=True, data=True):
        if d.get("type", key) != "contact":
            continue
        if graph.nodes[u].get("kind") != "staff" or graph.nodes[v].get("kind") != "person":
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
