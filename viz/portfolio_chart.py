"""The portfolio's value x potential chart as SVG (issue 14 item 7, DESIGN.md "Account
portfolio"): each account with a current and a future value is a dot at (current,
future) on the 0..5 scales, coloured by its relationship health (red under 40, amber
under 70, green from 70, grey with none) and linked to its dashboard. Dashed lines
mark the medians the quadrants are split at (at the median counts as high, as in
graphcrm.portfolio.tiers.quadrants).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from statistics import median
from typing import Any

from viz.labels import Lang, portfolio_quadrant_label, t, tier_label

__all__ = ["NO_HEALTH", "health_colour", "value_chart"]

#: The dot of an account whose health is not known.
NO_HEALTH = "#9ca3af"
_W, _H, _PAD = 560.0, 440.0, 56.0
_TOP = 5.0  # the indicators' scale is 0..5


def health_colour(health: float | None) -> str:
    """The dot colour of a 0..100 health (the dashboard gauge's bands)."""
    if health is None:
        return NO_HEALTH
    return "#d64545" if health < 40 else "#e0a800" if health < 70 else "#2e9e4f"


def _x(value: float) -> float:
    return _PAD + (_W - 2 * _PAD) * value / _TOP


def _y(value: float) -> float:
    return _H - _PAD - (_H - 2 * _PAD) * value / _TOP


def _axes(lang: Lang) -> list[str]:
    parts = [
        f'<rect x="{_PAD}" y="{_PAD}" width="{_W - 2 * _PAD}" height="{_H - 2 * _PAD}" '
        'fill="#fafafa" stroke="#d1d5db"/>'
    ]
    for tick in range(6):
        parts.append(
            f'<text x="{_x(tick):.1f}" y="{_H - _PAD + 18}" text-anchor="middle" '
            f'font-size="12" fill="#6b7280">{tick}</text>'
            f'<text x="{_PAD - 10}" y="{_y(tick) + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#6b7280">{tick}</text>'
        )
    parts.append(
        f'<text x="{_W / 2}" y="{_H - 12}" text-anchor="middle" font-size="13">'
        f"{escape(t('current_value', lang))}</text>"
        f'<text x="16" y="{_H / 2}" text-anchor="middle" font-size="13" '
        f'transform="rotate(-90 16 {_H / 2})">{escape(t("future_value", lang))}</text>'
    )
    return parts


def _medians(points: Sequence[tuple[float, float]]) -> list[str]:
    if not points:
        return []
    mx, my = median(p[0] for p in points), median(p[1] for p in points)
    dash = 'stroke="#9ca3af" stroke-dasharray="6 4"'
    return [
        f'<line class="median" x1="{_x(mx):.1f}" y1="{_PAD}" x2="{_x(mx):.1f}" '
        f'y2="{_H - _PAD}" {dash}/>',
        f'<line class="median" x1="{_PAD}" y1="{_y(my):.1f}" x2="{_W - _PAD}" '
        f'y2="{_y(my):.1f}" {dash}/>',
    ]


def value_chart(rows: Sequence[dict[str, Any]], lang: Lang, href: Callable[[str], str]) -> str:
    """The chart of the portfolio rows (``Portfolio.to_list()`` dicts); ``href`` gives an
    account's dashboard link."""
    plotted = [r for r in rows if r["current"] is not None and r["future"] is not None]
    parts = _axes(lang) + _medians([(r["current"], r["future"]) for r in plotted])
    for r in plotted:
        health = r["health"]
        shown = f"{health:.0f}" if health is not None else t("no_health", lang)
        title = (
            f"{r['name']}: {tier_label(r['tier'], lang)}, "
            f"{portfolio_quadrant_label(r['quadrant'], lang)}, {t('health', lang)} {shown}"
        )
        parts.append(
            f'<a href="{escape(href(r["account_id"]))}">'
            f'<circle class="dot" data-account="{escape(r["account_id"])}" '
            f'cx="{_x(r["current"]):.1f}" cy="{_y(r["future"]):.1f}" r="8" '
            f'fill="{health_colour(health)}" stroke="#1d1d1f" stroke-width="1">'
            f"<title>{escape(title)}</title></circle></a>"
        )
    label = escape(t("value_quadrant", lang))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="value-chart" role="img" '
        f'aria-label="{label}" viewBox="0 0 {_W:.0f} {_H:.0f}" width="{_W:.0f}" '
        f'height="{_H:.0f}">' + "".join(parts) + "</svg>"
    )
