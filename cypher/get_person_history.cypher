// Every version, ended or not, of the person $id.
MATCH (p:Person {id: $id})-[:HAS_VERSION]->(v:PersonVersion)
RETURN p.id AS id, properties(v) AS props
