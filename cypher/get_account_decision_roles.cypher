// The decision roles of the accounts $accounts: versions valid on $day (ISO date;
// '9999-12-31' for the current ones).
// The endpoints are unlabelled so that FalkorDB starts from the account_id index.
MATCH (a)-[r:DECISION_ROLE]->(b)
WHERE r.account_id IN $accounts
  AND r.valid_from <= $day AND (r.valid_to IS NULL OR r.valid_to > $day)
RETURN a.id AS person_id, b.id AS opportunity_id, properties(r) AS props
