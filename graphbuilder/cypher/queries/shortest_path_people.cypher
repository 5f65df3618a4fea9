// The shortest chain linking two people through events they took part in (person - event -
// actor - event - … - person, over PARTICIPATED_IN only, at most 8 events apart).
// @param person_a STRING  name or alias of the first person (case-insensitive)
// @param person_b STRING  name or alias of the second person
// @example run_query("shortest_path_people", {"person_a": "Olaf Scholz", "person_b": "Joe Biden"})
MATCH (a:Person) WHERE toLower(a.name) = toLower($person_a)
   OR any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = toLower($person_a))
MATCH (b:Person) WHERE toLower(b.name) = toLower($person_b)
   OR any(alias IN coalesce(b.aliases, []) WHERE toLower(alias) = toLower($person_b))
WITH a, b WHERE a <> b
MATCH path = shortestPath((a)-[:PARTICIPATED_IN*..16]-(b))
RETURN a.name AS person_a, b.name AS person_b, length(path) / 2 AS events_apart,
       [n IN nodes(path) | coalesce(n.name, n.label, n.id)] AS chain,
       [n IN nodes(path) WHERE n:Event | n.id] AS event_ids
ORDER BY events_apart, person_a, person_b
