"""The app factory: routers, problem handlers, middleware, and a lifespan that owns the stores."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import RedirectResponse
from fastapi_offline import FastAPIOffline

import graphcrm
from api.audit import AuditMiddleware
from api.cache import AnalysisCache
from api.deps import Services
from api.docs import add_path_examples, complete_statuses
from api.examples import analysis_examples
from api.limits import BodyLimitMiddleware
from api.links import add_links
from api.problems import FieldError, Problem, install_problem_handlers
from api.routers import (
    accounts,
    actions,
    admin,
    analyses,
    attitudes,
    competitors,
    contacts,
    decision_roles,
    health,
    imports,
    interaction_imports,  # POST .../imports/calendar (issue 13)
    interactions,
    method_settings,
    opportunities,
    outside,
    people,
    plans,
    portfolio,
    privacy,
    progress,
    role_slots,
    search,
    staff,
    ties,
    ui,
    ui_interactions,  # a person's timeline on the pages (issue 13)
    ui_my_work,
    ui_portfolio,
    ui_settings,
)
from api.routes import route_table
from api.settings import ApiSettings
from graphcrm.access import AccessStore
from graphcrm.stores import GraphStore, open_store

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/api/v1"
log = logging.getLogger("graphcrm.api")

_DESCRIPTION = """\
graphcrm's REST API: customer organisation maps and decision chains for
key-account teams, with the analyses of who matters, where coverage is thin
and whom to win next.

**Authentication**: `Authorization: Bearer <API key>` on every route but
`/api/v1/health`. Keys belong to a principal in a team (`graphcrm keys create
--team NAME`). A team sees and changes only the accounts it owns; anything in
another team's account answers 404, exactly as if it did not exist. Read-only
keys cannot write; admin keys manage teams, keys, ownership and read the audit
log.

**History**: every read takes `as_of=YYYY-MM-DD` and answers as things stood
that day; writes are dated today.

**Errors** are RFC 9457 problem details (`application/problem+json`) with a
stable `code`, the offending `field` and every input error in `errors`.

**Caching**: analysis responses carry an ETag; send it back in
`If-None-Match` to get 304 while the account is unchanged.
"""

_TAGS = [
    {"name": "accounts", "description": "The customer companies your team owns."},
    {
        "name": "portfolio",
        "description": "Tiers, value, RFM and who-knows-whom across your team's accounts.",
    },
    {"name": "people", "description": "People at the customer (personal data; reads audited)."},
    {"name": "opportunities", "description": "Decisions, each with a decision chain."},
    {"name": "ties", "description": "reports_to, depends_on, knows, influences."},
    {"name": "contacts", "description": "Our staff's coverage of the customer's people."},
    {"name": "attitudes", "description": "Dated readings toward us or a competitor."},
    {"name": "decision roles", "description": "Who plays which role in a decision chain."},
    {"name": "plans", "description": "Breakthrough plans per key person."},
    {"name": "actions", "description": "The steps of the plans."},
    {
        "name": "staff",
        "description": "Our people, shared by every team: anyone may add, admins change.",
    },
    {"name": "competitors", "description": "Shared by every team: anyone may add, admins change."},
    {"name": "imports", "description": "Bulk import and export in the documented format."},
    {"name": "analyses", "description": "Importance, key people, coverage, paths, targets."},
    {"name": "admin", "description": "Teams, keys, ownership and the audit log (admin keys)."},
    {"name": "settings", "description": "The team's method settings, dated, with history."},
    {"name": "service", "description": "Health."},
    {"name": "interactions", "description": "Meetings, calls, visits and mail (互动记录)."},
    {"name": "search", "description": "Find people, accounts and our staff (your team's)."},
    {"name": "role slots", "description": "Unidentified roles (待识别角色) in decision chains."},
]

_ROUTERS = (
    analyses.router,
    health.router,
    accounts.router,
    people.router,
    opportunities.router,
    ties.router,
    contacts.router,
    attitudes.router,
    decision_roles.router,
    plans.router,
    actions.router,
    staff.router,
    competitors.router,
    imports.router,
    progress.router,
    admin.router,
    privacy.router,
    method_settings.router,
    interactions.router,
    outside.router,
    portfolio.router,
    search.router,
    interaction_imports.router,
    role_slots.router,
)


def create_app(
    settings: ApiSettings | None = None,
    *,
    store: GraphStore | None = None,
    freeze_startup: bool = False,
) -> FastAPI:
    """The graphcrm API.

    Settings are read now (from the environment unless given). The graph store
    (``settings.store``) and the access store (``settings.access_db``) are opened
    when the app starts and closed when it stops; a ``store`` passed in is served
    instead of opening one, and left open for its owner to close. With
    ``freeze_startup`` (a served process: ``graphcrm serve``) everything alive once
    the app has started is moved out of the garbage collector's generations
    (``gc.freeze``).
    """
    settings = settings or ApiSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        graph = store if store is not None else open_store(settings.store, settings)
        try:
            access = AccessStore(settings.access_db)
        except BaseException:
            if store is None:
                graph.close()
            raise
        app.state.services = Services(
            settings, graph, access, AnalysisCache(settings.cache_entries, settings.cache_graphs)
        )
        if freeze_startup:
            # What start-up made (modules, functions, classes: about three quarters of
            # the objects the collector tracks) lives as long as the process: moved out
            # of the collector's way, so a full collection walks only what requests
            # made (bench-api cold-single p99 121 -> 21 ms).
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            access.close()
            if store is None:
                graph.close()

    # Swagger UI and ReDoc from files the service serves itself: /docs works with no internet.
    app = FastAPIOffline(
        title="graphcrm",
        version=graphcrm.__version__,
        description=_DESCRIPTION,
        openapi_tags=_TAGS,
        lifespan=lifespan,
    )
    for router in _ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(ui.router)  # the browser views, at /ui (outside the REST API)
    app.include_router(ui_settings.router)  # the method settings page, /ui/settings
    app.include_router(ui_portfolio.router)  # the portfolio page, /ui/portfolio
    app.include_router(ui_interactions.router)  # a person's interactions (issue 13)
    app.include_router(ui_my_work.router)  # the "my work" pages, /ui/staff
    # GET / -> the views (issue 12 item 11): a bare address opens the sign-in or the list.
    app.add_api_route("/", _to_views, methods=["GET"], include_in_schema=False)
    app.state.route_paths = {r.endpoint: r.path for r in route_table(app) if r.api}
    install_problem_handlers(app)
    app.add_middleware(BodyLimitMiddleware, upload_limit=settings.max_upload_bytes)
    app.add_middleware(AuditMiddleware)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _to_views() -> RedirectResponse:
    """The service's root answers with the views' address; it reads and reveals nothing."""
    return RedirectResponse("/ui", status_code=307)


def _openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema is None:
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        ref = "#/components/schemas/{model}"
        components["Problem"] = Problem.model_json_schema(ref_template=ref)
        components["FieldError"] = FieldError.model_json_schema(ref_template=ref)
        components["Problem"].pop("$defs", None)
        _add_analysis_examples(schema)
        complete_statuses(schema)
        add_path_examples(schema)
        add_links(schema)
        app.openapi_schema = schema
    return app.openapi_schema


def _add_analysis_examples(schema: dict[str, Any]) -> None:
    """Put the real results of the analyses on the example account into the document."""
    examples = analysis_examples()
    prefix = f"{API_PREFIX}/accounts/{{account_id}}/"
    for path, operations in schema["paths"].items():
        name = path.removeprefix(prefix)
        if not path.startswith(prefix) or name not in examples:
            continue
        for operation in operations.values():
            ok = operation["responses"].get("200", {})
            content = ok.get("content", {}).get("application/json")
            if content is not None:
                content["example"] = examples[name]
