// End the current version of each contact row.staff_id -> row.person_id on the date
// row.valid_to.
UNWIND $rows AS row
MATCH (:Staff {id: row.staff_id})-[r:CONTACT]->(:Person {id: row.person_id})
WHERE r.valid_to IS NULL
SET r.valid_to = row.valid_to
