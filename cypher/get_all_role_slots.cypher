// Every role slot version valid on $day (ISO date; '9999-12-31' for the current ones).
MATCH (o:Opportunity)-[:HAS_SLOT]->(n:RoleSlot)
WHERE n.valid_from <= $day AND (n.valid_to IS NULL OR n.valid_to > $day)
RETURN o.id AS opportunity_id, properties(n) AS props
