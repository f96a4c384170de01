// Start a version of each staff: its identity node (made on first sight) gets a new
// StaffVersion holding the record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (s:Staff {id: row.id})
CREATE (s)-[:HAS_VERSION]->(v:StaffVersion)
SET v += row.props
