// Find an account's WriteVersion node by scope (one lookup on every cached read).
CREATE INDEX write_version_scope IF NOT EXISTS FOR (n:WriteVersion) ON (n.scope)
