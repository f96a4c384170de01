// Find interactions by id.
CREATE INDEX interaction_id IF NOT EXISTS FOR (n:Interaction) ON (n.id)
