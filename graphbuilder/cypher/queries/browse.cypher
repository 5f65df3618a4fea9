// The graph to start from in Neo4j Browser: the latest events as nodes with their participants
// and places (captions from cypher/browser-style.grass). Events without any participant are
// hidden unless $show_all; entities whose confidence is below $min_confidence are left out, and
// events whose confidence is below $min_event_confidence.
// @param limit INTEGER?  how many events (default 50)
// @param show_all BOOLEAN?  true: also events without any participant (hidden by default)
// @param min_confidence FLOAT?  hide entities whose confidence is lower (default: none hidden)
// @param min_event_confidence FLOAT?  hide events whose confidence (learned: P(real, participants right)) is lower
// @example run_query("browse", {"limit": 25, "min_confidence": 0.5})
// @example Browser: :param limit => 25, then paste the query (unset optional params: :param show_all => null)
MATCH (e:Event)
WHERE coalesce(e.confidence, 1.0) >= coalesce($min_event_confidence, 0.0)
  AND (coalesce($show_all, false) OR EXISTS { MATCH (x)-[:PARTICIPATED_IN]->(e)
      WHERE coalesce(x.confidence, 1.0) >= coalesce($min_confidence, 0.0) })
WITH e ORDER BY e.start IS NULL, e.start DESC, e.id LIMIT coalesce($limit, 50)
OPTIONAL MATCH took_part = (who)-[:PARTICIPATED_IN]->(e)
  WHERE coalesce(who.confidence, 1.0) >= coalesce($min_confidence, 0.0)
OPTIONAL MATCH place = (e)-[:LOCATED_IN]->(:Location)
RETURN e AS event, collect(DISTINCT took_part) AS participants, collect(DISTINCT place) AS places
ORDER BY e.start IS NULL, e.start DESC, e.id
