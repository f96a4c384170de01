// Start a version of each account: its identity node (made on first sight) gets a new
// AccountVersion holding the record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (a:Account {id: row.id})
CREATE (a)-[:HAS_VERSION]->(v:AccountVersion)
SET v += row.props
