"""The sign-in page (an API key POSTed in a form, never in a URL) and the not-found page."""

from __future__ import annotations

from viz.form_labels import ft
from viz.labels import t
from viz.page import Nav, page
from viz.templating import render

__all__ = ["not_found_page", "sign_in_page"]

_CSS = """
.signin { max-width: 420px; margin: 60px auto; }
.signin input[type=password] { width:100%; padding:8px; font: inherit; margin: 8px 0 12px;
  border:1px solid #9ca3af; border-radius:5px; }
.error { color:#b91c1c; }
"""


def sign_in_page(
    nav: Nav, *, next_path: str | None = None, failed: bool = False, error: str = ""
) -> str:
    """A form that POSTs the key (and the form token, nav.csrf) to {base}/sign-in.

    ``failed``: the key was refused; ``error``: another message to show at the field.
    """
    lang = nav.lang
    message = error or (t("bad_key", lang) if failed else "")
    body = render(
        "sign_in.html",
        lang=lang,
        base=nav.base,
        error=message,
        next_path=next_path or nav.base,
        csrf_token=nav.csrf,
    )
    return page(t("sign_in", lang), body, nav, css=_CSS, signed_in=False)


def not_found_page(nav: Nav, *, read_only: bool = False) -> str:
    """The same page for an account that does not exist and one of another team;
    ``read_only``: the page a read-only key's (forged) form post gets, with 403."""
    lang = nav.lang
    if read_only:
        return page(ft("read_only", lang), render("read_only.html", lang=lang), nav)
    return page(t("not_found", lang), render("not_found.html", lang=lang), nav)
