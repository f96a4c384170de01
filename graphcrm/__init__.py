"""graphcrm: relationship-graph analysis for key-account sales teams."""

__version__ = "0.1.0"
