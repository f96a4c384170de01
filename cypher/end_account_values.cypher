// End the current version of each assessment of row.account_id dated row.as_of on the
// date row.valid_to. WITH: start from the id index (FalkorDB's planner would scan the
// versions instead).
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
WITH row, a
MATCH (a)-[:HAS_VALUE]->(n:AccountValue)
WHERE n.as_of = row.as_of AND n.valid_to IS NULL
SET n.valid_to = row.valid_to
