// Erase, first step: delete every version node hanging off the person $person_id (their
// own versions, attitudes, plans and actions), with their relationships.
MATCH (p:Person {id: $person_id})
WITH p
MATCH (p)-[:HAS_VERSION|HAS_ATTITUDE|HAS_PLAN|HAS_ACTION]->(v)
DETACH DELETE v
