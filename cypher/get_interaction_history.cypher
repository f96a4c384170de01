// Every version, ended or not, of the interaction $id.
MATCH (n:Interaction {id: $id})
RETURN properties(n) AS props
