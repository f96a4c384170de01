"""The sign-in page (an API key POSTed in a form, never in a URL) and the not-found page."""

from __future__ import annotations

from viz.labels import t
from viz.page import Nav, e, page

__all__ = ["not_found_page", "sign_in_page"]

_CSS = """
.signin { max-width: 420px; margin: 60px auto; }
.signin input[type=password] { width:100%; padding:8px; font: inherit; margin: 8px 0 12px;
  border:1px solid #9ca3af; border-radius:5px; }
.error { color:#b91c1c; }
"""


def sign_in_page(nav: Nav, *, next_path: str | None = None, failed: bool = False) -> str:
    """A form that POSTs the key to {base}/sign-in."""
    lang = nav.lang
    error = f'<p class="error">{e(t("bad_key", lang))}</p>' if failed else ""
    body = (
        f'<div class="signin panel"><h1>{e(t("sign_in", lang))}</h1>'
        f'<p class="muted">{e(t("sign_in_help", lang))}</p>{error}'
        f'<form method="post" action="{nav.base}/sign-in">'
        f'<label for="key">{e(t("api_key", lang))}</label>'
        '<input type="password" id="key" name="key" autocomplete="off" required autofocus>'
        f'<input type="hidden" name="next" value="{e(next_path or nav.base)}">'
        f'<input type="hidden" name="lang" value="{lang}">'
        f'<button class="button" type="submit">{e(t("sign_in", lang))}</button></form></div>'
    )
    return page(t("sign_in", lang), body, nav, css=_CSS, signed_in=False)


def not_found_page(nav: Nav) -> str:
    """The same page for an account that does not exist and one of another team."""
    lang = nav.lang
    body = f"<h1>{e(t('not_found', lang))}</h1><p>{e(t('not_found_text', lang))}</p>"
    return page(t("not_found", lang), body, nav)
