// Every version, ended or not, of the plan of $person_id.
MATCH (p:Person {id: $person_id})-[:HAS_PLAN]->(n:Plan)
RETURN p.id AS person_id, properties(n) AS props
