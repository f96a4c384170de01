// Every account version valid on $day (ISO date; '9999-12-31' for the current ones).
MATCH (a:Account)-[:HAS_VERSION]->(v:AccountVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN a.id AS id, properties(v) AS props
