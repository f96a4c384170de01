// Read an account's Interaction nodes.
CREATE INDEX interaction_account_id IF NOT EXISTS FOR (n:Interaction) ON (n.account_id)
