// The current version (not ended) of the attitude of $person_id ($toward, $as_of).
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
MATCH (p:Person {id: $person_id})
WITH p
MATCH (p)-[:HAS_ATTITUDE]->(n:Attitude)
WHERE n.toward = $toward AND n.as_of = $as_of AND n.valid_to IS NULL
RETURN p.id AS person_id, properties(n) AS props
