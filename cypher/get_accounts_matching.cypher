// "Find anyone": the current accounts among $accounts whose name or id, lower-cased,
// holds $text (lower-case); the first $limit by id.
MATCH (a:Account)-[:HAS_VERSION]->(v:AccountVersion)
WHERE v.valid_to IS NULL AND v.account_id IN $accounts
  AND (toLower(v.name) CONTAINS $text OR toLower(a.id) CONTAINS $text)
RETURN a.id AS id, properties(v) AS props
ORDER BY a.id
LIMIT $limit
