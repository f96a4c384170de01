// Erase: delete every role slot version filled by $person_id (the slot's versions from
// before it was filled name nobody and stay).
MATCH (n:RoleSlot)
WHERE n.person_id = $person_id
DETACH DELETE n
