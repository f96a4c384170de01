// Read an account's RoleSlot nodes.
CREATE INDEX role_slot_account_id IF NOT EXISTS FOR (n:RoleSlot) ON (n.account_id)
