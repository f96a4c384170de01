"""Access errors: part of graphcrm's hierarchy, so every front end maps them once."""

from __future__ import annotations

from graphcrm.errors import GraphcrmError

__all__ = ["AuthenticationFailed", "PermissionDenied", "TooManyRows"]


class AuthenticationFailed(GraphcrmError):
    """No key, or a key that is unknown or revoked. The message never says which."""

    code = "unauthorized"


class PermissionDenied(GraphcrmError):
    """A valid key that may not do this (a read-only key writing, a non-admin key on admin work).

    Raised before anything is looked up, so it reveals nothing about the data.
    """

    code = "forbidden"

    def __init__(self, message: str, code: str = "forbidden") -> None:
        super().__init__(message)
        self.code = code


class TooManyRows(GraphcrmError):
    """An import holding more rows than one import may (nothing was written)."""

    code = "too_many_rows"
