// Events at a location (LOCATED_IN), by name or alias, oldest first; events without any
// participant only with $show_all.
// @param location STRING  the location's name or alias (case-insensitive)
// @param show_all BOOLEAN?  true: also events without any participant (hidden by default)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @example run_query("events_at_location", {"location": "Genf"})
MATCH (l:Location)
WHERE toLower(l.name) = toLower($location)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($location))
MATCH (e:Event)-[:LOCATED_IN]->(l)
WHERE (coalesce($show_all, false) OR EXISTS { MATCH (x)-[:PARTICIPATED_IN]->(e)
       WHERE coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0) })
OPTIONAL MATCH (who)-[:PARTICIPATED_IN]->(e) WHERE coalesce(who.confidence, 1.0) >= coalesce($min_confidence, 0.0)
WITH l, e, collect(DISTINCT who.name) AS participants
RETURN l.name AS location, e.id AS event_id, e.type AS type, e.label AS label,
       e.status AS status, e.start AS start, e.end AS end, participants
ORDER BY e.start IS NULL, e.start, e.id
