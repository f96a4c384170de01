"""The organisation relationship map (组织关系图谱), built with pyvis and drawn by vis-network.

Customer people are sized by composite importance, coloured by level toward
us, shaped by layer and placed in one column per department with a band per
layer (decision on top); our staff are hexagons in a band of their own, tied
to the people they cover (thickness = strength). Reports-to, depends-on, knows,
influences and contact ties each have their own line. Key people, hidden
influencers and competitor-held people carry marks. The page's script draws
the department columns, filters by decision chain and tie type, and shows a
person's importance parts, level history and covering staff on a click.

pyvis builds the network (nodes, edges, options); the page is our own, loading
vis-network from the copy pyvis ships, served by graphcrm (no CDN).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pyvis
from pyvis.network import Network

from viz.account import AccountView
from viz.labels import (
    Lang,
    dimension_label,
    layer_label,
    level_label,
    quadrant_label,
    roles_label,
    t,
    tie_label,
    triangle_label,
)
from viz.map_modes import MODES_CSS, as_of_banner, target_paths
from viz.map_modes import w as mode_word
from viz.org_chart import org_chart_layout
from viz.page import Nav, page, safe_json
from viz.palette import (
    COMPETITOR_BORDER,
    LAYER_SHAPES,
    MARKS,
    STAFF_COLOUR,
    TIE_STYLES,
    level_colour,
)
from viz.templating import Markup, render
from viz.why_empty import no_chain_note

__all__ = ["VIS_ASSETS", "map_data", "map_page"]

#: The vis-network files pyvis ships, served by graphcrm under /ui/assets/.
_VIS = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
VIS_ASSETS: dict[str, Path] = {
    "vis-network.min.js": _VIS / "vis-network.min.js",
    "vis-network.css": _VIS / "vis-network.css",
}

_BANDS: tuple[str | None, ...] = ("decision", "management", "execution", None)
_PER_ROW = 3
_DX, _DY = 120.0, 95.0
_COLUMN_GAP = 70.0
_BAND_GAP = 60.0
_TIES: tuple[str, ...] = tuple(TIE_STYLES)  # every tie type, then our contacts


def _departments(view: AccountView) -> list[str | None]:
    """Departments, the most important first (by the sum of their people's composite)."""
    weight: dict[str | None, float] = defaultdict(float)
    for pid in view.people:
        weight[view.node(pid).get("department")] += float(view.score(pid).get("composite", 0))
    return sorted(weight, key=lambda d: (-weight[d], d is None, d or ""))


Layout = tuple[dict[str, tuple[float, float]], list[dict[str, Any]], list[dict[str, Any]]]


def _layout(
    view: AccountView,
    people: list[str] | None = None,
    dx: float = _DX,
    name_width: Callable[[str], float] | None = None,
) -> Layout:
    """Positions of every node, the department columns and the layer bands.

    ``people`` (default: everyone) lays out only those people, in columns for
    their departments only, with ``dx`` between neighbours in a cell (or, with
    ``name_width``, room for the department's longest name), and the staff who
    cover them.
    """
    chosen = view.people if people is None else [p for p in view.people if p in set(people)]
    departments = [d for d in _departments(view) if any(_dept(view, p) == d for p in chosen)]
    cells: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
    for pid in chosen:  # most important first
        d = view.node(pid)
        layer = d.get("layer") if d.get("layer") in _BANDS else None
        cells[(d.get("department"), layer)].append(pid)
    rows = {
        band: max((-(-len(cells[(dep, band)]) // _PER_ROW) for dep in departments), default=0)
        for band in _BANDS
    }
    pos: dict[str, tuple[float, float]] = {}
    bands: list[dict[str, Any]] = []
    y = 0.0
    band_top: dict[str | None, float] = {}
    for band in _BANDS:
        if not rows[band]:
            continue
        band_top[band] = y
        height = rows[band] * _DY
        bands.append({"layer": band, "y0": y - _DY / 2, "y1": y + height - _DY / 2})
        y += height + _BAND_GAP
    staff_y = y + _DY / 2
    columns: list[dict[str, Any]] = []
    x0 = 0.0
    for dep in departments:
        # A department only as wide as its fullest cell (at most _PER_ROW people a row).
        across = max(min(_PER_ROW, len(cells[(dep, band)])) for band in _BANDS) or 1
        step = dx
        if name_width is not None:
            step = max(dx, *(name_width(p) + 30.0 for p in chosen if _dept(view, p) == dep))
        width = across * step
        columns.append(
            {
                "department": dep,
                "x0": x0 - step / 2,
                "x1": x0 + width - step / 2,
                "y1": y - _BAND_GAP,
            }
        )
        for band, top in band_top.items():
            for j, pid in enumerate(cells[(dep, band)]):
                row, col = divmod(j, _PER_ROW)
                pos[pid] = (x0 + col * step, top + row * _DY)
        x0 += width + (_COLUMN_GAP if name_width is None else 20.0)
    # Staff under the people they cover, spread so they do not overlap.
    wanted = []
    for sid in view.staff:
        xs = [pos[v][0] for _, v, d in view.graph.out_edges(sid, data=True) if v in pos]
        if xs or people is None:
            wanted.append((sum(xs) / len(xs) if xs else 0.0, sid))
    last = -1e9
    for x, sid in sorted(wanted):
        x = max(x, last + dx)
        pos[sid] = (x, staff_y)
        last = x
    if wanted:
        bands.append({"layer": "staff", "y0": staff_y - _DY / 2, "y1": staff_y + _DY / 2})
    return pos, columns, bands


def _dept(view: AccountView, pid: str) -> str | None:
    department: str | None = view.node(pid).get("department")
    return department


#: From this many people the map opens on the key people and their paths, with
#: ``knows`` ties off: at 50 people everything fitted in one view is unreadable.
BIG_MAP = 30


def key_view_people(view: AccountView) -> list[str]:
    """The key people and everyone on their best warm paths (the relays), by importance."""
    chosen = set(view.key_ids)
    for pid in view.key_ids:
        path = view.best_path(pid) or {}
        for step in path.get("people", []):
            chosen.add(step["person_id"] if isinstance(step, dict) else step)
    return [p for p in view.people if p in chosen]


def _key_name_width(view: AccountView) -> Callable[[str], float]:
    """The drawn width of a person's name in the key view (30 units high): marks and CJK a
    full em, Latin about 0.56 em."""

    def width(pid: str) -> float:
        return sum(30.0 if ord(ch) > 0x2000 else 16.8 for ch in _person_label(view, pid))

    return width


def _view_layout(
    view: AccountView,
    people: list[str] | None,
    dx: float,
    name_width: Callable[[str], float] | None = None,
) -> dict[str, Any]:
    """One view's node ids, positions, columns and bands, for the page's script."""
    pos, columns, bands = _layout(view, people, dx, name_width)
    return {
        "ids": sorted(pos),
        "pos": {n: [round(x, 1), round(y, 1)] for n, (x, y) in pos.items()},
        "columns": columns,
        "bands": bands,
    }


def _person_label(view: AccountView, pid: str) -> str:
    marks = ""
    if pid in view.key_ids:
        marks += MARKS["key"]
    if view.is_hidden_influencer(pid):
        marks += MARKS["hidden_influencer"]
    if view.competitor_held(pid):
        marks += MARKS["competitor_held"]
    return f"{marks} {view.name(pid)}".strip()


def _details(view: AccountView, pid: str, lang: Lang) -> dict[str, Any]:
    """What a click on a person shows."""
    d = view.node(pid)
    s = view.score(pid)
    leaning = view.competitor_leaning(pid)
    return {
        "name": view.name(pid),
        "title": d.get("title") or "",
        "department": d.get("department") or "",
        "layer": layer_label(d.get("layer"), lang),
        "roles": roles_label(d.get("roles") or (), lang),
        "level": view.level(pid),
        "level_label": level_label(view.level(pid), lang),
        "colour": level_colour(view.level(pid)),
        "key": pid in view.key_ids,
        "quadrant": quadrant_label(s["quadrant"], lang) if s.get("quadrant") else "",
        "parts": [
            [t("known_by_many", lang), s.get("known_by_many", 0.0), s.get("known_by", 0)],
            [
                t("depended_on_by_many", lang),
                s.get("depended_on_by_many", 0.0),
                s.get("dependents_within_horizon", 0),
            ],
            [t("important_neighbours", lang), s.get("important_neighbours", 0.0), None],
            [t("composite", lang), s.get("composite", 0.0), None],
            [t("formal_power", lang), s.get("formal_power", 0.0), None],
        ],
        "rank": s.get("rank"),
        "history": [
            [a.get("as_of") or "—", a["level"], level_label(a["level"], lang)]
            for a in view.level_history(pid)
        ],
        "staff": [[name, strength] for _, name, strength in view.covering_staff(pid)],
        "competitor": (
            f"{t('leans_to', lang)} {leaning[0]}: {leaning[1]} · {level_label(leaning[1], lang)}"
            if leaning
            else ""
        ),
        "assessment": [
            [dimension_label(k, lang), v] for k, v in (d.get("assessment") or {}).items()
        ],
        "path": _path_ids(view.best_path(pid)),
    }


def _path_ids(path: dict[str, Any] | None) -> list[str]:
    """The node ids of a warm path, our staff member first (empty with no path)."""
    if not path:
        return []
    steps = [s["person_id"] if isinstance(s, dict) else s for s in path.get("people", [])]
    return [path["staff_id"], *steps] if path.get("staff_id") else steps


def _hover(view: AccountView, pid: str, lang: Lang) -> str:
    """The hover card's text: name, title and department, level, rank and quadrant."""
    d, s = view.node(pid), view.score(pid)
    lines = [
        view.name(pid),
        " · ".join(x for x in (d.get("title"), d.get("department")) if x),
        f"{level_label(view.level(pid), lang)} · {t('rank', lang)} {s.get('rank', '')}"
        + (f" · {quadrant_label(s['quadrant'], lang)}" if s.get("quadrant") else ""),
    ]
    return "\n".join(line for line in lines if line)


def _network(
    view: AccountView, lang: Lang
) -> tuple[Network, dict[str, tuple[float, float]], list[dict[str, Any]], list[dict[str, Any]]]:
    pos, columns, bands = _layout(view)
    net = Network(directed=True, cdn_resources="local")
    for pid in view.people:
        d = view.node(pid)
        level = view.level(pid)
        held = view.competitor_held(pid)
        rel = view.relative_importance(pid)
        x, y = pos[pid]
        net.add_node(
            pid,
            label=_person_label(view, pid),
            shape=LAYER_SHAPES.get(d.get("layer"), LAYER_SHAPES[None]),
            size=14 + 30 * rel,
            color={
                "background": level_colour(level),
                "border": COMPETITOR_BORDER if held else "#374151",
                "highlight": {"background": level_colour(level), "border": "#111827"},
            },
            borderWidth=4 if held else 1,
            shapeProperties={"borderDashes": [4, 3]} if held else {},
            font={
                "size": 30 if pid in view.key_ids else 22,
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            x=x,
            y=y,
            kind="person",
            title=_hover(view, pid, lang),
            level=level,
            department=d.get("department"),
        )
    for sid in view.staff:
        d = view.node(sid)
        x, y = pos[sid]
        net.add_node(
            sid,
            label=f"{view.name(sid)}\n{triangle_label(d.get('triangle_role'), lang)}",
            shape="hexagon",
            size=20,
            color={"background": STAFF_COLOUR, "border": "#1e3a8a"},
            font={"size": 22, "color": "#1e3a8a", "strokeWidth": 4, "strokeColor": "#ffffff"},
            x=x,
            y=y,
            kind="staff",
        )
    nodes = set(view.people) | set(view.staff)
    for u, v, data in view.graph.edges(data=True):
        kind = data["type"]
        if u not in nodes or v not in nodes:
            continue
        if kind not in TIE_STYLES:  # a tie type added without a style: say so, drop nothing
            raise KeyError(f"no map style for tie type {kind!r}; add it to viz.palette.TIE_STYLES")
        colour, dashes, arrow = TIE_STYLES[kind]
        directed = arrow or (kind == "knows" and bool(data.get("directed")))
        strength = float(data.get("strength") or 1.0)
        net.add_edge(
            u,
            v,
            color={"color": colour, "opacity": 0.85},
            dashes=dashes,
            width=(1 + 5 * strength) if kind == "contact" else (0.5 + 2.5 * strength),
            arrows={"to": {"enabled": directed, "scaleFactor": 0.6}},
            title=f"{tie_label(kind, lang)} · {strength:.2f}",
            tie=kind,
        )
    net.set_options(
        json.dumps(
            {
                "physics": {"enabled": False},
                "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
                "edges": {"smooth": {"type": "curvedCW", "roundness": 0.12}},
                "nodes": {"font": {"face": "Noto Sans CJK SC, WenQuanYi Zen Hei, sans-serif"}},
            }
        )
    )
    return net, pos, columns, bands


def map_data(view: AccountView, lang: Lang) -> dict[str, Any]:
    """Everything the map's script needs: the pyvis network, columns, bands, details, chains."""
    net, _, columns, bands = _network(view, lang)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {
        "nodes": nodes,
        "edges": edges,
        "options": json.loads(options),
        "columns": [
            dict(c, label=c["department"] or ("(未填部门)" if lang == "zh" else "(no department)"))
            for c in columns
        ],
        "bands": [
            dict(
                b,
                label=t("our_staff", lang)
                if b["layer"] == "staff"
                else layer_label(b["layer"], lang),
            )
            for b in bands
        ],
        "details": {pid: _details(view, pid, lang) for pid in view.people},
        "views": {
            "key": dict(
                _labelled(
                    _view_layout(view, key_view_people(view), 150.0, _key_name_width(view)), lang
                ),
                min_font=30,
            ),
            "all": _labelled(_view_layout(view, None, _DX), lang),
            "org": org_chart_layout(
                view,
                {"outside": mode_word("outside_tree", lang), "staff": t("our_staff", lang)},
                {n["id"]: n for n in nodes},
            ),
        },
        "targets": target_paths(view, _path_ids),
        "default_view": "key" if len(view.people) >= BIG_MAP else "all",
        "knows_off": len(view.people) > BIG_MAP,
        "search": sorted([view.name(p), p] for p in view.people),
        "chains": {c.opportunity_id: sorted(c.people) for c in view.chains},
        "words": {
            k: t(k, lang)
            for k in (
                "importance_parts",
                "level_history",
                "covered_by",
                "nobody",
                "rank",
                "quadrant",
                "six_dimensions",
                "click_hint",
                "roles",
                "layer",
            )
        },
    }


def _labelled(layout: dict[str, Any], lang: Lang) -> dict[str, Any]:
    """A view's columns and bands with the words the script draws on them."""
    none = "(未填部门)" if lang == "zh" else "(no department)"
    layout["columns"] = [dict(c, label=c["department"] or none) for c in layout["columns"]]
    layout["bands"] = [
        dict(
            b,
            label=t("our_staff", lang) if b["layer"] == "staff" else layer_label(b["layer"], lang),
        )
        for b in layout["bands"]
    ]
    return layout


def _legend(lang: Lang) -> dict[str, Any]:
    """What the legend shows (map_parts.html's ``legend``): level colours, layer shapes,
    the tie lines, the marks."""
    return {
        "levels": [(lv, level_colour(lv)) for lv in (-1, 0, 1, 2, 3)],
        "shapes": [
            *((LAYER_SHAPES[layer], layer_label(layer, lang)) for layer in _SHAPED),
            ("hexagon", t("our_staff", lang)),
        ],
        "ties": _tie_choices(lang),
        "marks": MARKS,
        "hidden_influencer": quadrant_label("hidden_influencer", lang),
    }


_SHAPED = ("decision", "management", "execution")


def _tie_choices(lang: Lang) -> list[dict[str, str]]:
    """Every tie type with its label and map style (the legend's lines, the tie filters)."""
    return [
        {
            "code": k,
            "label": tie_label(k, lang),
            "colour": TIE_STYLES[k][0],
            "dashes": _dash_array(TIE_STYLES[k][1]),
        }
        for k in _TIES
    ]


def _filters(view: AccountView, lang: Lang, as_of: date | None = None) -> dict[str, Any]:
    """What the filters above the map offer (map_parts.html's ``filters``)."""
    zh = lang == "zh"
    big = len(view.people) >= BIG_MAP
    return {
        "words": {
            **{k: _WORDS[k][zh] for k in ("view", "search")},
            **{k: mode_word(k, lang) for k in ("target", "no_target", "no_path", "as_of", "show")},
        },
        "views": [
            *((code, _WORDS[code][zh], (code == "key") == big) for code in ("key", "all")),
            ("org", mode_word("org", lang), False),
        ],
        "chains": [(c.opportunity_id, c.name) for c in view.chains],
        "no_chain": no_chain_note(view, lang),
        "names": [view.name(p) for p in view.people],
        "targets": target_paths(view, _path_ids),
        "as_of": as_of.isoformat() if as_of else "",
        "today": date.today().isoformat(),
        "ties": _tie_choices(lang),
    }


# The map's own words (English, Chinese).
_WORDS: dict[str, tuple[str, str]] = {
    "view": ("View", "视图"),
    "key": ("Key people and their paths", "关键人及其暖路径"),
    "all": ("Everything", "全部"),
    "search": ("Find a person", "查找人员"),
}


_CSS = """
.mapwrap { display:grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 14px; }
#network { height: 74vh; min-height: 520px; background:#fff; border:1px solid var(--line);
  border-radius:8px; }
.filters { display:flex; gap:24px; align-items:center; flex-wrap:wrap; margin-bottom:12px;
  padding:8px 14px; }
.filters .ties label { margin-right: 10px; white-space:nowrap; }
/* The side column scrolls on its own: the person's parts fetched after a click (interactions,
   attitudes) must not move the forms under the map while someone is using them. */
.side { display:flex; flex-direction:column; gap:12px; max-height: max(74vh, 520px);
  overflow-y:auto; }
.legend h3, #person h3 { margin:0 0 6px; font-size:15px; }
.legend ul { list-style:none; padding:0; margin:4px 0 10px; display:flex; flex-wrap:wrap;
  gap:4px 12px; }
.legend li { display:flex; align-items:center; gap:5px; font-size:12px; }
.sw { width:12px; height:12px; border-radius:50%; border:1px solid #374151; display:inline-block; }
.shape { width:12px; height:12px; display:inline-block; background:#a0a4ab;
  border:1px solid #374151; }
.shape.dot { border-radius:50%; }
.shape.diamond { transform: rotate(45deg) scale(.85); }
.shape.hexagon { background:#2f6db5;
  clip-path: polygon(25% 0,75% 0,100% 50%,75% 100%,25% 100%,0 50%); }
.held { width:12px; height:12px; border:3px dashed #8b0000; border-radius:50%;
  display:inline-block; }
#person table td { padding:3px 4px; font-size:12px; }
#person .hint { color: var(--muted); }
.why-empty { color: var(--muted); font-size: 13px; }
#person-attitudes .editor { padding: 8px; margin-top: 10px; }
#person-attitudes h2 { font-size: 14px; margin: 0 0 6px; }
#person-attitudes table th, #person-attitudes table td { padding: 2px 3px; font-size: 11px; }
#person-attitudes .field select, #person-attitudes .field input { min-width: 5em; }
"""


def map_page(
    view: AccountView,
    nav: Nav,
    *,
    editing: str = "",
    editing_css: str = "",
    as_of: date | None = None,
) -> str:
    """The map page (templates/map.html): network, legend, filters, details panel;
    ``editing``: the forms under the map (viz.edit_forms, with their script page-edit.js);
    ``as_of``: the past day it shows (read-only: the caller passes no forms)."""
    lang = nav.lang
    acc = view.account
    body = render(
        "map.html",
        lang=lang,
        account_name=acc.get("name"),
        people=len(view.people),
        staff=len(view.staff),
        banner=as_of_banner(as_of, lang),
        f=_filters(view, lang, as_of),
        g=_legend(lang),
        data=safe_json(map_data(view, lang)),  # JSON with no "<", ">" or "&" left
        editing=Markup(editing),  # rendered from viz.edit_forms' templates
    )
    return page(
        f"{t('map', lang)} · {acc.get('name')}",
        body,
        nav,
        scripts=("vis-network.min.js", "orgmap.js", "interactions-panel.js")
        + (("map-attitudes.js", "page-edit.js") if editing else ()),
        styles=("vis-network.css",),
        css=_CSS + MODES_CSS + editing_css,
    )


def _dash_array(dashes: bool | list[int]) -> str:
    """SVG's stroke-dasharray of a tie style's dashes (False: a solid line)."""
    return " ".join(map(str, dashes)) if isinstance(dashes, list) and dashes else ""
