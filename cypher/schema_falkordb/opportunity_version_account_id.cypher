// Read an account's OpportunityVersion nodes.
CREATE INDEX FOR (n:OpportunityVersion) ON (n.account_id)
