// Start a version of each depends on tie: a new :DEPENDS_ON relationship holding
// strength, directed, since and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (s:Person {id: row.source_id})
MERGE (t:Person {id: row.target_id})
CREATE (s)-[r:DEPENDS_ON]->(t)
SET r += row.props
