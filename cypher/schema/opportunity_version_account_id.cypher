// Read an account's OpportunityVersion nodes.
CREATE INDEX opportunity_version_account_id IF NOT EXISTS
FOR (n:OpportunityVersion) ON (n.account_id)
