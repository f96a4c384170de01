// Start a version of each opportunity: its identity node (made on first sight) gets a
// new OpportunityVersion holding the record's fields and valid_from, recorded_at,
// account_id.
UNWIND $rows AS row
MERGE (o:Opportunity {id: row.id})
CREATE (o)-[:HAS_VERSION]->(v:OpportunityVersion)
SET v += row.props
