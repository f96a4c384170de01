// Start a version of each action: a new :Action node off the person holding the record's
// fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (p:Person {id: row.person_id})
CREATE (p)-[:HAS_ACTION]->(n:Action)
SET n += row.props
