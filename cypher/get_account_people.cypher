// The people of the accounts $accounts: versions valid on $day (ISO date; '9999-12-31'
// for the current ones).
MATCH (p:Person)-[:HAS_VERSION]->(v:PersonVersion)
WHERE v.account_id IN $accounts
  AND v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN p.id AS id, properties(v) AS props
