// Start a version of each interaction: a new :Interaction node holding the record's
// fields (its staff and people as lists of ids) and valid_from, recorded_at, account_id.
UNWIND $rows AS row
CREATE (n:Interaction)
SET n += row.props
