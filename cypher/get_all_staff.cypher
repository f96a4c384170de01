// Every staff version valid on $day (ISO date; '9999-12-31' for the current ones).
MATCH (s:Staff)-[:HAS_VERSION]->(v:StaffVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN s.id AS id, properties(v) AS props
