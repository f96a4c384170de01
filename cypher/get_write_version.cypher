// The write version of account $account_id: its count plus the count of the shared
// records (scope $shared); 0 when neither has been written. Summed over the matches so
// that a duplicate node (Neo4j MERGE races without a uniqueness constraint) only adds.
UNWIND [$account_id, $shared] AS scope
MATCH (w:WriteVersion {scope: scope})
RETURN sum(w.version) AS version
