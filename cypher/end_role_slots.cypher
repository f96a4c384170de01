// End the current version of each role slot row.id on the date row.valid_to.
UNWIND $rows AS row
MATCH (n:RoleSlot {id: row.id})
WHERE n.valid_to IS NULL
SET n.valid_to = row.valid_to
