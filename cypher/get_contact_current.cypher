// The current version (not ended) of the contact $staff_id -> $person_id.
MATCH (a:Staff {id: $staff_id})-[r:CONTACT]->(b:Person {id: $person_id})
WHERE r.valid_to IS NULL
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
