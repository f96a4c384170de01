// Read an account's AccountValue nodes.
CREATE INDEX account_value_account_id IF NOT EXISTS FOR (n:AccountValue) ON (n.account_id)
