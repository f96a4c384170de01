// Find actions by id.
CREATE INDEX action_id IF NOT EXISTS FOR (n:Action) ON (n.id)
