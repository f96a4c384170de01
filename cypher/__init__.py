"""The Cypher statements of the Cypher store, one per file."""
