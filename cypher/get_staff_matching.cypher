// "Find anyone": our current staff whose name, title or team, lower-cased, holds $text
// (lower-case); the first $limit by id.
MATCH (s:Staff)-[:HAS_VERSION]->(v:StaffVersion)
WHERE v.valid_to IS NULL
  AND (toLower(v.name) CONTAINS $text
    OR toLower(coalesce(v.title, '')) CONTAINS $text
    OR toLower(coalesce(v.team, '')) CONTAINS $text)
RETURN s.id AS id, properties(v) AS props
ORDER BY s.id
LIMIT $limit
