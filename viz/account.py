"""What a page shows of one account: its graph and the analyses' results, read together.

The service computes the analyses (and caches them, exactly as the REST API
serves them); the views receive them here as the JSON-ready dicts the API
returns, next to the account graph of :mod:`graphcrm.graph` for names, titles,
attitudes, plans and ties. Nothing is recomputed here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from graphcrm.model import US

__all__ = ["AccountView", "Chain", "HealthPoint", "LevelChange"]

#: A person leans to a competitor "held" at this level or above (DESIGN.md, gaps).
COMPETITOR_HELD_AT = 2


@dataclass(frozen=True)
class Chain:
    """One opportunity's decision chain."""

    opportunity_id: str
    name: str
    stage: str | None
    people: frozenset[str]


@dataclass(frozen=True)
class HealthPoint:
    """Relationship health on one day."""

    day: str
    health: float


@dataclass(frozen=True)
class LevelChange:
    """A person's level toward us now, the reading before it and the change."""

    level: int
    as_of: str | None
    previous: int | None
    previous_as_of: str | None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.level - self.previous


@dataclass(frozen=True)
class AccountView:
    """One account (optionally one opportunity) as the pages read it."""

    graph: nx.MultiDiGraph
    importance: list[dict[str, Any]]
    key_people: list[dict[str, Any]]
    coverage: dict[str, Any]
    next_targets: list[dict[str, Any]]
    fishbone: dict[str, Any]
    chains: tuple[Chain, ...] = ()
    health_trend: tuple[HealthPoint, ...] = ()
    paths: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    # -- the account --------------------------------------------------------------------

    @property
    def account(self) -> dict[str, Any]:
        return self.graph.graph.get("account") or {}

    @property
    def account_id(self) -> str:
        return str(self.account.get("id"))

    @property
    def opportunity(self) -> dict[str, Any] | None:
        opportunity: dict[str, Any] | None = self.graph.graph.get("opportunity")
        return opportunity

    @property
    def health(self) -> float:
        return float(self.coverage.get("health") or 0.0)

    # -- people and staff ---------------------------------------------------------------

    @cached_property
    def people(self) -> list[str]:
        """The account's people, most important first."""
        ranked = [p["person_id"] for p in self.importance]
        rest = sorted(
            n for n, d in self.graph.nodes(data=True) if d["kind"] == "person" and n not in ranked
        )
        return [p for p in ranked if p in self.graph] + rest

    @cached_property
    def staff(self) -> list[str]:
        """Our staff in contact with anyone of this account, by name."""
        ids = {
            u
            for u, _, d in self.graph.edges(data=True)
            if d["type"] == "contact" and self.graph.nodes[u]["kind"] == "staff"
        }
        return sorted(ids, key=lambda s: (self.graph.nodes[s].get("name") or "", s))

    def node(self, node_id: str) -> dict[str, Any]:
        return self.graph.nodes[node_id]  # type: ignore[no-any-return]

    def name(self, node_id: str) -> str:
        return str(self.node(node_id).get("name") or node_id) if node_id in self.graph else node_id

    @cached_property
    def _importance(self) -> dict[str, dict[str, Any]]:
        return {p["person_id"]: p for p in self.importance}

    def score(self, person_id: str) -> dict[str, Any]:
        """The person's importance record (three rules, composite, rank, power, quadrant)."""
        return self._importance.get(person_id, {})

    @cached_property
    def top_composite(self) -> float:
        return max((p["composite"] for p in self.importance), default=0.0) or 0.0

    def relative_importance(self, person_id: str) -> float:
        """Composite relative to the account's most important person (0..1)."""
        top = self.top_composite
        return float(self.score(person_id).get("composite", 0.0)) / top if top else 0.0

    @cached_property
    def key_ids(self) -> list[str]:
        return [k["person_id"] for k in self.key_people]

    def key_record(self, person_id: str) -> dict[str, Any] | None:
        return next((k for k in self.key_people if k["person_id"] == person_id), None)

    def is_hidden_influencer(self, person_id: str) -> bool:
        return self.score(person_id).get("quadrant") == "hidden_influencer"

    @cached_property
    def _coverage(self) -> dict[str, dict[str, Any]]:
        return {p["person_id"]: p for p in self.coverage.get("people", [])}

    def person_coverage(self, person_id: str) -> dict[str, Any]:
        return self._coverage.get(person_id, {})

    def covering_staff(self, person_id: str) -> list[tuple[str, str, float]]:
        """Our people in contact with the person: (staff id, name, strength), strongest first."""
        out = [
            (u, self.name(u), float(d["strength"]))
            for u, _, d in self.graph.in_edges(person_id, data=True)
            if d["type"] == "contact"
        ]
        return sorted(out, key=lambda s: (-s[2], s[1]))

    def competitor_leaning(self, person_id: str) -> tuple[str, int] | None:
        """The competitor the person leans to most (name, level), if any reading exists."""
        levels: dict[str, int] = self.node(person_id).get("competitor_levels") or {}
        if not levels:
            return None
        names: dict[str, str] = self.graph.graph.get("competitors") or {}
        best = max(levels, key=lambda c: (levels[c], c))
        return names.get(best, best), levels[best]

    def competitor_held(self, person_id: str) -> bool:
        leaning = self.competitor_leaning(person_id)
        return leaning is not None and leaning[1] >= COMPETITOR_HELD_AT

    def level(self, person_id: str) -> int:
        return int(self.node(person_id).get("level") or 0)

    def level_history(self, person_id: str) -> list[dict[str, Any]]:
        """The person's readings toward us, oldest first."""
        return [a for a in self.node(person_id).get("attitudes") or [] if a["toward"] == US]

    def level_change(self, person_id: str) -> LevelChange:
        history = self.level_history(person_id)
        now = history[-1] if history else None
        before = history[-2] if len(history) > 1 else None
        return LevelChange(
            level=self.level(person_id),
            as_of=now["as_of"] if now else None,
            previous=before["level"] if before else None,
            previous_as_of=before["as_of"] if before else None,
        )

    def manager(self, person_id: str) -> str | None:
        """Whom the person reports to, if anyone."""
        return next(
            (
                v
                for _, v, d in self.graph.out_edges(person_id, data=True)
                if d["type"] == "reports_to"
            ),
            None,
        )

    def next_target(self, person_id: str) -> dict[str, Any] | None:
        return next((t for t in self.next_targets if t["person_id"] == person_id), None)

    def best_path(self, person_id: str) -> dict[str, Any] | None:
        """The strongest warm path to the person: from next targets, else from ``paths``."""
        target = self.next_target(person_id)
        if target and target.get("best_path"):
            return target["best_path"]  # type: ignore[no-any-return]
        found = self.paths.get(person_id) or []
        return found[0] if found else None

    def gaps(self) -> list[dict[str, Any]]:
        """The coverage gaps, heaviest first."""
        return sorted(self.coverage.get("gaps", []), key=lambda g: -float(g["weight"]))
