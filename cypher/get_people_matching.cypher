// "Find anyone": the current people of the accounts $accounts whose name, title or
// department, lower-cased, holds $text (lower-case); the first $limit by id.
MATCH (p:Person)-[:HAS_VERSION]->(v:PersonVersion)
WHERE v.valid_to IS NULL AND v.account_id IN $accounts
  AND (toLower(v.name) CONTAINS $text
    OR toLower(coalesce(v.title, '')) CONTAINS $text
    OR toLower(coalesce(v.department, '')) CONTAINS $text)
RETURN p.id AS id, properties(v) AS props
ORDER BY p.id
LIMIT $limit
