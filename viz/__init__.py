"""Rendering: the pages and files graphcrm's browser views serve (DESIGN.md, "viz/").

Every function takes an :class:`AccountView` (the account graph with the
analyses' results, as the service computed them) and a language, and returns
HTML, SVG or file bytes. Nothing here reads a store or knows the web layer.
"""

from viz.account import AccountView, Chain, HealthPoint, LevelChange
from viz.assessment import assessment_csv, assessment_page, assessment_rows, assessment_xlsx
from viz.assets import asset
from viz.cards import card_of, cards_page, cards_xlsx
from viz.dashboard import accounts_page, dashboard_page
from viz.fishbone_view import fishbone_page, fishbone_svg
from viz.labels import Lang, parse_lang
from viz.orgmap import map_data, map_page
from viz.page import Nav
from viz.power_chart import power_page, power_svg
from viz.review_page import review_page
from viz.sign_in import not_found_page, sign_in_page
from viz.task_book_page import task_book_page

__all__ = [
    "AccountView",
    "Chain",
    "HealthPoint",
    "Lang",
    "LevelChange",
    "Nav",
    "accounts_page",
    "assessment_csv",
    "assessment_page",
    "assessment_rows",
    "assessment_xlsx",
    "asset",
    "card_of",
    "cards_page",
    "cards_xlsx",
    "dashboard_page",
    "fishbone_page",
    "fishbone_svg",
    "map_data",
    "map_page",
    "not_found_page",
    "parse_lang",
    "power_page",
    "power_svg",
    "review_page",
    "sign_in_page",
    "task_book_page",
]
