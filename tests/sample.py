"""A small hand-made account used across the suites: a reporting tree, a coach, a rival."""

from __future__ import annotations

import json
from pathlib import Path

from graphcrm.model import (
    Account,
    Action,
    Attitude,
    Competitor,
    Contact,
    Dataset,
    DecisionRoleAssignment,
    Opportunity,
    Person,
    Plan,
    Staff,
    Tie,
)


def small_account(account_id: str = "acme", prefix: str = "") -> Dataset:
    """Five people (a CEO, two directors, two engineers), two of our staff, one competitor."""
    p = prefix

    def pid(n: str) -> str:
        return f"{p}{n}"

    return Dataset(
        accounts=[
            Account(
                id=account_id,
                name="Acme 集团",
                industry="manufacturing",
                region="East",
                tier="strategic",
                org_level="partner",
            )
        ],
        staff=[
            Staff(
                id=pid("s-ar"),
                name="Ann Lee",
                title="Account manager",
                seniority=3,
                team="East",
                triangle_role="AR",
            ),
            Staff(
                id=pid("s-exec"), name="Bo Wang", title="VP", seniority=5, triangle_role="executive"
            ),
        ],
        competitors=[Competitor(id=pid("rival"), name="Rival Corp")],
        people=[
            Person(
                id=pid("ceo"),
                account_id=account_id,
                name="王总",
                title="CEO",
                department="Executive",
                layer="decision",
                roles="decision_maker",
            ),
            Person(
                id=pid("cto"),
                account_id=account_id,
                name="Chen",
                title="CTO",
                department="IT",
                layer="management",
                roles="evaluator;influencer",
                notes="prefers email",
            ),
            Person(
                id=pid("cfo"),
                account_id=account_id,
                name="Diaz",
                title="CFO",
                department="Finance",
                layer="management",
                roles=["approver"],
            ),
            Person(
                id=pid("eng1"),
                account_id=account_id,
                name="Eve",
                department="IT",
                layer="execution",
            ),
            Person(
                id=pid("eng2"),
                account_id=account_id,
                name="Fu",
                department="IT",
                layer="execution",
                roles="user",
            ),
        ],
        opportunities=[
            Opportunity(
                id=f"{account_id}-cloud",
                account_id=account_id,
                name="Cloud migration",
                stage="proposal",
                value=1.2e6,
            )
        ],
        ties=[
            Tie(type="reports_to", source_id=pid("cto"), target_id=pid("ceo")),
            Tie(type="reports_to", source_id=pid("cfo"), target_id=pid("ceo")),
            Tie(type="reports_to", source_id=pid("eng1"), target_id=pid("cto")),
            Tie(type="reports_to", source_id=pid("eng2"), target_id=pid("cto")),
            Tie(type="depends_on", source_id=pid("eng2"), target_id=pid("eng1"), strength=0.8),
            Tie(
                type="knows",
                source_id=pid("cto"),
                target_id=pid("cfo"),
                strength=0.6,
                since="2024-05-01",
            ),
            Tie(
                type="knows",
                source_id=pid("eng1"),
                target_id=pid("ceo"),
                strength=0.3,
                directed=True,
            ),
            Tie(type="influences", source_id=pid("cto"), target_id=pid("ceo"), strength=0.9),
        ],
        contacts=[
            Contact(
                staff_id=pid("s-ar"),
                person_id=pid("cto"),
                strength=0.8,
                frequency_per_month=4,
                last_contact="2026-10-20",
            ),
            Contact(staff_id=pid("s-ar"), person_id=pid("eng1"), strength=0.5),
            Contact(
                staff_id=pid("s-exec"),
                person_id=pid("cfo"),
                strength=0.4,
                last_contact="2026-03-01",
            ),
        ],
        attitudes=[
            Attitude(
                person_id=pid("cto"),
                level=3,
                as_of="2026-06-01",
                recognition=3,
                participation=3,
                information=3,
                guidance=3,
                project_support=3,
                competitive_preference=3,
                note="our coach",
            ),
            Attitude(person_id=pid("cfo"), level=0, as_of="2026-02-01"),
            Attitude(person_id=pid("cfo"), level=1, as_of="2026-09-01"),
            Attitude(person_id=pid("ceo"), level=2, toward=pid("rival"), as_of="2026-07-01"),
        ],
        decision_roles=[
            DecisionRoleAssignment(
                opportunity_id=f"{account_id}-cloud", person_id=pid("ceo"), role="decision_maker"
            ),
            DecisionRoleAssignment(
                opportunity_id=f"{account_id}-cloud", person_id=pid("cto"), role="evaluator"
            ),
            DecisionRoleAssignment(
                opportunity_id=f"{account_id}-cloud", person_id=pid("cfo"), role="approver"
            ),
        ],
        plans=[
            Plan(
                person_id=pid("ceo"),
                target_level=2,
                target_date="2027-03-31",
                owner_staff_id=pid("s-exec"),
                needs="cost control",
                pain_points="legacy ERP",
            )
        ],
        actions=[
            Action(
                person_id=pid("ceo"),
                description="Executive visit with our VP",
                due="2026-12-15",
                owner_staff_id=pid("s-exec"),
            ),
            Action(
                id="a-2",
                person_id=pid("ceo"),
                description="Send reference case",
                status="done",
                owner_staff_id=pid("s-ar"),
            ),
        ],
    )


def write_json(data: Dataset, path: Path) -> Path:
    """Write a dataset as an import-format JSON file, as a person would write it by hand."""
    doc: dict[str, list[dict[str, object]]] = {}
    for table, records in data.tables():
        rows = []
        for rec in records:
            row = {k: v for k, v in rec.model_dump(mode="json").items() if v is not None}
            if "roles" in row:
                row["roles"] = ";".join(row["roles"])
            rows.append(row)
        if rows:
            doc[table] = rows
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
