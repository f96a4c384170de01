// Read an account's RoleSlot nodes.
CREATE INDEX FOR (n:RoleSlot) ON (n.account_id)
