// Erase, first step: delete the attitude, plan and action version nodes hanging off the
// person $person_id. Their own versions stay for the last step, so that a unit cut short
// here (FalkorDB runs each statement on its own) still finds the person to erase again.
MATCH (p:Person {id: $person_id})
WITH p
MATCH (p)-[:HAS_ATTITUDE|HAS_PLAN|HAS_ACTION]->(v)
DETACH DELETE v
