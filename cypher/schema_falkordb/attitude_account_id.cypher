// Read an account's Attitude nodes.
CREATE INDEX FOR (n:Attitude) ON (n.account_id)
