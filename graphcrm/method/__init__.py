"""The method, configurable: a team's settings for the analyses (DESIGN.md, "Method settings")."""

from graphcrm.method.settings import METHOD_DEFAULTS, MethodSettings, merged_settings

__all__ = ["METHOD_DEFAULTS", "MethodSettings", "merged_settings"]
