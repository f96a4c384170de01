// Every contact version valid on $day (ISO date; '9999-12-31' for the current ones).
// strength_exact, frequency_per_month_exact: each float as [m, k], the value being
// exactly m * 2^-k (FalkorDB prints doubles with 15 significant digits; these integers
// carry all 53 bits).
MATCH (a:Staff)-[r:CONTACT]->(b:Person)
WHERE r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
WITH a, r, b,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k1,
     CASE WHEN r.frequency_per_month <> 0
       THEN 53 - toInteger(floor(log(abs(r.frequency_per_month)) / log(2))) END AS k2
RETURN a.id AS staff_id, b.id AS person_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k1 / 2) * 2.0 ^ (k1 - k1 / 2)), k1]
         AS strength_exact,
       [toInteger(r.frequency_per_month * 2.0 ^ (k2 / 2) * 2.0 ^ (k2 - k2 / 2)), k2]
         AS frequency_per_month_exact
