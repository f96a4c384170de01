// Read an account's :REPORTS_TO relationships.
CREATE INDEX FOR ()-[r:REPORTS_TO]-() ON (r.account_id)
