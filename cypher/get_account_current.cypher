// The current version (not ended) of the account $id: what a write checks against.
MATCH (a:Account {id: $id})-[:HAS_VERSION]->(v:AccountVersion)
WHERE v.valid_to IS NULL
RETURN a.id AS id, properties(v) AS props
