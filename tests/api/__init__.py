"""Tests of the REST API (api/) and of the access control it relies on (graphcrm.access)."""
