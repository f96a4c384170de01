// Start a version of each decision role: a new :DECISION_ROLE relationship holding the
// record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (a:Person {id: row.person_id})
MERGE (b:Opportunity {id: row.opportunity_id})
CREATE (a)-[r:DECISION_ROLE]->(b)
SET r += row.props
