"""Form tokens (CSRF) for the pages, from fastapi-csrf-protect (issue 11 item 3).

Double submit, signed: the page carries a random token in a hidden field
(``csrf_token``) and the browser holds the same token signed with the
service's secret in an HttpOnly, SameSite=Strict cookie. A POST from a page is
accepted only if the field matches the cookie's signed value, so another site
cannot post a form as the signed-in user (nor sign a victim in with the
attacker's key: the sign-in form is protected too). The session cookie alone
is never enough (DESIGN.md, "Editing where you read").

The secret is made once per deployment and kept in the access database
(``graphcrm.access.service_secrets``), read once per process (``app.state``):
every worker process of ``graphcrm serve --workers N``, and every server on the
same access database, signs and checks with the same secret, so a form one
process rendered is accepted by another, and a restart keeps the forms open.
One token per browser: a page reuses the token its cookie already signs, so
two open tabs both keep working.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response
from fastapi_csrf_protect import CsrfProtect
from fastapi_csrf_protect.exceptions import CsrfProtectError
from itsdangerous import BadData, URLSafeTimedSerializer

from api.ui_auth import SESSION_LIFETIME

__all__ = [
    "FIELD",
    "FormToken",
    "FormTokenRefused",
    "check_form_token",
    "check_json_token",
    "form_token",
]

#: The hidden field every state-changing form carries.
FIELD = "csrf_token"
_COOKIE = "graphcrm_csrf"
_MAX_AGE = int(SESSION_LIFETIME.total_seconds())
# The library signs with this salt (fastapi_csrf_protect.core); reading a cookie back to
# reuse its token must use the same one. The form tests fail if the library changes it.
_SALT = "fastapi-csrf-token"


class _PageCsrf(CsrfProtect):
    """The library's double-submit check, configured for the pages' form fields."""


_PageCsrf.load_config(
    lambda: [
        ("cookie_key", _COOKIE),
        ("cookie_samesite", "strict"),
        ("httponly", True),
        ("max_age", _MAX_AGE),
        ("token_location", "body"),
        ("token_key", FIELD),
    ]
)


class FormTokenRefused(Exception):
    """A state-changing form came without a valid token: nothing is written (422)."""


@dataclass(frozen=True)
class FormToken:
    """The token a page puts in its forms, and the signed cookie to set with it (if new)."""

    token: str
    signed: str | None

    def set_on(self, response: Response) -> Response:
        if self.signed is not None:
            _PageCsrf().set_csrf_cookie(self.signed, response)
        return response


#: The form-token secret's name in the access database's service secrets.
SECRET_NAME = "ui_form_token"


def _secret(request: Request) -> str:
    state = request.app.state
    if getattr(state, "ui_form_secret", None) is None:
        state.ui_form_secret = state.services.access.secrets.get(SECRET_NAME)
    return str(state.ui_form_secret)


def form_token(request: Request) -> FormToken:
    """The browser's form token: the one its cookie signs, or a new one with its cookie."""
    secret = _secret(request)
    signed = request.cookies.get(_COOKIE)
    if signed:
        try:
            token = URLSafeTimedSerializer(secret, salt=_SALT).loads(signed, max_age=_MAX_AGE)
            return FormToken(str(token), None)
        except BadData:
            pass  # expired, or signed with another deployment's secret: issue a new one
    token, signed = _PageCsrf().generate_csrf_tokens(secret)
    return FormToken(token, signed)


async def check_form_token(request: Request) -> None:
    """FormTokenRefused unless the posted form's token matches the browser's cookie."""
    await request.form()  # parsed once; the library reads the field from it
    try:
        await _PageCsrf().validate_csrf(request, secret_key=_secret(request))
    except CsrfProtectError as refused:
        raise FormTokenRefused(str(refused)) from None


async def check_json_token(request: Request) -> None:
    """FormTokenRefused unless a JSON post's ``csrf_token`` matches the browser's cookie."""
    await request.json()  # parsed once; the library reads the field from it
    try:
        await _PageCsrf().validate_csrf(request, secret_key=_secret(request))
    except CsrfProtectError as refused:
        raise FormTokenRefused(str(refused)) from None
