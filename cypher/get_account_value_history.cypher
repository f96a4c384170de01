// Every version, ended or not, of the assessment of $account_id dated $as_of.
MATCH (a:Account {id: $account_id})-[:HAS_VALUE]->(n:AccountValue)
WHERE n.as_of = $as_of
RETURN a.id AS account_id, properties(n) AS props
