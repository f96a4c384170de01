// The account of the current version of each role slot in $ids.
UNWIND $ids AS wanted
MATCH (n:RoleSlot {id: wanted})
WHERE n.valid_to IS NULL
RETURN n.id AS id, n.account_id AS account_id
