// Start a version of each contact: a new :CONTACT relationship holding the record's
// fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (a:Staff {id: row.staff_id})
MERGE (b:Person {id: row.person_id})
CREATE (a)-[r:CONTACT]->(b)
SET r += row.props
