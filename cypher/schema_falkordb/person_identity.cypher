// Look Person identity nodes up by id (FalkorDB has no uniqueness constraints).
CREATE INDEX FOR (n:Person) ON (n.id)
