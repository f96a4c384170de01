// Erase, last step: delete the person $person_id's identity node with every relationship
// still on it (every version of their ties, contacts and decision roles).
MATCH (p:Person {id: $person_id})
DETACH DELETE p
