// One Opportunity identity node per id.
CREATE CONSTRAINT opportunity_identity IF NOT EXISTS FOR (n:Opportunity) REQUIRE n.id IS UNIQUE
