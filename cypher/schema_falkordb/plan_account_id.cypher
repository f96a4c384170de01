// Read an account's Plan nodes.
CREATE INDEX FOR (n:Plan) ON (n.account_id)
