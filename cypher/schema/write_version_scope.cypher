// One WriteVersion node per scope: the constraint makes concurrent MERGEs of a new scope
// wait on each other's lock instead of creating two nodes (and backs the lookup by scope).
CREATE CONSTRAINT write_version_scope IF NOT EXISTS FOR (n:WriteVersion) REQUIRE n.scope IS UNIQUE
