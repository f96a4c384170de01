// Find an account's WriteVersion node by scope (one lookup on every cached read).
CREATE INDEX FOR (n:WriteVersion) ON (n.scope)
