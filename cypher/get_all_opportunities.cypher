// Every opportunity version valid on $day (ISO date; '9999-12-31' for the current ones).
// value_exact: each float as [m, k], the value being exactly m * 2^-k (FalkorDB prints
// doubles with 15 significant digits; these integers carry all 53 bits).
MATCH (o:Opportunity)-[:HAS_VERSION]->(v:OpportunityVersion)
WHERE v.valid_from <= $day AND (v.valid_to IS NULL OR v.valid_to > $day)
WITH o, v,
     CASE WHEN v.value <> 0
       THEN 53 - toInteger(floor(log(abs(v.value)) / log(2))) END AS k
RETURN o.id AS id, properties(v) AS props,
       [toInteger(v.value * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS value_exact
