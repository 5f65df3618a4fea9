"""Export a graph (a store or a :class:`GraphBatch`) as APOC JSON lines, GraphML or Cypher.

* ``apoc-jsonl``: the JSON-lines format of ``apoc.export.json.all`` (loadable with
  ``apoc.import.json``): node lines ``{"type":"node","id":"0","labels":[…],"properties":{…}}``,
  then relationship lines ``{"type":"relationship","id":"0","label":"T","properties":{…},
  "start":{"id":…,"labels":[…]},"end":{…}}`` (empty property maps omitted, as APOC does);
  numeric ids are export-local, our own ``id`` stays in ``properties``. ``apoc.import.json``
  needs ``CREATE CONSTRAINT FOR (n:<Label>) REQUIRE n.neo4jImportId IS UNIQUE`` per label
  first, and keeps the numeric id as ``neo4jImportId`` on each node.
* ``graphml``: written by networkx, shaped like APOC's GraphML (``apoc.import.graphml`` with
  ``readLabels: true`` loads it): ``<node labels=":Label">`` plus a ``labels`` data attribute,
  ``<edge label="TYPE">`` plus a ``label`` data attribute; lists are JSON-encoded strings whose
  keys carry ``attr.list``; maps are JSON strings.
* ``cypher``: a cypher-shell script of ``MERGE … SET … += {…};`` statements.

Property values are made Neo4j-storable first: maps and non-homogeneous lists become JSON
strings, ``None`` and non-finite floats are dropped.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any, Literal, TextIO

import networkx

from graphbuilder.models import GraphBatch, Relationship
from graphbuilder.store.values import check_label, check_rel_type, property_value, to_storable

ExportFormat = Literal["apoc-jsonl", "graphml", "cypher"]
FORMATS: tuple[str, ...] = ("apoc-jsonl", "graphml", "cypher")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _as_batch(store_or_batch: Any) -> GraphBatch:
    """The graph as a batch sorted by (label, id) and (type, start, end), property keys sorted."""
    batch = store_or_batch if isinstance(store_or_batch, GraphBatch) else store_or_batch.to_batch()
    # property keys sorted too: a store (Neo4j) may hand them back in any order
    return GraphBatch(
        nodes=[n.model_copy(update={"props": dict(sorted(n.props.items()))})
               for n in sorted(batch.nodes, key=lambda n: (n.label, n.id))],
        relationships=[r.model_copy(update={"props": dict(sorted(r.props.items()))})
                       for r in sorted(batch.relationships, key=lambda r: (r.type, r.start, r.end))],
    )


storable_value = property_value  # a value Neo4j can hold, or None when it should be skipped


def storable_props(props: dict[str, Any], node_id: str | None = None) -> dict[str, Any]:
    """Props with storable values only, sorted by key (``id`` set when given)."""
    out = {k: storable_value(v) for k, v in props.items()}
    if node_id is not None:
        out["id"] = node_id
    return {k: out[k] for k in sorted(out) if out[k] is not None}


# -- Cypher literals ------------------------------------------------------------------------

_STRING_ESCAPES = {
    "\\": "\\\\", "'": "\\'", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t",
    "\b": "\\b", "\f": "\\f",
}


def _cypher_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029":
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "'" + "".join(out) + "'"


def cypher_name(name: str) -> str:
    """A property key / label as a Cypher identifier, backtick-quoted when needed."""
    if _IDENTIFIER.match(name):
        return name
    return "`" + name.replace("`", "``") + "`"


def cypher_literal(value: Any) -> str:
    """``value`` as a Cypher literal (string, number, boolean, null, list or map)."""
    value = to_storable(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"no Cypher literal for {value!r}")
        return repr(value).replace("e+", "e")  # Cypher exponents take no '+'
    if isinstance(value, str):
        return _cypher_string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return cypher_map(value)
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_map(props: dict[str, Any]) -> str:
    """A Cypher map literal ``{key: value, …}`` (keys sorted, ``None`` values skipped)."""
    items = [
        f"{cypher_name(str(k))}: {cypher_literal(v)}"
        for k, v in sorted(props.items(), key=lambda kv: str(kv[0]))
        if v is not None
    ]
    return "{" + ", ".join(items) + "}"


# -- writers --------------------------------------------------------------------------------


def _write_apoc_jsonl(batch: GraphBatch, out: TextIO) -> None:
    local: dict[str, tuple[str, list[str]]] = {}
    for i, node in enumerate(batch.nodes):
        local[node.id] = (str(i), [check_label(node.label)])
        line: dict[str, Any] = {"type": "node", "id": str(i), "labels": [node.label]}
        props = storable_props(node.props, node.id)
        if props:
            line["properties"] = props
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
    for i, rel in enumerate(batch.relationships):
        line = {"type": "relationship", "id": str(i), "label": check_rel_type(rel.type)}
        props = storable_props(rel.props)
        if props:
            line["properties"] = props
        for side, node_id, label in (("start", rel.start, rel.start_label),
                                     ("end", rel.end, rel.end_label)):
            num, labels = local.get(node_id) or _missing(rel, node_id, label)
            line[side] = {"id": num, "labels": labels}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


def _missing(rel: Relationship, node_id: str, label: str) -> tuple[str, list[str]]:
    raise ValueError(f"{rel.type} endpoint {node_id!r} ({label}) is not among the nodes")


_GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
_GRAPHML_LIST_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _graphml_value(value: Any) -> Any:
    value = storable_value(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _list_attributes(items: list[dict[str, Any]]) -> dict[str, str]:
    """Attribute names whose values are all lists, with the GraphML type of their elements."""
    seen: dict[str, set[str]] = {}
    for props in items:
        for key, raw in props.items():
            value = storable_value(raw)
            if value is None:
                continue
            kinds = seen.setdefault(key, set())
            if isinstance(value, list):
                kinds.update(_GRAPHML_LIST_TYPES[type(v)] for v in value)
                kinds.add("list")
            else:
                kinds.add("scalar")
    out = {}
    for key, kinds in seen.items():
        if "scalar" not in kinds:
            elem = kinds - {"list"}
            out[key] = elem.pop() if len(elem) == 1 else ("double" if elem == {"long", "double"}
                                                          else "string")
    return out


def _write_graphml(batch: GraphBatch, out: TextIO) -> None:
    from lxml import etree

    graph = networkx.MultiDiGraph()
    for node in batch.nodes:
        attrs = {k: _graphml_value(v) for k, v in node.props.items()}
        attrs["id"] = node.id
        attrs["labels"] = ":" + check_label(node.label)
        graph.add_node(node.id)
        graph.nodes[node.id].update({k: v for k, v in attrs.items() if v is not None})
    for rel in batch.relationships:
        if rel.start not in graph or rel.end not in graph:
            missing = rel.start if rel.start not in graph else rel.end
            _missing(rel, missing, "?")
        attrs = {k: _graphml_value(v) for k, v in rel.props.items()}
        attrs["label"] = check_rel_type(rel.type)
        graph.add_edge(rel.start, rel.end, key=rel.type)
        graph.edges[rel.start, rel.end, rel.type].update(
            {k: v for k, v in attrs.items() if v is not None}
        )
    root = etree.fromstring("\n".join(networkx.generate_graphml(graph)).encode("utf-8"))
    # As APOC writes it: list-valued keys carry attr.list; <node labels=":L">, <edge label="T">
    lists = {"node": _list_attributes([n.props for n in batch.nodes]),
             "edge": _list_attributes([r.props for r in batch.relationships])}
    key_ids: dict[tuple[str, str], str] = {}
    for key in root.iter(_GRAPHML_NS + "key"):
        scope, name = key.get("for"), key.get("attr.name")
        key_ids[(scope, name)] = key.get("id")
        if name in lists.get(scope, {}):
            key.set("attr.list", lists[scope][name])
    for tag, attr in (("node", "labels"), ("edge", "label")):
        # APOC's key ids are "labels"/"label": its reader skips those as properties
        key_id = key_ids[(tag, attr)] if (tag, attr) in key_ids else None
        for key in root.iter(_GRAPHML_NS + "key"):
            if key.get("id") == key_id:
                key.set("id", attr)
        for element in root.iter(_GRAPHML_NS + tag):
            for data in element.iter(_GRAPHML_NS + "data"):
                if data.get("key") == key_id:
                    data.set("key", attr)
                    element.set(attr, data.text or "")
    out.write(etree.tostring(root, pretty_print=True, xml_declaration=True,
                             encoding="UTF-8").decode("utf-8"))


def _write_cypher(batch: GraphBatch, out: TextIO) -> None:
    out.write("// graphbuilder export: run with cypher-shell -f <file>\n")
    for label in sorted({n.label for n in batch.nodes} | {r.start_label for r in batch.relationships}
                        | {r.end_label for r in batch.relationships}):
        # same names as cypher/schema.cypher
        out.write(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{check_label(label)}) "
                  "REQUIRE n.id IS UNIQUE;\n")
    out.write(":begin\n")
    for node in batch.nodes:
        props = storable_props(node.props, node.id)
        del props["id"]
        stmt = f"MERGE (n:{check_label(node.label)} {{id: {cypher_literal(node.id)}}})"
        if props:
            stmt += f" SET n += {cypher_map(props)}"
        out.write(stmt + ";\n")
    for rel in batch.relationships:
        props = storable_props(rel.props)
        stmt = (
            f"MATCH (a:{check_label(rel.start_label)} {{id: {cypher_literal(rel.start)}}}), "
            f"(b:{check_label(rel.end_label)} {{id: {cypher_literal(rel.end)}}}) "
            f"MERGE (a)-[r:{check_rel_type(rel.type)}]->(b)"
        )
        if props:
            stmt += f" SET r += {cypher_map(props)}"
        out.write(stmt + ";\n")
    out.write(":commit\n")


_WRITERS = {"apoc-jsonl": _write_apoc_jsonl, "graphml": _write_graphml, "cypher": _write_cypher}


def export(store_or_batch: Any, format: ExportFormat, out: TextIO) -> dict[str, int]:
    """Write the whole graph to ``out`` in ``format``; return ``{"nodes": n, "relationships": m}``."""
    if format not in _WRITERS:
        raise ValueError(f"unknown export format {format!r}; expected one of {FORMATS}")
    batch = _as_batch(store_or_batch)
    _WRITERS[format](batch, out)
    return {"nodes": len(batch.nodes), "relationships": len(batch.relationships)}
