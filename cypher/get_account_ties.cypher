// The ties of the accounts $accounts: versions valid on $day (ISO date; '9999-12-31' for
// the current ones). One branch per type, so each can use its account_id index; the
// endpoints are unlabelled so that FalkorDB starts from that index.
// strength_exact: each float as [m, k], the value being exactly m * 2^-k (FalkorDB
// prints doubles with 15 significant digits; these integers carry all 53 bits).
MATCH (s)-[r:REPORTS_TO]->(t)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN 'reports_to' AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
UNION ALL
MATCH (s)-[r:DEPENDS_ON]->(t)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN 'depends_on' AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
UNION ALL
MATCH (s)-[r:KNOWS]->(t)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN 'knows' AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
UNION ALL
MATCH (s)-[r:INFLUENCES]->(t)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN 'influences' AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
UNION ALL
MATCH (s)-[r:OPPOSES]->(t)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN 'opposes' AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
