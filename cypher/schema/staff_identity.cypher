// One Staff identity node per id.
CREATE CONSTRAINT staff_identity IF NOT EXISTS FOR (n:Staff) REQUIRE n.id IS UNIQUE
