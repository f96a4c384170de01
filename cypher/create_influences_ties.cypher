// Start a version of each influences tie: a new :INFLUENCES relationship holding
// strength, directed, since and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (s:Person {id: row.source_id})
MERGE (t:Person {id: row.target_id})
CREATE (s)-[r:INFLUENCES]->(t)
SET r += row.props
