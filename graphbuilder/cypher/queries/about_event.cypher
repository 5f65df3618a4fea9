// Everything said ABOUT an event: statements, announcements, denials … linked to it by ABOUT,
// with who said it, when, and where it was reported (statements without any participant only
// with $show_all).
// @param event_id STRING  id of the event talked about (e.g. from events_between)
// @param show_all BOOLEAN?  true: also statements without any participant (hidden by default)
// @example run_query("about_event", {"event_id": "evt:1a2b3c"})
MATCH (s:Event)-[:ABOUT]->(e:Event {id: $event_id})
WHERE coalesce($show_all, false) OR EXISTS { (s)<-[:PARTICIPATED_IN]-() }
OPTIONAL MATCH (speaker)-[:PARTICIPATED_IN]->(s)
OPTIONAL MATCH (s)-[r:REPORTED_IN]->(a:Article)
WITH e, s, collect(DISTINCT speaker.name) AS speakers,
     collect(DISTINCT {article: a.id, title: a.title, published: coalesce(r.published, a.published),
                       sentence: r.sentence}) AS reports
RETURN e.label AS about, s.id AS statement_id, s.type AS type, s.label AS label,
       s.status AS status, s.start AS date, speakers,
       [x IN reports WHERE x.article IS NOT NULL] AS reports
ORDER BY s.start IS NULL, s.start, s.id
