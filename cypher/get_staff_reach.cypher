// Who-knows-whom: every current contact in the accounts $accounts, with the account it
// belongs to (one read across accounts, not one account load per account).
MATCH (s)-[r:CONTACT]->(p)
WHERE r.account_id IN $accounts AND r.valid_to IS NULL
RETURN s.id AS staff_id, p.id AS person_id, r.account_id AS account_id,
       r.strength AS strength
