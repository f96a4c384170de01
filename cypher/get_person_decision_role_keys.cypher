// The keys (opportunity, role) of every decision role, ended or not, of $person_id.
MATCH (:Person {id: $person_id})-[r:DECISION_ROLE]->(b:Opportunity)
RETURN DISTINCT b.id AS opportunity_id, r.role AS role
