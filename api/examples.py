"""Examples for the OpenAPI document, computed by the analyses themselves.

The record examples (``api.schemas.EXAMPLES``) name one small account: Acme,
with Chen (CTO) reporting to Wang, our account manager Ann in touch with Chen,
one opportunity and a competitor. The analysis examples are the real results
of running graphcrm's analyses on that account, so they can never drift from
what the routes return. They are computed when the document is first asked
for, not at import.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from api.schemas import EXAMPLES
from graphcrm.analysis import (
    SetLevel,
    full_analysis,
    warm_paths,
    what_if,
)
from graphcrm.graph import build_account_graph
from graphcrm.model import TABLES, Dataset, Interaction, Person, RoleSlot

__all__ = ["AUDIT_ENTRY_EXAMPLE", "analysis_examples", "example_dataset"]

# One audit entry, as the audit list and a person's export show it.
AUDIT_ENTRY_EXAMPLE: dict[str, Any] = {
    "id": 812,
    "at": "2025-03-02T09:14:03.120000+00:00",
    "key_id": "3f9a1c2e",
    "principal": "alice",
    "team": "east-sales",
    "action": "read",
    "method": "GET",
    "route": "/api/v1/accounts/{account_id}/people/{person_id}",
    "path": "/api/v1/accounts/acme/people/p-chen",
    "account_id": "acme",
    "status": 200,
}

TODAY = date(2025, 4, 1)  # the day the examples are computed as of


def example_dataset() -> Dataset:
    """The account the OpenAPI examples describe, as records."""
    data = Dataset()
    for table, row in EXAMPLES.items():
        data.table(table).append(TABLES[table].model_validate(row))
    data.people.append(
        Person(
            id="p-wang",
            account_id="acme",
            name="Wang Fang",
            title="CEO",
            department="Executive",
            layer="decision",
            roles=["decision_maker"],
        )
    )
    # The interactions routes' example (old enough to count for no strength as of TODAY).
    from api.routers.interactions import EXAMPLE as INTERACTION

    data.interactions.append(Interaction.model_validate(INTERACTION))
    # The role slots routes' example: an approver in Finance nobody has identified yet.
    from api.routers.role_slots import EXAMPLE as SLOT

    data.role_slots.append(RoleSlot.model_validate(SLOT))
    return data


def analysis_examples() -> dict[str, Any]:
    """Route suffix (``importance``, ``paths`` ...) -> an example response body."""
    graph = build_account_graph(example_dataset(), "acme", as_of=TODAY)
    full = full_analysis(graph, today=TODAY)
    examples = {
        "importance": full["importance"],
        "key-people": full["key_people"],
        "coverage": full["coverage"],
        "next-targets": full["next_targets"],
        "fishbone": full["fishbone"],
        "paths": [p.to_dict() for p in warm_paths(graph, "p-wang")],
        "what-if": what_if(graph, [SetLevel("p-wang", 2)], today=TODAY).to_dict(),
    }
    return json.loads(json.dumps(examples, default=str))  # type: ignore[no-any-return]
