// Every version, ended or not, of the competitor $id.
MATCH (c:Competitor {id: $id})-[:HAS_VERSION]->(v:CompetitorVersion)
RETURN c.id AS id, properties(v) AS props
