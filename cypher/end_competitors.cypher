// End the current version of each competitor row.id on the date row.valid_to.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $rows AS row
MATCH (e:Competitor {id: row.id})
WITH row, e
MATCH (e)-[:HAS_VERSION]->(v:CompetitorVersion)
WHERE v.valid_to IS NULL
SET v.valid_to = row.valid_to
