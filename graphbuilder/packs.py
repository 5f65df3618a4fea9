"""Language packs: one folder of knowledge files per language, found and validated here.

Layout (shipped): ``graphbuilder/data/lang/<code>/<kind>.toml``; kinds:

* ``temporal``  — time-expression lexicons and rules (validated by :mod:`graphbuilder.extract.temporal`)
* ``events``    — event triggers, cues and patterns (validated by :mod:`graphbuilder.extract.events.lexicon`;
  still shipped at the older place ``graphbuilder/data/events/<code>.toml``, also found)
* ``entities``  — the name recogniser's rule profile and word lists (validated here)
* ``furniture`` — cue patterns of the page-furniture finder (validated here)
* ``sentences`` — abbreviations and ordinal cues of the sentence splitter (validated here)
* ``stopwords`` — function words for language identification (validated here)

Further pack folders, listed in the environment variable ``GRAPHBUILDER_PACKS`` (separated by the
OS path separator), are searched first, laid out the same way: ``<folder>/<code>/<kind>.toml``. A
new language, or an extended copy of a shipped one, is added as data, without code.

A language is *supported* when it has an ``events``, a ``temporal`` and an ``entities`` pack;
:func:`rules_language` is the one fallback for every other language (English rules).
"""

from __future__ import annotations

import os
import tomllib
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

PACKS_ENV = "GRAPHBUILDER_PACKS"
#: The language whose rules run for a language without a complete pack.
FALLBACK_LANGUAGE = "en"
#: The kinds a language needs before it counts as supported.
REQUIRED_KINDS = ("events", "temporal", "entities")
KINDS = ("events", "temporal", "entities", "furniture", "sentences", "stopwords")
#: The top-level key by which a pack starts from another language's pack of the same kind.
EXTENDS = "extends"


def extra_folders() -> list[Path]:
    """The pack folders named in ``GRAPHBUILDER_PACKS``, in search order."""
    raw = os.environ.get(PACKS_ENV, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


@lru_cache(maxsize=1)
def _shipped_root() -> Traversable:
    """The shipped ``data`` folder: the directory itself when it is one (importlib's view of the
    namespace package costs more per lookup than the file tests), else importlib's view."""
    folder = Path(__file__).resolve().parent / "data"
    return folder if folder.is_dir() else resources.files("graphbuilder.data")


def pack_file(kind: str, language: str) -> Traversable | None:
    """The ``kind`` file of ``language``: an extra pack folder's first, else the shipped one."""
    if not language:
        return None
    for folder in extra_folders():
        candidate = folder / language / f"{kind}.toml"
        if candidate.is_file():
            return candidate
    root = _shipped_root()
    for shipped in (root.joinpath("lang").joinpath(language).joinpath(f"{kind}.toml"),
                    root.joinpath(kind).joinpath(f"{language}.toml")):  # older layout (events)
        if shipped.is_file():
            return shipped
    return None


def languages(kind: str | None = None) -> list[str]:
    """Every language code with a pack (of ``kind``, or a complete one when None), sorted
    (looked up once per value of ``GRAPHBUILDER_PACKS``)."""
    return list(_languages(kind, os.environ.get(PACKS_ENV, "")))


@lru_cache(maxsize=32)
def _languages(kind: str | None, env: str) -> tuple[str, ...]:
    codes: set[str] = set()
    for folder in extra_folders():
        if folder.is_dir():
            codes.update(p.name for p in folder.iterdir() if p.is_dir())
    lang_root = _shipped_root().joinpath("lang")
    codes.update(p.name for p in lang_root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    kinds = (kind,) if kind else REQUIRED_KINDS
    return tuple(sorted(c for c in codes if all(pack_file(k, c) is not None for k in kinds)))


@lru_cache(maxsize=8)
def _supported(env: str) -> tuple[str, ...]:
    return tuple(languages())


def supported_languages() -> list[str]:
    """Languages with a complete pack (events, temporal, entities): the product languages
    (looked up once per value of ``GRAPHBUILDER_PACKS``)."""
    return list(_supported(os.environ.get(PACKS_ENV, "")))


def rules_language(language: str | None) -> str:
    """The language whose rules run for ``language``: itself when it has a complete pack, else
    :data:`FALLBACK_LANGUAGE`. The one fallback every stage uses."""
    return language if language in _supported(os.environ.get(PACKS_ENV, "")) else FALLBACK_LANGUAGE


def pack_language(kind: str, language: str, fallback: str = FALLBACK_LANGUAGE) -> str:
    """``language`` when a ``kind`` pack exists for it, else ``fallback``."""
    return language if language and pack_file(kind, language) is not None else fallback


def load_pack(kind: str, language: str) -> tuple[dict[str, Any], str]:
    """The parsed ``kind`` pack of ``language`` and a name for it in error messages.

    A pack with a top-level ``extends = "<code>"`` starts from that language's pack of the same
    kind; each top-level key or table it sets replaces the base's whole. Kinds with a schema here
    (``entities``, ``furniture``, ``sentences``, ``stopwords``) are validated on load; the others by their engine."""
    path = pack_file(kind, language)
    if path is None:
        raise FileNotFoundError(f"no {kind} pack for language {language!r}")
    if isinstance(path, Path):  # parsed and validated once, kept in the compiled-resource cache
        from graphbuilder.cache import cached

        return cached(f"pack-{kind}-{language}", pack_sources(),
                      lambda: _load_pack(kind, language, path)), str(path)
    return _load_pack(kind, language, path), str(path)


def pack_sources() -> list[Path]:
    """What a cached pack is keyed by: the extra pack folders, the shipped ``lang/`` and
    ``events/`` folders (as real directories: ``resources.files`` may give a MultiplexedPath,
    whose ``str`` is not a path) and this module."""
    root = Path(__file__).resolve().parent / "data"
    return [*extra_folders(), root / "lang", root / "events", Path(__file__)]


def _load_pack(kind: str, language: str, path: Traversable) -> dict[str, Any]:
    from graphbuilder.schema import SchemaError

    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as exc:
            raise SchemaError(f"{path}: {exc}") from None
    base = data.pop(EXTENDS, None)
    if base is not None:
        if not isinstance(base, str) or base == language:
            raise SchemaError(f"{path}: key {EXTENDS!r} must name another language's pack")
        try:
            data = {**load_pack(kind, base)[0], **data}
        except FileNotFoundError:
            raise SchemaError(f"{path}: key {EXTENDS!r}: no {kind} pack for {base!r}") from None
    if kind in PACK_SCHEMAS:
        validate(kind, data, str(path))
    if kind == "events":
        _check_event_cues(data, str(path))
    return data


@lru_cache(maxsize=1)
def _shipped_event_cues() -> frozenset[str]:
    """The cue names the shipped events packs define (the names the events engine reads)."""
    names: set[str] = set()
    root = _shipped_root()
    for folder in (root.joinpath("events"), root.joinpath("lang")):
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            f = entry.joinpath("events.toml") if entry.is_dir() else entry
            if f.is_file() and f.name.endswith(".toml"):
                with f.open("rb") as fh:
                    names.update(tomllib.load(fh).get("cues", {}))
    return frozenset(names)


def _check_event_cues(data: dict[str, Any], where: str) -> None:
    """An events pack's ``[cues]`` may only name cues the engine knows (a misspelt cue would be
    silently ignored): ``SchemaError`` naming the file and the key."""
    from graphbuilder.schema import SchemaError

    known = _shipped_event_cues()
    for name in data.get("cues", {}):
        if name not in known:
            raise SchemaError(f"{where}: [cues] {name!r} is not a cue name the events engine knows "
                              f"(known: {', '.join(sorted(known))})")


# ---------------------------------------------------------------------------
# schemas of the packs validated here: key -> expected type ("words": list of strings)

#: Entity rule profiles (strategies) the rule name recogniser implements, by name.
ENTITY_PROFILES = ("de", "en")
#: The word lists of an ``entities`` pack's ``[words]`` table (the rule name recogniser's names).
ENTITY_WORD_LISTS = (
    "place_prepositions", "determiners", "prepositions", "org_adjective_heads", "org_place_heads",
    "org_for_heads", "street_words", "location_cues", "org_tails", "function_words", "calendar",
    "location_heads", "org_starts", "role_words", "title_words", "name_starts", "org_cues",
    "place_modifiers", "person_cues", "lower_place_heads", "article_followers",
)
#: Writing systems language identification tells apart.
SCRIPTS = ("latin", "cyrillic")

PACK_SCHEMAS: dict[str, dict[str, str]] = {
    "entities": {
        "profile": "str",
        "speech_verbs": "words",
        "calendar_words": "words",
        "words": "wordtable",
    },
    "stopwords": {
        "words": "words",
        "script": "str",
    },
    "sentences": {
        "abbreviations": "words",
        "number_abbreviations": "words",
        "ordinal_context": "words",
        "ordinal_nouns": "words",
        "months": "words",
    },
    "furniture": {
        "credit_labels": "patterns",
        "link_cues": "patterns",
        "source_notes": "patterns",
        "short_line_cues": "patterns",
        "nav_words": "patterns",
        "reported_speech": "patterns",
        "footer": "footer",
    },
}
#: The footer cue categories of a ``furniture`` pack (``[footer.NAME]`` with patterns, anchors).
FOOTER_CATEGORIES = ("publisher", "reader", "action", "blocking", "legal")


def validate(kind: str, data: dict[str, Any], where: str) -> None:
    """Refuse an unknown key or a value of the wrong type: ``SchemaError`` naming file and key."""
    from graphbuilder.schema import SchemaError

    known = PACK_SCHEMAS[kind]
    for key, value in data.items():
        want = known.get(key)
        if want is None:
            raise SchemaError(f"{where}: unknown key {key!r} in a {kind} pack "
                              f"(known: {', '.join(sorted(known))})")
        if want == "footer":
            _validate_footer(value, where)
            continue
        if want == "wordtable":
            _validate_word_table(value, where)
            continue
        ok = isinstance(value, str) if want == "str" else (
            isinstance(value, list) and all(isinstance(v, str) for v in value))
        if not ok:
            raise SchemaError(f"{where}: key {key!r} must be "
                              f"{'a string' if want == 'str' else 'a list of strings'}")
        if want == "patterns":
            _check_patterns(value, where, key)
    if kind == "entities" and data.get("profile") not in ENTITY_PROFILES:
        raise SchemaError(f"{where}: key 'profile': unknown or missing entity rule profile "
                          f"{data.get('profile')!r} (known: {', '.join(ENTITY_PROFILES)})")
    if kind == "stopwords" and data.get("script", "latin") not in SCRIPTS:
        raise SchemaError(f"{where}: key 'script': unknown script {data['script']!r} "
                          f"(known: {', '.join(SCRIPTS)})")


def _check_patterns(patterns: list[str], where: str, key: str) -> None:
    import regex

    from graphbuilder.schema import SchemaError

    for p in patterns:
        try:
            regex.compile(p)
        except regex.error as exc:
            raise SchemaError(f"{where}: key {key!r}: bad pattern {p!r} ({exc})") from None


def _validate_word_table(table: Any, where: str) -> None:
    from graphbuilder.schema import SchemaError

    if not isinstance(table, dict):
        raise SchemaError(f"{where}: key 'words' must be a table of word lists")
    for name, value in table.items():
        if name not in ENTITY_WORD_LISTS:
            raise SchemaError(f"{where}: unknown word list [words] {name!r} "
                              f"(known: {', '.join(ENTITY_WORD_LISTS)})")
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise SchemaError(f"{where}: [words] {name!r} must be a list of strings")


def _validate_footer(table: Any, where: str) -> None:
    from graphbuilder.schema import SchemaError

    if not isinstance(table, dict):
        raise SchemaError(f"{where}: key 'footer' must be a table of [footer.CATEGORY] tables")
    for name, spec in table.items():
        if name not in FOOTER_CATEGORIES:
            raise SchemaError(f"{where}: unknown footer category [footer.{name}] "
                              f"(known: {', '.join(FOOTER_CATEGORIES)})")
        if not isinstance(spec, dict) or set(spec) - {"patterns", "anchors"}:
            raise SchemaError(f"{where}: [footer.{name}] takes only 'patterns' and 'anchors'")
        for key in ("patterns", "anchors"):
            value = spec.get(key, [])
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise SchemaError(f"{where}: [footer.{name}] {key} must be a list of strings")
        _check_patterns(spec.get("patterns", []), where, f"footer.{name}.patterns")


@lru_cache(maxsize=32)
def _cached(kind: str, language: str, env: str) -> dict[str, Any]:
    return load_pack(kind, language)[0]


def pack_data(kind: str, language: str) -> dict[str, Any]:
    """The parsed, validated ``kind`` pack of ``language`` (cached per process and pack path)."""
    return _cached(kind, language, os.environ.get(PACKS_ENV, ""))


def entity_profile(language: str) -> str:
    """The entity rule profile (strategy name) a language's ``entities`` pack selects; the
    fallback language's for a language without a complete pack."""
    return str(pack_data("entities", rules_language(language))["profile"])
