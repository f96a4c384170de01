// Look Account identity nodes up by id (FalkorDB has no uniqueness constraints).
CREATE INDEX FOR (n:Account) ON (n.id)
