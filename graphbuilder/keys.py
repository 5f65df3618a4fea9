"""Canonical entity keys and transliteration-aware name normalisation.

Persons get a key from a phonetic *skeleton* of each name part that folds the usual German and
English transliterations of the same (mostly Slavic) name onto one string: ``Lawrow``/``Lavrov``,
``Rjabkow``/``Ryabkov``, ``Sergei``/``Sergej``/``Sergey``, ``Selenskyj``/``Zelensky``,
``Tschernow``/``Chernov`` all collide, while ``Lawrow`` and ``Lawson`` do not. No fuzzy matching
and no person alias lists are used. Places and organisations are keyed through alias data
(gazetteer files), falling back to an ascii slug.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

GAZETTEER_DIR = Path(__file__).resolve().parent / "data" / "gazetteer"
PREFIX = {"PER": "per", "ORG": "org", "LOC": "loc"}

_GENITIVE_APOS = re.compile(r"['’`´]s?$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_DOUBLE = re.compile(r"(.)\1+")

# Ordered rewrite rules applied to a lowercase ascii name part.
_SKELETON_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"tsch", "ch"),
        (r"sch", "sh"),
        (r"zh", "sh"),
        (r"kh", "ch"),
        (r"ph", "f"),
        (r"x", "ks"),
        (r"ck", "k"),
        (r"c(?!h)", "k"),
        (r"w", "v"),
        (r"j", "y"),
        (r"z", "s"),
        (r"ts", "s"),
        (r"ae", "a"),
        (r"oe", "o"),
        (r"ue", "u"),
        (r"(ch|sh)ev$", r"\1ov"),
        (r"(?<=[aeou])i$", "y"),
        (r"(?<=[^aeiouy])i$", "y"),
        (r"iy$", "y"),
    )
)


_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}
_CYRILLIC_TABLE = str.maketrans({**_CYRILLIC, **{k.upper(): v.capitalize()
                                                 for k, v in _CYRILLIC.items()}})


def ascii_fold(text: str) -> str:
    """Lowercase ascii: Cyrillic transliterated, umlauts/diacritics stripped, ß -> ss."""
    text = text.translate(_CYRILLIC_TABLE).replace("ß", "ss").replace("ẞ", "SS")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slug(text: str) -> str:
    """ascii, lowercase, hyphen-separated form of ``text``."""
    return _NON_ALNUM.sub("-", ascii_fold(text)).strip("-")


@functools.lru_cache(maxsize=100_000)
def name_skeleton(part: str) -> str:
    """Transliteration-folded skeleton of one name part ("Lawrow" -> "lavrov"); cached per
    part (asked for every name mention of every article)."""
    s = _NON_ALNUM.sub("", ascii_fold(part))
    for pattern, repl in _SKELETON_RULES:
        s = pattern.sub(repl, s)
    return _DOUBLE.sub(r"\1", s)


@functools.lru_cache(maxsize=100_000)
def strip_genitive_apostrophe(name: str) -> str:
    """Drop an English possessive ("Blinken's" -> "Blinken")."""
    return _GENITIVE_APOS.sub("", name.strip())


@functools.cache
def first_name_variants() -> dict[str, str]:
    """Short or variant first name (ascii, lowercase) -> the full form it stands for, from
    ``data/gazetteer/first_name_variants.tsv`` ("Chris" -> "christopher")."""
    out: dict[str, str] = {}
    for row in read_rows(GAZETTEER_DIR / "first_name_variants.tsv"):
        full = ascii_fold(row[0].strip())
        for variant in row[1].split("|"):
            if variant.strip():
                out.setdefault(ascii_fold(variant.strip()), full)
    return out


@functools.lru_cache(maxsize=100_000)
def first_name_key(part: str) -> str:
    """Skeleton of a first name with its variants folded ("Chris", "Christopher" -> one); cached
    per part."""
    folded = _NON_ALNUM.sub("", ascii_fold(part))
    return name_skeleton(first_name_variants().get(folded, folded))


@functools.cache
def _surnames() -> frozenset[str]:
    path = GAZETTEER_DIR / "surnames.txt"
    return frozenset(path.read_text(encoding="utf-8").split()) if path.exists() else frozenset()


def genitive_surname(word: str) -> str | None:
    """A German surname's form without its genitive -s ("Kerns" -> "Kern"): when the form
    without it is a known surname and the form with it is not; else None."""
    surnames = _surnames()
    if len(word) < 4 or not word.endswith("s") or word in surnames or word[:-1] not in surnames:
        return None
    return word[:-1]


_DATIVE_ADJECTIVE = re.compile(r"[a-zäöüß]{2,}em")  # "neuem", "einzigem": no verb ends so
_OPENING = frozenset("„\"“»«‚‘'")  # not "(": a name's party or age follows in brackets
# suffixes of abstract nouns, never of a noun naming a person ("Philosoph", "Gründer" before a name
# are apposition): such a noun right before a name governs it as a genitive ("die Auslieferung X-s")
_ABSTRACT_NOUN = re.compile(r"(?:ung|heit|keit|schaft|ion|tät|nis|ismus)$")


def person_name_parts(name: str, language: str, next_word: str | None = None,
                      prev_word: str | None = None,
                      elsewhere: Callable[[str], bool] | None = None) -> list[str]:
    """The parts of a person's name, a German genitive -s of the surname removed ("Angela
    Merkels Politik" -> Angela Merkel). German names take -s in the genitive; a surname that
    ends in -s itself (a known surname with it) keeps it. The -s is the genitive when the form
    without it is a known surname and the form with it is not, or when grammar says so: the name
    stands before what it qualifies — a noun ("Merkels Politik", "Merkels Kommentare"), a
    dative adjective ("Merkels neuem Plan") or an opening quote ("Merkels „Wir schaffen
    das“") — or after an abstract noun that governs it ("die Regierung Angela Merkels"; a noun
    naming a person before a name is apposition: "Kanzlerin Angela Merkels" is decided by the
    word after). ``next_word`` and ``prev_word``: the words around the mention (None at
    punctuation); ``elsewhere(form)``: whether the text names the person without the -s too
    ("Christandl" beside "Jürg Christandls")."""
    parts = strip_genitive_apostrophe(name).split()
    if language != "de" or len(parts) < 2 or not parts[-1].endswith("s") or len(parts[-1]) < 4:
        return parts
    last, surnames = parts[-1], _surnames()
    if last in surnames:
        return parts
    stem = last[:-1]
    if genitive_surname(last) or (elsewhere is not None and elsewhere(stem)) or _qualifies_next(next_word) \
            or _governs(prev_word):
        return [*parts[:-1], stem]
    return parts


def genitive_context(next_word: str | None, prev_word: str | None) -> bool:
    """Whether the words around a German name say genitive: a noun, a dative adjective or an
    opening quote follows it, or an abstract noun governs it (:func:`person_name_parts`)."""
    return _qualifies_next(next_word) or _governs(prev_word)


def _qualifies_next(word: str | None) -> bool:
    """Whether a name before ``word`` is a prenominal genitive: a noun, an adjective in the
    dative ("-em", no verb form ends so) or an opening quote follows."""
    if not word:
        return False
    if word[0] in _OPENING:
        return True
    from graphbuilder.extract.entities import is_common_noun  # inflected forms and compounds too

    if word[:1].isupper():
        return is_common_noun(word)
    return _DATIVE_ADJECTIVE.fullmatch(word) is not None and word not in _DATIVE_DETERMINERS


_DATIVE_DETERMINERS = frozenset(
    "dem einem keinem seinem ihrem diesem jenem jedem welchem manchem allem meinem deinem unserem "
    "eurem solchem".split())


def _governs(word: str | None) -> bool:
    """Whether a name after ``word`` is a postnominal genitive: ``word`` is an abstract German
    noun ("die Auslieferung X-s", "der Regierung X-s"). A noun naming a person before a name is
    apposition ("der Philosoph X", "Apple-Gründer X"), so only abstract-noun suffixes count."""
    if not word or not word[:1].isupper() or _ABSTRACT_NOUN.search(word) is None:
        return False
    from graphbuilder.extract.entities import is_common_noun

    return is_common_noun(word)


@functools.lru_cache(maxsize=100_000)
def person_key(name: str) -> str:
    """Key of a person: ``per:`` + skeletons of the name parts, hyphen-joined; first names
    (all parts but the last) with their variants folded (:func:`first_name_key`)."""
    raw = [p for p in re.split(r"[\s\-]+", strip_genitive_apostrophe(name)) if p]
    parts = [first_name_key(p) for p in raw[:-1]] + [name_skeleton(p) for p in raw[-1:]]
    return "per:" + ("-".join(p for p in parts if p) or _digest(name))


def _digest(name: str) -> str:
    """Stable ascii stand-in for names without Latin letters."""
    return "x" + hashlib.sha1(name.strip().encode("utf-8")).hexdigest()[:12]


@dataclass
class AliasData:
    """Alias -> (key, display name) for places and organisations."""

    alias_to_key: dict[str, str] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    label: dict[str, str] = field(default_factory=dict)  # key -> "LOC"/"ORG"
    written: set[str] = field(default_factory=set)  # aliases as spelled in the data files
    country: dict[str, str] = field(default_factory=dict)  # org or city key -> its country's key
    aliases: dict[str, list[str]] = field(default_factory=dict)  # key -> aliases as written


def read_rows(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


_ALIAS_SETS = ("written",)  # the AliasData fields that are sets; "aliases" holds lists
_ALIAS_LISTS = ("aliases",)


class _MappedAliasData(AliasData):
    """:class:`AliasData` whose tables are read in place from the compiled-resource cache
    (:mod:`graphbuilder.tables`): a short article looks up a few aliases of 100,000."""

    def __init__(self, found: dict[str, Any]) -> None:  # noqa: D107 (the dataclass fields, as tables)
        from graphbuilder.tables import ListTable, StringSet

        for f in fields(AliasData):
            table = found[f.name]
            setattr(self, f.name, StringSet(table) if f.name in _ALIAS_SETS
                    else ListTable(table) if f.name in _ALIAS_LISTS else table)


@functools.cache
def alias_data() -> AliasData:
    """The place/organisation alias tables: loaded once per process, kept on disk between runs as
    tables read in place (:mod:`graphbuilder.cache`, invalidated by a hash of the data files);
    built in memory when the cache cannot be used."""
    from graphbuilder import tables

    found = tables.cached_tables("aliases", [GAZETTEER_DIR, __file__], _alias_tables)
    if found is not None and {f.name for f in fields(AliasData)} <= found.keys():
        return _MappedAliasData(found)
    return built_alias_data()


@functools.cache
def built_alias_data() -> AliasData:
    """The alias tables built in memory from the gazetteer files (dicts and sets, in the order
    the files list them), once per process."""
    return _build_alias_data()


def _alias_tables() -> dict[str, Any]:
    """The alias tables as named (key, value) pairs (:func:`graphbuilder.tables.cached_tables`)."""
    from graphbuilder.tables import pairs_of

    data = built_alias_data()
    return {f.name: pairs_of(getattr(data, f.name)) for f in fields(data)}


def _build_alias_data() -> AliasData:
    """Build the place/organisation alias tables from the gazetteer files."""
    data = AliasData()

    def add(key: str, display: str, aliases: list[str], label: str) -> None:
        data.display.setdefault(key, display)
        data.label.setdefault(key, label)
        for alias in [display, *aliases]:
            if alias:
                data.aliases.setdefault(key, []).append(alias)
                data.written.add(alias)
                data.alias_to_key.setdefault(alias, key)
                data.alias_to_key.setdefault(ascii_fold(alias), key)

    for row in read_rows(GAZETTEER_DIR / "orgs.tsv"):
        add(row[0], row[1], row[2].split("|"), "ORG")
        if len(row) > 3 and row[3].strip():
            data.country[row[0]] = row[3].strip()
    by_code: dict[str, str] = {}
    for row in read_rows(GAZETTEER_DIR / "countries.tsv"):
        add(row[0], row[1], [row[2], *row[3].split("|")], "LOC")
        if len(row) > 6 and row[6].strip():
            by_code.setdefault(row[6].strip(), row[0])
    for row in read_rows(GAZETTEER_DIR / "regions.tsv"):
        add(row[0], row[1], row[2].split("|"), "LOC")
    words = _dictionary_words()
    for row in read_rows(GAZETTEER_DIR / "cities.tsv"):
        if int(row[4] or 0) < 100_000 and row[1].lower() in words[0]:
            continue  # a small town named like a word: "Hurricane"
        # an alternate name that is a word is noise ("Hang" for Hangzhou)
        alternates = [a for a in row[2].split("|")
                      if a == row[1] or (a.lower() not in words[0] and a not in words[1])]
        add(row[0], row[1], alternates, "LOC")
        if row[3] in by_code:
            data.country.setdefault(row[0], by_code[row[3]])
    return data


@functools.cache
def _dictionary_words() -> tuple[frozenset[str], frozenset[str]]:
    """(lowercase English words, German nouns) from the gazetteer directory."""
    out = []
    for name in ("words_en.txt.gz", "nouns_de.txt.gz"):
        path = GAZETTEER_DIR / name
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                out.append(frozenset(handle.read().split()))
        else:
            out.append(frozenset())
    return out[0], out[1]


_ARTICLE = re.compile(r"^(?:the|The|THE)\s+(?=\S)")


def strip_article(name: str) -> str:
    """Drop a leading English article ("the United States" -> "United States")."""
    return _ARTICLE.sub("", name.strip())


def _lookup_alias(name: str) -> str | None:
    data = alias_data()
    clean = strip_genitive_apostrophe(strip_article(name))
    for candidate in (clean, ascii_fold(clean)):
        if candidate in data.alias_to_key:
            return data.alias_to_key[candidate]
    # German genitive: "Russlands" -> "Russland"
    if clean.endswith("s") and clean[:-1] in data.alias_to_key:
        return data.alias_to_key[clean[:-1]]
    return None


_LEGAL_FORM = re.compile(
    r"[\s,]+(?:AG|GmbH|KG|KGaA|SE|eG|e\.\s?V\.|OHG|Inc\.?|Ltd\.?|LLC|Corp\.?|Co\.?|PLC|plc|"
    r"S\.A\.|SA|N\.V\.|NV|Group|Holding|Holdings|Corporation|Company|Incorporated|Limited)$"
)
# words that describe a company's trade after its name ("Acme Computer", "Acme Motor Company")
_TRADE_WORDS = re.compile(
    r"(?:\s+(?:Computers?|Commercial|Airplanes|Aircraft|Motors?|Airlines|Airways|Electronics|"
    r"International|Industries|Technologies|Systems|Software|Pharmaceuticals|Entertainment))+$"
)


def strip_legal_form(name: str) -> str:
    """"Siemens AG" -> "Siemens"; "Apple Inc." -> "Apple"."""
    stripped = name.strip()
    for _ in range(2):  # "Acme Holdings Ltd."
        stripped = _LEGAL_FORM.sub("", stripped) or stripped
    return stripped or name


def known_org_core(name: str) -> str | None:
    """Key of a known organisation named with trade words after it: "Acme Computer" ->
    key of "Acme" when "Acme" is in the alias table as an organisation; else None."""
    core = _TRADE_WORDS.sub("", strip_legal_form(strip_article(name)))
    if core == name or not core:
        return None
    key = _lookup_alias(core)
    return key if key is not None and alias_data().label.get(key) == "ORG" else None


def _place_prefix_spelled_out(name: str) -> str:
    """"US Air Force" -> "United States Air Force": a leading place alias in an organisation's
    name is written as the place's display name, so both spellings share one key."""
    words = strip_genitive_apostrophe(name).split()
    data = alias_data()
    for k in range(min(3, len(words) - 1), 0, -1):
        key = data.alias_to_key.get(" ".join(words[:k]))
        if key is not None and data.label.get(key) == "LOC":
            return " ".join([data.display[key], *words[k:]])
    return name


@functools.lru_cache(maxsize=100_000)
def entity_key(label: str, name: str) -> str:
    """Deterministic ascii key ``per:…``/``org:…``/``loc:…`` of an entity name."""
    if label == "PER":
        return person_key(name)
    name = strip_article(name)
    if label == "ORG":
        name = strip_legal_form(name)
    key = _lookup_alias(name)
    if key is not None and alias_data().label.get(key) in (label, None):
        return key
    if label == "ORG":
        key = known_org_core(name)
        if key is not None:
            return key
        name = _place_prefix_spelled_out(name)
    return f"{PREFIX[label]}:{slug(strip_genitive_apostrophe(name)) or _digest(name)}"


@functools.lru_cache(maxsize=100_000)
def canonical_name(label: str, name: str, language: str) -> str:
    """Display name: the alias table's name for known places/orgs, else the cleaned name."""
    if label != "PER":
        name = strip_article(name)
        key = _lookup_alias(strip_legal_form(name) if label == "ORG" else name)
        if key is not None:
            return alias_data().display[key]
    return " ".join(strip_genitive_apostrophe(name).split())


def _acronym_like(name: str) -> bool:
    """"CDU", "AfD", "GOP": at least two capitals, no space (a name, not a word)."""
    return " " not in name and sum(c.isupper() for c in name) >= 2


def country_free_org(key: str, text: str, countries: set[str]) -> tuple[str, str] | None:
    """(key, name) for an organisation mention that must not take the alias table's key: a
    country's party named by a word ("Democrats", "Grüne", "Labour") in an article whose places
    all lie in other countries (a British "Democrats" is not the US party).
    ``countries``: the article's place keys. The key names the one country the article's
    places lie in ("org:labour-australia"), else ``…-unknown-country``. None: keep the key."""
    data = alias_data()
    country = data.country.get(key) if data.label.get(key) == "ORG" else None
    name = strip_genitive_apostrophe(strip_article(text))
    if country is None or _acronym_like(name) or country in countries or any(
            data.country.get(c) == country for c in countries):
        return None
    # the countries of the article's places (a country, or a city's country)
    places = {c if data.label.get(c) == "LOC" and c not in data.country else data.country.get(c)
              for c in countries} - {None}
    if not places:
        return None  # no place named: nothing says it is another country's party
    forms = [a for a in data.aliases.get(key, []) if name.startswith(a) and not _acronym_like(a)]
    base = min(forms, key=len) if forms else name
    where = next(iter(places)).removeprefix("loc:") if len(places) == 1 else "unknown-country"  # type: ignore[union-attr]
    return f"org:{slug(base) or _digest(base)}-{where}", base
