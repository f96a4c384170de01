"""The strength curve of one (staff, person) pair over the last year, as an SVG the service
draws (DESIGN.md "Interactions"): the derived strength every ``step_days`` up to ``end``,
a dot per interaction on the time axis. Pure: interactions in, SVG text out; drawn on
the person's card and in the map's side panel (viz.interaction_timeline).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from html import escape

from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters, derived_strength
from graphcrm.model import Interaction

__all__ = ["curve_points", "strength_curve_svg"]


def curve_points(
    interactions: Sequence[Interaction],
    staff_id: str,
    person_id: str,
    end: date,
    *,
    days: int = 365,
    step_days: int = 7,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> list[tuple[date, float]]:
    """(day, derived strength as of that day), from ``end - days`` to ``end``, with the
    strength parameters given (a team's settings; DESIGN's by default)."""
    start = end - timedelta(days=days)
    count = days // step_days
    points = [start + timedelta(days=k * step_days) for k in range(count + 1)]
    if points[-1] != end:
        points.append(end)
    ours = [i for i in interactions if staff_id in i.staff_ids and person_id in i.person_ids]
    weights = strength.type_weights()
    return [
        (
            d,
            derived_strength(
                ours,
                staff_id,
                person_id,
                d,
                weights=weights,
                half_life_days=strength.half_life_days,
                lookback_days=strength.lookback_days,
            ),
        )
        for d in points
    ]


def strength_curve_svg(
    interactions: Sequence[Interaction],
    staff_id: str,
    person_id: str,
    end: date,
    *,
    days: int = 365,
    width: int = 480,
    height: int = 120,
    title: str = "strength 关系强度",
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> str:
    """An SVG of the pair's strength (0 at the bottom, 1 at the top) over ``days`` to ``end``."""
    points = curve_points(interactions, staff_id, person_id, end, days=days, strength=strength)
    start, pad = points[0][0], 4

    def x(day: date) -> float:
        return pad + (width - 2 * pad) * (day - start).days / days

    def y(value: float) -> float:
        return pad + (height - 2 * pad) * (1.0 - value)

    line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in points)
    ours = [
        i
        for i in interactions
        if staff_id in i.staff_ids and person_id in i.person_ids and start <= i.date <= end
    ]
    dots = "".join(
        f'<circle cx="{x(i.date):.1f}" cy="{height - pad:.1f}" r="2.5">'
        f"<title>{escape(i.date.isoformat())} {escape(i.type.value)}</title></circle>"
        for i in sorted(ours, key=lambda i: (i.date, i.id))
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'
        f"<title>{escape(title)}: {escape(staff_id)} / {escape(person_id)}</title>"
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{line}"/>'
        f"{dots}</svg>"
    )
