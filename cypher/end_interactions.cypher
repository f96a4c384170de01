// End the current version of each interaction row.id on the date row.valid_to.
UNWIND $rows AS row
MATCH (n:Interaction {id: row.id})
WHERE n.valid_to IS NULL
SET n.valid_to = row.valid_to
