// The current version (not ended) of the decision role $person_id -> $opportunity_id ($role).
MATCH (a:Person {id: $person_id})-[r:DECISION_ROLE]->(b:Opportunity {id: $opportunity_id})
WHERE r.role = $role AND r.valid_to IS NULL
RETURN a.id AS person_id, b.id AS opportunity_id, properties(r) AS props
