// The account of the current version of each opportunity in $ids.
// WITH: start from the id index (FalkorDB's planner would scan the versions instead).
UNWIND $ids AS wanted
MATCH (o:Opportunity {id: wanted})
WITH o
MATCH (o)-[:HAS_VERSION]->(v:OpportunityVersion)
WHERE v.valid_to IS NULL
RETURN o.id AS id, v.account_id AS account_id
