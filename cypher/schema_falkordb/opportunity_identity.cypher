// Look Opportunity identity nodes up by id (FalkorDB has no uniqueness constraints).
CREATE INDEX FOR (n:Opportunity) ON (n.id)
