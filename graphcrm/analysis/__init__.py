"""Analyses of one account's graph: pure functions, graph in, results out, no I/O.

The public API of the analysis engine (DESIGN.md, "Analyses"); every function
takes the account graph of :mod:`graphcrm.graph` first:

- :func:`importance`: the three rules of importance (known by many, depended
  on by many, important neighbours), composite, rank, formal power and the
  influence-matrix quadrant, per person.
- :func:`key_people`: the top K by importance plus every decision maker and approver.
- :func:`coverage`: relationship health, per-person coverage and quality, the gaps
  (:class:`GapCode` lists their codes; the rules are in :mod:`graphcrm.analysis.gaps`).
- :func:`warm_paths` and :func:`next_targets`: ways in to a person, and whom to win next.
- :func:`what_if`: health and gap changes for hypothetical changes.
- :func:`fishbone`: the decision chain as a fishbone, with layout.
- :func:`full_analysis`: all of the above as one JSON-ready dict.
- :func:`assess_level`: the level a six-dimension assessment supports.

Several functions share their module's name (``importance``, ``key_people``,
``coverage``, ``fishbone``, ``what_if``): as attributes of this package they
are the functions. Import anything else from a module with
``from graphcrm.analysis.coverage import Gap``, not ``import ... as``.
"""

from graphcrm.analysis.coverage import (
    GAP_CODES,
    CoverageReport,
    Gap,
    GapCode,
    PersonCoverage,
    coverage,
    noisy_or,
    quality,
)
from graphcrm.analysis.fishbone import (
    Bone,
    CompetitorLeaning,
    CoveringStaff,
    Fishbone,
    FishbonePerson,
    fishbone,
)
from graphcrm.analysis.importance import (
    DEFAULT_LAYER_WEIGHTS,
    DEFAULT_ROLE_WEIGHTS,
    QUADRANT_LABELS,
    QUADRANTS,
    PersonImportance,
    formal_power,
    importance,
    lending_graph,
)
from graphcrm.analysis.key_people import KeyPerson, default_k, key_people
from graphcrm.analysis.levels import (
    LevelAssessment,
    assess_level,
    current_level,
    level_from_assessment,
)
from graphcrm.analysis.paths import WarmPath, warm_paths
from graphcrm.analysis.report import full_analysis
from graphcrm.analysis.targets import NextTarget, next_targets
from graphcrm.analysis.what_if import AddContact, RemoveContact, SetLevel, WhatIfResult, what_if

__all__ = [
    "DEFAULT_LAYER_WEIGHTS",
    "DEFAULT_ROLE_WEIGHTS",
    "GAP_CODES",
    "QUADRANTS",
    "QUADRANT_LABELS",
    "AddContact",
    "Bone",
    "CompetitorLeaning",
    "CoverageReport",
    "CoveringStaff",
    "Fishbone",
    "FishbonePerson",
    "Gap",
    "GapCode",
    "KeyPerson",
    "LevelAssessment",
    "NextTarget",
    "PersonCoverage",
    "PersonImportance",
    "RemoveContact",
    "SetLevel",
    "WarmPath",
    "WhatIfResult",
    "assess_level",
    "coverage",
    "current_level",
    "default_k",
    "fishbone",
    "formal_power",
    "full_analysis",
    "importance",
    "key_people",
    "lending_graph",
    "level_from_assessment",
    "next_targets",
    "noisy_or",
    "quality",
    "warm_paths",
    "what_if",
]
