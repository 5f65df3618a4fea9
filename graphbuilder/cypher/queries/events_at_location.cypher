// Events at a location (LOCATED_IN), by name or alias, oldest first.
// @param location STRING  the location's name or alias (case-insensitive)
// @example run_query("events_at_location", {"location": "Genf"})
MATCH (l:Location)
WHERE toLower(l.name) = toLower($location)
   OR any(alias IN coalesce(l.aliases, []) WHERE toLower(alias) = toLower($location))
MATCH (e:Event)-[:LOCATED_IN]->(l)
OPTIONAL MATCH (who)-[:PARTICIPATED_IN]->(e)
WITH l, e, collect(DISTINCT who.name) AS participants
RETURN l.name AS location, e.id AS event_id, e.type AS type, e.label AS label,
       e.status AS status, e.start AS start, e.end AS end, participants
ORDER BY e.start IS NULL, e.start, e.id
