// Read an account's :DEPENDS_ON relationships.
CREATE INDEX FOR ()-[r:DEPENDS_ON]-() ON (r.account_id)
