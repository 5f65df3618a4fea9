// The evidence of one event: every article reporting it, with the sentence number, the
// character offsets of the trigger (into the article text as read), and what that report said.
// @param event_id STRING  the event's id
// @example run_query("event_evidence", {"event_id": "evt:1a2b3c"})
MATCH (e:Event {id: $event_id})-[r:REPORTED_IN]->(a:Article)
RETURN e.id AS event_id, e.label AS label, a.id AS article_id, a.title AS title, a.url AS url,
       a.source AS source, coalesce(r.published, a.published) AS published,
       r.sentence AS sentence, r.start AS start, r.end AS end, r.trigger AS trigger,
       r.sentence_start AS sentence_start, r.sentence_end AS sentence_end,
       r.status AS status, r.time_text AS time_text
ORDER BY published, a.id, r.start
