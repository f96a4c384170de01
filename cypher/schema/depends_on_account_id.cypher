// Read an account's :DEPENDS_ON relationships.
CREATE INDEX depends_on_account_id IF NOT EXISTS FOR ()-[r:DEPENDS_ON]-() ON (r.account_id)
