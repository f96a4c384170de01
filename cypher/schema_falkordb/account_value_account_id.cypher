// Read an account's AccountValue nodes.
CREATE INDEX FOR (n:AccountValue) ON (n.account_id)
