// Every version, ended or not, of the order $id of $account_id. amount_exact,
// margin_exact: each float as [m, k], the value being exactly m * 2^-k (FalkorDB prints
// doubles with 15 significant digits; these integers carry all 53 bits).
MATCH (a:Account {id: $account_id})-[:HAS_ORDER]->(n:Order)
WHERE n.id = $id
WITH a, n,
     CASE WHEN n.amount <> 0
       THEN 53 - toInteger(floor(log(abs(n.amount)) / log(2))) END AS k,
     CASE WHEN n.margin <> 0
       THEN 53 - toInteger(floor(log(abs(n.margin)) / log(2))) END AS j
RETURN a.id AS account_id, properties(n) AS props,
       [toInteger(n.amount * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k] AS amount_exact,
       [toInteger(n.margin * 2.0 ^ (j / 2) * 2.0 ^ (j - j / 2)), j] AS margin_exact
