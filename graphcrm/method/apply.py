"""A team's method settings as the analyses' parameters (DESIGN.md, "Method settings").

One mapping from settings keys to the keyword arguments of each analysis, so
the API, the CLI and the review read the settings the same way. A parameter
a caller gives explicitly (a query parameter, an option) wins over the
setting; everything else comes from the settings. With the defaults every
analysis gets exactly its own defaults.

The derived strength of interactions (type weights, half-life, lookback) is
applied when the account graph is built (:func:`strength_parameters`); the
portfolio's tier shares, value weights and cadence by :func:`portfolio_options`.
"""

from __future__ import annotations

from typing import Any

from graphcrm.interactions import StrengthParameters
from graphcrm.method.settings import MethodSettings
from graphcrm.model import InteractionType

__all__ = [
    "coverage_options",
    "full_analysis_options",
    "importance_options",
    "key_people_options",
    "path_options",
    "portfolio_options",
    "strength_parameters",
    "target_options",
]


def importance_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.importance.importance` (and the full analysis)."""
    return {
        "weights": s.rule_weight_tuple(),
        "horizon": s.horizon,
        "role_weights": s.role_weights.model_dump(),
        "layer_weights": s.layer_weights.model_dump(),
        "high": s.high,
    }


def key_people_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.key_people.key_people`."""
    return {"k": s.key_people_k}


def coverage_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.coverage.coverage`."""
    return {
        "weak_below": s.weak_threshold,
        "cadence_days": s.cadence_days.model_dump(),
        "supporter_level": s.supporter_level,
    }


def path_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.paths.warm_paths`: who may relay."""
    return {"min_level": s.relay_level}


def target_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.targets.next_targets`."""
    return {"target_level": s.target_level, "min_level": s.relay_level}


def full_analysis_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.analysis.report.full_analysis`: every option above."""
    return {
        **importance_options(s),
        **key_people_options(s),
        **coverage_options(s),
        **target_options(s),
    }


def strength_parameters(s: MethodSettings) -> StrengthParameters:
    """For :func:`graphcrm.graph.build_account_graph`: derived strength's parameters
    (DESIGN.md "Interactions"); the defaults give DESIGN's own."""
    weights = s.interaction_type_weights.model_dump()
    return StrengthParameters(
        weights=tuple((t, float(weights[t.value])) for t in InteractionType),
        half_life_days=float(s.half_life_days),
        lookback_days=s.lookback_days,
    )


def portfolio_options(s: MethodSettings) -> dict[str, Any]:
    """For :func:`graphcrm.portfolio.service.read_portfolio`: value weights, the shares
    of strategic, value and potential accounts (ordinary takes the rest) and cadence."""
    shares = s.tier_shares
    return {
        "weights": s.value_weights.model_dump(),
        "shares": (shares.strategic, shares.value, shares.potential),
        "cadence_days": s.cadence_days.model_dump(),
    }
