"""The decision-chain fishbone (决策链鱼骨图) as SVG, from the analysis' own layout.

graphcrm.analysis.fishbone gives every coordinate (head, spine, bones, people);
this draws them as given: the decision at the head, one bone per group, each
person as a dot in their level's colour with the same marks as the map, their
title and our covering person beneath. The SVG sits inside the page (no
namespace needed there) and is served alone, with its namespace, for download.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from viz.account import AccountView
from viz.labels import Lang, layer_label, level_label, quadrant_label, role_label, t
from viz.page import FONT_STACK, Nav, e, page
from viz.palette import COMPETITOR_BORDER, MARKS, STAFF_COLOUR, level_colour
from viz.templating import Markup, render
from viz.why_empty import no_chain_note

__all__ = ["fishbone_page", "fishbone_svg"]

#: The page's print area (A4 landscape less 8 mm margins, see _CSS) in CSS px: 281 x 180 mm.
PRINT_WIDTH, PRINT_HEIGHT = 1062.0, 680.0
#: The least text size on screen and paper (issue 12: at least 11 px), with a little room.
LEAST_PX = 11.5
_SMALLEST = 10.5  # the smallest font below, in drawing units (titles, covering staff)


def text_scale(width: float, height: float) -> float:
    """How much larger than its base sizes the drawing's text must be so that its smallest
    text is at least ``LEAST_PX`` where the drawing is smallest: printed on A4 landscape,
    fitted into ``PRINT_WIDTH`` x ``PRINT_HEIGHT`` (on screen it is drawn the page's width,
    1378 px at a 1440 px window, so larger). Never below 1.

    >>> text_scale(1000, 600)
    1.0
    >>> round(text_scale(1285, 823), 3)
    1.325
    """
    fitted = min(PRINT_WIDTH / width, PRINT_HEIGHT / height) if width and height else 1.0
    return max(1.0, LEAST_PX / (_SMALLEST * fitted))


def _svg_css(k: float) -> str:
    """The drawing's text styles, every size times ``k`` (text_scale)."""
    return (
        f"text{{font-family:FONT;fill:#1d1d1f}}.gl{{font-size:{16 * k:.1f}px;font-weight:700;"
        f"fill:#14213d}}.pn{{font-size:{13 * k:.1f}px;font-weight:600}}"
        f".pt{{font-size:{10.5 * k:.1f}px;fill:#4b5563}}"
        f".ps{{font-size:{10.5 * k:.1f}px;fill:{STAFF_COLOUR}}}.none{{fill:#b91c1c}}"
        f".hd{{font-size:{15 * k:.1f}px;font-weight:700;fill:#fff}}"
        f".hs{{font-size:{11 * k:.1f}px;fill:#dbe4f3}}"
    ).replace("FONT", FONT_STACK.replace('"', "'"))


def _width(text: str, size: float) -> float:
    """About how wide ``text`` is drawn at ``size``: CJK and marks a full em, others 0.58 em."""
    return sum(size if ord(ch) > 0x2000 else 0.58 * size for ch in text)


def _fit(text: str, room: float, size: float) -> str:
    """``text`` cut (with an ellipsis) to about ``room`` drawing units at ``size``."""
    if _width(text, size) <= room:
        return text
    while text and _width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"


def _group_label(bone: dict[str, Any], group_by: str, lang: Lang) -> str:
    group = bone.get("group")
    if group and group_by == "layer":
        return layer_label(group, lang)
    if group and group_by == "role":
        return role_label(group, lang)
    return str(bone["label"][lang])


def _person(
    view: AccountView, p: dict[str, Any], lang: Lang, k: float = 1.0, room: float = 190.0
) -> str:
    """One person on a bone: dot, marks, name and covering staff on one line, the title on
    the next (``13 k`` below; ``k`` the text scale), both cut to ``room`` drawing units
    (the room between bone pairs, or up to the head)."""
    pid = p["person_id"]
    level = int(p["level"])
    held = p.get("competitor") is not None and p["competitor"]["level"] >= 2
    marks = (MARKS["key"] if p.get("key") else "") + (
        MARKS["hidden_influencer"] if view.is_hidden_influencer(pid) else ""
    )
    marks += MARKS["competitor_held"] if held else ""
    staff = p.get("covering_staff") or []
    name = _fit(p["name"], room - _width(marks, 13 * k), 13 * k)
    # the covering staff first (what the team acts on), then the title, cut to the room
    words = " / ".join(s["name"] for s in staff[:2]) if staff else t("nobody", lang)
    cover = _fit("↳ " + words, room, 10.5 * k)
    title = _fit(p.get("title") or "", room - _width(cover + " · ", 10.5 * k), 10.5 * k)
    title_part = f" · {e(title)}" if title and title != "…" else ""
    ring = (
        f'<circle cx="{p["x"]:.1f}" cy="{p["y"]:.1f}" r="12" fill="none" '
        f'stroke="{COMPETITOR_BORDER}" stroke-width="2.5" stroke-dasharray="3 2"/>'
        if held
        else ""
    )
    return (
        f'<g class="person" data-person-id="{e(pid)}" data-level="{level}">'
        f"<title>{e(p['name'])} · {e(level_label(level, lang))} · "
        f"{e(t('rank', lang))} {p['rank']}</title>"
        f'<circle cx="{p["x"]:.1f}" cy="{p["y"]:.1f}" r="{6 + 5 * float(p["composite"]):.1f}" '
        f'fill="{level_colour(level)}" stroke="#374151" stroke-width="1"/>{ring}'
        f'<text class="pn" x="{p["x"] + 12:.1f}" y="{p["y"] + 1:.1f}">'
        f'<tspan fill="#b7791f">{e(marks)}</tspan>{e(name)}</text>'
        f'<text class="pt" x="{p["x"] + 12:.1f}" y="{p["y"] + 1 + 13 * k:.1f}">'
        f'<tspan class="ps{"" if staff else " none"}">{e(cover)}</tspan>{title_part}</text>'
        "</g>"
    )


def _label_x(bone: dict[str, Any], group: str, k: float) -> float:
    """A bone's label centre, moved right where the label would start left of the drawing."""
    half = _width(group, 16 * k) / 2
    return max(float(bone["label_x"]), half + 4.0)


def _head_lines(name: str, room: float, k: float) -> tuple[str, str]:
    """The head's name in two lines at the scaled sizes: the first line broken at a space
    where there is one (Latin), else where the room ends (CJK); the second line cut."""
    first = _fit(name, room, 15 * k)
    if first == name:
        return name, ""
    first = first[:-1]  # without its ellipsis
    if " " in first:
        first = first[: first.rindex(" ")]
    return first, _fit(name[len(first) :].strip(), room, 11 * k)


def _room_before_head(head: dict[str, Any], k: float) -> Callable[[dict[str, Any]], float]:
    """A person's text room: 190 units, or up to the head for a person whose two lines
    (``-14 k`` to ``+17 k`` around the dot) run beside it."""
    hx, hy, hh = float(head["x"]), float(head["y"]), max(float(head["height"]), 60 * k)
    hy = float(head["y"]) + float(head["height"]) / 2 - hh / 2

    def room(p: dict[str, Any]) -> float:
        beside = p["y"] - 14 * k < hy + hh and p["y"] + 17 * k > hy and p["x"] < hx
        return max(40.0, min(190.0, hx - p["x"] - 24.0)) if beside else 190.0

    return room


def _slot_box(box: dict[str, Any], lang: Lang) -> str:
    """An open role slot (待识别角色): a dashed empty box at its place on the bone,
    labelled with its role and department (or layer) and "?"; the note in its tooltip."""
    x, y = float(box["x"]), float(box["y"])
    label = f"? {box['label'][lang]}"
    width = 18 + 7.5 * sum(2 if ord(c) > 0x2E7F else 1 for c in label)
    tip = f"{t('unidentified_role', lang)}: {box['label'][lang]}"
    if box.get("note"):
        tip += f" · {box['note']}"
    return (
        f'<g class="slot" data-slot-id="{e(box["slot_id"])}"><title>{e(tip)}</title>'
        f'<rect x="{x - 9:.1f}" y="{y - 13:.1f}" width="{width:.1f}" height="26" rx="4" '
        'fill="#ffffff" stroke="#6b7280" stroke-width="1.5" stroke-dasharray="5 3"/>'
        f'<text class="pn" x="{x:.1f}" y="{y + 4.5:.1f}" fill="#6b7280">{e(label)}</text></g>'
    )


def _completeness(view: AccountView) -> str:
    """The decision chain's completeness (of the opportunity shown, else of each one)."""
    rows = view.fishbone.get("completeness") or []
    opp = view.opportunity
    shown = [
        c for c in rows if c["value"] is not None and (not opp or c["opportunity_id"] == opp["id"])
    ]
    parts = [f"{round(100 * c['value'])}%" for c in shown]
    if not opp:
        parts = [f"{c['opportunity_id']} {p}" for c, p in zip(shown, parts, strict=True)]
    return ", ".join(parts)


def fishbone_svg(view: AccountView, lang: Lang, *, standalone: bool = False) -> str:
    """The fishbone as one SVG element (``standalone``: with its namespace, for a file)."""
    fb = view.fishbone
    head, spine = fb["head"], fb["spine"]
    w, h = float(fb["width"]), float(fb["height"])
    k = text_scale(w, h)
    room = _room_before_head(head, k)
    parts = [
        f'<line x1="{spine["x1"]}" y1="{spine["y1"]}" x2="{spine["x2"]}" y2="{spine["y2"]}" '
        'stroke="#14213d" stroke-width="6" stroke-linecap="round"/>'
    ]
    for bone in fb["bones"]:
        group = _group_label(bone, fb["group_by"], lang)
        parts.append(
            f'<g class="bone" data-group="{e(bone.get("group") or "")}">'
            f'<line x1="{bone["x1"]}" y1="{bone["y1"]}" x2="{bone["x2"]}" y2="{bone["y2"]}" '
            'stroke="#5b6b8c" stroke-width="3" stroke-linecap="round"/>'
            f'<text class="gl" x="{_label_x(bone, group, k):.1f}" y="{bone["label_y"]}" '
            'text-anchor="middle">'
            f"{e(group)}</text>"
            + "".join(_person(view, p, lang, k, room(p)) for p in bone["people"])
            + "".join(_slot_box(box, lang) for box in bone.get("slots", ()))
            + "</g>"
        )
    hx, hy, hw, hh = (float(head[k]) for k in ("x", "y", "width", "height"))
    if 60 * k > hh:  # larger text: a taller head, on the same centre line as the spine
        hy, hh = hy + hh / 2 - 30 * k, 60 * k
    name = str(head.get("name") or "")
    first, second = _head_lines(name, hw - 40, k)
    parts.append(
        f'<g class="head"><path d="M {hx} {hy} L {hx + hw - 24} {hy} L {hx + hw} {hy + hh / 2} '
        f'L {hx + hw - 24} {hy + hh} L {hx} {hy + hh} Z" fill="#14213d"/>'
        f'<text class="hs" x="{hx + 12}" y="{hy + 16 * k:.1f}">{e(t("decision_head", lang))}</text>'
        f'<text class="hd" x="{hx + 12}" y="{hy + 36 * k:.1f}">{e(first)}</text>'
        f'<text class="hs" x="{hx + 12}" y="{hy + 50 * k:.1f}">{e(second)}</text></g>'
    )
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return (
        f'<svg{ns} id="fishbone" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
        f'role="img" aria-label="{e(t("fishbone", lang))}">'
        f"<style>{_svg_css(k)}</style>"
        f'<rect width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>' + "".join(parts) + "</svg>"
    )


_CSS = """
.fishwrap { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px;
  overflow:auto; }
/* the page's width (issue 12: not its middle half); the text is sized for print (text_scale) */
.fishwrap svg { width:100%; height:auto; display:block; }
.tools { display:flex; gap:14px; align-items:center; margin-bottom:10px; flex-wrap:wrap; }
.why-empty { color: var(--muted); font-size: 13px; }
.keyline { font-size:12px; color:var(--muted); margin:6px 0 0; }
.keyline .sw { width:10px; height:10px; border-radius:50%; display:inline-block;
  border:1px solid #374151; margin:0 3px 0 10px; vertical-align:middle; }
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  .fishwrap { border:none; padding:0; overflow:visible; }
  .fishwrap svg { max-height: 180mm; }  /* PRINT_HEIGHT */
}
"""


def fishbone_page(
    view: AccountView, nav: Nav, *, group_by: str, editing: str = "", editing_css: str = ""
) -> str:
    """The fishbone page: choice of opportunity and grouping, the SVG, downloads."""
    lang = nav.lang
    acc = view.account
    opp = view.opportunity
    current = opp["id"] if opp else ""
    title = opp["name"] if opp else acc.get("name")
    body = render(
        "fishbone.html",
        lang=lang,
        title=title,
        account_name=acc.get("name"),
        people=sum(len(b["people"]) for b in view.fishbone["bones"]),
        completeness=_completeness(view),
        chains=view.chains,
        current=current,
        group_by=group_by,
        no_chain=no_chain_note(view, lang),  # text, printed by map_parts.html's why_empty
        svg_href=nav.href("fishbone.svg", opportunity=current or None, group_by=group_by),
        svg=Markup(fishbone_svg(view, lang)),  # drawn here, every text escaped
        editing=Markup(editing),  # the decision-chain form, from its template
        marks=MARKS,
        level_colour=level_colour,
        quadrant_label=quadrant_label,
    )
    title = f"{t('fishbone', lang)} · {title}"
    return page(title, body, nav, scripts=("fishbone.js",), css=_CSS + editing_css)
