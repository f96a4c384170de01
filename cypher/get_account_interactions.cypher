// The interactions of the accounts $accounts: versions valid on $day (ISO date;
// '9999-12-31' for the current ones).
MATCH (n:Interaction)
WHERE n.account_id IN $accounts
  AND n.valid_from <= $day AND (n.valid_to IS NULL OR n.valid_to > $day)
RETURN properties(n) AS props
