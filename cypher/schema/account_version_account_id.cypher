// Read an account's AccountVersion nodes.
CREATE INDEX account_version_account_id IF NOT EXISTS FOR (n:AccountVersion) ON (n.account_id)
