// The keys of every tie, ended or not, with $person_id at either end (for a person's
// history and erasure). Two anchored matches: each starts from the person's id index.
MATCH (s:Person {id: $person_id})-[r:REPORTS_TO|DEPENDS_ON|KNOWS|INFLUENCES|OPPOSES]->(t:Person)
RETURN DISTINCT toLower(type(r)) AS type, s.id AS source_id, t.id AS target_id
UNION
MATCH (s:Person)-[r:REPORTS_TO|DEPENDS_ON|KNOWS|INFLUENCES|OPPOSES]->(t:Person {id: $person_id})
RETURN DISTINCT toLower(type(r)) AS type, s.id AS source_id, t.id AS target_id
