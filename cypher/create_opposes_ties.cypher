// Start a version of each opposes tie: a new :OPPOSES relationship holding strength,
// directed, since and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (s:Person {id: row.source_id})
MERGE (t:Person {id: row.target_id})
CREATE (s)-[r:OPPOSES]->(t)
SET r += row.props
