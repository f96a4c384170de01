// Find actions by id.
CREATE INDEX FOR (n:Action) ON (n.id)
