// Read an account's :REPORTS_TO relationships.
CREATE INDEX reports_to_account_id IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() ON (r.account_id)
