"""The pages' Jinja2 templates (viz/templates/), autoescaping on (issue 11 item 8).

Every value a template prints is escaped unless it is ``Markup``; only markup
built by our own escaping code (the viz/ functions that draw SVG, charts,
tables and the map's data) is marked safe, at the call that hands it over.
The web layer renders the same environment through FastAPI's
``Jinja2Templates`` (api/ui_templates.py), so there is one set of templates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from viz.form_labels import ft
from viz.labels import dimension_label, level_label, progress_label, t
from viz.palette import level_colour, text_on

__all__ = ["ENV", "TEMPLATES", "Markup", "chips", "render"]

#: The one folder of templates, beside the static files the pages load.
TEMPLATES = Path(__file__).parent / "templates"

ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    # Every template escapes, whatever its name ends with; nothing slips through as .txt.
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.globals.update(
    t=t,
    ft=ft,
    level_label=level_label,
    dimension_label=dimension_label,
    progress_label=progress_label,
    level_colour=level_colour,
    text_on=text_on,
)


def render(name: str, **context: Any) -> str:
    """The template ``name`` filled with ``context``, as text."""
    return ENV.get_template(name).render(**context)


def chips() -> Any:
    """The shared chips' macros (templates/chips.html: level chip, level move, arrow,
    progress badge), callable from Python; each call returns escaped ``Markup``."""
    return ENV.get_template("chips.html").module
