"""Readable event labels built from an event's structure, in the article's language.

"Anna Alt trifft Bert Berg in Oslo" / "Anna Alt meets Bert Berg in Oslo", "Statement by X on Y",
"Attack on X in Z", "X und Y wollen sich treffen" (planned): the words come from data, one file
per language (``data/labels/{de,en}.toml``), validated on load against the schema
(:mod:`graphbuilder.schema`: event types, statuses, roles) — an unknown type, status, role or
slot is a :class:`~graphbuilder.schema.SchemaError` naming the file and key. A label never
shows the bare trigger word: an event without participants gets its type's participant-free
template ("Statement (speaker not identified)").

How a label is chosen (see the comment at the top of ``en.toml``): participants are split into
*actors* and *targets* by their role (per type), the event's place is taken out of the
participants, and the first template of the type's list for the status whose slots are all
filled wins; a status without a list falls back to another status or wraps the type's noun
phrase ("Planned: …").
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from graphbuilder.schema import EVENT_TYPES, ROLES, SCHEMA_TYPES, STATUSES, SchemaError

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "en"
#: slots a template may name (see en.toml)
SLOTS = frozenset({"actors", "actor", "group", "actor1", "actor2", "targets", "everyone",
                   "place", "in_place", "type"})
_OPTIONAL = frozenset({"in_place", "type"})  # always filled (in_place may be empty)
_TOP_KEYS = {"and", "others", "max_names", "in_place", "names", "roles", "fallback", "wrap", "types"}
_TYPE_KEYS = {"noun", "actors", "targets", *STATUSES}


@dataclass(frozen=True)
class LabelParticipant:
    """One participant as a label sees it: entity key, display name, role in the event."""

    key: str
    name: str
    role: str = "participant"


@dataclass(frozen=True)
class _TypeRules:
    actors: frozenset[str]
    targets: frozenset[str]
    templates: dict[str, tuple[str, ...]]  # "noun" and statuses -> templates


@dataclass(frozen=True)
class LabelRules:
    """The validated label data of one language."""

    language: str
    conj: str
    others: str
    max_names: int
    in_place: str
    names: dict[str, str]
    fallback: dict[str, str]
    wrap: dict[str, str]
    types: dict[str, _TypeRules]
    default: _TypeRules


def _slots(template: str, where: str, extra: frozenset[str] = frozenset()) -> set[str]:
    try:
        fields = {f for _, f, spec, conv in string.Formatter().parse(template) if f is not None}
    except ValueError as exc:
        raise SchemaError(f"{where}: template {template!r} is malformed ({exc})") from None
    unknown = fields - SLOTS - extra
    if unknown or any(not f for f in fields):
        raise SchemaError(f"{where}: template {template!r} names unknown slot(s) "
                          f"{', '.join(sorted(unknown)) or '{}'} (known: {', '.join(sorted(SLOTS))})")
    return fields


def _roles(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError(f"{where} must be a list of roles")
    unknown = set(value) - set(ROLES)
    if unknown:
        raise SchemaError(f"{where} names unknown role(s) {', '.join(sorted(unknown))} (known: {', '.join(ROLES)})")
    return frozenset(value)


def _type_rules(name: str, spec: Any, base_actors: frozenset[str], base_targets: frozenset[str],
                where: str) -> _TypeRules:
    w = f"{where}: [types.{name}]"
    if not isinstance(spec, dict):
        raise SchemaError(f"{w} must be a table")
    unknown = set(spec) - _TYPE_KEYS
    if unknown:
        raise SchemaError(f"{w} has unknown key(s) {', '.join(sorted(unknown))} "
                          f"(allowed: noun, actors, targets and the statuses {', '.join(STATUSES)})")
    actors = _roles(spec["actors"], f"{w} actors") if "actors" in spec else base_actors
    targets = _roles(spec["targets"], f"{w} targets") if "targets" in spec else base_targets
    if actors & targets:
        raise SchemaError(f"{w}: a role cannot be both actor and target ({', '.join(sorted(actors & targets))})")
    templates: dict[str, tuple[str, ...]] = {}
    for key, value in spec.items():
        if key in ("actors", "targets"):
            continue
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise SchemaError(f"{w} {key} must be a non-empty list of templates")
        for t in value:
            _slots(t, f"{w} {key}")
        templates[key] = tuple(value)
    if "noun" not in templates:
        raise SchemaError(f"{w} needs a noun list")
    if _slots(templates["noun"][-1], f"{w} noun") - _OPTIONAL:
        raise SchemaError(f"{w}: the last noun template must need no participant or place "
                          f"(got {templates['noun'][-1]!r}), so every event gets a label")
    return _TypeRules(actors, targets, templates)


def parse_rules(data: dict[str, Any], language: str, where: str) -> LabelRules:
    """Validate one language's label data (the parsed TOML) against the schema."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise SchemaError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("and", "others", "in_place"):
        if not isinstance(data.get(key), str):
            raise SchemaError(f"{where}: {key} must be a string")
    if "{n}" not in data["others"] or "{place}" not in data["in_place"]:
        raise SchemaError(f"{where}: others needs {{n}} and in_place needs {{place}}")
    max_names = data.get("max_names")
    if not isinstance(max_names, int) or max_names < 2:
        raise SchemaError(f"{where}: max_names must be an integer >= 2")
    names = data.get("names") or {}
    if not isinstance(names, dict) or set(names) - set(EVENT_TYPES) or set(SCHEMA_TYPES) - set(names):
        raise SchemaError(f"{where}: [names] must name every event type of the schema exactly "
                          f"(missing: {sorted(set(SCHEMA_TYPES) - set(names))}, unknown: {sorted(set(names) - set(EVENT_TYPES))})")
    roles = data.get("roles")
    if not isinstance(roles, dict) or set(roles) != {"actors", "targets"}:
        raise SchemaError(f"{where}: [roles] needs exactly actors and targets")
    actors, targets = _roles(roles["actors"], f"{where}: roles.actors"), _roles(roles["targets"], f"{where}: roles.targets")
    fallback = data.get("fallback") or {}
    for k, v in fallback.items():
        if k not in STATUSES or v not in STATUSES or k == v:
            raise SchemaError(f"{where}: fallback {k} = {v!r}: both must be different statuses ({', '.join(STATUSES)})")
    wrap = data.get("wrap") or {}
    if set(wrap) != set(STATUSES):
        raise SchemaError(f"{where}: [wrap] must give every status exactly "
                          f"(missing: {sorted(set(STATUSES) - set(wrap))}, unknown: {sorted(set(wrap) - set(STATUSES))})")
    for k, v in wrap.items():
        if not isinstance(v, str) or _slots(v, f"{where}: wrap.{k}", frozenset({"noun"})) != {"noun"}:
            raise SchemaError(f"{where}: wrap.{k} must be a string naming only {{noun}}")
    types_data = data.get("types")
    if not isinstance(types_data, dict) or "default" not in types_data:
        raise SchemaError(f"{where}: [types] needs a default entry")
    types: dict[str, _TypeRules] = {}
    for name, spec in types_data.items():
        if name == "default":
            continue
        if name not in EVENT_TYPES:
            raise SchemaError(f"{where}: [types.{name}] is not an event type of the schema "
                              f"(known: {', '.join(EVENT_TYPES)})")
        types[name] = _type_rules(name, spec, actors, targets, where)
    missing = set(SCHEMA_TYPES) - set(types)  # types a language pack adds use the default
    if missing:
        raise SchemaError(f"{where}: no labels for event type(s) {', '.join(sorted(missing))}")
    default = _type_rules("default", types_data["default"], actors, targets, where)
    return LabelRules(language=language, conj=data["and"], others=data["others"], max_names=max_names,
                      in_place=data["in_place"], names=dict(names), fallback=dict(fallback),
                      wrap=dict(wrap), types=types, default=default)


@lru_cache(maxsize=None)
def rules_for(language: str | None) -> LabelRules:
    """The label rules of ``language`` ("de…" German, anything else English), loaded once."""
    lang = (language or DEFAULT_LANGUAGE)[:2].lower()
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    where = f"graphbuilder/data/labels/{lang}.toml"
    with resources.files("graphbuilder.data").joinpath(f"labels/{lang}.toml").open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{where}: not valid TOML ({exc})") from None
    return parse_rules(data, lang, where)


def type_name(type_: str | None, language: str | None = DEFAULT_LANGUAGE) -> str:
    """Display name of an event type ("VISIT" -> "Visit" / "Besuch")."""
    rules = rules_for(language)
    if not type_:
        return {"de": "Ereignis"}.get(rules.language, "Event")
    return rules.names.get(type_) or type_.replace("_", " ").capitalize()  # a pack's type


def join_names(names: Sequence[str], rules: LabelRules) -> str:
    """"A", "A and B", "A, B and C", "A, B and 2 others" (at most ``max_names`` names)."""
    names = list(names)
    if len(names) > rules.max_names:
        shown = names[: rules.max_names - 1]
        return f"{', '.join(shown)} {rules.conj} {rules.others.format(n=len(names) - len(shown))}"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {rules.conj} {names[-1]}"


def _templates(rules: LabelRules, tr: _TypeRules, status: str) -> list[str]:
    """The type's templates for ``status`` (or the status it falls back to), then the type's
    noun phrases wrapped for ``status``."""
    status = status if status in STATUSES else "occurred"
    out: list[str] = []
    seen: set[str] = set()
    st: str | None = status
    while st is not None and st not in seen:
        seen.add(st)
        if st in tr.templates:
            out.extend(tr.templates[st])
            break
        st = rules.fallback.get(st)
    out.extend(rules.wrap[status].replace("{noun}", t) for t in tr.templates["noun"])
    return out


@lru_cache(maxsize=4096)
def _fields(template: str) -> frozenset[str]:
    return frozenset(_slots(template, "label"))


def event_label(type_: str | None, status: str | None, participants: Sequence[LabelParticipant],
                place: LabelParticipant | None = None, language: str | None = DEFAULT_LANGUAGE) -> str:
    """The readable label of one event in ``language``.

    ``participants`` in the order they should be named (duplicates by key are dropped; the
    place is never also named as a participant); ``place``: the event's location or None."""
    rules = rules_for(language)
    tr = rules.types.get(type_ or "", rules.default)
    seen: set[str] = {place.key} if place else set()
    actors: list[str] = []
    targets: list[str] = []
    for p in participants:
        if p.key in seen or not p.name:
            continue
        seen.add(p.key)
        (targets if p.role in tr.targets else actors).append(p.name)
    everyone = actors + targets
    filled: dict[str, str] = {"type": type_name(type_, rules.language),
                              "in_place": rules.in_place.format(place=place.name) if place else ""}
    if place:
        filled["place"] = place.name
    if actors:
        filled["actors"] = join_names(actors, rules)
    if len(actors) == 1:
        filled["actor"] = actors[0]
    if len(actors) >= 2:
        filled["group"] = join_names(actors, rules)
    if len(actors) == 2:
        filled["actor1"], filled["actor2"] = actors
    if targets:
        filled["targets"] = join_names(targets, rules)
    if everyone:
        filled["everyone"] = join_names(everyone, rules)
    for template in _templates(rules, tr, status or "occurred"):
        fields = _fields(template)
        if fields - set(filled):
            continue
        if "place" not in fields and "in_place" not in fields:
            template += "{in_place}"
        text = template.format(**filled)
        return text[:1].upper() + text[1:]
    return filled["type"] + filled["in_place"]  # unreachable: the last noun template needs nothing


__all__ = ["LabelParticipant", "LabelRules", "event_label", "join_names", "parse_rules", "rules_for", "type_name"]
