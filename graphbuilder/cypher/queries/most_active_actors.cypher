// Most active actors in a period: persons, organisations and locations ranked by the number of
// distinct events they took part in whose time overlaps [$from, $to] ($to may be a prefix).
// @param from STRING  first day, e.g. '2021-12-01'
// @param to STRING  last day (inclusive) or a 'YYYY-MM' / 'YYYY' prefix
// @param limit INTEGER?  how many (default 10)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("most_active_actors", {"from": "2021-12-01", "to": "2021-12", "limit": 5})
MATCH (x)-[:PARTICIPATED_IN]->(e:Event)
WHERE e.start <= $to + '~' AND coalesce(e.end, e.start) >= $from
  AND (x:Person OR x:Organization OR x:Location)
  AND coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0)
WITH x, count(DISTINCT e) AS events, collect(DISTINCT e.type) AS types
RETURN x.id AS id, x.name AS name, labels(x)[0] AS kind, events, types
ORDER BY events DESC, name
LIMIT coalesce($limit, 10)
