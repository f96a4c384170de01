// Start a version of each reports to tie: a new :REPORTS_TO relationship holding
// strength, directed, since and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (s:Person {id: row.source_id})
MERGE (t:Person {id: row.target_id})
CREATE (s)-[r:REPORTS_TO]->(t)
SET r += row.props
