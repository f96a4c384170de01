// Read an account's PersonVersion nodes.
CREATE INDEX person_version_account_id IF NOT EXISTS FOR (n:PersonVersion) ON (n.account_id)
