// Read an account's Interaction nodes.
CREATE INDEX FOR (n:Interaction) ON (n.account_id)
