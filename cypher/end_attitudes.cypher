// End the current version of each attitude of row.person_id (row.toward, row.as_of) on
// the date row.valid_to.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $rows AS row
MATCH (p:Person {id: row.person_id})
WITH row, p
MATCH (p)-[:HAS_ATTITUDE]->(n:Attitude)
WHERE n.toward = row.toward AND n.as_of = row.as_of AND n.valid_to IS NULL
SET n.valid_to = row.valid_to
