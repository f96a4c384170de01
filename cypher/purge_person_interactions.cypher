// Erase, second step: take $person_id out of the people of every interaction version
// naming them (the next step deletes the versions this leaves with no customer person;
// FalkorDB drops a SET followed by WITH ... DELETE in one statement).
MATCH (n:Interaction)
WHERE $person_id IN n.person_ids
SET n.person_ids = [x IN n.person_ids WHERE x <> $person_id]
