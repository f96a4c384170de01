// Erase, last step: delete the person $person_id's identity node and PersonVersion nodes
// with every relationship on them (every version of their ties, contacts and decision
// roles).
MATCH (p:Person {id: $person_id})
OPTIONAL MATCH (p)-[:HAS_VERSION]->(v:PersonVersion)
DETACH DELETE p, v
