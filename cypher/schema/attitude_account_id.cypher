// Read an account's Attitude nodes.
CREATE INDEX attitude_account_id IF NOT EXISTS FOR (n:Attitude) ON (n.account_id)
