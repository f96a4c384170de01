// Start a version of each competitor: its identity node (made on first sight) gets a new
// CompetitorVersion holding the record's fields and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (c:Competitor {id: row.id})
CREATE (c)-[:HAS_VERSION]->(v:CompetitorVersion)
SET v += row.props
