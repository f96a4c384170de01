"""The map's org chart (issue 12 items 1 and 5): the reports-to tree, top-down, legible at
50+ people in the map's first view (names at least 11 px, no name over another or over a
node, everything inside the canvas).

A reader of a 50-person org chart wants the top of the organisation as a tree (who runs
what) and each team as a list under its manager, the way printed org charts "hang" the
lower levels: a tree laid out in rows only is some 25 names wide at 50 people, and fitted
to a 1,080 px canvas its names shrink to 4-8 px. So each subtree is laid out one of two
ways:

- **Row**: the reports side by side under their manager, the manager centred above
  them (the top levels);
- **List**: the reports one under another, indented under their manager, each with its
  own team listed under it (lower levels). A list is drawn only when every report's team
  is itself a list (or nobody), so the curved connectors, which leave the manager
  downwards and turn right into each report, pass clear of every node above them.

Which subtrees become lists is chosen by one width threshold: a subtree whose row would be
wider than the threshold is listed (and, tried as well, every team of people who lead
nobody); of the thresholds tried, the one whose chart fits the
map's canvas (about 1.6 times as wide as tall at 1440 x 900) at the largest scale wins.
Every name is drawn at ``ORG_FONT`` units, and each node's room is its own name's width,
so a 2-character name takes less room than a 15-letter one. People outside the tree
(no reports-to tie either way) follow in rows below it, our staff below them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from viz.account import AccountView

__all__ = ["FIT_SPARE", "ORG_FONT", "org_chart_layout", "reports_tree"]

#: The map's fit leaves this much room around what it shows (orgmap.js, ``fit``).
FIT_SPARE = 1.04
#: Every name in the org chart is drawn this high (units of the map's canvas).
ORG_FONT = 30.0
_GAP_X = 20.0  # between neighbouring teams in a row
_GAP_Y = 36.0  # from a manager's name down to the top of the row of their reports
_LIST_GAP = 10.0  # from one listed report's team down to the next report
_CLEAR = 12.0  # a connector passes at least this far from a node's edge
_MIN_INDENT = 40.0  # a listed report sits at least this far right of its manager
_LABEL_DROP = 20.0  # vis-network draws a name this far under its node, about
_ASPECT = 1.6  # the map's canvas at 1440 x 900: 1,080 x 666 px
_BAND_GAP = 70.0  # above a band of people outside the tree or of our staff
_MOST_TRIED = 24  # thresholds tried at most (each lays the whole chart out once)
_BIG = 300  # from this many nodes a quarter as many (names are unreadable whole anyway)


@dataclass(frozen=True)
class _Box:
    """A laid-out team: positions relative to its head at (0, 0), its extents with the
    names, and who of it is listed (drawn with a curved connector)."""

    pos: dict[str, tuple[float, float]]
    left: float
    right: float
    bottom: float
    listed: frozenset[str]

    @property
    def narrow(self) -> bool:
        """Nobody of the team but its head lies left of the head: the team can be listed."""
        return all(x >= 0 for x, _ in self.pos.values())


class _Metrics:
    """Each node's drawn size: half its width (node or name, the wider), and how far it
    reaches above and below its centre (the name under the node); worked out once."""

    def __init__(self, nodes: Mapping[str, Mapping[str, Any]]) -> None:
        self._size = {n: float(d.get("size", 14.0)) for n, d in nodes.items()}
        self._half: dict[str, float] = {}
        self._foot: dict[str, float] = {}
        for n, d in nodes.items():
            lines = str(d.get("label", "")).split("\n")
            self._half[n] = max(max(_text_width(line) for line in lines) / 2, self._size[n])
            self._foot[n] = self._size[n] + _LABEL_DROP + len(lines) * ORG_FONT

    def __len__(self) -> int:
        return len(self._size)

    def size(self, pid: str) -> float:
        return self._size[pid]

    def half(self, pid: str) -> float:
        return self._half[pid]

    def foot(self, pid: str) -> float:
        return self._foot[pid]


def _text_width(text: str) -> float:
    """A name's drawn width at ``ORG_FONT``: CJK and marks a full em, the rest about 0.56 em
    (a little over Noto Sans' average, so names never meet)."""
    return sum(ORG_FONT if ord(ch) > 0x2000 else 0.56 * ORG_FONT for ch in text)


def reports_tree(view: AccountView) -> tuple[list[str], dict[str, list[str]]]:
    """The roots of the reports-to tree and each manager's reports, most important first.

    Each person hangs under their one manager (``AccountView.manager``); a cycle of
    reports-to ties is cut at its most important person, who becomes a root.
    """
    people = set(view.people)
    boss = {p: m for p in view.people if (m := view.manager(p)) in people and m != p}
    for p in view.people:  # cut cycles: follow managers until a root or a repeat
        seen = [p]
        while (m := boss.get(seen[-1])) is not None and m not in seen:
            seen.append(m)
        if m is not None and m in seen:
            cycle = seen[seen.index(m) :]
            del boss[min(cycle, key=view.people.index)]
    reports: dict[str, list[str]] = {p: [] for p in view.people}
    for p in view.people:  # view.people is by importance
        if p in boss:
            reports[boss[p]].append(p)
    roots = [p for p in view.people if p not in boss and reports[p]]
    return roots, reports


def _leaf(pid: str, m: _Metrics) -> _Box:
    half = m.half(pid)
    return _Box({pid: (0.0, 0.0)}, -half, half, m.foot(pid), frozenset())


def _side_by_side(boxes: list[_Box]) -> tuple[list[float], float, float]:
    """Where each team's head goes so that neighbours keep ``_GAP_X`` apart, centred on
    the middle of the first and last heads; the row's left and right extents."""
    xs: list[float] = []
    right = 0.0
    for box in boxes:
        x = (right + _GAP_X - box.left) if xs else 0.0
        xs.append(x)
        right = x + box.right
    mid = (xs[0] + xs[-1]) / 2
    xs = [x - mid for x in xs]
    return xs, xs[0] + boxes[0].left, xs[-1] + boxes[-1].right


def _row(head: str, boxes: list[_Box], m: _Metrics, above: _Box | None = None) -> _Box:
    """The reports side by side under their manager, who is centred above them (under
    ``above``, the manager's list of reports who lead nobody, when there is one)."""
    xs, left, right = _side_by_side(boxes)
    top = above.bottom if above else m.foot(head)
    y = top + _GAP_Y + max(m.size(next(iter(b.pos))) for b in boxes)
    pos = dict(above.pos) if above else {head: (0.0, 0.0)}
    for x, box in zip(xs, boxes, strict=True):
        pos.update({p: (x + bx, y + by) for p, (bx, by) in box.pos.items()})
    half = m.half(head)
    return _Box(
        pos,
        min(-half, left, above.left if above else 0.0),
        max(half, right, above.right if above else 0.0),
        y + max(b.bottom for b in boxes),
        frozenset().union(*(b.listed for b in boxes), above.listed if above else ()),
    )


def _indent(ys: list[float], boxes: list[_Box], m: _Metrics) -> float:
    """How far right of their manager the listed reports go, so that the connector to each
    report passes every node above it by ``_CLEAR``.

    The connector to a report at (d, y) is vis-network's "horizontal" curve with roundness
    1: a quadratic Bezier through (0, y), at x = d (1 - t)^2 where its height is
    y (1 - t^2). A node q above it, at (d + qx, yq) with qx >= 0, is cleared when
    d (1 - (1 - t)^2) >= size(q) + _CLEAR - qx at that height.
    """
    indent = _MIN_INDENT
    above: list[tuple[float, float, float]] = []  # (y, qx, size) of every node above, by y
    biggest = 0.0
    for i, y in enumerate(ys):
        for yq, qx, size in reversed(above):  # nearest first
            t = (1 - yq / y) ** 0.5
            if (biggest + _CLEAR) / (1 - (1 - t) ** 2) <= indent:
                break  # nothing further up can ask for more
            if (need := size + _CLEAR - qx) > 0:
                indent = max(indent, need / (1 - (1 - t) ** 2))
        box = boxes[i]
        above.extend(sorted((y + qy, qx, m.size(q)) for q, (qx, qy) in box.pos.items()))
        biggest = max(biggest, *(m.size(q) for q in box.pos))
    return indent


def _listed(head: str, kids: list[str], boxes: list[_Box], m: _Metrics) -> _Box:
    """The reports one under another, indented under their manager (every team narrow)."""
    ys: list[float] = []
    end = m.foot(head)
    for kid, box in zip(kids, boxes, strict=True):
        ys.append(end + _LIST_GAP + m.size(kid))
        end = ys[-1] + box.bottom
    d = _indent(ys, boxes, m)
    pos = {head: (0.0, 0.0)}
    for y, box in zip(ys, boxes, strict=True):
        pos.update({p: (d + bx, y + by) for p, (bx, by) in box.pos.items()})
    half = m.half(head)
    return _Box(
        pos,
        min(-half, *(d + b.left for b in boxes)),
        max(half, *(d + b.right for b in boxes)),
        end,
        frozenset(kids).union(*(b.listed for b in boxes)),
    )


def _team(
    pid: str,
    reports: dict[str, list[str]],
    m: _Metrics,
    widest: float,
    rows: dict[str, float] | None = None,
) -> _Box:
    """``pid``'s team laid out: listed when its row would be wider than ``widest`` (or, with
    ``widest`` negative, when its reports lead nobody or it is wider than ``-widest``) and
    every report's own team is narrow, else a row."""
    kids = reports[pid]
    if not kids:
        return _leaf(pid, m)
    boxes = [_team(kid, reports, m, widest, rows) for kid in kids]
    row = _row(pid, boxes, m)
    if rows is not None:  # the width of each team's row, for the thresholds to try
        rows[pid] = row.right - row.left
    wide = row.right - row.left > abs(widest)
    leaves = [i for i, k in enumerate(kids) if not reports[k]]
    every_leaf = widest < 0 and len(leaves) == len(kids)
    if len(kids) > 1 and (wide or every_leaf) and all(b.narrow for b in boxes):
        return _listed(pid, kids, boxes, m)
    if widest < 0 and len(leaves) > 1 and len(leaves) < len(kids):
        # the reports who lead nobody listed under the manager, the others in a row below
        listed = _listed(pid, [kids[i] for i in leaves], [boxes[i] for i in leaves], m)
        return _row(pid, [b for i, b in enumerate(boxes) if i not in leaves], m, listed)
    return row


def _forest(roots: list[str], reports: dict[str, list[str]], m: _Metrics, widest: float) -> _Box:
    """Every tree, side by side (the biggest first, as ``roots`` come by importance)."""
    boxes = [_team(root, reports, m, widest) for root in roots]
    if not boxes:
        return _Box({}, 0.0, 0.0, 0.0, frozenset())
    xs, left, right = _side_by_side(boxes)
    pos: dict[str, tuple[float, float]] = {}
    for x, box in zip(xs, boxes, strict=True):
        pos.update({p: (x + bx, by) for p, (bx, by) in box.pos.items()})
    listed = frozenset().union(*(b.listed for b in boxes))
    return _Box(pos, left, right, max(b.bottom for b in boxes), listed)


def _rows_of(
    ids: Iterable[str], top: float, left: float, width: float, m: _Metrics
) -> tuple[dict[str, tuple[float, float]], float]:
    """``ids`` in rows from ``top``, each name in its own room, wrapped at ``width`` from
    ``left``; the positions and the y under the last row."""
    pos: dict[str, tuple[float, float]] = {}
    x, y, bottom = left, top, top
    for pid in ids:
        half = m.half(pid)
        if x > left and x + 2 * half > left + width:  # the row is full: a new one
            y, x = bottom + _GAP_Y, left
        pos[pid] = (x + half, y + m.size(pid))
        bottom = max(bottom, y + m.size(pid) + m.foot(pid))
        x += 2 * half + _GAP_X
    return pos, bottom


def _chart(
    view: AccountView, roots: list[str], reports: dict[str, list[str]], m: _Metrics, widest: float
) -> tuple[dict[str, tuple[float, float]], list[tuple[str, float, float]], frozenset[str]]:
    """The whole chart for one threshold: positions (left edge at x = 0, top at y = 0), the
    bands below the tree (``outside`` and ``staff``: name, top, bottom) and who is listed."""
    tree = _forest(roots, reports, m, widest)
    top = -max((m.size(r) for r in roots), default=0.0)
    pos = {p: (x - tree.left, y - top) for p, (x, y) in tree.pos.items()}
    width = max(tree.right - tree.left, 1.0)
    bottom = tree.bottom - top
    bands: list[tuple[str, float, float]] = []
    outside = [p for p in view.people if p not in pos]
    for name, ids in (("outside", outside), ("staff", view.staff)):
        if ids:
            start = bottom + _BAND_GAP if pos else 0.0
            placed, bottom = _rows_of(ids, start, 0.0, width, m)
            pos.update(placed)
            bands.append((name, start - _BAND_GAP / 2, bottom + _GAP_Y / 2))
    return pos, bands, tree.listed


def _scale(pos: dict[str, tuple[float, float]], m: _Metrics) -> float:
    """The scale the map's fit gives the chart on a canvas of ``_ASPECT`` (1 unit of
    height): it fits the nodes' boxes, names included, with ``FIT_SPARE`` to spare."""
    if not pos:
        return 1.0
    left = min(x - m.half(p) for p, (x, _) in pos.items())
    right = max(x + m.half(p) for p, (x, _) in pos.items())
    top = min(y - m.size(p) for p, (_, y) in pos.items())
    bottom = max(y + m.foot(p) for p, (_, y) in pos.items())
    return min(_ASPECT / (FIT_SPARE * (right - left)), 1 / (FIT_SPARE * (bottom - top)))


def _thresholds(roots: list[str], reports: dict[str, list[str]], m: _Metrics) -> list[float]:
    """Widths to try as the threshold: no list at all, then every team's width as a row
    (from one layout with no list), each also with every team of leaves listed."""
    widths = {float("inf")}
    rows: dict[str, float] = {}
    for root in roots:
        _team(root, reports, m, float("inf"), rows)
    widths.update(w - 1.0 for pid, w in rows.items() if len(reports[pid]) > 1)
    tried = sorted(widths, reverse=True)
    most = _MOST_TRIED if len(m) <= _BIG else _MOST_TRIED // 4
    if len(tried) > most:  # a big tree: evenly spread thresholds, no list first
        step = (len(tried) - 1) / (most - 1)
        tried = [tried[round(i * step)] for i in range(most)]
    return tried + [-w for w in tried]


def org_chart_layout(
    view: AccountView, lang_bands: Mapping[str, str], nodes: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """The org chart's node ids, positions and bands (as the map's other views give them),
    ``tree`` (each person in the tree and the manager drawn above them), ``listed`` (the
    people drawn in a list under their manager, whose connector curves) and ``min_font``.

    ``nodes`` are the map's vis-network nodes by id (their label and size are what is
    drawn); ``lang_bands`` the bands' names (``outside``, ``staff``) in the page's language.
    """
    roots, reports = reports_tree(view)
    m = _Metrics(nodes)
    best: tuple[float, Any] | None = None
    for widest in _thresholds(roots, reports, m):
        chart = _chart(view, roots, reports, m, widest)
        scale = _scale(chart[0], m)
        if best is None or scale > best[0] * 1.001:
            best = (scale, chart)
    assert best is not None
    pos, bands, listed = best[1]
    return {
        "ids": sorted(pos),
        "pos": {n: [round(x, 1), round(y, 1)] for n, (x, y) in pos.items()},
        "columns": [],
        "bands": [
            {"layer": name, "y0": round(y0, 1), "y1": round(y1, 1), "label": lang_bands[name]}
            | {"x1": round(max((x for x, _ in pos.values()), default=0.0), 1)}
            for name, y0, y1 in bands
        ],
        "tree": {kid: boss for boss, kids in reports.items() for kid in kids},
        "listed": sorted(listed),
        "min_font": ORG_FONT,
        "fit_spare": FIT_SPARE,
    }
