// Read an account's AccountVersion nodes.
CREATE INDEX FOR (n:AccountVersion) ON (n.account_id)
