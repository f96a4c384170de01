"""The ``graphcrm analyse`` command: the full analysis of one account, as tables or JSON.

Register it on the main app with ``app.command()(analyse)``. It reads the
account (optionally one opportunity's decision chain, optionally as of a past
date) from the store chosen by the global ``--store`` option and runs
:func:`graphcrm.analysis.report.full_analysis`. Default output: readable
tables (key people with the three rule scores, rank, formal power and
quadrant; relationship health; gaps, heaviest first; next targets with their
warm paths). ``--json`` prints the one JSON object of ``full_analysis``.

Bad input (an unknown account or opportunity, a malformed date) prints a
message on stderr and exits 2, without a traceback.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console

from graphcrm.access.method_settings import SettingsVersion
from graphcrm.analysis.importance import QUADRANT_LABELS
from graphcrm.cli_analyse_all import account_analysis, analyse_all
from graphcrm.cli_settings import AccessDb, team_settings
from graphcrm.cli_support import fail, open_cli_store, parse_day, store_url
from graphcrm.cli_tables import print_table
from graphcrm.method import METHOD_DEFAULTS, MethodSettings
from graphcrm.model import LEVEL_LABELS

__all__ = ["analyse", "render"]

out = Console(highlight=False)

_REASONS = {"top_k": "top K", "decision_maker": "decision maker", "approver": "approver"}


def analyse(
    account_id: Annotated[
        str | None, typer.Argument(help="The account to analyse (or --all).")
    ] = None,
    opportunity: Annotated[
        str | None,
        typer.Option("--opportunity", "-o", help="Analyse this opportunity's decision chain only."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Analyse as of this date (YYYY-MM-DD).")
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the full analysis as one JSON object.")
    ] = False,
    team: Annotated[
        str | None,
        typer.Option("--team", help="Use this team's method settings (default: the defaults)."),
    ] = None,
    access_db: AccessDb = None,
    all_accounts: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Analyse every account, one JSON line each as it finishes (with --json).",
        ),
    ] = False,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, max=64, help="Processes for --all.")
    ] = 1,
) -> None:
    """Analyse an account: key people, health, coverage gaps, next targets (and fishbone)."""
    day = parse_day(as_of)
    method = team_settings(team, access_db, day)
    settings = method.settings if method else METHOD_DEFAULTS
    if all_accounts or account_id is None:
        _analyse_all(
            account_id, opportunity, json_output, all_accounts, jobs, settings, method, day
        )
        return
    with open_cli_store(existing=True) as store:
        result = account_analysis(store, account_id, settings, day, opportunity)
    result["settings_version"] = method.version if method else 0
    if json_output:
        # orjson: the standard library indents in pure Python (about 2 s at 50,000 people).
        text = orjson.dumps(result, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)
        sys.stdout.write(text.decode("utf-8") + "\n")
        sys.stdout.flush()
    else:
        render(result, out)


def _analyse_all(
    account_id: str | None,
    opportunity: str | None,
    json_output: bool,
    all_accounts: bool,
    jobs: int,
    settings: MethodSettings,
    method: SettingsVersion | None,
    day: date | None,
) -> None:
    """``--all``: every account of the store, in ``jobs`` processes (graphcrm.cli_analyse_all)."""
    if not all_accounts:
        fail("name the account to analyse, or give --all")
    if account_id is not None or opportunity is not None:
        fail("--all analyses every account: give no account id and no --opportunity")
    if not json_output:
        fail("--all writes one JSON line per account: give --json")
    with open_cli_store(existing=True) as store:
        account_ids = [a.id for a in store.accounts(as_of=day)]
    version = method.version if method else 0
    if not analyse_all(
        store_url(), account_ids, jobs=jobs, settings=settings, version=version, day=day
    ):
        raise typer.Exit(1)


def render(result: dict[str, Any], console: Console) -> None:
    """Print a full analysis (the dict of ``full_analysis``) as tables."""
    ranking = {p["person_id"]: p for p in result["importance"]}
    _render_heading(result, ranking, console)
    _render_key_people(result, ranking, console)
    cov = result["coverage"]
    console.print(
        f"Relationship health 关系健康度: [bold]{cov['health']:.1f}[/bold] / 100 "
        f"(weighting: {cov['weighting']})"
    )
    _render_gaps(cov["gaps"], ranking, console)
    _render_targets(result["next_targets"], console)
    _render_outside(result.get("outside_influencers", []), console)


def _render_outside(outside: list[dict[str, Any]], console: Console) -> None:
    """Outside influencers 外部影响者: not ranked, listed with their ties into the account."""
    if not outside:
        return
    rows = [
        (
            o["person_id"], o["name"], f"{o['account_name']} ({o['kind']})",
            "" if o["level"] is None else str(o["level"]),
            ", ".join(f"{t['type']} {t['person_id']}" for t in o["ties"]),
            f"{o['coverage']:.2f}",
        )
        for o in outside
    ]  # fmt: skip
    columns = ("id", "name", "party", "level", "ties", "coverage")
    print_table(
        console, columns, rows, title="Outside influencers 外部影响者 (not ranked)",
        ids=(0,), head=(0, 1),
    )  # fmt: skip


def _render_heading(
    result: dict[str, Any], ranking: dict[str, dict[str, Any]], console: Console
) -> None:
    """The account (and opportunity, and date) analysed, and how many people were ranked."""
    account, opportunity = result["account"], result["opportunity"]
    head = f"[bold]{account['name']}[/bold] ({account['id']})"
    if opportunity:
        head += f"  opportunity: {opportunity['name']} ({opportunity['id']})"
    if result["as_of"]:
        head += f"  as of {result['as_of']}"
    if "settings_version" in result:
        head += f"  method settings v{result['settings_version']}"
    console.print(head)
    console.print(
        f"{len(ranking)} people ranked; {len(result['key_people'])} key people "
        f"(top {result['parameters']['k']} by importance, plus decision makers and approvers)"
    )


def _render_key_people(
    result: dict[str, Any], ranking: dict[str, dict[str, Any]], console: Console
) -> None:
    """The key people with the three rule scores, rank, formal power, quadrant and why."""
    columns = (
        "id", "key person 关键客户", "rank", "known by many", "depended on by many",
        "important neighbours", "composite", "formal power", "quadrant", "why",
    )  # fmt: skip
    rows = []
    for k in result["key_people"]:
        p = ranking[k["person_id"]]
        label = QUADRANT_LABELS[p["quadrant"]]
        basis = " (layer x depth)" if p.get("formal_power_basis") == "layer_and_depth" else ""
        rows.append(
            (
                p["person_id"],
                p["name"],
                str(p["rank"]),
                f"{p['known_by_many']:.2f} ({p['known_by']})",
                f"{p['depended_on_by_many']:.2f} ({p['direct_dependents']}"
                f"/{p['dependents_within_horizon']})",
                f"{p['important_neighbours']:.2f}",
                f"{p['composite']:.3f}",
                f"{p['formal_power']:.2f}{basis}",
                f"{label['en']} {label['zh']}",
                ", ".join(_REASONS.get(r, r) for r in k["reasons"]),
            )
        )
    print_table(console, columns, rows, title="Key people 关键客户", ids=(0,), head=(0, 1))


def _render_gaps(
    gaps: list[dict[str, Any]], ranking: dict[str, dict[str, Any]], console: Console
) -> None:
    """The coverage gaps, heaviest first (as ``full_analysis`` orders them)."""
    if not gaps:
        console.print("No coverage gaps.")
        return
    rows = []
    for g in gaps:
        pid = g["person_id"]
        name = ranking[pid]["name"] if pid in ranking else ""
        rows.append(
            (pid or "", name or g["group"] or "", g["code"], f"{g['weight']:.3f}",
             g["explanation"]["en"])
        )  # fmt: skip
    print_table(
        console, ("id", "who", "gap", "weight", "why"), rows,
        title="Coverage gaps 短木板 (heaviest first)", ids=(0,), head=(0, 1, 2),
    )  # fmt: skip


def _render_targets(targets: list[dict[str, Any]], console: Console) -> None:
    """The next targets with their warm paths (or why there is none)."""
    if not targets:
        console.print("No next targets: every key person is at their target level.")
        return
    rows = []
    for t in targets:
        parts = t["parts"]
        level = parts["level"]
        path = t["best_path"]
        route = (
            " -> ".join([path["staff_name"], *(p["name"] for p in path["people"])])
            if path
            else (t["note"] or {}).get("en", "no warm path")
        )
        owner = t["owner"]
        rows.append(
            (
                t["person_id"],
                t["name"],
                str(t["rank"]),
                f"{t['score']:.3f}",
                f"{level:+d} {LEVEL_LABELS[level][1]} -> {parts['target_level']:+d}",
                f"{parts['path_strength']:.3f}",
                route,
                _named(owner.get("name"), owner.get("staff_id")),
            )
        )
    columns = ("id", "target", "#", "score", "level", "path strength", "warm path", "owner")
    print_table(console, columns, rows, title="Next targets 下一步目标", ids=(0,), head=(0, 1))


def _named(name: str | None, staff_id: str | None) -> str:
    """``name (id)``, or whichever of the two is known."""
    if name and staff_id:
        return f"{name} ({staff_id})"
    return name or staff_id or ""
