// Read an account's Order nodes.
CREATE INDEX FOR (n:Order) ON (n.account_id)
