// End the current version of each staff row.id on the date row.valid_to.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $rows AS row
MATCH (e:Staff {id: row.id})
WITH row, e
MATCH (e)-[:HAS_VERSION]->(v:StaffVersion)
WHERE v.valid_to IS NULL
SET v.valid_to = row.valid_to
