// Read an account's :INFLUENCES relationships.
CREATE INDEX FOR ()-[r:INFLUENCES]-() ON (r.account_id)
