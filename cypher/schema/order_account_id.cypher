// Read an account's Order nodes.
CREATE INDEX order_account_id IF NOT EXISTS FOR (n:Order) ON (n.account_id)
