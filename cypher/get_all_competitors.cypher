// Every competitor version valid on $day (ISO date; '9999-12-31' for the current ones).
MATCH (c:Competitor)-[:HAS_VERSION]->(v:CompetitorVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN c.id AS id, properties(v) AS props
