// Raise the write version of each scope row.scope (an account id, or '*shared' for the shared
// staff and competitors), making its WriteVersion node on the first write. Run last in
// a unit of work, so a reader never sees the new version before the data it counts.
UNWIND $rows AS row
MERGE (w:WriteVersion {scope: row.scope})
ON CREATE SET w.version = 1
ON MATCH SET w.version = w.version + 1
