// End the current version of each order row.id of row.account_id on the date
// row.valid_to. WITH: start from the id index (FalkorDB's planner would scan the
// versions instead).
UNWIND $rows AS row
MATCH (a:Account {id: row.account_id})
WITH row, a
MATCH (a)-[:HAS_ORDER]->(n:Order)
WHERE n.id = row.id AND n.valid_to IS NULL
SET n.valid_to = row.valid_to
