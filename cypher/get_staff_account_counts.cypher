// Which of our staff have contacts in the most accounts (of $accounts): per staff
// member the number of accounts and of people they are in contact with now.
MATCH (s)-[r:CONTACT]->(p)
WHERE r.account_id IN $accounts AND r.valid_to IS NULL
RETURN s.id AS staff_id, count(DISTINCT r.account_id) AS accounts,
       count(DISTINCT p.id) AS people
