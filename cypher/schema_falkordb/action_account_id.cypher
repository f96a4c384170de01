// Read an account's Action nodes.
CREATE INDEX FOR (n:Action) ON (n.account_id)
