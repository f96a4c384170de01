"""The app's own route table: every (path template, methods, endpoint) as it is served.

Newer FastAPI keeps included routers nested (``fastapi.routing.iter_route_contexts``
walks them with their full paths); older releases flatten them into
``app.routes``. Both give the same table here, which the audit log uses to name
routes and the tests use to walk every route.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import fastapi.routing
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import compile_path

__all__ = ["RouteInfo", "allowed_methods", "route_table"]


@dataclass(frozen=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    endpoint: Callable[..., Any]
    openapi_extra: dict[str, Any]
    api: bool  # one of our API routes (not /docs or /openapi.json)


def route_table(app: FastAPI) -> list[RouteInfo]:
    return list(_walk(app))


def allowed_methods(app: FastAPI, path: str) -> list[str]:
    """Every method some route takes at ``path`` (a concrete request path), sorted.

    Starlette answers 405 with the methods of the first route whose path matched,
    although other routes may take the same path (``GET`` and ``POST /accounts`` are
    two routes); ``Allow`` has to name them all (RFC 9110 section 15.5.6).
    """
    patterns = getattr(app.state, "allow_patterns", None)
    if patterns is None:
        patterns = [(compile_path(r.path)[0], r.methods) for r in route_table(app) if r.methods]
        app.state.allow_patterns = patterns
    return sorted({m for regex, methods in patterns if regex.match(path) for m in methods})


def _walk(app: FastAPI) -> Iterator[RouteInfo]:
    contexts = getattr(fastapi.routing, "iter_route_contexts", None)
    if contexts is not None:
        for rc in contexts(app.routes):
            original = rc.original_route
            yield RouteInfo(
                rc.path,
                frozenset(rc.methods or ()),
                rc.endpoint,
                dict(getattr(original, "openapi_extra", None) or {}),
                isinstance(original, APIRoute),
            )
        return
    for route in app.routes:  # pragma: no cover - FastAPI releases that flatten routers
        yield RouteInfo(
            route.path,  # type: ignore[attr-defined]
            frozenset(getattr(route, "methods", None) or ()),
            route.endpoint,  # type: ignore[attr-defined]
            dict(getattr(route, "openapi_extra", None) or {}),
            isinstance(route, APIRoute),
        )
