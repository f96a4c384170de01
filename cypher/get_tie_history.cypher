// Every version, ended or not, of the tie $rel_type from $source_id to $target_id.
// strength_exact: each float as [m, k], the value being exactly m * 2^-k (FalkorDB
// prints doubles with 15 significant digits; these integers carry all 53 bits).
MATCH (s:Person {id: $source_id})
      -[r:REPORTS_TO|DEPENDS_ON|KNOWS|INFLUENCES|OPPOSES]->
      (t:Person {id: $target_id})
WHERE type(r) = $rel_type
WITH s, r, t,
     CASE WHEN r.strength <> 0
       THEN 53 - toInteger(floor(log(abs(r.strength)) / log(2))) END AS k
RETURN toLower(type(r)) AS type, s.id AS source_id, t.id AS target_id, properties(r) AS props,
       [toInteger(r.strength * 2.0 ^ (k / 2) * 2.0 ^ (k - k / 2)), k]
         AS strength_exact
