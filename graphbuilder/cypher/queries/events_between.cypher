// Events whose time overlaps a period: start <= $to and (end, or start) >= $from.
// Dates are ISO strings and compare lexicographically; $to may be a prefix ('2021-12' = the whole
// month). Undated events are not listed, nor (unless $show_all) events without any participant.
// @param from STRING  first day, e.g. '2021-12-01'
// @param to STRING  last day (inclusive) or a 'YYYY-MM' / 'YYYY' prefix
// @param show_all BOOLEAN?  true: also events without any participant (hidden by default)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("events_between", {"from": "2021-12-01", "to": "2021-12-31"})
MATCH (e:Event)
WHERE e.start <= $to + '~' AND coalesce(e.end, e.start) >= $from
  AND (coalesce($show_all, false) OR EXISTS { MATCH (x)-[:PARTICIPATED_IN]->(e)
       WHERE coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0) })
OPTIONAL MATCH (who)-[:PARTICIPATED_IN]->(e) WHERE coalesce(who.confidence, 1.0) >= coalesce($min_confidence, 0.0)
OPTIONAL MATCH (e)-[:LOCATED_IN]->(loc:Location)
WITH e, collect(DISTINCT who.name) AS participants, collect(DISTINCT loc.name) AS locations
RETURN e.id AS event_id, e.type AS type, e.label AS label, e.status AS status, e.start AS start,
       e.end AS end, e.precision AS precision, participants, locations,
       e.report_count AS reports
ORDER BY e.start, e.id
