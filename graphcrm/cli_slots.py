"""``show``'s table of unidentified roles (待识别角色, DESIGN.md "Method settings, conflict
ties, unidentified roles"): every role slot of the account, open ones marked."""

from __future__ import annotations

from rich.console import Console

from graphcrm.cli_tables import print_table
from graphcrm.model import Dataset, DecisionRole, Layer, zh_label

__all__ = ["OPEN", "print_role_slots"]

#: What the "filled by" column shows for a slot nobody is known to hold.
OPEN = "? 待识别"


def print_role_slots(console: Console, data: Dataset) -> None:
    """The account's role slots by opportunity and id (nothing when it has none): the
    role and layer in both languages, the department, who fills it (or ``OPEN``)."""
    if not data.role_slots:
        return
    names = {p.id: p.name for p in data.people}
    rows = []
    for slot in sorted(data.role_slots, key=lambda s: (s.opportunity_id, s.id)):
        role = DecisionRole(slot.role)
        layer = f"{slot.layer.value} {zh_label(Layer(slot.layer))}" if slot.layer else ""
        holder = OPEN
        if slot.person_id:
            holder = f"{slot.person_id} {names.get(slot.person_id, '')}".strip()
        rows.append(
            (
                slot.id,
                slot.opportunity_id,
                f"{role.value} {zh_label(role)}",
                slot.department or "",
                layer,
                holder,
                slot.note or "",
            )
        )
    columns = ("slot", "opportunity", "role 角色", "department 部门", "layer 层级", "filled by")
    print_table(
        console,
        (*columns, "note 备注"),
        rows,
        title="Unidentified roles 待识别角色",
        ids=(0, 1),
    )
