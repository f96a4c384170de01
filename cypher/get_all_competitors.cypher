// Every competitor version valid on $day (ISO date; '9999-12-31' for the current ones).
// By id: a graph store returns rows in no fixed order, and the graph builders add
// these records' nodes in the order read, so two reads must agree.
MATCH (c:Competitor)-[:HAS_VERSION]->(v:CompetitorVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN c.id AS id, properties(v) AS props
ORDER BY id
