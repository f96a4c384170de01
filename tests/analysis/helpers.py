"""Builders shared by the analysis tests."""

from __future__ import annotations

from graphcrm.analysis.importance import PersonImportance

_ZERO = {
    "known_by_many": 0.0,
    "depended_on_by_many": 0.0,
    "important_neighbours": 0.0,
    "known_by": 0,
    "direct_dependents": 0,
    "dependents_within_horizon": 0,
    "dependency_score": 0.0,
    "pagerank": 0.0,
    "formal_power": 0.0,
    "quadrant": "peripheral",
}


def ranking(**composites: float) -> list[PersonImportance]:
    """A ranking with the given composites (the only field coverage and targets read)."""
    order = sorted(composites, key=lambda p: (-composites[p], p))
    return [
        PersonImportance(person_id=p, name=p, composite=composites[p], rank=i, **_ZERO)  # type: ignore[arg-type]
        for i, p in enumerate(order, start=1)
    ]
