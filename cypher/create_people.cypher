// Start a version of each person: its identity node (made on first sight) gets a new
// PersonVersion holding the record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (p:Person {id: row.id})
CREATE (p)-[:HAS_VERSION]->(v:PersonVersion)
SET v += row.props
