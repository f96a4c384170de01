"""The "my work" pages (issue 12 item 6): our staff to pick from, and one staff member's
agenda across the team's accounts (graphcrm.plans.progress.agenda: open actions and
unmet targets they own, by due date), bilingual.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphcrm.plans.progress import StaffAgenda
from viz.labels import Lang, level_label, progress_label, t
from viz.page import Nav, page
from viz.templating import render

__all__ = ["agenda_page", "staff_list_page"]

_CSS = ".overdue { color:#b42318; font-weight:600; }\n"


def _staff_href(nav: Nav, staff_id: str) -> str:
    return f"{nav.base}/staff/{staff_id}" + ("?lang=zh" if nav.lang == "zh" else "")


def staff_list_page(staff: Sequence[tuple[str, str]], nav: Nav) -> str:
    """Our staff (id, name), each linking to their agenda."""
    rows = [{"id": s, "name": n, "href": _staff_href(nav, s)} for s, n in staff]
    body = render("my_work.html", lang=nav.lang, staff=rows, agenda=None, heading="")
    return page(t("my_work", nav.lang), body, nav)


def _account_href(nav: Nav, account_id: str, view: str = "") -> str:
    return Nav(nav.lang, account_id, base=nav.base).href(view)


def _when(lang: Lang, days: int) -> str:
    return f"{days} {t('days', lang)}"


def agenda_page(found: StaffAgenda, name: str, nav: Nav) -> str:
    """``name``'s agenda: one row per open action or unmet target, overdue ones marked."""
    lang = nav.lang
    rows = []
    for item in found.items:
        row = {
            "kind": item.kind,
            "kind_label": t(f"kind_{item.kind}", lang),
            "due": item.due.isoformat() if item.due else "",
            "account": item.account_name,
            "account_href": _account_href(nav, item.account_id),
            "person": item.person_name,
            "person_href": _account_href(nav, item.account_id, f"cards/{item.person_id}"),
            "overdue": False,
            "what": "",
            "status": "",
        }
        if item.action is not None:
            row["what"] = item.action.description
            row["overdue"] = item.action.overdue
            if item.action.overdue:
                row["status"] = f"{t('overdue', lang)} {_when(lang, item.action.days_overdue)}"
        elif item.target is not None:
            target = item.target
            row["what"] = f"{t('target_level', lang)}: {level_label(target.target_level, lang)}"
            row["status"] = progress_label(target.status, lang)
        rows.append(row)
    title = t("agenda_of", lang).format(name=name)
    body = render(
        "my_work.html",
        lang=lang,
        staff=[],
        agenda=rows,
        heading=title,
        counts={
            "open": found.open_actions,
            "overdue": found.overdue_actions,
            "targets": found.targets,
        },
        back=f"{nav.base}/staff" + ("?lang=zh" if lang == "zh" else ""),
    )
    return page(title, body, nav, css=_CSS)
