// Every version, ended or not, of the staff $id.
MATCH (s:Staff {id: $id})-[:HAS_VERSION]->(v:StaffVersion)
RETURN s.id AS id, properties(v) AS props
