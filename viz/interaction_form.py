"""The form that logs an interaction from a person's card (DESIGN.md "Interactions";
issue 13 item 6): date, type, our staff, the account's people (the card's person chosen
first), duration, direction and note. It offers only that account's people and our staff
(a follow-up form listing every contact in the system is what users of other CRMs
complain of). Bilingual; the post goes through the pages' form machinery (api.ui_forms).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphcrm.model import Direction, InteractionType
from viz.interaction_timeline import interaction_type_label
from viz.labels import Lang
from viz.page import Nav
from viz.templating import render

__all__ = ["interaction_form"]

_WORDS: dict[str, tuple[str, str]] = {
    "log": ("Log an interaction", "记录互动"),
    "date": ("Date", "日期"),
    "type": ("Type", "类型"),
    "staff": ("Our staff", "我方人员"),
    "people": ("Their people", "客户人员"),
    "duration": ("Minutes", "时长（分钟）"),
    "direction": ("Direction (email, message)", "方向（邮件、消息）"),
    "note": ("Note", "备注"),
    "save": ("Save", "保存"),
    "outbound": ("outbound (no answer)", "发出（未回复）"),
    "inbound": ("inbound", "收到"),
    "both": ("both ways", "往来"),
}


def _words(lang: Lang) -> dict[str, str]:
    return {k: (zh if lang == "zh" else en) for k, (en, zh) in _WORDS.items()}


def interaction_form(
    nav: Nav,
    people: Sequence[tuple[str, str]],
    staff: Sequence[tuple[str, str]],
    values: Mapping[str, Any],
    errors: Mapping[str, str],
    next_path: str,
) -> str:
    """The form, with ``values`` (``staff_ids`` and ``person_ids`` as lists) and each
    error at its field (``form`` above the form)."""
    w = _words(nav.lang)
    return render(
        "forms/interaction.html",
        nav=nav,
        lang=nav.lang,
        w=w,
        types=[(t.value, interaction_type_label(t, nav.lang)) for t in InteractionType],
        directions=[(d.value, w[d.value]) for d in Direction],
        people=people,
        staff=staff,
        values=values,
        errors=errors,
        next_path=next_path,
    )
