// The ids of every interaction, ended or not, naming $person_id among its people.
MATCH (n:Interaction)
WHERE $person_id IN n.person_ids
RETURN DISTINCT n.id AS id
