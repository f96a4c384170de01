// Read an account's Plan nodes.
CREATE INDEX plan_account_id IF NOT EXISTS FOR (n:Plan) ON (n.account_id)
