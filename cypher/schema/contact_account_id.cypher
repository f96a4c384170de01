// Read an account's :CONTACT relationships.
CREATE INDEX contact_account_id IF NOT EXISTS FOR ()-[r:CONTACT]-() ON (r.account_id)
