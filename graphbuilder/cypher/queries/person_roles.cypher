// Roles of a person (HOLDS_ROLE): the titles held and at which organisation or country
// (`title` is the first of `titles` when several reports gave different titles).
// @param entity STRING  the person's name or alias (case-insensitive)
// @example run_query("person_roles", {"entity": "Olaf Scholz"})
MATCH (p:Person)
WHERE toLower(p.name) = toLower($entity)
   OR any(alias IN coalesce(p.aliases, []) WHERE toLower(alias) = toLower($entity))
MATCH (p)-[h:HOLDS_ROLE]->(o:Organization|Location)
RETURN p.id AS person_id, p.name AS person, h.title AS title,
       coalesce(h.titles, [h.title]) AS titles, o.id AS of_id, o.name AS of,
       labels(o)[0] AS of_kind, p.first_seen AS first_seen, p.last_seen AS last_seen
ORDER BY person, title, of
