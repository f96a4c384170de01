// Read an account's :DECISION_ROLE relationships.
CREATE INDEX FOR ()-[r:DECISION_ROLE]-() ON (r.account_id)
