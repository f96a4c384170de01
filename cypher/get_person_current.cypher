// The current version (not ended) of the person $id: what a write checks against.
MATCH (p:Person {id: $id})-[:HAS_VERSION]->(v:PersonVersion)
WHERE v.valid_to IS NULL
RETURN p.id AS id, properties(v) AS props
