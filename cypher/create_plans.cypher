// Start a version of each plan: a new :Plan node off the person holding the record's
// fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (p:Person {id: row.person_id})
CREATE (p)-[:HAS_PLAN]->(n:Plan)
SET n += row.props
