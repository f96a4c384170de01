// One Person identity node per id.
CREATE CONSTRAINT person_identity IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE
