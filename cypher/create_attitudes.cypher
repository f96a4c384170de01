// Start a version of each attitude: a new :Attitude node off the person holding the
// record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (p:Person {id: row.person_id})
CREATE (p)-[:HAS_ATTITUDE]->(n:Attitude)
SET n += row.props
