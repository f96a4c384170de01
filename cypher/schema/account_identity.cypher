// One Account identity node per id.
CREATE CONSTRAINT account_identity IF NOT EXISTS FOR (n:Account) REQUIRE n.id IS UNIQUE
