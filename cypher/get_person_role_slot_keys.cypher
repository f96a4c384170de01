// The ids of every role slot, ended or not, with a version filled by $person_id.
MATCH (n:RoleSlot)
WHERE n.person_id = $person_id
RETURN DISTINCT n.id AS id
