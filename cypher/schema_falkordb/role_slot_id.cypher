// Find role slots by id.
CREATE INDEX FOR (n:RoleSlot) ON (n.id)
