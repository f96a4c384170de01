"""The decision value versus influence chart (决策与权力分析图 / 关键职位分析工具图).

One dot per person: network importance across (composite relative to the
account's most important person), formal power up. The vertical line is the
matrix's "composite high" cut, the top K by composite (DESIGN.md, Round 2):
it runs between the K-th person and the next, so every dot right of it is in
the top K; the horizontal line is formal high (0.5). The four quadrants are
named (key decision makers, hidden influencers, formal authorities,
peripheral). Names are placed without overlap (each tries spots around its
dot, nearest first, and takes the first that overlaps no name or dot placed
before it, most important people first), a legend gives the colours, and
every dot links to the person's card (issue 12 item 2).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from viz.account import AccountView
from viz.labels import Lang, level_label, quadrant_label, t
from viz.page import FONT_STACK, Nav, e, page
from viz.palette import LEVEL_COLOURS, MARKS, level_colour
from viz.templating import Markup, render

__all__ = ["power_page", "power_svg"]

# Drawn at 1200 x 760: at 1440 px the panel is about as wide, so 13-unit names read at
# about 13 px (at least 11 px down to a 1015 px wide chart).
_W, _H, _PAD = 1200.0, 760.0, 70.0
_LABEL_PX = 13.0
_HIGH_NETWORK = ("key_decision_maker", "hidden_influencer")

Box = tuple[float, float, float, float]  # x0, y0, x1, y1


def power_svg(
    view: AccountView,
    lang: Lang,
    *,
    high: float = 0.5,
    card_href: Callable[[str], str] | None = None,
) -> str:
    """The chart as one SVG element; ``card_href(person_id)`` links each dot to a card."""
    pw, ph = _W - 2 * _PAD, _H - 2 * _PAD

    def x(v: float) -> float:
        return _PAD + v * pw

    def y(v: float) -> float:
        return _H - _PAD - v * ph

    cut = network_cut(view)
    parts = _frame(x(cut), y(high), pw, ph, lang)
    dots = {
        pid: (x(view.relative_importance(pid)), y(float(view.score(pid).get("formal_power", 0))))
        for pid in view.people
    }
    labels = place_labels(view, dots)
    for pid in sorted(view.people, key=lambda p: view.relative_importance(p)):
        parts.append(_dot(view, pid, dots[pid], labels.get(pid), lang, card_href))
    css = (
        "text{font-family:FONT}.q{font-size:16px;font-weight:700;fill:#14213d;opacity:.75}"
        f".tk{{font-size:12px;fill:#6b7280}}.ax{{font-size:14px;fill:#374151}}"
        f".lb{{font-size:{_LABEL_PX:g}px}}.cut{{font-size:12px;fill:#6b7280}}"
        "a .dot:hover circle{stroke-width:3}"
    ).replace("FONT", FONT_STACK.replace('"', "'"))
    return (
        f'<svg id="power" viewBox="0 0 {_W:.0f} {_H:.0f}" role="img" '
        f'aria-label="{e(t("power", lang))}" style="width:100%;height:auto">'
        f"<style>{css}</style>"
        f'<rect width="{_W:.0f}" height="{_H:.0f}" fill="#fff"/>' + "".join(parts) + "</svg>"
    )


def network_cut(view: AccountView) -> float:
    """Where "composite high" starts on the relative-importance axis: between the top K and
    the rest (midway between the least important high person and the most important other).
    """
    rel = {p: view.relative_importance(p) for p in view.people}
    high = [rel[p] for p in view.people if view.score(p).get("quadrant") in _HIGH_NETWORK]
    rest = [rel[p] for p in view.people if view.score(p).get("quadrant") not in _HIGH_NETWORK]
    if not high:
        return 1.0
    if not rest:
        return 0.0
    return (min(high) + max(rest)) / 2


def _frame(cx: float, cy: float, pw: float, ph: float, lang: Lang) -> list[str]:
    """The shaded high areas, the frame, the two cut lines, quadrant names, ticks, axes."""
    right, bottom = _W - _PAD, _H - _PAD
    parts = [
        f'<rect x="{cx:.1f}" y="{_PAD}" width="{right - cx:.1f}" height="{cy - _PAD:.1f}" '
        'fill="rgba(46,158,79,.07)"/>',
        f'<rect x="{cx:.1f}" y="{cy:.1f}" width="{right - cx:.1f}" height="{bottom - cy:.1f}" '
        'fill="rgba(224,168,0,.08)"/>',
        f'<rect x="{_PAD}" y="{_PAD}" width="{pw}" height="{ph}" fill="none" stroke="#9ca3af"/>',
        f'<line x1="{cx:.1f}" y1="{_PAD}" x2="{cx:.1f}" y2="{bottom}" stroke="#6b7280" '
        'stroke-dasharray="6 4"/>',
        f'<line x1="{_PAD}" y1="{cy:.1f}" x2="{right}" y2="{cy:.1f}" stroke="#6b7280" '
        'stroke-dasharray="6 4"/>',
        f'<text class="cut" x="{cx + 4:.1f}" y="{_PAD - 12}">{e(t("key_people", lang))} →</text>',
    ]
    corners = (
        ("formal_authority", _PAD + 10, _PAD + 22, "start"),
        ("key_decision_maker", right - 10, _PAD + 22, "end"),
        ("peripheral", _PAD + 10, bottom - 12, "start"),
        ("hidden_influencer", right - 10, bottom - 12, "end"),
    )
    for code, qx, qy, anchor in corners:
        parts.append(
            f'<text class="q" x="{qx}" y="{qy}" text-anchor="{anchor}">'
            f"{e(quadrant_label(code, lang))}</text>"
        )
    for tick in (0, 0.25, 0.5, 0.75, 1):
        tx, ty = _PAD + tick * pw, bottom - tick * ph
        parts.append(
            f'<text class="tk" x="{tx}" y="{bottom + 17}" text-anchor="middle">{tick:g}</text>'
            f'<text class="tk" x="{_PAD - 8}" y="{ty + 4}" text-anchor="end">{tick:g}</text>'
        )
    parts.append(
        f'<text class="ax" x="{_W / 2}" y="{_H - 22}" text-anchor="middle">'
        f"{e(t('network_importance', lang))} →</text>"
        f'<text class="ax" x="22" y="{_H / 2}" text-anchor="middle" '
        f'transform="rotate(-90 22 {_H / 2})">{e(t("formal_power", lang))} →</text>'
    )
    return parts


def _dot(
    view: AccountView,
    pid: str,
    at: tuple[float, float],
    label: tuple[float, float, str] | None,
    lang: Lang,
    card_href: Callable[[str], str] | None,
) -> str:
    """One person's dot (a link to their card when ``card_href``), with its name if placed."""
    s, level, key = view.score(pid), view.level(pid), pid in view.key_ids
    px, py = at
    text = ""
    if label is not None:
        lx, ly, anchor = label
        if abs(ly - (py + 4.5)) > 1 and anchor != "middle":  # moved up or down: a leader
            text = (
                f'<line x1="{px:.1f}" y1="{py:.1f}" x2="{lx:.1f}" y2="{ly - 4:.1f}" '
                'stroke="#9ca3af" stroke-width="1"/>'
            )
        text += (
            f'<text class="lb" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">'
            f"{e(_label_text(view, pid))}</text>"
        )
    dot = (
        f'<g class="dot" data-person-id="{e(pid)}"><title>{e(view.name(pid))} · '
        f"{e(level_label(level, lang))} · "
        f"{e(quadrant_label(s.get('quadrant', 'peripheral'), lang))}"
        f'</title><circle cx="{px:.1f}" cy="{py:.1f}" r="{7 if key else 5}" '
        f'fill="{level_colour(level)}" stroke="#374151"/>{text}</g>'
    )
    if card_href is None:
        return dot
    return f'<a href="{e(card_href(pid))}">{dot}</a>'


def _label_text(view: AccountView, pid: str) -> str:
    return (MARKS["key"] if pid in view.key_ids else "") + view.name(pid)


def text_width(text: str, size: float = _LABEL_PX) -> float:
    """A generous estimate of the drawn width: CJK and symbols a full em, Latin 0.62 em."""
    return sum(size if ord(ch) > 0x2000 else 0.62 * size for ch in text)


def place_labels(
    view: AccountView, dots: dict[str, tuple[float, float]]
) -> dict[str, tuple[float, float, str]]:
    """Each labelled person's name position ``(x, y, text-anchor)``, no two boxes overlapping.

    Key people and anyone at least a quarter as important as the top are named, most
    important first; each takes the first free spot around its dot (right, left, above,
    below, then further up and down), inside the plot; with no free spot the name is
    left off (the dot keeps its tooltip and link).
    """
    dot_boxes = [(x - 8, y - 8, x + 8, y + 8) for x, y in dots.values()]
    placed: list[Box] = []
    out: dict[str, tuple[float, float, str]] = {}
    named = [p for p in view.people if p in view.key_ids or view.relative_importance(p) >= 0.25]
    for pid in sorted(named, key=lambda p: (-view.relative_importance(p), p)):
        px, py = dots[pid]
        width = text_width(_label_text(view, pid))
        for lx, ly, anchor in _spots(px, py):
            box = _box(lx, ly, anchor, width)
            inside = _PAD <= box[0] <= box[2] <= _W - _PAD and _PAD <= box[1] <= box[3] <= _H - _PAD
            mine = (px - 8, py - 8, px + 8, py + 8)
            others = [b for b in dot_boxes if b != mine]
            if inside and not any(_overlap(box, b) for b in placed + others):
                placed.append(box)
                out[pid] = (lx, ly, anchor)
                break
    return out


def _spots(px: float, py: float) -> Iterator[tuple[float, float, str]]:
    """Candidate name positions around a dot, nearest first (baseline y, anchor)."""
    yield px + 10, py + 4.5, "start"
    yield px - 10, py + 4.5, "end"
    yield px, py - 11, "middle"
    yield px, py + 21, "middle"
    for step in range(1, 7):
        for dy in (-16 * step, 16 * step):
            yield px + 10, py + 4.5 + dy, "start"
            yield px - 10, py + 4.5 + dy, "end"


def _box(x: float, baseline: float, anchor: str, width: float) -> Box:
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return (left, baseline - _LABEL_PX, left + width, baseline + 0.3 * _LABEL_PX)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend(lang: Lang) -> dict[str, object]:
    """What the legend shows (power.html): the dot colours (level toward us), the key mark
    and what a click does."""
    click = "点击圆点打开其拓展卡片" if lang == "zh" else "click a dot to open the person's card"
    return {"swatches": sorted(LEVEL_COLOURS.items()), "key": MARKS["key"], "click": click}


_LEGEND_CSS = (
    "<style>#power-legend{margin:8px 0 0;font-size:13px;color:#374151}"
    "#power-legend .sw{display:inline-block;margin-right:14px}"
    "#power-legend .sw span{display:inline-block;width:11px;height:11px;border-radius:50%;"
    "border:1px solid #374151;margin-right:4px;vertical-align:-1px}</style>"
)


def power_page(view: AccountView, nav: Nav) -> str:
    """The power chart page, from the template ``power.html``; the chart is drawn here."""
    lang = nav.lang
    acc = view.account
    chart = power_svg(view, lang, card_href=lambda p: nav.href(f"cards/{p}"))
    body = render(
        "power.html",
        lang=lang,
        account_name=acc.get("name"),
        people=len(view.people),
        key_mark=MARKS["key"],
        chart=Markup(chart),  # drawn here, every text escaped
        legend=_legend(lang),
        legend_css=Markup(_LEGEND_CSS),  # our own constant
    )
    return page(f"{t('power', lang)} · {acc.get('name')}", body, nav)
