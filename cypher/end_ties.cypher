// End the current version of each tie (row.rel_type, e.g. 'KNOWS', from row.source_id to
// row.target_id) on the date row.valid_to.
UNWIND $rows AS row
MATCH (:Person {id: row.source_id})
      -[r:REPORTS_TO|DEPENDS_ON|KNOWS|INFLUENCES|OPPOSES]->
      (:Person {id: row.target_id})
WHERE type(r) = row.rel_type AND r.valid_to IS NULL
SET r.valid_to = row.valid_to
