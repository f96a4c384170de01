// Every staff version valid on $day (ISO date; '9999-12-31' for the current ones).
// By id: a graph store returns rows in no fixed order, and the graph builders add
// these records' nodes in the order read, so two reads must agree.
MATCH (s:Staff)-[:HAS_VERSION]->(v:StaffVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
RETURN s.id AS id, properties(v) AS props
ORDER BY id
