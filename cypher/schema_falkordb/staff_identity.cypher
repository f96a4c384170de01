// Look Staff identity nodes up by id (FalkorDB has no uniqueness constraints).
CREATE INDEX FOR (n:Staff) ON (n.id)
