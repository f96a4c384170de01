// Read an account's :KNOWS relationships.
CREATE INDEX FOR ()-[r:KNOWS]-() ON (r.account_id)
