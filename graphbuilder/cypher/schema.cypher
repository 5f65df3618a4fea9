// graphbuilder schema for Neo4j 5 (applied automatically by Neo4jSink before its first write;
// by hand: cypher-shell -f cypher/schema.cypher). Every statement is idempotent (IF NOT EXISTS).
//
// A uniqueness constraint on `id` for every label: MERGE on (label, id) is an index seek and
// duplicates are impossible. Date(id) needs no extra index: its constraint is backed by one.

CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT event_id IF NOT EXISTS FOR (n:Event) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT location_id IF NOT EXISTS FOR (n:Location) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT date_id IF NOT EXISTS FOR (n:Date) REQUIRE n.id IS UNIQUE;

// Range indexes for the analyst queries (timelines, date windows, type and status filters).
CREATE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.start);
CREATE INDEX event_type IF NOT EXISTS FOR (n:Event) ON (n.type);
CREATE INDEX event_status IF NOT EXISTS FOR (n:Event) ON (n.status);
CREATE INDEX article_published IF NOT EXISTS FOR (n:Article) ON (n.published);

// Articles by the SHA-256 of their text: a plain text copy of a stored record is read as that
// record, and a record replaces its plain text copy ingested before (graphbuilder.core).
CREATE INDEX article_content_hash IF NOT EXISTS FOR (n:Article) ON (n.content_hash);

// Full-text search over entity names and aliases. `aliases` is a LIST<STRING> property;
// Neo4j 5 full-text indexes index every element of a string list (checked on 5.26).
// Example: CALL db.index.fulltext.queryNodes('entityNames', 'Lawrow~') YIELD node, score
CREATE FULLTEXT INDEX entityNames IF NOT EXISTS
FOR (n:Person|Organization|Location) ON EACH [n.name, n.aliases];

// Surname lookups during cross-article resolution: Person ids ending with "-<surname>"
// (a text index serves ENDS WITH).
CREATE TEXT INDEX person_id_text IF NOT EXISTS FOR (n:Person) ON (n.id);

// The lock node ingest transactions write first, so that they run one after the other
// (resolution reads what it writes; see graphbuilder/store/neo4j_sink.py, _LOCK_QUERY).
CREATE CONSTRAINT graphbuilder_lock IF NOT EXISTS FOR (n:GraphbuilderLock) REQUIRE n.id IS UNIQUE;
