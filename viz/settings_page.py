"""The method settings page: the team's settings in force, the default beside each value.

DESIGN.md, "Method settings": a settings page with the defaults beside each
value and a reset. The page shows the version in force and from when, each
key with the team's value and the default (changed values marked), a form to
change one key (``role_weights.approver`` = ``0.8``) and a reset to the
defaults; both make a new dated version through the same core write as
``PUT /api/v1/settings``. A read-only key sees the page without the forms.
"""

from __future__ import annotations

import json
from typing import Any

from viz.page import Nav, page
from viz.templating import render

__all__ = ["settings_page"]

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("Method settings", "方法设置"),
    "version": ("Version", "版本"),
    "since": ("in force from", "生效日期"),
    "defaults_only": ("the defaults (never changed)", "默认值（从未修改）"),
    "key": ("Setting", "设置项"),
    "value": ("Team value", "团队取值"),
    "default": ("Default", "默认值"),
    "changed": ("changed", "已修改"),
    "set": ("Change one setting", "修改一项设置"),
    "new_value": ("New value (JSON: 0.8, 2, null)", "新取值（JSON：0.8、2、null）"),
    "save": ("Save as a new version", "保存为新版本"),
    "reset": ("Reset to the defaults", "恢复默认值"),
    "read_only": (
        "This key is read-only: settings cannot be changed here.",
        "只读密钥：不能修改设置。",
    ),
    "error": ("Not saved", "未保存"),
}


def _rows(settings: dict[str, Any], defaults: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per key, or per member of a group, with the default beside it (as JSON)."""
    rows = []
    for key, value in settings.items():
        members = value.items() if isinstance(value, dict) else [(None, value)]
        for member, v in members:
            d = defaults[key][member] if member else defaults[key]
            name = f"{key}.{member}" if member else key
            rows.append(
                {"name": name, "value": json.dumps(v), "default": json.dumps(d), "changed": v != d}
            )
    return rows


def settings_page(
    found: dict[str, Any], nav: Nav, *, can_edit: bool, error: str | None = None
) -> str:
    """The page for one team's settings (``found``: ``SettingsVersion.to_dict()``), from the
    template ``settings.html`` (autoescaped, issue 11 item 8)."""
    lang = nav.lang
    since = found["valid_from"] or _TEXT["defaults_only"][1 if lang == "zh" else 0]
    keys = [
        f"{k}.{m}" if isinstance(v, dict) else k
        for k, v in found["defaults"].items()
        for m in (v if isinstance(v, dict) else [None])
    ]
    body = render(
        "settings.html",
        nav=nav,
        lang=lang,
        words=_TEXT,
        version=found["version"],
        since=since,
        error=error,
        rows=_rows(found["settings"], found["defaults"]),
        keys=keys,
        can_edit=can_edit,
    )
    title = _TEXT["title"][1 if lang == "zh" else 0]
    return page(title, body, nav)
