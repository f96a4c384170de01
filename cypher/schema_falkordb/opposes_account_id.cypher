// Read an account's :OPPOSES relationships.
CREATE INDEX FOR ()-[r:OPPOSES]-() ON (r.account_id)
