"""The page shell every view shares: head, styles, navigation, language switch.

Pages link only to the service itself (paths, never hosts) and load only the
service's own assets (``/ui/assets/...``), so they work with no internet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

from viz.labels import Lang, t
from viz.templating import Markup, chips, render

__all__ = ["FONT_STACK", "UI", "Nav", "e", "level_chip", "page", "pct", "safe_json"]

#: Where the views are served when nothing else is said (the router passes its own base).
UI = "/ui"
#: CJK fonts first (Debian's fonts-noto-cjk, fonts-wqy-zenhei), then the usual system fonts.
FONT_STACK = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", '
    '"PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif'
)

_CSS = """
:root { --ink:#1d1d1f; --muted:#6b7280; --line:#e5e7eb; --accent:#2f6db5; --bg:#f7f8fa; }
* { box-sizing: border-box; }
body { margin:0; font-family: FONT; color: var(--ink); background: var(--bg); font-size: 14px; }
header.top { display:flex; align-items:center; gap:18px; padding:10px 22px; background:#14213d;
  color:#fff; }
header.top .brand { font-weight:700; letter-spacing:.3px; }
header.top a { color:#dbe4f3; text-decoration:none; }
header.top a:hover, header.top a.on { color:#fff; text-decoration:underline; }
header.top nav { display:flex; gap:14px; flex-wrap:wrap; flex:1; }
header.top .right { display:flex; gap:10px; align-items:center; }
header.top form { margin:0; }
header.top button { background:none; border:1px solid #7f8fb0; color:#dbe4f3; border-radius:4px;
  padding:2px 8px; cursor:pointer; font: inherit; }
main { padding: 18px 22px 40px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 22px 0 8px; }
.sub { color: var(--muted); margin-bottom: 14px; }
.panel { background:#fff; border:1px solid var(--line); border-radius:8px; padding:14px 16px; }
.grid { display:grid; gap:16px; }
table { border-collapse: collapse; width: 100%; background:#fff; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line);
  vertical-align: top; }
th { font-weight:600; color:#374151; background:#f3f4f6; font-size:13px; }
td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
a { color: var(--accent); }
.chip { display:inline-block; padding:1px 8px; border-radius:10px; font-size:12px;
  white-space:nowrap; }
.muted { color: var(--muted); }
.bar { display:inline-block; height:8px; background:#2f6db5; border-radius:2px;
  vertical-align:middle; }
.barbox { display:inline-block; width:60px; height:8px; background:#e5e7eb; border-radius:2px;
  margin-right:6px; vertical-align:middle; }
.actions a.button, a.button, button.button { display:inline-block; padding:5px 12px;
  border:1px solid var(--accent); border-radius:5px; text-decoration:none; color:var(--accent);
  background:#fff; cursor:pointer; font: inherit; margin-right:6px; }
.mark { color:#b7791f; }
.flash { background:#ecfdf5; color:#065f46; padding:6px 22px; border-bottom:1px solid #a7f3d0; }
@media print {
  header.top, .noprint { display:none !important; }
  body { background:#fff; }
  main { padding: 0; }
  .panel { border: none; padding: 0; }
}
""".replace("FONT", FONT_STACK)


@dataclass(frozen=True)
class Nav:
    """Where a page sits: the account (if any), which view, the language, the query kept."""

    lang: Lang
    account_id: str | None = None
    current: str | None = None
    query: tuple[tuple[str, str], ...] = ()
    base: str = UI
    #: The form token (CSRF) for this page's forms; empty where there is no form.
    csrf: str = ""
    #: A short confirmation after a saved form (shown once, above the page).
    flash: str = ""
    #: Whether the caller may write (a read-only key sees no edit controls).
    can_write: bool = False

    @property
    def assets(self) -> str:
        return f"{self.base}/assets"

    def href(self, view: str = "", **params: str | None) -> str:
        """A link to another view of the same account, in the same language."""
        base = f"{self.base}/accounts/{self.account_id}" if self.account_id else self.base
        path = f"{base}/{view}" if view else base
        pairs = [(k, v) for k, v in params.items() if v is not None]
        if self.lang == "zh":
            pairs.append(("lang", "zh"))
        return path + ("?" + urlencode(pairs) if pairs else "")

    def lang_href(self, lang: Lang) -> str:
        pairs = [(k, v) for k, v in self.query if k != "lang"] + [("lang", lang)]
        return "?" + urlencode(pairs)


_VIEWS = ("", "map", "fishbone", "power", "assessment", "cards", "review", "task-book")
_VIEW_LABEL = {
    "": "dashboard",
    "map": "map",
    "fishbone": "fishbone",
    "power": "power",
    "assessment": "assessment",
    "cards": "cards",
    "review": "review",
    "task-book": "task_book",
}


def e(value: Any) -> str:
    """Escape text for HTML (None is an empty string)."""
    return "" if value is None else escape(str(value), quote=True)


def pct(value: float, digits: int = 0) -> str:
    return f"{100 * value:.{digits}f}%"


def safe_json(data: Any) -> Markup:
    """Data for the page's scripts as JSON that can sit inside a ``<script>`` element (the
    template writes the element): every ``<``, ``>`` and ``&`` written as ``\\u003c``,
    ``\\u003e``, ``\\u0026``, so no text in it can end the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def level_chip(level: int, lang: Lang) -> Markup:
    """A level as a coloured chip with its name (templates/chips.html)."""
    return Markup(chips().level_chip(level, lang))


def _links(nav: Nav) -> list[dict[str, Any]]:
    home = Nav(nav.lang, base=nav.base).href()
    links: list[dict[str, Any]] = [{"href": home, "label": t("accounts", nav.lang), "on": False}]
    my_work = f"{nav.base}/staff" + ("?lang=zh" if nav.lang == "zh" else "")
    links.append({"href": my_work, "label": t("my_work", nav.lang), "on": nav.current == "my-work"})
    if nav.account_id:
        for view in _VIEWS:
            on = view == (nav.current or "")
            label = t(_VIEW_LABEL[view], nav.lang)
            links.append({"href": nav.href(view), "label": label, "on": on})
    return links


def page(
    title: str,
    body: str,
    nav: Nav,
    *,
    scripts: tuple[str, ...] = (),
    styles: tuple[str, ...] = (),
    css: str = "",
    signed_in: bool = True,
) -> str:
    """A whole HTML page: the shell (templates/base.html) around ``body``.

    ``body`` and ``css`` are markup our own code built (every value in them went
    through ``e()``), so they are handed to the template as safe; everything
    else the shell prints is escaped by the template.
    """
    return render(
        "base.html",
        title=title,
        body=Markup(body),  # built by our escaping code
        nav=nav,
        links=_links(nav),
        scripts=scripts,
        styles=styles,
        css=Markup(_CSS + css),  # our own constants
        signed_in=signed_in,
        csrf_token=nav.csrf,
        flash=nav.flash,
    )
