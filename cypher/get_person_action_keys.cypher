// The ids of every action, ended or not, of $person_id.
MATCH (p:Person {id: $person_id})
WITH p
MATCH (p)-[:HAS_ACTION]->(n:Action)
RETURN DISTINCT n.id AS id
