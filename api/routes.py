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
    """Every method the resource at ``path`` (a concrete request path) takes, sorted.

    Starlette answers 405 with the methods of the first route whose path matched,
    although other routes may take the same path (``GET`` and ``POST /accounts`` are
    two routes); ``Allow`` has to name them all (RFC 9110 section 15.5.6). Where
    templates overlap, the path is the resource of the most concrete one, as OpenAPI
    matches paths: ``/plans/from-next-targets`` is that route (POST), not a plan
    whose person id is ``from-next-targets``.
    """
    table = getattr(app.state, "allow_table", None)
    if table is None:
        table = _allow_table(app)
        app.state.allow_table = table
    matching = [(rank, methods) for regex, rank, methods in table if regex.match(path)]
    if not matching:
        return []
    best = min(rank for rank, _ in matching)
    return sorted({m for rank, methods in matching if rank == best for m in methods})


def _allow_table(app: FastAPI) -> list[tuple[Any, tuple[int, ...], frozenset[str]]]:
    out = []
    for route in route_table(app):
        if route.methods:
            # Per segment, 0 for a literal and 1 for a parameter: the least is the most concrete.
            rank = tuple(int("{" in part) for part in route.path.split("/"))
            out.append((compile_path(route.path)[0], rank, route.methods))
    return out


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
