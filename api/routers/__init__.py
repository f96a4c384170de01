"""Feature routers, one per resource."""
