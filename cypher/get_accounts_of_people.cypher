// The account of the current version of each person in $ids.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $ids AS wanted
MATCH (p:Person {id: wanted})
WITH p
MATCH (p)-[:HAS_VERSION]->(v:PersonVersion)
WHERE v.valid_to IS NULL
RETURN p.id AS id, v.account_id AS account_id
