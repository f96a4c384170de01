// The write version of account $account_id: its count plus the count of the shared
// records (scope $shared); 0 when neither has been written. Neo4j keeps one node per
// scope (a uniqueness constraint); FalkorDB, with an index only, runs one write at a
// time, so neither makes duplicates; summing keeps the count growing if one ever did.
UNWIND [$account_id, $shared] AS scope
MATCH (w:WriteVersion {scope: scope})
RETURN sum(w.version) AS version
