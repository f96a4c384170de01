// Look Competitor identity nodes up by id (FalkorDB has no uniqueness constraints).
CREATE INDEX FOR (n:Competitor) ON (n.id)
