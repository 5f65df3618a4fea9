// What did we know on date X? For each event reported on or before $as_of: the status given by
// the latest such report (same day: the firmer status wins), next to today's status. Events
// without any participant only with $show_all.
// @param as_of STRING  ISO day, e.g. '2021-12-05' (reports published that day count)
// @param show_all BOOLEAN?  true: also events without any participant (hidden by default)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("as_of", {"as_of": "2021-12-05"})
MATCH (e:Event)-[r:REPORTED_IN]->(a:Article)
WITH e, r, a, coalesce(r.published, a.published) AS published
WHERE published <= $as_of
  AND (coalesce($show_all, false) OR EXISTS { MATCH (x)-[:PARTICIPATED_IN]->(e)
       WHERE coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0) })
WITH e, r, a, published,
     CASE r.status WHEN 'occurred' THEN 6 WHEN 'cancelled' THEN 5 WHEN 'denied' THEN 4
       WHEN 'ongoing' THEN 3 WHEN 'planned' THEN 2 WHEN 'expected' THEN 1 ELSE 0 END AS strength
ORDER BY published DESC, strength DESC, a.id DESC
WITH e, collect({status: r.status, published: published, article: a.id,
                 time_text: r.time_text})[0] AS latest, count(*) AS reports_then
RETURN e.id AS event_id, e.type AS type, e.label AS label, latest.status AS status_then,
       latest.published AS reported, latest.article AS article_id,
       latest.time_text AS time_text_then, reports_then, e.status AS status_now
ORDER BY reported DESC, event_id
