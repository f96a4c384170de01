// Read an account's PersonVersion nodes.
CREATE INDEX FOR (n:PersonVersion) ON (n.account_id)
