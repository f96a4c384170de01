// End the current version of each plan of row.person_id on the date row.valid_to.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
WITH row, p
MATCH (p)-[:HAS_PLAN]->(n:Plan)
WHERE n.valid_to IS NULL
SET n.valid_to = row.valid_to
