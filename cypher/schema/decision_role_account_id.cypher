// Read an account's :DECISION_ROLE relationships.
CREATE INDEX decision_role_account_id IF NOT EXISTS FOR ()-[r:DECISION_ROLE]-() ON (r.account_id)
