// The current version (not ended) of the opportunity $id: what a write checks against.
MATCH (o:Opportunity {id: $id})-[:HAS_VERSION]->(v:OpportunityVersion)
WHERE v.valid_to IS NULL
WITH o, v,
     CASE WHEN v.value <> 0
       THEN 53 - toInteger(floor(log(abs(v.value)) / log(2))) END AS k
RETURN o.id AS id, properties(v) AS props,
       [toInteger(v.value * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS value_exact
