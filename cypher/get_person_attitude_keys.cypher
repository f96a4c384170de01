// The keys (toward, as_of) of every attitude, ended or not, of $person_id.
MATCH (p:Person {id: $person_id})
WITH p
MATCH (p)-[:HAS_ATTITUDE]->(n:Attitude)
RETURN DISTINCT n.toward AS toward, n.as_of AS as_of
