// Start a version of each role slot (an unidentified role, 待识别角色): a new :RoleSlot
// node off its opportunity holding the record's fields (person_id too, while a slot is
// filled) and valid_from, recorded_at, account_id.
UNWIND $rows AS row
MERGE (o:Opportunity {id: row.opportunity_id})
CREATE (o)-[:HAS_SLOT]->(n:RoleSlot)
SET n += row.props
