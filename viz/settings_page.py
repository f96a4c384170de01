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

from viz.page import Nav, e, page

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


def _t(key: str, lang: str) -> str:
    en, zh = _TEXT[key]
    return zh if lang == "zh" else en


def _rows(settings: dict[str, Any], defaults: dict[str, Any], lang: str) -> str:
    """One row per key, or per member of a group, with the default beside it."""
    rows = []
    for key, value in settings.items():
        members = value.items() if isinstance(value, dict) else [(None, value)]
        for member, v in members:
            name = f"{key}.{member}" if member else key
            d = defaults[key][member] if member else defaults[key]
            mark = f' <span class="chip">{e(_t("changed", lang))}</span>' if v != d else ""
            rows.append(
                f'<tr data-key="{e(name)}"><td><code>{e(name)}</code></td>'
                f'<td class="num">{e(json.dumps(v))}{mark}</td>'
                f'<td class="num default">{e(json.dumps(d))}</td></tr>'
            )
    return "".join(rows)


def _forms(nav: Nav, keys: list[str]) -> str:
    lang = nav.lang
    options = "".join(f'<option value="{e(k)}">{e(k)}</option>' for k in keys)
    # The form token, checked on post like every other page form's (api/ui_csrf.py).
    hidden = (
        f'<input type="hidden" name="lang" value="{e(lang)}">'
        f'<input type="hidden" name="csrf_token" value="{e(nav.csrf)}">'
    )
    return (
        f'<h2>{e(_t("set", lang))}</h2><form method="post" action="{e(nav.base)}/settings">'
        f'{hidden}<input type="hidden" name="action" value="set">'
        f'<select name="key">{options}</select> '
        f'<label>{e(_t("new_value", lang))} <input name="value" required maxlength="200"></label> '
        f'<button type="submit">{e(_t("save", lang))}</button></form>'
        f'<form method="post" action="{e(nav.base)}/settings">{hidden}'
        f'<input type="hidden" name="action" value="reset">'
        f'<button type="submit" class="reset">{e(_t("reset", lang))}</button></form>'
    )


def settings_page(
    found: dict[str, Any], nav: Nav, *, can_edit: bool, error: str | None = None
) -> str:
    """The page for one team's settings (``found``: ``SettingsVersion.to_dict()``)."""
    lang = nav.lang
    since = found["valid_from"] or _t("defaults_only", lang)
    keys = [
        f"{k}.{m}" if isinstance(v, dict) else k
        for k, v in found["defaults"].items()
        for m in (v if isinstance(v, dict) else [None])
    ]
    body = (
        f"<h1>{e(_t('title', lang))}</h1>"
        f'<div class="sub">{e(_t("version", lang))} <b class="version">{found["version"]}</b>'
        f" · {e(_t('since', lang))} {e(since)}</div>"
    )
    if error:
        body += f'<p class="error" role="alert"><b>{e(_t("error", lang))}:</b> {e(error)}</p>'
    body += (
        f"<table><tr><th>{e(_t('key', lang))}</th><th>{e(_t('value', lang))}</th>"
        f"<th>{e(_t('default', lang))}</th></tr>"
        f"{_rows(found['settings'], found['defaults'], lang)}</table>"
    )
    body += _forms(nav, keys) if can_edit else f"<p>{e(_t('read_only', lang))}</p>"
    return page(_t("title", lang), body, nav)
