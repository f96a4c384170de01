// The staff of every contact, ended or not, with $person_id.
MATCH (a:Staff)-[:CONTACT]->(:Person {id: $person_id})
RETURN DISTINCT a.id AS staff_id
