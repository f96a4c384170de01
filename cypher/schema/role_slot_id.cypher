// Find role slots by id.
CREATE INDEX role_slot_id IF NOT EXISTS FOR (n:RoleSlot) ON (n.id)
