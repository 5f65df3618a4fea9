// Planned events not (yet) reported as happened: status planned, expected or possible
// (events without any participant only with $show_all).
// With $as_of, `overdue` tells whether the planned date already lies before that day.
// @param as_of STRING?  optional ISO day to judge overdue plans against; null = no judgement
// @param show_all BOOLEAN?  true: also events without any participant (hidden by default)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("planned_not_happened", {"as_of": "2022-01-01"})
MATCH (e:Event)
WHERE e.status IN ['planned', 'expected', 'possible']
  AND (coalesce($show_all, false) OR EXISTS { MATCH (x)-[:PARTICIPATED_IN]->(e)
       WHERE coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0) })
OPTIONAL MATCH (who)-[:PARTICIPATED_IN]->(e) WHERE coalesce(who.confidence, 1.0) >= coalesce($min_confidence, 0.0)
OPTIONAL MATCH (e)-[r:REPORTED_IN]->(a:Article)
WITH e, collect(DISTINCT who.name) AS participants, max(coalesce(r.published, a.published)) AS last_report
RETURN e.id AS event_id, e.type AS type, e.label AS label, e.status AS status,
       e.start AS start, e.time_text AS time_text, participants, last_report,
       e.report_count AS reports,
       CASE WHEN $as_of IS NULL OR e.start IS NULL THEN null
            ELSE coalesce(e.end, e.start) < $as_of END AS overdue
ORDER BY e.start IS NULL, e.start, e.id
