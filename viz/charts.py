"""Small SVG charts drawn on the server: health gauge, trend line, six-dimension radar.

Inline SVG in HTML needs no namespace, so the pages carry no URL at all.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from viz.page import e

__all__ = ["gauge", "radar", "sparkline"]


def _health_colour(value: float) -> str:
    return "#d64545" if value < 40 else "#e0a800" if value < 70 else "#2e9e4f"


def gauge(value: float, label: str) -> str:
    """A half-circle gauge of a 0..100 value."""
    value = max(0.0, min(100.0, value))
    r, cx, cy = 80.0, 100.0, 95.0
    angle = math.pi * (1 - value / 100)
    x, y = cx + r * math.cos(angle), cy - r * math.sin(angle)
    large = 0  # the arc never exceeds half a circle
    return (
        f'<svg class="gauge" viewBox="0 0 200 120" width="220" role="img" aria-label="{e(label)}">'
        f'<path d="M {cx - r} {cy} A {r} {r} 0 0 1 {cx + r} {cy}" fill="none" stroke="#e5e7eb" '
        'stroke-width="18"/>'
        f'<path d="M {cx - r} {cy} A {r} {r} 0 {large} 1 {x:.1f} {y:.1f}" fill="none" '
        f'stroke="{_health_colour(value)}" stroke-width="18"/>'
        f'<text x="{cx}" y="{cy - 8}" text-anchor="middle" font-size="30" font-weight="700">'
        f'{value:.0f}</text><text x="{cx}" y="{cy + 18}" text-anchor="middle" font-size="11" '
        f'fill="#6b7280">/ 100</text></svg>'
    )


def sparkline(points: Sequence[tuple[str, float]], label: str) -> str:
    """Health over time: one dot per day, joined, with the first and last day named."""
    if len(points) < 2:
        return ""
    w, h, pad = 260.0, 90.0, 18.0
    step = (w - 2 * pad) / (len(points) - 1)
    xy = [(pad + i * step, h - pad - (v / 100) * (h - 2 * pad)) for i, (_, v) in enumerate(points)]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#2f6db5"><title>{e(d)}: {v:.0f}</title>'
        "</circle>"
        for (x, y), (d, v) in zip(xy, points, strict=True)
    )
    return (
        f'<svg class="trend" viewBox="0 0 {w} {h}" width="{w}" role="img" aria-label="{e(label)}">'
        f'<polyline points="{line}" fill="none" stroke="#2f6db5" stroke-width="2"/>{dots}'
        f'<text x="{pad}" y="{h - 2}" font-size="10" fill="#6b7280">{e(points[0][0])}</text>'
        f'<text x="{w - pad}" y="{h - 2}" font-size="10" fill="#6b7280" text-anchor="end">'
        f"{e(points[-1][0])}</text></svg>"
    )


def radar(values: Sequence[tuple[str, int | None]], *, size: float = 260) -> str:
    """The six dimensions (-1..3) as a radar; a missing score is drawn at -1 and marked.

    Names are never cut (issue 12 item 3): a long one wraps onto two lines, and the
    drawing widens to hold the widest name on either side (it shrinks to fit its box).
    """
    n = len(values)
    c = size / 2
    r = size / 2 - 52
    lo, hi = -1, 3

    def point(i: int, v: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        rr = r * (v - lo) / (hi - lo)
        return c + rr * math.cos(a), c + rr * math.sin(a)

    rings = "".join(
        '<polygon points="'
        + " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, lvl) for i in range(n)))
        + f'" fill="none" stroke="#e5e7eb"/><text x="{c + 3}" y="{point(0, lvl)[1] + 4:.1f}" '
        f'font-size="9" fill="#9ca3af">{lvl}</text>'
        for lvl in range(lo + 1, hi + 1)
    )
    spokes = "".join(
        f'<line x1="{c}" y1="{c}" x2="{point(i, hi)[0]:.1f}" y2="{point(i, hi)[1]:.1f}" '
        'stroke="#e5e7eb"/>'
        for i in range(n)
    )
    shape = " ".join(
        f"{x:.1f},{y:.1f}"
        for x, y in (point(i, lo if v is None else v) for i, (_, v) in enumerate(values))
    )
    labels, x0, x1 = _radar_labels(values, point, c, hi)
    left, right = min(0.0, x0 - 4), max(size, x1 + 4)
    return (
        f'<svg class="radar" viewBox="{left:.0f} 0 {right - left:.0f} {size}" '
        f'width="{right - left:.0f}" style="max-width:100%;height:auto" role="img">{rings}'
        f'{spokes}<polygon points="{shape}" fill="rgba(47,109,181,.25)" stroke="#2f6db5" '
        f'stroke-width="2"/>{labels}</svg>'
    )


_LABEL_PX = 11.0


def _text_width(text: str) -> float:
    """A generous estimate of the drawn width at 11 px: CJK a full em, Latin 0.6 em."""
    return sum(_LABEL_PX if ord(ch) > 0x2000 else 0.6 * _LABEL_PX for ch in text)


def _lines(name: str, score: str) -> list[str]:
    """A name and its score on one line, or wrapped at the space nearest the middle."""
    text = f"{name} {score}"
    if _text_width(text) <= 90 or " " not in name:
        return [text]
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - len(name) / 2))
    return [name[:cut], f"{name[cut + 1 :]} {score}"]


def _radar_labels(
    values: Sequence[tuple[str, int | None]],
    point: Callable[[int, float], tuple[float, float]],
    c: float,
    hi: int,
) -> tuple[str, float, float]:
    """The names around the radar, and the leftmost and rightmost x they reach."""
    labels, x0, x1 = "", c, c
    for i, (name, v) in enumerate(values):
        x, y = point(i, hi + 0.9)
        anchor = "middle" if abs(x - c) < 4 else "start" if x > c else "end"
        lines = _lines(name, "–" if v is None else str(v))
        width = max(_text_width(line) for line in lines)
        left = x - width / 2 if anchor == "middle" else x if anchor == "start" else x - width
        x0, x1 = min(x0, left), max(x1, left + width)
        top = y + 4 - 6.5 * (len(lines) - 1)
        spans = "".join(
            f'<tspan x="{x:.1f}" dy="{0 if j == 0 else 13}">{e(line)}</tspan>'
            for j, line in enumerate(lines)
        )
        labels += (
            f'<text class="rl" x="{x:.1f}" y="{top:.1f}" font-size="{_LABEL_PX:g}" '
            f'text-anchor="{anchor}">{spans}</text>'
        )
    return labels, x0, x1
