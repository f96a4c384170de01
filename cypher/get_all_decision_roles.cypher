// Every decision role version valid on $day (ISO date; '9999-12-31' for the current ones).
MATCH (a:Person)-[r:DECISION_ROLE]->(b:Opportunity)
WHERE r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
RETURN a.id AS person_id, b.id AS opportunity_id, properties(r) AS props
