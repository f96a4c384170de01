// Read an account's :INFLUENCES relationships.
CREATE INDEX influences_account_id IF NOT EXISTS FOR ()-[r:INFLUENCES]-() ON (r.account_id)
