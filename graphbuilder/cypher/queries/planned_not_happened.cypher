// Planned events not (yet) reported as happened: status planned, expected or possible.
// With $as_of, `overdue` tells whether the planned date already lies before that day.
// @param as_of STRING?  optional ISO day to judge overdue plans against; null = no judgement
// @example run_query("planned_not_happened", {"as_of": "2022-01-01"})
MATCH (e:Event)
WHERE e.status IN ['planned', 'expected', 'possible']
OPTIONAL MATCH (who)-[:PARTICIPATED_IN]->(e)
OPTIONAL MATCH (e)-[r:REPORTED_IN]->(a:Article)
WITH e, collect(DISTINCT who.name) AS participants, max(coalesce(r.published, a.published)) AS last_report
RETURN e.id AS event_id, e.type AS type, e.label AS label, e.status AS status,
       e.start AS start, e.time_text AS time_text, participants, last_report,
       e.report_count AS reports,
       CASE WHEN $as_of IS NULL OR e.start IS NULL THEN null
            ELSE coalesce(e.end, e.start) < $as_of END AS overdue
ORDER BY e.start IS NULL, e.start, e.id
