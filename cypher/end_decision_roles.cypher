// End the current version of each decision role row.person_id -> row.opportunity_id
// (row.role) on the date row.valid_to.
UNWIND $rows AS row
MATCH (:Person {id: row.person_id})-[r:DECISION_ROLE]->(:Opportunity {id: row.opportunity_id})
WHERE r.role = row.role AND r.valid_to IS NULL
SET r.valid_to = row.valid_to
