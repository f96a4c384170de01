// Find interactions by id.
CREATE INDEX FOR (n:Interaction) ON (n.id)
