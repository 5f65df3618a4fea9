// Timeline of one entity: every event a person, organisation or location took part in,
// oldest first (events without a date last), with its role and the other participants.
// @param entity STRING  name or alias, matched case-insensitively (exact, not a substring)
// @example run_query("entity_timeline", {"entity": "Angela Merkel"})
// @example Browser: :param entity => 'Angela Merkel'
MATCH (x:Person|Organization|Location)
WHERE toLower(x.name) = toLower($entity)
   OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = toLower($entity))
MATCH (x)-[p:PARTICIPATED_IN]->(e:Event)
OPTIONAL MATCH (other)-[:PARTICIPATED_IN]->(e) WHERE other <> x
WITH x, p, e, collect(DISTINCT other.name) AS others
RETURN x.id AS entity_id, x.name AS entity, e.id AS event_id, e.type AS type, e.label AS label,
       e.status AS status, e.start AS start, e.end AS end, e.precision AS precision,
       p.role AS role, others, e.report_count AS reports
ORDER BY e.start IS NULL, e.start, e.id
