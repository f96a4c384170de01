"""The service commands: ``serve`` the REST API, manage API ``keys``, make a ``demo-key``.

Keys, teams and account ownership live in the access database
(``--access-db``, ``GRAPHCRM_ACCESS_DB``, default ``data/access.db``); the graph
store is the global ``--store``. A key is printed once, on standard output
alone, so a script can capture it; only its hash is stored.
"""

from __future__ import annotations

import os
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from graphcrm.cli_support import (
    EXIT_FAILURE,
    AccessDb,
    err_console,
    fail,
    open_cli_access,
    open_cli_store,
    store_url,
)
from graphcrm.cli_tables import print_table

__all__ = ["demo_key", "keys_app", "serve"]

out = Console(highlight=False)
keys_app = typer.Typer(
    no_args_is_help=True, help="API keys, teams and account ownership (the access database)."
)

#: The function of the server entry point's module that builds one worker's app with
#: no arguments (from the environment): what uvicorn calls in each worker process.
WORKER_FACTORY = "worker_app"
DEMO_TEAM = "demo"
DEMO_PRINCIPAL = "demo"


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    access_db: AccessDb = None,
    access_log: Annotated[
        bool, typer.Option("--access-log/--no-access-log", help="Log every request.")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="Worker processes (each with its own store connection and cache; "
            "kept coherent through the store's per-account write versions).",
        ),
    ] = 1,
) -> None:
    """Serve the REST API (OpenAPI at /docs) on the store named by --store.

    With ``--workers N`` (N > 1) our own supervisor (graphcrm.worker_supervisor)
    runs N worker processes, each on a listening socket of its own (``SO_REUSEPORT``:
    the kernel spreads new connections across them), and restarts a worker that
    dies. Each builds its app from the environment, with its own store connection and
    cache; every cached read checks the account's write version in the store, so
    a write through one worker is seen by the next read through any other
    (README "Several worker processes").
    """
    import uvicorn

    entry = _server_entry_point()
    try:
        build_app = entry.load()(access_db)  # checks the settings first
    except ValidationError as exc:
        fail(f"invalid setting: {exc}")
    run: dict[str, Any] = {
        "host": host,
        "port": port,
        "access_log": access_log,
        "log_level": "info",
    }
    with open_cli_store() as store:
        if workers == 1:
            _announce(host, port, type(store).__name__, workers)
            uvicorn.run(build_app(store), **run)
            return
        store_kind = type(store).__name__
    # Each worker is a fresh (spawned) process that builds its own app from the
    # environment, so the store and access database chosen here go there too.
    os.environ["GRAPHCRM_STORE"] = store_url()
    if access_db:
        os.environ["GRAPHCRM_ACCESS_DB"] = str(access_db)
    _serve_workers(f"{entry.module}:{WORKER_FACTORY}", host, port, access_log, workers, store_kind)


def _serve_workers(
    app: str, host: str, port: int, access_log: bool, workers: int, store_kind: str
) -> None:
    """N worker processes, a listening socket each (graphcrm.worker_supervisor)."""
    from graphcrm import worker_supervisor as ws

    try:
        listeners = ws.bind_listeners(host, port, workers)
    except ws.PortTaken as exc:
        fail(str(exc.strerror), EXIT_FAILURE)
    _announce(host, port, store_kind, workers, listeners.note)
    spec = ws.WorkerSpec(app, host, port, access_log)
    status = ws.Supervisor(spec, listeners, workers, ws.say_to_stderr).run()
    if status:
        raise typer.Exit(status)


def _announce(host: str, port: int, store_kind: str, workers: int, note: str | None = None) -> None:
    base = f"http://{_url_host(host)}:{port}"
    many = f", {workers} worker processes" if workers > 1 else ""
    out.print(f"graphcrm API on {base}/api/v1 (store: {store_kind}{many})", soft_wrap=True)
    if note:
        out.print(f"  note: {note}", soft_wrap=True, markup=False)
    for line in (
        f"  API docs (OpenAPI): {base}/docs",
        f"  health:             {base}/api/v1/health",
        f"  views (sign in):    {base}/ui",
        f"  your accounts:      curl -H 'Authorization: Bearer <key>' {base}/api/v1/accounts",
    ):
        out.print(line, soft_wrap=True, markup=False)


def _server_entry_point() -> EntryPoint:
    """The server's start-up: the ``graphcrm.server`` entry point named ``api``.

    It names ``api.server:app_factory`` (pyproject.toml); looked up, not imported,
    because the core may not import the API.
    """
    found = entry_points(group="graphcrm.server", name="api")
    if not found:
        fail("no server to run: the graphcrm.server entry point 'api' is not installed")
    return next(iter(found))


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


@keys_app.command("create")
def create_key(
    team: Annotated[str, typer.Option(help="The key's team (created if new).")],
    principal: Annotated[str, typer.Option(help="Who holds the key: a person or a tool.")] = "cli",
    admin: Annotated[
        bool,
        typer.Option("--admin", help="A team admin: its own team's keys, accounts and audit."),
    ] = False,
    operator: Annotated[
        bool,
        typer.Option(
            "--operator",
            help="An operator: the whole service (every team, ownership, shared records). "
            "Made only here, never through the API.",
        ),
    ] = False,
    read_only: Annotated[bool, typer.Option("--read-only", help="May not write.")] = False,
    access_db: AccessDb = None,
) -> None:
    """Create an API key and print it, once: only its hash is kept."""
    with open_cli_access(access_db) as access:
        new = access.create_key(
            team, principal, admin=admin, read_only=read_only, operator=operator, create_team=True
        )
    roles = (("operator", operator), ("admin", admin and not operator), ("read-only", read_only))
    kind = ", ".join(k for k, on in roles if on) or "team"
    err_console.print(
        f"created {kind} key {new.info.id} for {principal} in team {team}; "
        "store it now, it is not shown again:",
        soft_wrap=True,
    )
    print(new.key)


@keys_app.command("list")
def list_keys(
    team: Annotated[str | None, typer.Option(help="Only this team's keys.")] = None,
    access_db: AccessDb = None,
) -> None:
    """List keys (never their secrets)."""
    with open_cli_access(access_db) as access:
        rows = access.keys(team)
    listed = [
        (
            k.id,
            k.team,
            k.principal,
            "operator" if k.operator else "admin" if k.admin else "",
            "yes" if k.read_only else "",
            k.created_at[:19],
            (k.revoked_at or "")[:19],
        )
        for k in rows
    ]
    columns = ("id", "team", "principal", "role", "read-only", "created", "revoked")
    print_table(out, columns, listed, ids=(0, 1), head=(0, 1, 2))


@keys_app.command("revoke")
def revoke_key(key_id: str, access_db: AccessDb = None) -> None:
    """Revoke a key at once."""
    with open_cli_access(access_db) as access:
        access.revoke_key(key_id)
    out.print(f"revoked key {key_id}")


@keys_app.command("assign")
def assign_account(
    account_id: str,
    team: Annotated[str, typer.Option(help="The team that will own the account.")],
    access_db: AccessDb = None,
) -> None:
    """Give an account to a team (accounts loaded with `graphcrm import` belong to none)."""
    with open_cli_access(access_db) as access:
        access.assign(account_id, team)
    out.print(f"account {account_id} now belongs to team {team}")


def demo_key(
    out_file: Annotated[
        Path, typer.Option("--out", help="Write the key to this file (mode 600).")
    ] = Path("data/demo-key.txt"),
    access_db: AccessDb = None,
) -> None:
    """Give every account no team owns to team "demo" and make it a new team admin key.

    The key is printed and written to --out; the previous demo key is revoked.
    The demo runs one team, so its key is that team's admin, not an operator.
    """
    with open_cli_store() as store:
        account_ids = [a.id for a in store.accounts()]
    with open_cli_access(access_db) as access:
        team = access.ensure_team(DEMO_TEAM)
        owners = access.owners()
        claimed = access.claim(team.id, [a for a in account_ids if a not in owners])
        for old in access.keys(DEMO_TEAM):
            if old.principal == DEMO_PRINCIPAL and old.revoked_at is None:
                access.revoke_key(old.id)
        new = access.create_key(DEMO_TEAM, DEMO_PRINCIPAL, admin=True)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(new.key + "\n", encoding="utf-8")
    os.chmod(out_file, 0o600)
    err_console.print(
        f"team {DEMO_TEAM} owns {len(claimed)} more account(s); demo admin key {new.info.id} "
        f"written to {out_file}:",
        soft_wrap=True,
    )
    print(new.key)
