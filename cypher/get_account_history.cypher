// Every version, ended or not, of the account $id.
MATCH (a:Account {id: $id})-[:HAS_VERSION]->(v:AccountVersion)
RETURN a.id AS id, properties(v) AS props
