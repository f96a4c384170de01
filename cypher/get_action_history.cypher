// Every version, ended or not, of the action $id.
MATCH (p:Person)-[:HAS_ACTION]->(n:Action {id: $id})
RETURN p.id AS person_id, properties(n) AS props
