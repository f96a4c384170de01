// Start a version of each order: a new :Order node off the account holding the record's
// fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (a:Account {id: row.account_id})
CREATE (a)-[:HAS_ORDER]->(n:Order)
SET n += row.props
