// Read an account's Action nodes.
CREATE INDEX action_account_id IF NOT EXISTS FOR (n:Action) ON (n.account_id)
