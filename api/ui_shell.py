"""What every page route shares: its headers, the sign-in and not-found answers, the
form token and the page's ``Nav`` (where it sits, its language, token, confirmation,
and whether the caller may write)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import replace
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute

from api.ui_auth import safe_next
from api.ui_csrf import FormToken, form_token
from graphcrm.access import AuthenticationFailed, PermissionDenied, TeamStore
from graphcrm.errors import NotFoundError
from viz import Nav, not_found_page, parse_lang, sign_in_page
from viz.form_labels import ft

__all__ = ["HEADERS", "UiRoute", "ui_base", "ui_html", "ui_nav", "ui_token"]

# Pages load only what the service serves; nothing from any other host.
CSP = (
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def ui_base(request: Request) -> str:
    """Where the views are served: ``/ui`` under the app's root path (behind a proxy)."""
    return f"{request.scope.get('root_path', '')}/ui"


def ui_html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=HEADERS)


def ui_token(request: Request) -> FormToken:
    """This browser's form token, kept on the request so the page's cookie is set once."""
    issued: FormToken | None = getattr(request.state, "form_token", None)
    if issued is None:
        issued = request.state.form_token = form_token(request)
    return issued


#: The confirmations a form's redirect may ask a page to show (``?done=``).
_DONE = {"saved", "removed"}


def ui_nav(
    request: Request,
    lang: str,
    account_id: str | None,
    current: str | None,
    team: TeamStore | None = None,
) -> Nav:
    """The page's Nav; with ``team``, whether its key may write (edit controls shown)."""
    query = tuple((k, v) for k, v in request.query_params.multi_items() if k != "done")
    done = request.query_params.get("done")
    language = parse_lang(lang)
    return Nav(
        language,
        account_id,
        current,
        query,
        base=ui_base(request),
        csrf=ui_token(request).token,
        flash=ft(done, language) if done in _DONE else "",
        can_write=team is not None and not team.principal.read_only,
    )


class UiRoute(APIRoute):
    """A page route: a missing or bad key shows the sign-in form (401), anything not
    found (or not the caller's) the not-found page (404)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            nav = Nav(parse_lang(request.query_params.get("lang")), base=ui_base(request))
            try:
                response = await handler(request)
            except AuthenticationFailed:
                here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
                nav = replace(nav, csrf=ui_token(request).token)
                page = sign_in_page(nav, next_path=safe_next(here, nav.base))
                response = ui_html(page, 401)
            except NotFoundError:
                response = ui_html(not_found_page(nav), 404)
            except PermissionDenied:  # a read-only key's forged post: nothing written
                response = ui_html(not_found_page(nav, read_only=True), 403)
            # A page that showed a form sets the form token's cookie if the browser lacks it.
            issued: FormToken | None = getattr(request.state, "form_token", None)
            return issued.set_on(response) if issued is not None else response

        return route
