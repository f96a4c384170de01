"""The decision value versus influence chart (决策与权力分析图 / 关键职位分析工具图).

One dot per person: network importance across (composite relative to the
account's most important person, as the quadrant reads it), formal power up;
the quadrant lines at the analysis' "high" threshold and the four quadrants
named (key decision makers, hidden influencers, formal authorities, peripheral).
"""

from __future__ import annotations

from viz.account import AccountView
from viz.labels import Lang, level_label, quadrant_label, t
from viz.page import FONT_STACK, Nav, e, page
from viz.palette import MARKS, level_colour

__all__ = ["power_page", "power_svg"]

_W, _H, _PAD = 980.0, 640.0, 70.0


def power_svg(view: AccountView, lang: Lang, *, high: float = 0.5) -> str:
    """The chart as one SVG element."""
    pw, ph = _W - 2 * _PAD, _H - 2 * _PAD

    def x(v: float) -> float:
        return _PAD + v * pw

    def y(v: float) -> float:
        return _H - _PAD - v * ph

    parts = [
        f'<rect x="{x(high)}" y="{y(1)}" width="{pw * (1 - high)}" height="{ph * (1 - high)}" '
        'fill="rgba(46,158,79,.07)"/>',
        f'<rect x="{x(high)}" y="{y(high)}" width="{pw * (1 - high)}" height="{ph * high}" '
        'fill="rgba(224,168,0,.08)"/>',
        f'<rect x="{_PAD}" y="{_PAD}" width="{pw}" height="{ph}" fill="none" stroke="#9ca3af"/>',
        f'<line x1="{x(high)}" y1="{_PAD}" x2="{x(high)}" y2="{_H - _PAD}" stroke="#6b7280" '
        'stroke-dasharray="6 4"/>',
        f'<line x1="{_PAD}" y1="{y(high)}" x2="{_W - _PAD}" y2="{y(high)}" stroke="#6b7280" '
        'stroke-dasharray="6 4"/>',
    ]
    corners = (
        ("formal_authority", _PAD + 10, _PAD + 22, "start"),
        ("key_decision_maker", _W - _PAD - 10, _PAD + 22, "end"),
        ("peripheral", _PAD + 10, _H - _PAD - 12, "start"),
        ("hidden_influencer", _W - _PAD - 10, _H - _PAD - 12, "end"),
    )
    for code, cx, cy, anchor in corners:
        parts.append(
            f'<text class="q" x="{cx}" y="{cy}" text-anchor="{anchor}">'
            f"{e(quadrant_label(code, lang))}</text>"
        )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<text class="tk" x="{x(tick)}" y="{_H - _PAD + 16}" text-anchor="middle">{tick:g}'
            f'</text><text class="tk" x="{_PAD - 8}" y="{y(tick) + 4}" text-anchor="end">{tick:g}'
            "</text>"
        )
    parts.append(
        f'<text class="ax" x="{_W / 2}" y="{_H - 22}" text-anchor="middle">'
        f"{e(t('network_importance', lang))} →</text>"
        f'<text class="ax" x="22" y="{_H / 2}" text-anchor="middle" '
        f'transform="rotate(-90 22 {_H / 2})">{e(t("formal_power", lang))} →</text>'
    )
    for pid in sorted(view.people, key=lambda p: view.relative_importance(p)):
        s = view.score(pid)
        px, py = x(view.relative_importance(pid)), y(float(s.get("formal_power", 0.0)))
        level = view.level(pid)
        key = pid in view.key_ids
        label = (MARKS["key"] if key else "") + view.name(pid)
        parts.append(
            f'<g class="dot" data-person-id="{e(pid)}"><title>{e(view.name(pid))} · '
            f"{e(level_label(level, lang))} · "
            f"{e(quadrant_label(s.get('quadrant', 'peripheral'), lang))}"
            f'</title><circle cx="{px:.1f}" cy="{py:.1f}" r="{7 if key else 5}" '
            f'fill="{level_colour(level)}" stroke="#374151"/>'
            + (
                f'<text class="lb" x="{px + 9:.1f}" y="{py + 4:.1f}">{e(label)}</text>'
                if key or view.relative_importance(pid) >= 0.25
                else ""
            )
            + "</g>"
        )
    css = (
        "text{font-family:FONT}.q{font-size:15px;font-weight:700;fill:#14213d;opacity:.75}"
        ".tk{font-size:11px;fill:#6b7280}.ax{font-size:13px;fill:#374151}.lb{font-size:11.5px}"
    ).replace("FONT", FONT_STACK.replace('"', "'"))
    return (
        f'<svg id="power" viewBox="0 0 {_W:.0f} {_H:.0f}" role="img" '
        f'aria-label="{e(t("power", lang))}"><style>{css}</style>'
        f'<rect width="{_W:.0f}" height="{_H:.0f}" fill="#fff"/>' + "".join(parts) + "</svg>"
    )


def power_page(view: AccountView, nav: Nav) -> str:
    lang = nav.lang
    acc = view.account
    body = (
        f"<h1>{e(t('power', lang))} · {e(acc.get('name'))}</h1>"
        f'<div class="sub">{len(view.people)} {e(t("people", lang))} · {MARKS["key"]} '
        f"{e(t('key_person', lang))}</div>"
        f'<div class="panel" style="max-width:1100px">{power_svg(view, lang)}</div>'
    )
    return page(f"{t('power', lang)} · {acc.get('name')}", body, nav)
