// One Competitor identity node per id.
CREATE CONSTRAINT competitor_identity IF NOT EXISTS FOR (n:Competitor) REQUIRE n.id IS UNIQUE
