"""CRUD routes from one typed definition per entity.

An ``Entity`` is a record type, its table in the team's view (typed by its
key's parts) and its name in delete answers; ``Routes`` builds the entity's
create, read, update and delete routes from it, each with its own summary,
description and examples (``Doc``), its path parameters typed and checked
(``KeyPart``). Every route goes through the team's typed table, so no route
handles an untyped record or spells a table name. Lists stay hand-written in
each router: their filters are each entity's own.

Optimistic concurrency (DESIGN.md "Editing where you read"): a read answers
the record's ``ETag``; PUT, PATCH and DELETE take ``If-Match`` and answer 412
(nothing written) when it names a version that is no longer current; without
``If-Match`` they write as before. PUT replaces the whole record; PATCH (a JSON
merge patch, ``api.patching``) changes only the fields sent.

Writes of leaf records (attitudes, contacts, decision roles: the weekly edits)
run on the event loop, not in the thread pool. Such a write reads a few rows by
key and patches the cached graphs (about 2 ms of CPU), and writes patch in
order, one at a time; in a pool thread it waited for the interpreter lock behind
the loop and the analyses at every SQLite call, so under load the writes queued
behind each other (issue 17's mixed phase: writes' p99 about 250 ms in a thread,
about 60 ms on the loop). Other writes read a whole account (a new person, a
deletion) and stay in the pool. A leaf write goes to the pool after all whenever
it would have to wait on the loop: on a store whose writes are round trips to a
server, while another write of this process holds the write order, and when
another connection (another worker, an import) holds the store's write lock.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Generic, TypeVarTuple, cast

from fastapi import APIRouter, Header, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from api.audit import PERSONAL_DATA
from api.deps import AccountDep, AsOfDep, TeamDep
from api.patching import patch_model, patched_body
from api.problems import problem_responses
from api.record_history import add_history_route
from api.schemas import Deleted, to_record
from graphcrm.access.etag import Tagged
from graphcrm.access.tables import RecordT, Table
from graphcrm.access.team import TeamStore, write_order
from graphcrm.model import TABLES
from graphcrm.stores.no_wait import WriterBusy, without_waiting
from graphcrm.stores.write_context import LEAF_TABLES

__all__ = ["Doc", "Entity", "KeyPart", "Routes"]

KeyTs = TypeVarTuple("KeyTs")

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=2000,
        description="The ETag of the version the change is based on (from a read, or the "
        "last write); 412 and nothing written if the record has changed since. Without it "
        "the write is not checked (the last writer wins).",
    ),
]


def _precondition(given: dict[str, Any]) -> str | None:
    """The If-Match sent, or None: an empty or blank header is no precondition (as absent),
    not one that no version can meet."""
    sent = given["if_match"]
    return sent if sent and sent.strip() else None


_ETAG_HEADER = {
    "ETag": {
        "description": "The record's current version, for If-Match.",
        "schema": {"type": "string"},
    }
}


class Entity(Generic[RecordT, *KeyTs]):
    """A CRUD entity: ``model`` records in ``table(team)``; ``slug/<key parts>`` names one."""

    def __init__(
        self,
        model: type[RecordT],
        slug: str,
        table: Callable[[TeamStore], Table[RecordT, *KeyTs]],
    ) -> None:
        self.model = model
        self.slug = slug
        self.table = table

    @property
    def table_name(self) -> str:
        """The store's name of the entity's table (``people`` for Person)."""
        return next(name for name, model in TABLES.items() if model is self.model)

    def record(self, body: BaseModel, **from_path: Any) -> RecordT:
        """The record ``body`` and the path's keys describe (ValidationError if invalid)."""
        record = to_record(self.model, body, **from_path)
        if not isinstance(record, self.model):  # to_record validates with ``self.model``
            raise TypeError(f"expected a {self.model.__name__}, got {type(record).__name__}")
        return record

    def list(self, team: TeamStore, account_id: str | None, as_of: date | None) -> list[RecordT]:
        """Every record in ``account_id`` (None: a shared table) in force ``as_of``, by key."""
        return self.table(team).list(account_id, as_of=as_of)

    def get(
        self, team: TeamStore, account_id: str | None, *key: *KeyTs, as_of: date | None
    ) -> Tagged[RecordT]:
        """The record with ``key`` in ``account_id`` (None: shared) as it stood ``as_of``,
        with the ETag of that version."""
        return self.table(team).get_tagged(account_id, *key, as_of=as_of)

    def create(self, team: TeamStore, account_id: str | None, record: RecordT) -> RecordT:
        """Write a new record (the team's rules: see ``TeamStore.create``)."""
        return self.table(team).create(account_id, record)

    def replace(
        self, team: TeamStore, account_id: str | None, record: RecordT, if_match: str | None
    ) -> Tagged[RecordT]:
        """Write a new version of an existing record (see ``TeamStore.update``)."""
        return self.table(team).save(account_id, record, if_match=if_match)

    def patch(
        self,
        team: TeamStore,
        account_id: str | None,
        *key: *KeyTs,
        change: Callable[[RecordT], RecordT],
        if_match: str | None,
    ) -> Tagged[RecordT]:
        """Write ``change(current)`` as the record's new version (see ``TeamStore.patch``)."""
        return self.table(team).patch(account_id, *key, change=change, if_match=if_match)

    def delete(
        self, team: TeamStore, account_id: str | None, *key: *KeyTs, if_match: str | None = None
    ) -> Deleted:
        """End the record with ``key`` and what hangs on it; the answer names it by key."""
        ended = self.table(team).delete(account_id, *key, if_match=if_match)
        parts = "/".join(str(part) for part in key)
        return Deleted(deleted=f"{self.slug}/{parts}", versions_ended=ended)


@dataclass(frozen=True)
class Doc:
    """What the OpenAPI document says of one route: its own summary, examples, description."""

    summary: str
    responses: dict[int | str, dict[str, Any]]
    description: str | None = None
    personal: bool = False  # it reads personal data: audited, marked ``x-personal-data``


@dataclass(frozen=True)
class KeyPart:
    """One path parameter of a record's key: its name, its type (with its rules), its field."""

    name: str
    annotation: Any
    field: str


@dataclass(frozen=True)
class Routes(Generic[RecordT, *KeyTs]):
    """The create, read, update and delete routes of one entity, from one definition.

    ``name`` makes the operation ids (``create_<name>``, ``get_<name>``, ...);
    ``path`` is the key's path under the router's prefix and ``key`` its
    parameters, in the order of the table's key; ``in_account`` puts the
    account (``AccountDep``) before the key; ``account_field`` writes that
    account into the record; ``defaults`` fill the fields a new record's body
    leaves empty. ``replace`` None: the entity has no update route. Lists stay
    with each router: their filters are each entity's own.

    A parameter named ``account_id`` (the account, or the account's own key)
    is the account the record lives in; without one the table is shared.
    """

    entity: Entity[RecordT, *KeyTs]
    name: str
    path: str
    key: tuple[KeyPart, ...]
    body_in: type[BaseModel]
    body_update: type[BaseModel] | None
    create: Doc
    get: Doc
    replace: Doc | None
    delete: Doc
    in_account: bool = True
    account_field: bool = False
    defaults: dict[str, Callable[[], object]] = field(default_factory=dict)

    def add_to(self, router: APIRouter) -> None:
        """Add the routes to ``router`` in the document's order: create, read, update
        (PUT, then PATCH), delete."""
        model = self.entity.model
        team = [_param("team", TeamDep)]
        account = [_param("account_id", AccountDep)] if self.in_account else []
        keys = [_param(k.name, k.annotation) for k in self.key]
        tagged = [_param("response", Response)]
        guard = [_param("if_match", IfMatch, None)]
        create = [*team, *account, _param("body", self.body_in)]
        name = f"create_{self.name}"
        leaf = self.entity.table_name in LEAF_TABLES  # written on the loop (module docstring)
        _add(
            router,
            "POST",
            "",
            name,
            self.create,
            model,
            create,
            self._create,
            status=201,
            on_loop=leaf,
        )
        read = [*team, *account, *keys, _param("as_of", AsOfDep), *tagged]
        get = _tagged(self.get)
        _add(router, "GET", self.path, f"get_{self.name}", get, model, read, self._get)
        if self.replace is not None and self.body_update is not None:
            update = [*team, *account, *keys, _param("body", self.body_update), *guard, *tagged]
            name, doc = f"update_{self.name}", _tagged(_guarded(self.replace, whole=True))
            _add(router, "PUT", self.path, name, doc, model, update, self._replace, on_loop=leaf)
            body = _param("body", patch_model(self.body_update))
            change = [*team, *account, *keys, body, *guard, *tagged]
            name, doc = f"patch_{self.name}", _tagged(_patch_doc(self.replace, self.name))
            _add(router, "PATCH", self.path, name, doc, model, change, self._patch, on_loop=leaf)
        self._add_history(router, [*team, *account, *keys])
        end = [*team, *account, *keys, *guard]
        _add(
            router,
            "DELETE",
            self.path,
            f"delete_{self.name}",
            _guarded(self.delete, whole=False),
            Deleted,
            end,
            self._delete,
        )

    def _create(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        fields = self._account(account_id)
        record = self.entity.record(given["body"], **fields)
        empty = {f: make() for f, make in self.defaults.items() if getattr(record, f) is None}
        if empty:
            record = self.entity.record(given["body"], **fields, **empty)
        return self.entity.create(given["team"], account_id, record)

    def _get(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        found = self.entity.get(given["team"], account_id, *self._key(given), as_of=given["as_of"])
        return _answer(given, found)

    def _replace(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        fields = {k.field: given[k.name] for k in self.key} | self._account(account_id)
        record = self.entity.record(given["body"], **fields)
        saved = self.entity.replace(given["team"], account_id, record, _precondition(given))
        return _answer(given, saved)

    def _patch(self, given: dict[str, Any]) -> RecordT:
        account_id = given.get("account_id")
        fields = {k.field: given[k.name] for k in self.key} | self._account(account_id)
        update = cast("type[BaseModel]", self.body_update)  # a PATCH route exists only with it

        def change(current: RecordT) -> RecordT:
            return self.entity.record(patched_body(update, current, given["body"]), **fields)

        saved = self.entity.patch(
            given["team"],
            account_id,
            *self._key(given),
            change=change,
            if_match=_precondition(given),
        )
        return _answer(given, saved)

    def _delete(self, given: dict[str, Any]) -> Deleted:
        return self.entity.delete(
            given["team"], given.get("account_id"), *self._key(given), if_match=_precondition(given)
        )

    def _add_history(self, router: APIRouter, params: list[inspect.Parameter]) -> None:
        """``GET <path>/history``, for records of one account (not the shared staff and
        competitors, whose writes the audit files under no account)."""
        if not self.in_account and self.key[0].name != "account_id":
            return
        add_history_route(
            router,
            path=self.path,
            name=self.name,
            table=self.entity.table_name,
            params=params,
            key=lambda given: tuple(str(given[k.name]) for k in self.key),
            account=lambda given: str(given["account_id"]),
        )

    def _key(self, given: dict[str, Any]) -> tuple[*KeyTs]:
        # FastAPI has parsed each part to its declared type: the types of KeyTs, in order.
        return cast("tuple[*KeyTs]", tuple(given[k.name] for k in self.key))

    def _account(self, account_id: str | None) -> dict[str, Any]:
        return {"account_id": account_id} if self.account_field else {}


def _answer(given: dict[str, Any], found: Tagged[RecordT]) -> RecordT:
    """The record, its version's ETag in the response's header."""
    response: Response = given["response"]
    response.headers["ETag"] = found.etag
    return found.record


def _tagged(doc: Doc) -> Doc:
    """``doc`` with the ETag header on its success answer."""
    responses = {status: dict(entry) for status, entry in doc.responses.items()}
    for status, entry in responses.items():
        if str(status).startswith("2"):
            entry["headers"] = _ETAG_HEADER
    return Doc(doc.summary, responses, doc.description, doc.personal)


def _guarded(doc: Doc, *, whole: bool) -> Doc:
    """``doc`` of a route taking If-Match: it lists the 412, says how a write is checked."""
    words = (
        "Replaces the whole record: a field left out is cleared (use PATCH to change some fields). "
        if whole
        else ""
    )
    words += (
        "Send If-Match with the ETag of the version you read: if someone changed the record "
        "since, the answer is 412 with the record as it now stands, and nothing is written. "
        "Without If-Match the write is not checked."
    )
    description = f"{doc.description}\n\n{words}" if doc.description else words
    return Doc(doc.summary, {**doc.responses, **problem_responses(412)}, description, doc.personal)


def _patch_doc(replace: Doc, name: str) -> Doc:
    """The PATCH route's doc, from the PUT route's: same answers, its own words."""
    words = (
        f"A JSON merge patch (RFC 7396) of the {name.replace('_', ' ')}: only the fields sent "
        "change, null clears an optional field, and the result is validated as a PUT body "
        "would be (the same 422 at the same field). Send it as application/merge-patch+json "
        "or application/json. Send If-Match with the ETag of the version you read: 412, "
        "nothing written, if the record has changed since. Without If-Match the patch is "
        "applied to the record as it stands when it is written."
    )
    summary = replace.summary.replace("Update", "Change some fields of", 1)
    if summary == replace.summary:
        summary = f"{replace.summary} (some fields)"
    return Doc(summary, {**replace.responses, **problem_responses(412)}, words, replace.personal)


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _add(
    router: APIRouter,
    method: str,
    path: str,
    name: str,
    doc: Doc,
    model: type[BaseModel],
    params: list[inspect.Parameter],
    run: Callable[[dict[str, Any]], object],
    *,
    status: int | None = None,
    on_loop: bool = False,
) -> None:
    """Add one route whose parameters FastAPI reads from ``params`` (as from a signature).

    ``on_loop``: ``run`` is called on the event loop (a coroutine endpoint) instead of
    in the thread pool; only for a few milliseconds' work (module docstring). It runs
    in the pool after all, so that the loop never waits, on a store whose writes are
    round trips to a server, while another write of this process holds the write
    order (one from the pool may take long), and when another connection holds the
    store's write lock (``graphcrm.stores.no_wait``).
    """
    endpoint: Callable[..., object]
    if on_loop:

        async def endpoint(**given: Any) -> object:
            store = cast(TeamStore, given["team"]).store
            # A store of round trips, or another write under way (a pool thread's new
            # person, another process's write): wait in the pool, not on the loop. The
            # write order is checked again where it is taken (WriterBusy); this early
            # look only saves the work before it.
            if store.embedded and not write_order(store).locked():
                try:
                    with without_waiting():
                        return run(given)
                except WriterBusy:  # nothing was written
                    pass
            return await run_in_threadpool(run, given)

    else:

        def endpoint(**given: Any) -> object:
            return run(given)

    # FastAPI reads the parameters, the name and the description from the function.
    vars(endpoint)["__signature__"] = inspect.Signature(params, return_annotation=model)
    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__doc__ = doc.description
    router.add_api_route(
        path,
        endpoint,
        methods=[method],
        status_code=status,
        summary=doc.summary,
        response_model=model,
        responses=doc.responses,
        openapi_extra=PERSONAL_DATA if doc.personal else None,
        name=name,
    )
