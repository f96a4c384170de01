// Every account value assessment version valid on $day (ISO date; '9999-12-31' for the
// current ones).
MATCH (a:Account)-[:HAS_VALUE]->(n:AccountValue)
WHERE n.valid_from <= $day AND (n.valid_to IS NULL OR n.valid_to > $day)
RETURN a.id AS account_id, properties(n) AS props
