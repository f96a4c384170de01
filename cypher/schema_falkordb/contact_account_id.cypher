// Read an account's :CONTACT relationships.
CREATE INDEX FOR ()-[r:CONTACT]-() ON (r.account_id)
