// Who met whom: pairs of actors taking part in the same MEETING, CALL or NEGOTIATION event,
// with how often, when first and last, and the events. Optionally only the pairs of one actor.
// @param entity STRING?  optional name or alias (case-insensitive); null = all pairs
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("who_met_whom", {"entity": "Joe Biden"})
// @example run_query("who_met_whom")
MATCH (a)-[:PARTICIPATED_IN]->(e:Event)<-[:PARTICIPATED_IN]-(b)
WHERE e.type IN ['MEETING', 'CALL', 'NEGOTIATION']
  AND (a:Person OR a:Organization OR a:Location) AND (b:Person OR b:Organization OR b:Location)
  AND CASE WHEN $entity IS NULL THEN a.id < b.id
      ELSE toLower(a.name) = toLower($entity)
        OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($entity)) END
  AND a <> b
  AND coalesce(a.confidence, 1.0) >= coalesce($min_confidence, 0.0)
  AND coalesce(b.confidence, 1.0) >= coalesce($min_confidence, 0.0)
WITH a, b, e ORDER BY e.start, e.id
RETURN a.name AS actor, b.name AS met, count(DISTINCT e) AS times,
       min(e.start) AS first, max(e.start) AS last,
       collect(DISTINCT e.type) AS kinds, collect(DISTINCT e.id) AS event_ids
ORDER BY times DESC, actor, met
