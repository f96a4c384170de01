// Read an account's :KNOWS relationships.
CREATE INDEX knows_account_id IF NOT EXISTS FOR ()-[r:KNOWS]-() ON (r.account_id)
