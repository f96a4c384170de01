// Erase, third step: delete the interaction versions left with no customer person.
MATCH (n:Interaction)
WHERE size(n.person_ids) = 0
DELETE n
