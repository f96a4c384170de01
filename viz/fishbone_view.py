"""The decision-chain fishbone (决策链鱼骨图) as SVG, from the analysis' own layout.

graphcrm.analysis.fishbone gives every coordinate (head, spine, bones, people);
this draws them as given: the decision at the head, one bone per group, each
person as a dot in their level's colour with the same marks as the map, their
title and our covering person beneath. The SVG sits inside the page (no
namespace needed there) and is served alone, with its namespace, for download.
"""

from __future__ import annotations

from typing import Any

from viz.account import AccountView
from viz.labels import Lang, layer_label, level_label, quadrant_label, role_label, t
from viz.page import FONT_STACK, Nav, e, page
from viz.palette import COMPETITOR_BORDER, MARKS, STAFF_COLOUR, level_colour
from viz.why_empty import no_chain_note

__all__ = ["fishbone_page", "fishbone_svg"]

_SVG_CSS = (
    "text{font-family:FONT;fill:#1d1d1f}.gl{font-size:16px;font-weight:700;fill:#14213d}"
    ".pn{font-size:13px;font-weight:600}.pt{font-size:10.5px;fill:#4b5563}"
    ".ps{font-size:10.5px;fill:" + STAFF_COLOUR + "}.none{fill:#b91c1c}"
    ".hd{font-size:15px;font-weight:700;fill:#fff}.hs{font-size:11px;fill:#dbe4f3}"
).replace("FONT", FONT_STACK.replace('"', "'"))


def _group_label(bone: dict[str, Any], group_by: str, lang: Lang) -> str:
    group = bone.get("group")
    if group and group_by == "layer":
        return layer_label(group, lang)
    if group and group_by == "role":
        return role_label(group, lang)
    return str(bone["label"][lang])


def _person(view: AccountView, p: dict[str, Any], lang: Lang) -> str:
    pid = p["person_id"]
    level = int(p["level"])
    held = p.get("competitor") is not None and p["competitor"]["level"] >= 2
    marks = (MARKS["key"] if p.get("key") else "") + (
        MARKS["hidden_influencer"] if view.is_hidden_influencer(pid) else ""
    )
    marks += MARKS["competitor_held"] if held else ""
    staff = p.get("covering_staff") or []
    cover = (
        f'<text class="ps" x="{p["x"] + 12:.1f}" y="{p["y"] + 27:.1f}">↳ '
        + e(" / ".join(s["name"] for s in staff[:2]))
        + "</text>"
        if staff
        else f'<text class="ps none" x="{p["x"] + 12:.1f}" y="{p["y"] + 27:.1f}">↳ '
        f"{e(t('nobody', lang))}</text>"
    )
    title = p.get("title") or ""
    if len(title) > 18:
        title = title[:17] + "…"
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
        f'<tspan fill="#b7791f">{e(marks)}</tspan>{e(p["name"])}</text>'
        f'<text class="pt" x="{p["x"] + 12:.1f}" y="{p["y"] + 14:.1f}">{e(title)}</text>'
        f"{cover}</g>"
    )


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


def _completeness(view: AccountView, lang: Lang) -> str:
    """The decision chain's completeness (of the opportunity shown, else of each one)."""
    rows = view.fishbone.get("completeness") or []
    opp = view.opportunity
    shown = [
        c for c in rows if c["value"] is not None and (not opp or c["opportunity_id"] == opp["id"])
    ]
    if not shown:
        return ""
    parts = [f"{round(100 * c['value'])}%" for c in shown]
    if not opp:
        parts = [f"{c['opportunity_id']} {p}" for c, p in zip(shown, parts, strict=True)]
    return f' · <span id="completeness">{e(t("completeness", lang))} {e(", ".join(parts))}</span>'


def fishbone_svg(view: AccountView, lang: Lang, *, standalone: bool = False) -> str:
    """The fishbone as one SVG element (``standalone``: with its namespace, for a file)."""
    fb = view.fishbone
    head, spine = fb["head"], fb["spine"]
    w, h = float(fb["width"]), float(fb["height"])
    parts = [
        f'<line x1="{spine["x1"]}" y1="{spine["y1"]}" x2="{spine["x2"]}" y2="{spine["y2"]}" '
        'stroke="#14213d" stroke-width="6" stroke-linecap="round"/>'
    ]
    for bone in fb["bones"]:
        parts.append(
            f'<g class="bone" data-group="{e(bone.get("group") or "")}">'
            f'<line x1="{bone["x1"]}" y1="{bone["y1"]}" x2="{bone["x2"]}" y2="{bone["y2"]}" '
            'stroke="#5b6b8c" stroke-width="3" stroke-linecap="round"/>'
            f'<text class="gl" x="{bone["label_x"]}" y="{bone["label_y"]}" text-anchor="middle">'
            f"{e(_group_label(bone, fb['group_by'], lang))}</text>"
            + "".join(_person(view, p, lang) for p in bone["people"])
            + "".join(_slot_box(box, lang) for box in bone.get("slots", ()))
            + "</g>"
        )
    hx, hy, hw, hh = (float(head[k]) for k in ("x", "y", "width", "height"))
    name = str(head.get("name") or "")
    parts.append(
        f'<g class="head"><path d="M {hx} {hy} L {hx + hw - 24} {hy} L {hx + hw} {hy + hh / 2} '
        f'L {hx + hw - 24} {hy + hh} L {hx} {hy + hh} Z" fill="#14213d"/>'
        f'<text class="hs" x="{hx + 12}" y="{hy + 20}">{e(t("decision_head", lang))}</text>'
        f'<text class="hd" x="{hx + 12}" y="{hy + 42}">{e(name[:12])}</text>'
        f'<text class="hs" x="{hx + 12}" y="{hy + 58}">{e(name[12:26])}</text></g>'
    )
    ns = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
    return (
        f'<svg{ns} id="fishbone" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" height="{h:.0f}" '
        f'role="img" aria-label="{e(t("fishbone", lang))}">'
        f'<style>{_SVG_CSS}</style><rect width="{w:.0f}" height="{h:.0f}" fill="#ffffff"/>'
        + "".join(parts)
        + "</svg>"
    )


_CSS = """
.fishwrap { background:#fff; border:1px solid var(--line); border-radius:8px; padding:8px;
  overflow:auto; }
.fishwrap svg { width:100%; height:auto; max-height: 80vh; display:block; }
.tools { display:flex; gap:14px; align-items:center; margin-bottom:10px; flex-wrap:wrap; }
.why-empty { color: var(--muted); font-size: 13px; }
.keyline { font-size:12px; color:var(--muted); margin:6px 0 0; }
.keyline .sw { width:10px; height:10px; border-radius:50%; display:inline-block;
  border:1px solid #374151; margin:0 3px 0 10px; vertical-align:middle; }
@media print {
  @page { size: A4 landscape; margin: 8mm; }
  .fishwrap { border:none; padding:0; overflow:visible; }
  .fishwrap svg { max-height: 180mm; }
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
    options = f'<option value="">{e(t("whole_account", lang))}</option>' + "".join(
        f'<option value="{e(c.opportunity_id)}"'
        f"{' selected' if c.opportunity_id == current else ''}>"
        f"{e(c.name)}</option>"
        for c in view.chains
    )
    groups = "".join(
        f'<option value="{g}"{" selected" if g == group_by else ""}>{e(t(g, lang))}</option>'
        for g in ("department", "layer", "role")
    )
    hidden = '<input type="hidden" name="lang" value="zh">' if lang == "zh" else ""
    svg_href = nav.href("fishbone.svg", opportunity=current or None, group_by=group_by)
    keyline = "".join(
        f'<span class="sw" style="background:{level_colour(lv)}"></span>{e(level_label(lv, lang))}'
        for lv in (-1, 0, 1, 2, 3)
    )
    keyline += (
        f" &nbsp; {MARKS['key']} {e(t('key_person', lang))} &nbsp; {MARKS['hidden_influencer']} "
        f"{e(quadrant_label('hidden_influencer', lang))} &nbsp; {MARKS['competitor_held']} "
        f"{e(t('competitor_held', lang))} &nbsp; ↳ {e(t('covered_by', lang))}"
    )
    people = sum(len(b["people"]) for b in view.fishbone["bones"])
    title = opp["name"] if opp else acc.get("name")
    body = (
        f"<h1>{e(t('fishbone', lang))} · {e(title)}</h1>"
        f'<div class="sub">{e(acc.get("name"))} · {people} {e(t("people", lang))}'
        f"{_completeness(view, lang)}</div>"
        f'<form class="tools noprint" method="get">{hidden}'
        f'<label>{e(t("decision_chain", lang))} <select name="opportunity" '
        f'onchange="this.form.submit()">{options}</select></label>{no_chain_note(view, lang)}'
        f'<label>{e(t("group_by", lang))} <select name="group_by" '
        f'onchange="this.form.submit()">{groups}</select></label>'
        f'<a class="button" id="download-svg" href="{e(svg_href)}" download>'
        f"{e(t('download_svg', lang))}</a>"
        f'<button type="button" class="button" id="download-png">{e(t("download_png", lang))}'
        f'</button><button type="button" class="button" onclick="window.print()">'
        f"{e(t('print', lang))}</button></form>"
        f'<div class="fishwrap">{fishbone_svg(view, lang)}</div>'
        f'<div class="keyline">{keyline}</div>{editing}'
    )
    title = f"{t('fishbone', lang)} · {title}"
    return page(title, body, nav, scripts=("fishbone.js",), css=_CSS + editing_css)
