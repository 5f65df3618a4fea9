// The evidence of one event: every article reporting it, with the sentence number, the
// character offsets of the trigger (into the article text as read), and what that report said;
// the event's further mentions in that article (their triggers, offsets and sentences: what a
// participant named only there rests on) as lists, empty when it has none.
// @param event_id STRING  the event's id
// @example run_query("event_evidence", {"event_id": "evt:1a2b3c"})
MATCH (e:Event {id: $event_id})-[r:REPORTED_IN]->(a:Article)
RETURN e.id AS event_id, e.label AS label, a.id AS article_id, a.title AS title, a.url AS url,
       a.source AS source, coalesce(r.published, a.published) AS published,
       r.sentence AS sentence, r.start AS start, r.end AS end, r.trigger AS trigger,
       r.sentence_start AS sentence_start, r.sentence_end AS sentence_end,
       r.status AS status, r.time_text AS time_text,
       coalesce(r.mention_triggers, []) AS mention_triggers, coalesce(r.mention_starts, []) AS mention_starts,
       coalesce(r.mention_ends, []) AS mention_ends, coalesce(r.mention_sentence_texts, []) AS mention_sentences
ORDER BY published, a.id, r.start
