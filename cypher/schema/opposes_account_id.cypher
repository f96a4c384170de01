// Read an account's :OPPOSES relationships.
CREATE INDEX opposes_account_id IF NOT EXISTS FOR ()-[r:OPPOSES]-() ON (r.account_id)
