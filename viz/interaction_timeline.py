"""A person's interactions as the card and the map's side panel show them (DESIGN.md
"Interactions"; issue 13 item 6): the timeline, newest first (date, type, our staff,
note), and for each of our staff who met the person in the last year the strength curve
of the pair over that year (viz.strength_curve, SVG drawn here, never in the browser).

Pure: interactions, names and the read day in, escaped HTML out; bilingual (en/zh).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from graphcrm.interactions import STRENGTH_DEFAULTS, StrengthParameters
from graphcrm.model import Interaction, InteractionType, zh_label
from viz.labels import Lang
from viz.strength_curve import strength_curve_svg
from viz.templating import Markup, render

__all__ = ["interaction_type_label", "person_interactions", "timeline_html"]

CURVE_DAYS = 365  # the curve shows the last year
_WORDS: dict[str, tuple[str, str]] = {
    "interactions": ("Interactions", "互动记录"),
    "date": ("Date", "日期"),
    "type": ("Type", "类型"),
    "staff": ("Our staff", "我方人员"),
    "note": ("Note", "备注"),
    "none": ("No interaction logged yet.", "尚无互动记录。"),
    "curves": ("Strength over the last year", "近一年关系强度"),
}


def _w(key: str, lang: Lang) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


def interaction_type_label(kind: InteractionType, lang: Lang) -> str:
    """The type in the page's language (the Chinese term of the vocabulary)."""
    return zh_label(kind) if lang == "zh" else kind.value.replace("_", " ")


def person_interactions(
    interactions: Sequence[Interaction], person_id: str, end: date
) -> list[Interaction]:
    """The person's interactions on or before ``end``, newest first (then by id)."""
    mine = [i for i in interactions if person_id in i.person_ids and i.date <= end]
    return sorted(mine, key=lambda i: (i.date, i.id), reverse=True)


def timeline_html(
    interactions: Sequence[Interaction],
    person_id: str,
    name: Callable[[str], str],
    lang: Lang,
    end: date,
    *,
    strength: StrengthParameters = STRENGTH_DEFAULTS,
) -> str:
    """The person's timeline table and one strength curve per staff member met in the
    last year, as one ``<section class="interactions">``."""
    mine = person_interactions(interactions, person_id, end)
    rows = [
        {
            "id": i.id,
            "date": i.date.isoformat(),
            "type": interaction_type_label(i.type, lang),
            "staff": ", ".join(name(s) for s in i.staff_ids),
            "note": i.note or "",
        }
        for i in mine
    ]
    start = end - timedelta(days=CURVE_DAYS)
    staff = sorted({s for i in mine if i.date >= start for s in i.staff_ids})
    curves = [
        (
            s,
            name(s),
            Markup(  # drawn here, every text escaped
                strength_curve_svg(
                    interactions,
                    s,
                    person_id,
                    end,
                    days=CURVE_DAYS,
                    width=320,
                    height=80,
                    strength=strength,
                )
            ),
        )
        for s in staff
    ]
    words = {
        k: _w(k, lang) for k in ("interactions", "date", "type", "staff", "note", "none", "curves")
    }
    return render("interactions.html", person_id=person_id, rows=rows, curves=curves, words=words)
