// Start a version of each account value assessment: a new :AccountValue node off the
// account holding the record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (a:Account {id: row.account_id})
CREATE (a)-[:HAS_VALUE]->(n:AccountValue)
SET n += row.props
