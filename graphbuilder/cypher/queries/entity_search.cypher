// Find entities by name or alias with the full-text index `entityNames` (Lucene syntax:
// fuzzy `Lawrow~`, prefix `Selen*`, phrases). Use it to find the exact name for other queries.
// @param text STRING  Lucene query text
// @param limit INTEGER?  how many (default 10)
// @example run_query("entity_search", {"text": "Lawrow~"})
CALL db.index.fulltext.queryNodes('entityNames', $text) YIELD node, score
RETURN node.id AS id, node.name AS name, labels(node)[0] AS kind, node.aliases AS aliases,
       round(score, 3) AS score
ORDER BY score DESC, name
LIMIT coalesce($limit, 10)
