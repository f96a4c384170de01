// Every version, ended or not, of the role slot $id.
MATCH (o:Opportunity)-[:HAS_SLOT]->(n:RoleSlot {id: $id})
RETURN o.id AS opportunity_id, properties(n) AS props
