"""Rule/gazetteer named-entity extractor (PER/ORG/LOC) for German and English news.

German capitalises every noun, so capitalisation is only a precondition. Evidence comes from
gazetteers (countries, regions, cities, organisations with aliases, first names, adjectives and
demonyms; one pyahocorasick automaton), role/title cues ("US-Außenminister Antony Blinken"),
organisation head nouns/suffixes/legal forms, acronym definitions ("… (OSZE)") and
place contexts ("in Xdorf", "Gemeinde X"). For German, a capitalised word that is neither a
function word nor a (possibly inflected or compound) common noun of the CC0 noun lexicon is a
guessed name: typed by its context (place cue, organisation cue, enumeration with a known
entity), a person otherwise. For English, runs of capitalised words are typed by their head
("… Airport", "… Airlines", "Bank of …"), an airline prefix ("Air …"), a lowercase cue
("retailer …") or, for unknown words that are no dictionary word, as organisations; spans follow
the MEANTIME convention (article and capitalised titles inside, possessive 's outside; keys
ignore them). English output also holds MEANTIME's nested mentions: the phrase around a name
("German airline Lufthansa", "Norway's X Airport", "Presiding Judge X" with "X"; a name with
its acronym in brackets up to the acronym, "X Aerospace NV (XA") as an extra
mention of the same entity flagged ``nested``, so lists may overlap; "City, Region" is one
mention of the city, with the region inside. Candidates compete by rule strength, then length. Within-document
coreference (:mod:`graphbuilder.extract.coref`) then fills keys and display names, and roles
become :class:`RoleFact` s. Word tests are cached per word, so throughput grows once the
caches are warm.
"""

from __future__ import annotations

import bisect
import functools
import gzip
import re
from array import array
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any
from dataclasses import dataclass, field

import ahocorasick

from graphbuilder import packs
from graphbuilder.extract.coref import resolve_coreference
from graphbuilder.keys import (
    GAZETTEER_DIR,
    read_rows,
    alias_data,
    built_alias_data,
    entity_key,
    strip_genitive_apostrophe,
)
from graphbuilder.models import EntityMention, RoleFact, Sentence
from graphbuilder.registry import register

TOKEN_RE = re.compile(r"[\w\u00ad]+(?:[-'’.&][\w\u00ad]+)*")
ACRONYM_RE = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-ZÄÖÜ][A-ZÄÖÜa-z0-9&]{1,6}$")
NOUN_SUFFIX_RE = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|tät|ismus|nis|tum|ment|ität|enz|anz|ik|ur|chen|lein|"
    r"ling|ei|ie|age|ose|ismus|ist|eur|ant|ent|er|en|ern|el|ten|ing|ness|ity)$"
)
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
DERIV_FLAG = "ADJ"


def _pack_words(key: str) -> set[str]:
    """The union of ``key`` over the ``entities`` packs of every supported language."""
    return {w for code in packs.supported_languages() for w in packs.pack_data("entities", code).get(key, ())}


def _word_list(name: str) -> set[str]:
    """The union of the ``[words]`` list ``name`` over the ``entities`` packs of every supported
    language (the rule engine uses each list whatever the text's language)."""
    return {w for code in packs.supported_languages()
            for w in packs.pack_data("entities", code).get("words", {}).get(name, ())}


PLACE_PREPS = _word_list("place_prepositions")
DETERMINERS = _word_list("determiners")
ORG_ADJ_HEADS = _word_list("org_adjective_heads")
# genitive: "des Hessischen Rundfunks"
ORG_ADJ_HEADS_GEN = {h + "s" for h in ORG_ADJ_HEADS if h[-1] not in "es"} | {"Verlages",
                                                                             "Rundfunkes"}
ORG_PLACE_HEADS = _word_list("org_place_heads")
ORG_PLACE_SUFFIXES = ("museum", "gymnasium", "schule", "verlag", "verein", "klinik")
ORG_FUER_HEADS = _word_list("org_for_heads")
STREET_RE = re.compile(r"(?:straße|strasse|gasse|allee|platz|damm|ufer|chaussee)$")
STREET_WORDS = _word_list("street_words")
PLACE_PREFIXES = {"Bad", "Sankt", "San", "Santa", "Santo", "São", "Sao", "Saint", "Fort", "Port",
                  "Mount", "Lake", "Cape", "Kap", "Lido", "Cerro", "Monte", "Mont", "Puerto",
                  "Porto", "Ciudad", "Costa", "Isla", "Isola", "Rio", "Río", "Via", "Piazza",
                  "Plaza", "Golfo", "Lac", "Val", "Valle", "Gorge", "Bois"}
NAME_LINKS = {"de", "di", "da", "del", "della", "delle", "dei", "do", "dos", "das", "la", "le",
              "el", "los", "las", "du", "des", "y"}
ROMAN_RE = re.compile(r"^(?:I{1,3}|IV|V|VI{1,3}|IX|X|XI{1,3}|XIV|XV|XVI)$")
COMPASS_RE = re.compile(
    r"^(?:Nord|Süd|Ost|West|Mittel|Zentral|Ober|Unter|Nieder|Nordost|Nordwest|Südost|Südwest|"
    r"Inner|Klein|Groß|Alt|Neu)-?(?P<rest>[A-ZÄÖÜa-zäöü]\w{3,})$"
)
PLACE_SUFFIX_RE = re.compile(
    r"(?:ingen|hausen|heim|dorf|burg|berg|stadt|feld|bach|hofen|kirchen|rode|leben|stedt|"
    r"städt|ow|itz|witz|brück|furt|weiler|thal|tal|see|au|bruck|born|hagen|horst|stein|"
    r"münde|werder|wald|rath|hof|ach|ing|ried|reuth|roda|wil|ikon|egg)$"
)


SPEECH_VERBS = _pack_words("speech_verbs")
LOC_CUE_WORDS = _word_list("location_cues")
FEDERAL_ORG_SUFFIXES = ("ministerium", "kammer", "amt", "agentur", "anstalt", "gericht",
                        "gerichtshof", "bank", "verband", "institut", "behörde", "zentrale",
                        "rechnungshof", "kriminalamt", "ministeriums", "amtes", "gerichts",
                        "verbandes", "instituts")
MONTHS_DE_EN = _pack_words("calendar_words")
OPENING_QUOTES = {"„", "\"", "“", "«", "»", "‚"}
CLOSING_QUOTES = {"“", "\"", "”", "«", "»", "‘"}
ORG_ADJ_SUFFIXES = FEDERAL_ORG_SUFFIXES + (
    "union", "partei", "verein", "vereins", "stiftung", "akademie", "kommission", "gesellschaft",
    "verbänden", "gewerkschaft", "ministeriums", "zentralbank", "notenbank")
NAME_ADJ_ENDINGS = ("ale", "alen", "aler", "ste", "sten", "ster", "ische", "ischen", "ischer",
                    "äre", "ären", "ige", "igen", "ene", "enen")
ADJ_LIKE_RE = re.compile(
    r"(?:isch|lich|ig|iv|ell|bar|sam|haft|los|ierte?|end)(?:e|en|er|es|em)?$|"
    r"(?:isch|lich|ig|iv|bar|sam|haft|los)$"
)
CAMEL_RE = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]")
DEUTSCH_RE = re.compile(r"deutsch(?:e|en|er|es|em)$")
PREPOSITIONS = _word_list("prepositions")
ADVERB_RE = re.compile(
    r"^(?:Da|Dar|Hier|Wo|Wor)(?:auf|aus|bei|durch|für|gegen|hin|in|mit|nach|neben|über|um|"
    r"unter|von|vor|zu|zwischen|an)$|(?:weise|falls|dessen|her|hin|dem|mal|wegs|halb|seits|"
    r"wärts|fern|weil|sonsten|lang|mals|stens|ings|erdings|gegen|zeitig|weit|wohl)$|"
    r"^(?:Früher|Immerhin|Derweil|Zumindest|Vermutlich|Offenbar|Tatsächlich|Natürlich|Leider|"
    r"Anfangs|Seither|Mittlerweile|Kurz|Dabei|Damit|Dafür|Dagegen|Daraufhin|Zuletzt|Erneut|"
    r"Nun|Dort|Hier|Heute|Morgen|Gestern|Jetzt|Bald|Einst|Sonst|Vorerst|Zunächst|Doch|Denn|"
    r"Also|Trotzdem|Ebenso|Genauso|Allein|Bereits|Schon|Noch|Nur|Auch|Selbst|Sogar|Gerade|"
    r"Insgesamt|Nebenbei|Stattdessen|Ursprünglich|Eigentlich|Letztlich|Schließlich|Endlich|"
    r"Später|Umgekehrt|Allgemein|Grundsätzlich|Generell|Vieles|Manches|Einiges|Weiteres|Gab|"
    r"Gibt|Pro|Kontra|Anders|Ähnlich|Ebenfalls|Zudem|Ferner|Außerdem|Hinzu|Zusätzlich|Neu|"
    r"Wichtig|Klar|Fest|Sicher|Gut|Schlecht|Besser|Lieber|Vorher|Nachher|Drinnen|Draußen|"
    r"Siehe|Darf|Kann|Muss|Soll|Will|Mag|Bleibt|Bleiben|Seht|Sieh|Geht|Gilt|Kommt|Steht|"
    r"Liegt|Hat|Ist|War|Wird|Wurde|Sind|Waren|Hatte|Selten|Oft|Häufig|Meist|Momentan|"
    r"Aktuell|Derzeit|Bekannt|Interessant|Wichtiger|Dahinter|Vorn|Hinten|Zirka|Circa|Früh|"
    r"Ungeachtet|Anzumerken|Sinnvoll|Möglich|Unklar|Offen|Fraglich|Richtig|Falsch|Genau|"
    r"Typisch|Ähnliches|Neues|Altes|Gleiches|Folgendes|Letzteres|Ersteres|Letzterer|"
    r"Ersterer|Beides|Alles|Nichts|Jeder|Keiner|Niemand|Jemand|Heuer|Tags|Abends|Morgens|"
    r"Nachts|Mittags|Vormittags|Nachmittags|Unterwegs|Inzwischen|Seitdem|Solange|Sobald)$|"
    r"^(?:Ge|Be|Er|Ver|Zer|Ent|Aufge|Ausge|Abge|Ange|Einge|Vorge|Zuge)[a-zäöüß]{3,}(?:t|et|en)$"
)
PLACE_OWNER_SUFFIXES = ("bischof", "herzog", "graf", "fürst", "könig", "kaiser", "herr", "earl",
                        "duke", "lord", "stadt", "hauptstadt", "bürgermeister", "gouverneur",
                        "region", "provinz", "umgebung", "nähe", "zentrum", "einwohner",
                        "bewohner", "bistum", "kreis", "gemeinde", "ortsteil", "nahe")
ENGLISH_ORG_TAILS = _word_list("org_tails")
ENGLISH_FUNCTION_WORDS = _word_list("function_words")
MOTORWAY_RE = re.compile(r"^A\d{1,3}$")
PLACE_ADJ_RE = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(?:ische|deutsche)[nrsm]?$")
BRACKETED_RE = re.compile(r"\((\w+)\)")
INITIAL_RE = re.compile(r"(?<!\w)[A-ZÄÖÜ](?= ?\.)")
CLUB_NUMBER_RE = re.compile(r"\b1\.\s*$")
ACRONYM_NOT_ORG = {
    "TV", "CD", "DVD", "PC", "USB", "PDF", "HTML", "URL", "WWW", "OK", "KM", "CO", "CO2", "II",
    "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "NR", "PS", "KW", "MW", "GB", "MB",
    "SMS", "GPS", "DNA", "HIV", "AIDS", "PR", "IT", "UKW", "LKW", "PKW", "Lkw", "Pkw", "EDV",
    "BIP", "MwSt", "ICE", "SUV", "CEO", "CFO", "DJ", "MP3", "AM", "PM", "FM", "UV", "OP",
    "US", "USA", "UK", "EM", "WM", "AG", "GmbH", "KG", "SE", "NS", "EUR", "USD", "CHF", "TOP",
    "Co", "ABC", "A", "I", "II", "Mio", "Mrd", "ZB", "OB", "ISBN", "ISSN", "KB", "MHz", "GHz",
    "kHz", "StGB", "BGB", "GG", "HGB", "StPO", "ZPO", "NZ", "BC", "AD", "FAQ", "LED", "LCD",
    "RAM", "CPU", "GPU", "SD", "HD", "USD", "EUR", "CET", "MEZ", "UTC", "GMT", "PIN", "KFZ",
    "Kfz", "WC", "Nr", "Dr", "Prof", "St", "TecDax", "DAX", "Dax", "MDax", "SDax", "NBA",
    "TecDAX", "MDAX", "SDAX", "PLZ", "FCKW", "MBA", "CPI", "MdB", "MdL", "MdEP", "NADPH", "RNA",
    "mRNA", "BSE", "PVC", "PCB", "PDF", "SUV", "HTTP", "API", "SQL", "XML", "JPEG", "MPEG",
    "GSM", "UMTS", "LTE", "WLAN", "DSL", "ISDN", "BMI", "EKG", "MRT", "CT", "IQ", "PhD",
    "BWL", "VWL", "AGB", "GmbH", "NGO", "NGOs", "KMU", "ÖPNV", "ICE", "IC", "EC",
}


class PhraseAutomaton:
    """Aho-Corasick over the gazetteer phrases: :meth:`iter_long` yields ``(end index, (phrase,
    ((flag, key), …)))`` like a pyahocorasick automaton storing those tuples. It stores integers
    and keeps each phrase's flags in one string ("phrase\\tFLAG=key…", the flags sorted), all of
    them in one text with their start offsets, decoded on a phrase's first match; so its pickle in
    the compiled-resource cache loads several times faster than an automaton of Python objects."""

    def __init__(self, entries: dict[str, set[str]]) -> None:
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        values: list[str] = []
        for phrase, kinds in entries.items():
            self.automaton.add_word(phrase, len(values))
            values.append("\t".join([phrase, *sorted(kinds)]))
        self.automaton.make_automaton()
        self._text = "\n".join(values)
        self._starts = array("I", [0])
        for value in values:
            self._starts.append(self._starts[-1] + len(value) + 1)
        self._decoded: dict[int, tuple[str, tuple[tuple[str, str], ...]]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"automaton": self.automaton, "text": self._text, "starts": self._starts}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.automaton, self._text, self._starts = state["automaton"], state["text"], state["starts"]
        self._decoded = {}

    def _value(self, i: int) -> tuple[str, tuple[tuple[str, str], ...]]:
        if i not in self._decoded:
            phrase, *kinds = self._text[self._starts[i]:self._starts[i + 1] - 1].split("\t")
            self._decoded[i] = (phrase, tuple(tuple(kind.partition("=")[::2]) for kind in kinds))
        return self._decoded[i]  # type: ignore[return-value]

    def iter_long(self, text: str) -> Iterator[tuple[int, tuple[str, tuple[tuple[str, str], ...]]]]:
        value = self._value
        for end, i in self.automaton.iter_long(text):
            yield end, value(i)


@dataclass
class Lexicon:
    """All gazetteer data, loaded once."""

    automaton: PhraseAutomaton
    first_names: set[str]
    function_words: set[str]
    common_words: set[str]
    particles: set[str]
    org_suffixes: tuple[str, ...]
    org_heads: set[str]
    legal_forms: set[str]
    club_prefixes: set[str]
    org_cues: set[str]
    org_cue_suffixes: frozenset[str]
    org_cue_ends: frozenset[str]
    org_tails: set[str]
    role_titles: dict[str, str]  # cue -> kind (title/honorific)
    role_suffixes: frozenset[str]  # lowercase single-word cues ("minister", "präsident")
    multi_cues: dict[tuple[str, ...], str]  # ("Secretary", "of", "State") -> cue
    role_ends: frozenset[str]  # last three letters of the single-word cues
    adjectives: dict[str, str] = field(default_factory=dict)  # form -> LOC key
    weak_places: AbstractSet[str] = field(default_factory=set)  # city keys that need no article
    nouns: AbstractSet[str] = frozenset()  # German common-noun lemmas (:func:`german_nouns`)
    small_places: AbstractSet[str] = field(default_factory=set)  # cities that yield to first names
    surnames: frozenset[str] = frozenset()


def _sections(path: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for line in (GAZETTEER_DIR / path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("["):
            current = line.strip("[] ")
            continue
        out.setdefault(current, []).extend(line.split())
    return out


def _words(path: str) -> set[str]:
    return {w for words in _sections(path).values() for w in words}


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon and its Aho-Corasick automaton: built once per process, kept compiled on
    disk between runs (:mod:`graphbuilder.cache`, invalidated by a hash of the data files)."""
    from graphbuilder.cache import cached

    lex = cached("lexicon", [GAZETTEER_DIR, __file__, _keys_module_file()], _build_lexicon)
    lex.nouns = german_nouns()
    lex.weak_places, lex.small_places = _city_keys()
    return lex


def _city_sets() -> dict[str, set[str]]:
    """The city keys (places that need no article) and those of cities under 300,000 people."""
    rows = read_rows(GAZETTEER_DIR / "cities.tsv")
    return {"weak": {row[0] for row in rows}, "small": {row[0] for row in rows if int(row[4] or 0) < 300_000}}


def _city_keys() -> tuple[AbstractSet[str], AbstractSet[str]]:
    """:func:`_city_sets` read in place from the compiled-resource cache, else built."""
    from graphbuilder import tables

    found = tables.cached_tables("city-keys", [GAZETTEER_DIR / "cities.tsv", __file__],
                                 lambda: {k: tables.pairs_of(v) for k, v in _city_sets().items()})
    if found is not None and {"weak", "small"} <= found.keys():
        return tables.StringSet(found["weak"]), tables.StringSet(found["small"])
    sets = _city_sets()
    return sets["weak"], sets["small"]


def _keys_module_file() -> str:
    from graphbuilder import keys

    return str(keys.__file__)


def _build_lexicon() -> Lexicon:
    """Build the lexicon and the Aho-Corasick automaton."""
    aliases = built_alias_data()  # the tables in memory: their phrases are read in the order built
    stop = _sections("stopwords.txt")
    function_words = set(stop.get("function", []))
    common = _words("common_words.txt") | set(stop.get("common", [])) | function_words
    all_first = _words("first_names.txt")
    first_names = all_first - common
    ambiguous_first = (all_first & common) - function_words
    particles = _words("particles.txt")
    heads = _sections("org_heads.txt")
    roles = {row[0]: row[1] for row in read_rows(GAZETTEER_DIR / "roles.tsv")}

    adjectives: dict[str, str] = {}
    for row in read_rows(GAZETTEER_DIR / "countries.tsv"):
        key = row[0]
        for stem in filter(None, row[4].split("|")):
            for ending in ADJ_ENDINGS:
                adjectives.setdefault(stem + ending, key)
                adjectives.setdefault((stem + ending).capitalize(), key)
        for demonym in filter(None, row[5].split("|")):
            adjectives.setdefault(demonym, key)
            adjectives.setdefault(demonym + "s", key)
    for row in read_rows(GAZETTEER_DIR / "regions.tsv"):  # "die steirische Landesregierung", "Bavarian"
        key = row[0]
        for stem in filter(None, (row[3] if len(row) > 3 else "").split("|")):
            for ending in ADJ_ENDINGS:
                adjectives.setdefault(stem + ending, key)
                adjectives.setdefault((stem + ending).capitalize(), key)
        for demonym in filter(None, (row[4] if len(row) > 4 else "").split("|")):
            adjectives.setdefault(demonym, key)

    entries: dict[str, set[str]] = {}
    for alias, key in aliases.alias_to_key.items():
        if alias not in aliases.written:
            continue
        if (alias[:1].isupper() or aliases.label[key] == "ORG") and (
                alias not in common or len(alias) > 3 and alias.isupper()):
            entries.setdefault(alias, set()).add(aliases.label[key] + "=" + key)
    # datelines write big places in capitals: "TOKIO", "BERLIN"
    for row in read_rows(GAZETTEER_DIR / "cities.tsv"):
        if int(row[4] or 0) >= 1_000_000:
            for alias in row[2].split("|"):
                if len(alias) > 3 and alias in aliases.written:
                    entries.setdefault(alias.upper(), set()).add("LOC=" + row[0])
    for name in first_names:
        entries.setdefault(name, set()).add("FIRST")
    for name in ambiguous_first:
        entries.setdefault(name, set()).add("FIRST?")
    for name in all_first & function_words:  # "Mark", "Will": first names in English only
        if name[:1].isupper() and len(name) > 2:
            entries.setdefault(name, set()).add("FIRST-EN")
    for form, key in adjectives.items():
        entries.setdefault(form, set()).add(DERIV_FLAG + "=" + key)
    automaton = PhraseAutomaton(entries)

    role_suffixes = frozenset(c.lower() for c in roles if " " not in c and c[0].isupper()
                              and roles[c] != "honorific" and len(c) >= 4)
    multi_cues = {tuple(c.split()): c for c in roles if " " in c}
    cue_suffixes = {c.lower() for c in heads.get("cue", []) if c[:1].isupper() and len(c) > 4}
    return Lexicon(
        automaton=automaton,
        first_names=first_names,
        function_words=function_words,
        common_words=common,
        particles=particles,
        org_suffixes=tuple(sorted(heads.get("suffix", []), key=len, reverse=True)),
        org_heads=set(heads.get("head", [])),
        legal_forms=set(heads.get("legal", [])),
        club_prefixes=set(heads.get("prefix", [])),
        org_cues=set(heads.get("cue", [])),
        org_cue_suffixes=frozenset(cue_suffixes),
        org_cue_ends=frozenset(c[-3:] for c in cue_suffixes),
        org_tails=set(heads.get("tail", [])),
        role_titles=roles,
        role_suffixes=role_suffixes,
        role_ends=frozenset(c[-3:] for c in role_suffixes),
        multi_cues=multi_cues,
        adjectives=adjectives,
        weak_places=set(),  # read in place: :func:`_city_keys`
        small_places=set(),
        nouns=frozenset(),  # read in place: :func:`german_nouns`
        surnames=frozenset(_words("surnames.txt")),
    )


def _read_words(name: str) -> frozenset[str]:
    path = GAZETTEER_DIR / name
    if not path.exists():
        return frozenset()
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


def _word_set(name: str) -> AbstractSet[str]:
    """The words of the gazetteer list ``name`` (a gzipped text file), read in place from the
    compiled-resource cache (:mod:`graphbuilder.tables`: decoding the whole list cost more than a
    short article's lookups), else in memory."""
    from graphbuilder import tables

    found = tables.cached_tables(f"words-{name.split('.')[0]}", [GAZETTEER_DIR / name],
                                 lambda: {"words": tables.pairs_of(_read_words(name))})
    if found is not None and "words" in found:
        return tables.StringSet(found["words"])
    return _read_words(name)


@functools.cache
def german_nouns() -> AbstractSet[str]:
    """German common-noun lemmas (CC0 noun lexicon)."""
    return _word_set("nouns_de.txt.gz")


@functools.cache
def english_words() -> AbstractSet[str]:
    """Lowercase English dictionary words (SCOWL); loaded on the first English text."""
    return _word_set("words_en.txt.gz")


NOUN_ENDINGS = ("s", "es", "n", "en", "e", "er", "ern", "nen", "innen", "in", "ns")
_UMLAUT_BACK = str.maketrans("äöüÄÖÜ", "aouAOU")
_UMLAUTS = frozenset("äöüÄÖÜ")


def _simple_noun(tok: str, nouns: AbstractSet[str]) -> bool:
    if tok in nouns or (not _UMLAUTS.isdisjoint(tok) and tok.translate(_UMLAUT_BACK) in nouns):
        return True
    if "ss" in tok and _simple_noun(tok.replace("ss", "ß"), nouns):  # Swiss spelling
        return True
    for ending in NOUN_ENDINGS:
        if tok.endswith(ending) and len(tok) - len(ending) >= 3:
            base = tok[: -len(ending)]
            if base in nouns or base.translate(_UMLAUT_BACK) in nouns:
                return True
    if tok.endswith("en") and len(tok) >= 5:  # Firmen, Museen/Zentren, Viren
        base = tok[:-2]
        return any(base + s in nouns for s in ("a", "um", "us", "on", "ma"))
    return False


@functools.lru_cache(maxsize=300_000)
def is_unknown_word(tok: str) -> bool:
    """German: a capitalised word that is no function word, common word or noun."""
    lex = lexicon()
    return (
        tok not in lex.function_words
        and tok not in lex.common_words
        and not ADJ_LIKE_RE.search(tok)
        and not tok.isupper()
        and len(tok) > 1
        and not tok[-1].isdigit()
        and any(ch.islower() for ch in tok)
        and not is_common_noun(tok)
    )


@functools.lru_cache(maxsize=200_000)
def _place_shape(tok: str) -> tuple[bool, bool, bool]:
    """(compass + known place "Süditalien", street "Hauptstraße", place suffix "Xingen")."""
    compass = False
    m = COMPASS_RE.match(tok)
    if m:
        aliases = alias_data()
        rest = m.group("rest")
        rest = rest[0].upper() + rest[1:]
        key = aliases.alias_to_key.get(rest) or (
            aliases.alias_to_key.get(rest[:-1]) if rest.endswith("s") else None)
        compass = bool(key) and aliases.label.get(key) == "LOC"
    place_suffix = bool(PLACE_SUFFIX_RE.search(tok)) and not NOUN_SUFFIX_RE.search(tok)
    return compass, bool(STREET_RE.search(tok)), place_suffix


@functools.lru_cache(maxsize=200_000)
def _org_relevant(tok: str) -> bool:
    """Can any organisation pattern start or end at this capitalised token?"""
    lex = lexicon()
    return (
        tok in ORG_ADJ_HEADS or tok in ORG_ADJ_HEADS_GEN or tok in ORG_PLACE_HEADS
        or tok in ORG_FUER_HEADS
        or tok in lex.legal_forms or tok in lex.club_prefixes or tok in lex.org_tails
        or tok.endswith(ORG_PLACE_SUFFIXES) or tok.startswith(("Bundes", "Landes"))
        or is_org_acronym(tok) or is_org_cue(tok) or tok.lower().endswith(ORG_ADJ_SUFFIXES)
    )


@functools.lru_cache(maxsize=100_000)
def is_org_cue(tok: str) -> bool:
    """"Konzern", "Softwarehersteller", "Pop-Band", "Herstellern", "Magazins": a word right
    before an organisation's name (also inflected or as a hyphen compound)."""
    if _org_cue_form(tok):
        return True
    pre, _, core = tok.rpartition("-")
    if pre and core[:1].isupper() and _org_cue_form(core):
        return True
    for ending in ("s", "es", "n", "en"):
        if tok.endswith(ending) and len(tok) > len(ending) + 3 \
                and is_org_cue(tok[: -len(ending)]):
            return True
    return False


def _org_cue_form(tok: str) -> bool:
    lex = lexicon()
    if tok in lex.org_cues:
        return True
    low = tok.lower()
    if low[-3:] not in lex.org_cue_ends:
        return False
    return any(low[k:] in lex.org_cue_suffixes for k in range(1, len(low) - 4))


@functools.lru_cache(maxsize=100_000)
def is_org_acronym(tok: str) -> bool:
    """"SPD", "AfD", "OSZE" (not units, codes, roman numerals or words in capitals)."""
    if not ACRONYM_RE.match(tok) or tok in ACRONYM_NOT_ORG:
        return False
    if tok.isupper() and len(tok) > 3:
        word = tok.capitalize()
        lex = lexicon()
        if (word in lex.function_words or word in lex.common_words or word in lex.nouns
                or word in alias_data().alias_to_key):
            return False  # "HIER", "GERMANY"
    return True


ROLE_INFLECTIONS = ("", "en", "n", "s", "es")


@functools.lru_cache(maxsize=100_000)
def role_cue(tok: str) -> tuple[str | None, str | None]:
    """Split a title token: "US-Außenministers" -> ("US", "Außenminister"); else (None, None)."""
    lex = lexicon()
    if tok in lex.role_titles:
        return None, tok
    pre, _, core = tok.rpartition("-")
    if not core[:1].isupper():
        return None, None
    low = core.lower()
    for ending in ROLE_INFLECTIONS:
        if ending and not low.endswith(ending):
            continue
        stem = low[: len(low) - len(ending)]
        if stem[-3:] not in lex.role_ends:  # quick reject
            continue
        for k in range(0, len(stem) - 3):
            if stem[k:] in lex.role_suffixes:
                return (pre or None), core[: len(stem)]
    return None, None


@functools.lru_cache(maxsize=100_000)
def cue_of(tok: str, language: str) -> tuple[str | None, str | None]:
    """:func:`role_cue` for a language: English titles are whole words ("Banking" is none)."""
    pre, cue = role_cue(tok)
    if cue is None or language != "en" or cue in lexicon().role_titles \
            or cue.lower() in lexicon().role_suffixes:
        return pre, cue
    return None, None


@functools.lru_cache(maxsize=300_000)
def is_common_noun(tok: str) -> bool:
    """Is ``tok`` a (possibly inflected or compound) German common noun?"""
    nouns = lexicon().nouns
    if tok.endswith("-"):
        return True
    if "-" in tok:
        tok = tok.rsplit("-", 1)[1]
        if not tok[:1].isupper():
            return False
    if _simple_noun(tok, nouns):
        return True
    # compound: some tail of the word is a (possibly inflected) noun
    n = len(tok)
    endings = [len(e) for e in NOUN_ENDINGS if tok.endswith(e)]
    umlaut = not _UMLAUTS.isdisjoint(tok)
    plural_en = tok.endswith("en")
    for k in range(2, n - 3):
        tail = tok[k].upper() + tok[k + 1:]
        if tail in nouns or (umlaut and tail.translate(_UMLAUT_BACK) in nouns):
            return True
        for cut in endings:
            if n - k - cut >= 3:
                base = tail[:-cut]
                if base in nouns or (umlaut and base.translate(_UMLAUT_BACK) in nouns):
                    return True
        if plural_en and n - k >= 5:
            base = tail[:-2]
            if base + "a" in nouns or base + "um" in nouns or base + "us" in nouns:
                return True
    return False


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    score: int
    key: str = ""
    derived: bool = False
    rule: str = ""
    conf: float = 1.0  # the learned recogniser's confidence


# Russian patronymics ("Jurjewitsch", "Sergejewna", "Ivanovich") sit between first name and surname
PATRONYMIC_RE = re.compile(r"[a-zäöü](?:ow|ew|jew|ij)(?:itsch|ich|na)$")
# Arabic article or kinship word joined to a name part: "al-Baschir", "el-Sisi", "bin-Salman"
ARABIC_ARTICLE_RE = re.compile(r"^(?:al|el|as|ad|ash|at|ar|an|az|ibn|bin|abu)-[A-Z][a-z]")


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


class _Doc:
    """Tokens of one text with gazetteer hits per token."""

    def __init__(self, text: str, lex: Lexicon, language: str = "de") -> None:
        self.text = text
        self.language = language
        self.lex = lex
        matches = list(TOKEN_RE.finditer(text))
        self.spans = spans = [m.span() for m in matches]
        self.toks = [m.group() for m in matches]
        self.starts = [s for s, _e in spans]
        ends = [e for _s, e in spans]
        self.by_start = dict(zip(self.starts, range(len(matches))))
        self.by_end = dict(zip(ends, range(len(matches))))
        self.cap = [t[0].isupper() for t in self.toks]
        self.cap_idx = [i for i, c in enumerate(self.cap) if c]
        self.adj = [False] + [text[a:b] in (" ", "  ") for a, b in zip(ends, self.starts[1:])]
        for i in self.initials:
            if i + 1 < len(self.spans) and text[self.spans[i][1]:self.spans[i + 1][0]] in (
                    ". ", " . "):
                self.adj[i + 1] = True
        self.first: set[int] = set()
        self.weak_first: set[int] = set()
        self.hits: list[_Cand] = []
        self._scan()

    @functools.cached_property
    def place_starts(self) -> set[int]:
        """Offsets where a gazetteer place name starts."""
        return {c.start for c in self.hits if c.label == "LOC" and not c.derived}

    def noun(self, tok: str) -> bool:
        """German common noun? (Always False for other languages.)"""
        return self.language == "de" and is_common_noun(tok)

    @functools.cached_property
    def initials(self) -> set[int]:
        """Tokens that are an initial followed by a dot ("A. Wiegemann", "Nico G.")."""
        by_start = self.by_start
        return {by_start[m.start()] for m in INITIAL_RE.finditer(self.text)
                if m.start() in by_start}

    def _scan(self) -> None:
        text, by_start, by_end = self.text, self.by_start, self.by_end
        for end_idx, (phrase, kinds) in self.lex.automaton.iter_long(text):
            start, end = end_idx - len(phrase) + 1, end_idx + 1
            i = by_start.get(start)
            if i is None:
                continue
            j = by_end.get(end)
            suffix = ""
            if j is None:
                j = self._token_index_covering(end - 1)
                if j is None:
                    continue
                suffix = text[end:self.spans[j][1]]
            for flag, key in kinds:
                if flag == "FIRST":
                    if not suffix and i == j:
                        self.first.add(i)
                    continue
                if flag == "FIRST?" or flag == "FIRST-EN":
                    if not suffix and i == j and (flag == "FIRST?" or self.language == "en"):
                        self.weak_first.add(i)
                    continue
                if flag == DERIV_FLAG:
                    if not suffix:
                        self.hits.append(_Cand(start, end, "LOC", 1, key, derived=True))
                    continue
                if not suffix:
                    self.hits.append(_Cand(start, end, flag, 3, key, rule="gaz"))
                elif (suffix in ("s", "'s", "’s") and len(phrase) >= 4 and phrase[-1] != "s"
                      and (suffix != "s" or phrase[-1] not in "aiouy"
                           or key not in self.lex.weak_places)) or (
                               suffix == "es" and phrase.endswith(("land", "reich"))):
                    self.hits.append(_Cand(start, self.spans[j][1], flag, 3, key, rule="gaz-gen"))
                elif suffix.startswith("-"):
                    self.hits.append(_Cand(start, end, flag, 1, key, derived=True))
                elif flag == "LOC" and suffix in ("er", "ern", "ers", "erin", "erinnen"):
                    self.hits.append(_Cand(start, self.spans[j][1], "LOC", 1, key, derived=True))

    def _token_index_covering(self, pos: int) -> int | None:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return i
        return None


def _sentence_starts(text: str, sentences: list[Sentence]) -> set[int]:
    starts = {0}
    for sent in sentences:
        starts.add(sent.start)
    return starts


@register("entities", "rules")
class RuleEntityExtractor:
    """PER/ORG/LOC by gazetteers, cues and patterns; keys via within-document coreference."""

    def __init__(self) -> None:
        self.lex = lexicon()
        # English: lowercase titles ("spokesman") also announce a name
        self.en_cue_words = SPEECH_VERBS | {c for c in self.lex.role_titles if c[:1].islower()}
        # diagnostics: (start, end) -> name of the rule behind each mention of the last call
        self.last_rules: dict[tuple[int, int], str] = {}

    # ------------------------------------------------------------------ candidates
    def _name_ok(self, tok: str) -> bool:
        """Could ``tok`` be (part of) a proper name?"""
        return (
            _is_cap(tok)
            and tok not in self.lex.function_words
            and not tok.isdigit()
            and any(ch.islower() for ch in tok[1:] or "x")
        )

    def _genitive_noun(self, tok: str) -> bool:
        """A German common noun in the genitive ("Gerichtshofs", "Ministeriums"): its form
        without -s/-es is a noun of the lexicon and neither form a known surname. A name after a
        title is not inflected ("des Präsidenten Putin"), so after a role cue ("des Obersten
        Gerichtshofs") such a word is the noun, not a person's name."""
        if not tok.endswith("s") or tok in self.lex.surnames:
            return False
        nouns = german_nouns()
        return any(stem in nouns and stem not in self.lex.surnames  # type: ignore[operator]
                   for stem in (tok[:-1], tok[:-2] if tok.endswith("es") else ""))

    def _en_surname(self, doc: _Doc, k: int) -> bool:
        """English text: a German-only function word after a first name is a surname
        ("Marvin Hier", "Dorothea Lange")."""
        tok = doc.toks[k]
        return (doc.language == "en" and tok in self.lex.function_words
                and tok not in ENGLISH_FUNCTION_WORDS and tok.lower() not in english_words()
                and any(ch.islower() for ch in tok[1:]))

    def _persons(self, doc: _Doc, starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        toks, spans, lex, adj = doc.toks, doc.spans, self.lex, doc.adj
        n = len(toks)
        initials = doc.initials
        seeds = sorted(doc.first | doc.weak_first | initials)
        done = -1
        for i in seeds:
            if i <= done:
                continue
            if i in doc.first or (i in initials and i + 1 < n and self._name_ok(toks[i + 1])):
                j = i + 1
                while j < n and adj[j] and (j in doc.first or j in initials):
                    j += 1
                k = j
                while k < n and toks[k] in lex.particles and adj[k]:
                    k += 1
                if (k < n and adj[k] and (self._name_ok(toks[k]) or self._en_surname(doc, k)
                                          or ARABIC_ARTICLE_RE.match(toks[k]) is not None)
                        and (toks[k] not in lex.function_words or self._en_surname(doc, k))
                        and not STREET_RE.search(toks[k])
                        and not self._starts_title(toks, k)
                        and not (doc.language == "en" and (toks[k] in EN_ROLE_WORDS
                                                           or cue_of(toks[k], "en")[1]))):
                    end_tok = k
                elif j - i >= 2:
                    end_tok = j - 1  # "Thomas Frank", "Nico G."
                else:
                    continue
                # "… von Hohenzollern", "… de Mello"
                k = end_tok + 1
                while k < n and toks[k] in lex.particles and adj[k]:
                    k += 1
                if k > end_tok + 1 and k < n and adj[k] and self._name_ok(toks[k]) \
                        and not doc.noun(toks[k]):
                    end_tok = k
                while end_tok + 1 < n and adj[end_tok + 1] and (
                        PATRONYMIC_RE.search(toks[end_tok])
                        and self._name_ok(toks[end_tok + 1])
                        and not doc.noun(toks[end_tok + 1])
                        and toks[end_tok + 1] not in lex.common_words
                        or ARABIC_ARTICLE_RE.match(toks[end_tok + 1])):
                    end_tok += 1  # "Sergej Jurjewitsch Netschajew", "Omar al-Baschir"
                end = spans[end_tok][1]
                if end_tok in initials:
                    end = doc.text.index(".", end) + 1
                elif end_tok + 1 < n and adj[end_tok + 1] and ROMAN_RE.match(toks[end_tok + 1]) \
                        and doc.text[spans[end_tok + 1][1]:spans[end_tok + 1][1] + 1] == ".":
                    end_tok += 1  # "Elisabeth II."
                    end = spans[end_tok][1] + 1
                if i in doc.first and end_tok == i + 1 and end_tok in initials:
                    score = 3
                else:
                    score = 4 if spans[i][0] not in starts or end_tok > i else 2
                if doc.language == "en":
                    if toks[end_tok] in EN_ORG_HEADS or toks[end_tok] in EN_LOC_HEADS \
                            or toks[end_tok] in EN_ORG_STARTS:
                        done = end_tok
                        continue  # "Douglas Aircraft", "Adam Air": organisations
                    k = end_tok + 1  # "Lee Hsien Loong"
                    if end == spans[end_tok][1] and k < n and adj[k] and self._name_ok(toks[k]) \
                            and toks[k] not in lex.common_words and k not in doc.first \
                            and toks[k] not in EN_ROLE_WORDS and toks[k] not in EN_CALENDAR \
                            and not (k + 1 < n and adj[k + 1] and doc.cap[k + 1]) \
                            and toks[k] not in EN_ORG_HEADS | EN_LOC_HEADS:
                        end_tok, end = k, spans[k][1]
                out.append(_Cand(spans[i][0], end, "PER", score, rule="first"))
                done = end_tok
                continue
            if (i in doc.weak_first and i + 1 < n and adj[i + 1] and self._name_ok(toks[i + 1])
                    and toks[i + 1] not in lex.common_words
                    and (spans[i][0] not in starts or doc.language == "en")
                    and (doc.language == "en" or not NOUN_SUFFIX_RE.search(toks[i + 1]))
                    and not (i + 2 < n and adj[i + 2] and doc.cap[i + 2])):
                out.append(_Cand(spans[i][0], spans[i + 1][1], "PER", 2, rule="first?"))
        # role cue or speech verb + capitalised name ("Kanzlerin Merkel", "sagte Lawrow")
        cue_words = SPEECH_VERBS if doc.language == "de" else self.en_cue_words
        cue_positions = sorted(doc.cap_idx + [i for i, t in enumerate(toks) if t in cue_words])
        for i in cue_positions:
            if i >= n - 1:
                continue
            tok = toks[i]
            if tok not in SPEECH_VERBS and (role_cue(tok) if doc.language == "de"
                                            else cue_of(tok, "en"))[1] is None:
                continue
            if tok == "told":
                continue  # "told Reuters": the listener, often an organisation
            k = i + 1
            gap = doc.text[spans[i][1]:spans[k][0]]
            if not (adj[k] or (gap.strip() == "." and lex.role_titles.get(tok) == "honorific")):
                continue
            j = k
            while (j < n and j - k < 3 and adj[j] and (
                    j > k and ARABIC_ARTICLE_RE.match(toks[j]) or self._name_ok(toks[j])
                    and (toks[j] in lex.surnames or j in doc.first or (
                       toks[j] not in lex.common_words
                       and not NOUN_SUFFIX_RE.search(toks[j])
                       and not (doc.language == "de" and self._genitive_noun(toks[j])))))):
                j += 1
            if j > k and not (j < n and adj[j] and doc.cap[j] and toks[j] not in lex.function_words):
                out.append(_Cand(spans[k][0], spans[j - 1][1], "PER", 3,
                                 rule="verb" if tok in SPEECH_VERBS else "cue"))
        return out

    def _orgs(self, doc: _Doc, loc_by_start: dict[int, _Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        toks, spans, lex, text, adj, cap = doc.toks, doc.spans, self.lex, doc.text, doc.adj, doc.cap
        n = len(toks)
        for loc in loc_by_start.values() if doc.language == "de" else ():
            # club named by its town and founding year: "Xstadt 05", "Xhausen 96"
            i = doc.by_start[loc.start]
            if loc.derived or loc.end != spans[i][1] or i + 1 >= n or not adj[i + 1] \
                    or len(toks[i + 1]) != 2 or not toks[i + 1].isdigit():
                continue
            if text[spans[i + 1][1]:spans[i + 1][1] + 1] in (".", ":", "-", "/", ",", "%") \
                    and text[spans[i + 1][1]:spans[i + 1][1] + 2] != ", " \
                    or i + 2 < n and adj[i + 2] and (cap[i + 2] or toks[i + 2] in MONTHS_DE_EN):
                continue
            out.append(_Cand(loc.start, spans[i + 1][1], "ORG", 4, rule="club-year"))
        for i in doc.cap_idx:
            if not _org_relevant(toks[i]):
                continue
            tok = toks[i]
            # adjective(s) + press/organisation head: "Süddeutsche Zeitung", "Deutsche Bank",
            # "Hessischer Rundfunk", "Bayerisches Staatsministerium"
            if (tok in ORG_ADJ_HEADS or tok in ORG_ADJ_HEADS_GEN) and i > 0 and adj[i] \
                    and cap[i - 1] \
                    and toks[i - 1].endswith(("e", "en", "er", "es")) \
                    and toks[i - 1] not in lex.function_words:
                b = i - 1
                while b > 0 and adj[b] and cap[b - 1] and toks[b - 1].endswith(("e", "en", "er"))\
                        and toks[b - 1] not in lex.function_words:
                    b -= 1
                out.append(_Cand(spans[b][0], spans[i][1], "ORG", 3, rule="org-adj"))
            # name adjective(s) + institution noun: "Oberste Gerichtshof", "Europäische
            # Fußball-Union", "Bayerischen Staatsministerium für Unterricht und Kultus"
            if doc.language == "de" and i > 0 and adj[i] and cap[i - 1] \
                    and tok.lower().endswith(ORG_ADJ_SUFFIXES) \
                    and self._name_adjective(doc, i - 1):
                b = i - 1
                while b > 0 and adj[b] and cap[b - 1] and self._name_adjective(doc, b - 1):
                    b -= 1
                if b > 0 and text[spans[b - 1][1]:spans[b][0]].strip() not in (".", "!", "?"):
                    e = i
                    if i + 2 < n and toks[i + 1] == "für" and cap[i + 2]:
                        e = _fuer_chain_end(doc, i + 2, lex.function_words)
                    out.append(_Cand(spans[b][0], spans[e][1], "ORG", 3, rule="org-adj-head"))
            # place adjective + organisation noun: "Hessischer Rundfunk", "Hamburger Sparkasse"
            if i > 0 and adj[i] and cap[i - 1] and doc.language == "de" \
                    and (tok in ORG_PLACE_HEADS or tok.lower().endswith(lex.org_suffixes)) \
                    and tok != "Polizei" and self._place_adjective(toks[i - 1]):
                out.append(_Cand(spans[i - 1][0], spans[i][1], "ORG", 3, rule="org-placeadj"))
            # head + place: "Universität Hamburg", "TU Berlin", "THW Kiel"
            if (tok in ORG_PLACE_HEADS or is_org_acronym(tok)
                    or tok.endswith(ORG_PLACE_SUFFIXES)) and i + 1 < n and adj[i + 1]:
                loc = loc_by_start.get(spans[i + 1][0])
                if loc is not None and not loc.derived:
                    b = i
                    while b > 0 and adj[b] and cap[b - 1] and toks[b - 1].endswith(
                            ("e", "en", "er", "es")) and toks[b - 1] not in lex.function_words \
                            and (ADJ_LIKE_RE.search(toks[b - 1]) or DEUTSCH_RE.search(toks[b - 1])
                                 or not doc.noun(toks[b - 1])):
                        b -= 1
                    out.append(_Cand(spans[b][0], loc.end, "ORG", 4, rule="org-place"))
            # head + unknown name: "Realschule Xingen", "Kraftwerk Xdorf/Yberg"
            if doc.language == "de" and (tok in ORG_PLACE_HEADS or tok.endswith(ORG_PLACE_SUFFIXES)
                                         or tok.endswith(("kraftwerk", "grube", "zeche", "werft"))) \
                    and i + 1 < n and adj[i + 1] and cap[i + 1] \
                    and spans[i + 1][0] not in loc_by_start and self._name_ok(toks[i + 1]) \
                    and toks[i + 1] not in lex.common_words and not doc.noun(toks[i + 1]) \
                    and i + 1 not in doc.first and toks[i + 1].isalpha():
                e = i + 1
                if e + 1 < n and cap[e + 1] and text[spans[e][1]:spans[e + 1][0]] == "/":
                    e += 1
                out.append(_Cand(spans[i][0], spans[e][1], "ORG", 2, rule="org-head-name"))
            # head + für + Name: "Institut für Zeitgeschichte"
            if (tok in ORG_FUER_HEADS or tok.endswith(ORG_PLACE_SUFFIXES)) and i + 2 < n \
                    and toks[i + 1] == "für" and cap[i + 2] \
                    and toks[i + 2] not in lex.function_words:
                e = _fuer_chain_end(doc, i + 2, lex.function_words)
                out.append(_Cand(spans[i][0], spans[e][1], "ORG", 3, rule="org-fuer"))
            # Name + legal form: "Siemens AG"
            if tok in lex.legal_forms and i > 0 and cap[i - 1] and adj[i] \
                    and toks[i - 1] not in lex.function_words:
                b = i - 1
                while b > 0 and cap[b - 1] and toks[b - 1] not in lex.function_words \
                        and i - b < 4 and toks[b - 1] not in lex.common_words \
                        and (adj[b] or text[spans[b - 1][1]:spans[b][0]] == " & ") \
                        and not doc.noun(toks[b - 1]):
                    b -= 1
                end = spans[i][1] + (1 if text[spans[i][1]:spans[i][1] + 1] == "." and
                                     tok + "." in lex.legal_forms else 0)
                out.append(_Cand(spans[b][0], end, "ORG", 4, rule="org-legal"))
            # club: "1. FC Köln", "VfB Stuttgart", "FC Schalke 04"
            if tok in lex.club_prefixes and i + 2 < n and toks[i + 1].isdigit() and adj[i + 1] \
                    and adj[i + 2] and cap[i + 2] and toks[i + 2] not in lex.function_words:
                out.append(_Cand(spans[i][0], spans[i + 2][1], "ORG", 4, rule="club"))  # "SG 01 X"
            if tok in lex.club_prefixes and i + 1 < n and cap[i + 1] and adj[i + 1] \
                    and (tok not in lex.org_heads or tok.isupper()):
                e = i + 1
                while e + 1 < n and e - i < 3 and (cap[e + 1] or toks[e + 1].isdigit()) \
                        and toks[e + 1] not in lex.function_words and (
                            adj[e + 1] or text[spans[e][1]:spans[e + 1][0]] == "/") \
                        and (not toks[e].isdigit() or e == i + 1):
                    e += 1  # "FC Carl Zeiss Jena", "TSV Xhausen/Lahn", "FC Schalke 04"
                b = spans[i][0]
                m = CLUB_NUMBER_RE.search(text, max(0, b - 5), b)
                if m:
                    b = m.start()
                out.append(_Cand(b, spans[e][1], "ORG", 4, rule="club"))
            # federal institutions: "Bundesjustizministerium", "Bundesärztekammer"
            if tok.startswith(("Bundes", "Landes")) and tok.endswith(FEDERAL_ORG_SUFFIXES) \
                    and len(tok) > 12:
                out.append(_Cand(spans[i][0], spans[i][1], "ORG", 2, rule="org-federal"))
            # cue + name: "Konzern Siemens", "Softwarehersteller Saperion"
            if doc.language == "de" and is_org_cue(tok) and i + 1 < n and cap[i + 1] \
                    and text[spans[i][1]:spans[i + 1][0]].strip() in OPENING_QUOTES:
                e = i + 1  # cue + quoted name: "Magazin „The Face“"
                while e + 1 < n and e - i < 5 and adj[e + 1]:
                    e += 1
                if e + 1 < n and text[spans[e][1]:spans[e + 1][0]].strip()[:1] in CLOSING_QUOTES \
                        or e + 1 == n and text[spans[e][1]:].strip()[:1] in CLOSING_QUOTES:
                    out.append(_Cand(spans[i + 1][0], spans[e][1], "ORG", 3, rule="org-cue-quoted"))
            if is_org_cue(tok) and i + 1 < n and adj[i + 1] and cap[i + 1] \
                    and (self._name_ok(toks[i + 1]) or (doc.language == "de" and len(toks[i + 1]) >= 3
                                                        and toks[i + 1].isupper())) \
                    and toks[i + 1] not in lex.common_words and not doc.noun(toks[i + 1]):
                e = i + 1
                while e + 1 < n and adj[e + 1] and cap[e + 1] and e - i < 3 \
                        and toks[e + 1] not in lex.function_words \
                        and not doc.noun(toks[e + 1]):
                    e += 1
                out.append(_Cand(spans[i + 1][0], spans[e][1], "ORG", 3, rule="org-cue"))
            elif doc.language == "de" and is_org_cue(tok) and i + 2 < n and adj[i + 1] \
                    and adj[i + 2] and cap[i + 1] and cap[i + 2] \
                    and toks[i + 2] not in lex.function_words and not doc.noun(toks[i + 2]) \
                    and RuleEntityExtractor._dictionary_word(toks[i + 1]) \
                    and RuleEntityExtractor._dictionary_word(toks[i + 2]):
                # English name after a German cue: "Fluggesellschaft Air One"
                out.append(_Cand(spans[i + 1][0], spans[i + 2][1], "ORG", 3, rule="org-cue-en"))
            # name + tail word: "Stoke City", "Jet Airways", "Berliner Zeitung"
            if tok in lex.org_tails and i > 0 and adj[i] and cap[i - 1] \
                    and toks[i - 1] not in lex.function_words:
                english = tok.isascii() and tok in ENGLISH_ORG_TAILS
                b = i - 1
                while b > 0 and adj[b] and cap[b - 1] and i - b < 3 \
                        and toks[b - 1] not in lex.function_words \
                        and (english or not doc.noun(toks[b - 1])) \
                        and not is_org_cue(toks[b - 1]):
                    b -= 1
                if english or not doc.noun(toks[b]) or b < i - 1:
                    b += 1 if doc.noun(toks[b]) and not english else 0
                    e = i
                    # "California Institute of Technology", "Council on Security and …"
                    # ("X Airlines and Y Airlines" are two names)
                    while english and e + 2 < n and toks[e + 1] in ("of", "on", "for", "and", "&") \
                            and (e > i or toks[e + 1] not in ("and", "&")) \
                            and adj[e + 1] and adj[e + 2] and cap[e + 2] and e - i < 6:
                        e += 2
                    out.append(_Cand(spans[b][0], spans[e][1], "ORG", 5, rule="org-tail"))
            # bare acronym: "SPD", "AfD"; "ADAC GT", "BZ WBK"
            if is_org_acronym(tok):
                e = i
                if i + 1 < n and adj[i + 1] and (is_org_acronym(toks[i + 1])
                                                 or (cap[i + 1] and is_unknown_word(toks[i + 1])
                                                     and doc.language == "de")):
                    e = i + 1
                if e > i or len(tok) >= 3:  # bare two-letter codes are rarely organisations
                    out.append(_Cand(spans[i][0], spans[e][1], "ORG", 1, rule="acronym"))
        return out

    def _name_adjective(self, doc: _Doc, k: int) -> bool:
        """A capitalised inflected adjective (inside a German name): "Oberste", "Internationalen"."""
        tok = doc.toks[k]
        return tok.endswith(("e", "en", "er", "es")) and tok not in self.lex.function_words \
            and tok.lower() not in DETERMINERS and tok.isalpha() and (
                bool(ADJ_LIKE_RE.search(tok)) or tok.endswith(NAME_ADJ_ENDINGS)
                or not doc.noun(tok))

    def _name_and_country(self, doc: _Doc, gaz: list[_Cand], starts: set[int]) -> list[_Cand]:
        """English: a word outside the dictionary before a country's name is a company
        ("Garuda Indonesia", "Austal USA")."""
        out = []
        countries = _country_keys()
        taken = {c.start for c in gaz if not c.derived} | {c.end for c in gaz}
        for c in gaz:
            if c.derived or c.label != "LOC" or c.key not in countries:
                continue
            i = doc.by_start.get(c.start)
            if not i or not doc.adj[i] or not doc.cap[i - 1] or doc.spans[i - 1][1] in taken:
                continue
            tok = doc.toks[i - 1]
            if not tok.isalpha() or tok in self.lex.function_words or len(tok) < 3 \
                    or doc.spans[i - 1][0] in starts or tok.isupper() \
                    or tok in self.lex.common_words or (i - 1) in doc.first:
                continue
            if not self._dictionary_word(tok) or tok in EN_ORG_STARTS:
                if i - 2 >= 0 and doc.adj[i - 1] and doc.cap[i - 2] \
                        and doc.toks[i - 2] not in self.lex.function_words:
                    continue  # part of a longer name
                out.append(_Cand(doc.spans[i - 1][0], c.end, "ORG", 3, rule="name-country"))
        return out

    def _place_adjective(self, tok: str) -> bool:
        """"Hamburger", "Bayerischen", "Deutsche": an adjective made from a place name."""
        if tok in self.lex.adjectives or PLACE_ADJ_RE.match(tok):
            return True
        if tok.endswith("er") and len(tok) > 4:
            key = alias_data().alias_to_key.get(tok[:-2])
            return key is not None and alias_data().label.get(key) == "LOC"
        return False

    def _pattern_locations(self, doc: _Doc) -> list[_Cand]:
        """Places from shape: "Süditalien", "Schwabacher Straße", "St. Moritz", "Xingen"."""
        out = []
        toks, spans, lex, cap, adj = doc.toks, doc.spans, self.lex, doc.cap, doc.adj
        n = len(toks)
        for i in doc.cap_idx:
            tok = toks[i]
            compass, street, place_suffix = _place_shape(tok)
            if compass:
                out.append(_Cand(spans[i][0], spans[i][1], "LOC", 3, rule="compass"))
                continue
            prev = toks[i - 1] if i > 0 else ""
            if street and prev not in DETERMINERS and len(tok) > 9 \
                    and tok not in lex.common_words:
                e = i + 1 if i + 1 < n and adj[i + 1] and toks[i + 1][:1].isdigit() else i
                out.append(_Cand(spans[i][0], spans[e][1], "LOC", 2, rule="street"))
            elif tok in STREET_WORDS and i > 0 and adj[i] and cap[i - 1] \
                    and (toks[i - 1].endswith("er") or tok in ("Hbf", "Bhf")) \
                    and prev not in lex.function_words:
                e = i + 1 if i + 1 < n and adj[i + 1] and toks[i + 1][:1].isdigit() else i
                out.append(_Cand(spans[i - 1][0], spans[e][1], "LOC", 3, rule="street"))
            elif tok in PLACE_PREFIXES and i + 1 < n and adj[i + 1] and (
                    (cap[i + 1] and toks[i + 1] not in lex.function_words
                     and not doc.noun(toks[i + 1]))
                    or (toks[i + 1] in NAME_LINKS and i + 2 < n and adj[i + 2] and cap[i + 2])):
                e = i + 1 if cap[i + 1] else i + 2
                while e + 2 < n and adj[e + 1] and adj[e + 2] and cap[e + 2] \
                        and (toks[e + 1] in NAME_LINKS or (cap[e + 1] and e - i < 3
                                                            and not doc.noun(toks[e + 1]))):
                    e += 2 if toks[e + 1] in NAME_LINKS else 1
                if e + 1 < n and adj[e + 1] and cap[e + 1] and not doc.noun(toks[e + 1]) \
                        and toks[e + 1] not in lex.function_words and e - i < 3:
                    e += 1
                out.append(_Cand(spans[i][0], spans[e][1], "LOC", 3, rule="place-prefix"))
            elif MOTORWAY_RE.match(tok):
                out.append(_Cand(spans[i][0], spans[i][1], "LOC", 2, rule="motorway"))
            elif tok in ("St", "Sankt") and i + 1 < n and cap[i + 1] \
                    and doc.text[spans[i][1]:spans[i + 1][0]].strip() == ".":
                out.append(_Cand(spans[i][0], spans[i + 1][1], "LOC", 2, rule="saint"))
            elif (place_suffix and prev in PLACE_PREPS and i > 0 and adj[i]
                  and tok not in lex.common_words and tok not in lex.first_names):
                out.append(_Cand(spans[i][0], spans[i][1], "LOC", 1, rule="place-suffix"))
        return out

    def _unknown_names(self, doc: _Doc, starts: set[int]) -> list[_Cand]:
        """German: capitalised tokens that are no noun, no function word -> a name.

        Typed LOC after a place preposition or with a place-name suffix, else PER.
        """
        out = []
        toks, spans, lex, cap, adj, text = doc.toks, doc.spans, self.lex, doc.cap, doc.adj, doc.text
        n = len(toks)
        i = 0
        while i < n:
            if not (cap[i] and is_unknown_word(toks[i])) or (
                    self._clause_start(doc, i, starts) and not (
                        i + 1 < n and not cap[i + 1] and toks[i + 1] not in DETERMINERS
                        and (not ADVERB_RE.search(toks[i]) or toks[i] in lex.surnames
                             or i in doc.first)
                        and toks[i + 1] not in PREPOSITIONS
                        and doc.text[spans[i][1]:spans[i + 1][0]] in (" ", " : ", ": ", " , ", ", ")
                    )) \
                    or (len(toks[i]) <= 3 and text[spans[i][1]:spans[i][1] + 2].strip() == "."):
                i += 1
                continue
            j = i + 1
            while j < n and adj[j] and cap[j] and is_unknown_word(toks[j]) and j - i < 3:
                j += 1
            if i > 0 and i - 1 in doc.weak_first and adj[i]:
                i -= 1  # "Grant Leadbitter": an ambiguous first name before an unknown word
            prev = toks[i - 1] if i > 0 else ""
            last = toks[j - 1]
            if prev.lower() in DETERMINERS or (
                    last.endswith("er") and j < n and adj[j] and cap[j]) or (
                    doc.language == "de" and (prev in ENGLISH_FUNCTION_WORDS
                                              or (j < n and toks[j] in ENGLISH_FUNCTION_WORDS))):
                i = j  # "die Xe", "Weimarer Republik", English titles ("Plenty of Room")
                continue
            if j - i == 1 and toks[i] not in lex.surnames and i not in doc.first and (
                    (i > 0 and adj[i] and cap[i - 1] and toks[i - 1] not in lex.function_words
                     and not doc.noun(toks[i - 1]))
                    or (j < n and adj[j] and cap[j] and toks[j] not in lex.function_words
                        and not (toks[i].endswith("s") and doc.noun(toks[j])))):
                i = j  # one unknown word inside a longer capitalised name: not a person
                continue
            if i in doc.first or j - 1 in doc.first:
                label, rule = "PER", "unk-per"
            elif any(CAMEL_RE.search(t) for t in toks[i:j]):
                i = j  # "AirRobot", "BibliothekarInnen": products, gender forms
                continue
            elif i > 0 and adj[i] and is_org_cue(prev):
                label, rule = "ORG", "unk-org"
            elif self._place_context(doc, i) or PLACE_SUFFIX_RE.search(last):
                label, rule = "LOC", "unk-loc"
            else:
                label, rule = "PER", "unk-per" if j - i == 1 else "unk-per2"
            b = i
            if label == "PER" and i >= 2 and toks[i - 1] in ("der", "den") \
                    and toks[i - 2] in ("van", "von") and adj[i - 1]:
                b = i - 2  # "van der Vaart", "von der Leyen"
            elif label == "PER" and i >= 1 and toks[i - 1] in ("van", "de", "di", "da", "del") \
                    and adj[i] and not self._clause_start(doc, i - 1, starts):
                b = i - 1
            out.append(_Cand(spans[b][0], spans[j - 1][1], label, 0, rule=rule))
            i = j
        return out

    def _english_breaker(self, doc: _Doc, i: int) -> bool:
        """Capitalised English tokens that end a name run: titles, months, days, "I"."""
        tok = doc.toks[i]
        return (tok in EN_CALENDAR or tok in self.lex.function_words or tok in EN_ROLE_WORDS
                or cue_of(tok, "en")[1] is not None or tok in ACRONYM_NOT_ORG)

    def _english_common(self, doc: _Doc, i: int, lower_words: set[str]) -> bool:
        """An English capitalised word that is a common word (listed, or written lowercase
        elsewhere in the same text)."""
        tok = doc.toks[i]
        return tok in self.lex.common_words or tok.lower() in lower_words

    @staticmethod
    def _dictionary_word(tok: str) -> bool:
        """"Yesterday", "Shares", "Earth": in the English dictionary (written lowercase)."""
        low = tok.lower()
        words = english_words()
        return low in words or (low.endswith("s") and low[:-1] in words)

    def _english_names(self, doc: _Doc, starts: set[int], gaz: list[_Cand]) -> list[_Cand]:
        """English runs of capitalised words: "Boeing Commercial Airplanes" (known name +
        more), "Changi International Airport" (place head), "Air Canada" (airline),
        "Northrop Grumman" (unknown words), and single unknown words ("Ryanair")."""
        out: list[_Cand] = []
        toks, spans, lex, cap, adj, text = doc.toks, doc.spans, self.lex, doc.cap, doc.adj, doc.text
        n = len(toks)
        gaz_at = {c.start: c for c in gaz if not c.derived}
        gaz_end = {c.end for c in gaz if not c.derived}
        lower_words = {t for t in toks if t.islower()}
        mid_caps = {toks[k] for k in doc.cap_idx if not self._clause_start(doc, k, starts)}
        i = 0
        while i < n:
            if not cap[i] or (self._english_breaker(doc, i) and spans[i][0] not in gaz_at) \
                    or not (
                    self._name_ok(toks[i]) or "&" in toks[i] and is_org_acronym(toks[i])
                    or spans[i][0] in gaz_at):  # "US Air Force"
                i += 1
                continue
            clause = self._clause_start(doc, i, starts)
            j = i + 1
            legal_end = False
            while j < n and not toks[j - 1].endswith(("'s", "’s")):
                if adj[j] and (toks[j] in lex.legal_forms or toks[j] + "." in lex.legal_forms):
                    j += 1  # "… NV", "… Inc."
                    legal_end = True
                    break
                if text[spans[j - 1][1]:spans[j][0]] == " & " and cap[j] \
                        and not self._english_breaker(doc, j):
                    j += 1  # "Defence & Space"
                elif adj[j] and cap[j] and not self._english_breaker(doc, j) and (
                        self._name_ok(toks[j]) or is_org_acronym(toks[j])) and not (
                        j in doc.first and j + 1 < n and adj[j + 1] and cap[j + 1]) and not (
                        spans[j][0] in gaz_at and spans[j - 1][1] in gaz_end):
                    j += 1
                elif (toks[j] in ("of", "&") and j + 1 < n and adj[j] and adj[j + 1]
                      and cap[j + 1] and not self._english_breaker(doc, j + 1)
                      and (toks[j] == "&" or toks[j - 1] in EN_OF_HEADS)):
                    j += 2
                else:
                    break
            words = toks[i:j]
            last = strip_genitive_apostrophe(words[-1])
            if "of" in words:  # "Bank of Xland", "Gulf of Y": the head comes before "of"
                last = words[words.index("of") - 1]
            if clause and (self._english_common(doc, i, lower_words)
                           or (self._dictionary_word(toks[i]) and i not in doc.first
                               and i not in doc.weak_first and toks[i] not in mid_caps)) \
                    and toks[i] not in EN_NAME_STARTS and spans[i][0] not in gaz_at \
                    and not (j - i >= 2 and last in EN_ORG_HEADS | EN_LOC_HEADS):
                i += 1  # "Shares of …", but "Government Accountability Office"
                continue
            first_known = gaz_at.get(spans[i][0])
            label, score, rule = "", 4, "en-run"
            if i in doc.first and j - i >= 2 and last not in EN_ORG_HEADS | EN_LOC_HEADS \
                    and last not in EN_ORG_STARTS:
                label = ""  # a person: left to the person rules
            elif last in EN_ORG_STARTS and j - i == 2:
                label = "ORG"  # "Adam Air"
            elif last in EN_LOC_HEADS and j - i >= 2:
                label = "LOC"
            elif last in EN_ORG_HEADS and j - i >= 2:
                label, score = "ORG", 5  # longer than the tail rule's "Wells Capital"
            elif words[0] in EN_ORG_STARTS and j - i >= 2:
                label = "ORG"  # "Air Canada"
            elif first_known is None and i not in doc.first and i not in doc.weak_first \
                    and not any(spans[k][0] in gaz_at for k in range(i, j)) \
                    and not any(self._english_common(doc, k, lower_words) for k in range(i, j)) \
                    and not any(toks[k] in lex.adjectives for k in range(i, j)) \
                    and not any(PRODUCT_CODE_RE.search(toks[k]) for k in range(i, j)) \
                    and not (j - i == 1 and (EN_ADJECTIVE_RE.search(toks[i])
                                             or self._dictionary_word(toks[i]))) \
                    and not (clause and j - i == 1 and toks[i] not in mid_caps
                             and not WEB_NAME_RE.search(toks[i])):
                label, score, rule = "ORG", 0, "unk-en"
                if self._person_context(doc, i, j):
                    label = "PER"
            elif not label and i > 0 and adj[i] and toks[i - 1] in EN_ORG_CUES \
                    and i not in doc.first and first_known is None \
                    and not any(PRODUCT_CODE_RE.search(toks[k]) for k in range(i, j)):
                label, score, rule = "ORG", 3, "en-cue"  # "electronics retailer Best Buy"
            if legal_end and label != "PER":
                label, score = "ORG", max(score, 5)
            if label:
                end = spans[j - 1][1]
                if legal_end and text[end:end + 1] == "." and toks[j - 1] + "." in lex.legal_forms:
                    end += 1
                out.append(_Cand(spans[i][0], end, label, score, rule=rule))
            i = j
        return out

    def _person_context(self, doc: _Doc, i: int, j: int | None = None) -> bool:
        """English: a title, honorific or speech verb right before token ``i``, or a title in
        apposition after the name ending before token ``j`` ("X, minister of …")."""
        if j is not None and j + 1 < len(doc.toks) and doc.text[doc.spans[j - 1][1]:
                                                                doc.spans[j][0]] == ", ":
            nxt = doc.toks[j] if doc.toks[j] not in ("the", "a", "an") else doc.toks[j + 1]
            if nxt.islower() and cue_of(nxt.capitalize(), "en")[1] is not None:
                return True
        if i == 0:
            return False
        prev = doc.toks[i - 1]
        return (prev in SPEECH_VERBS and prev != "told") or prev in EN_PERSON_CUES \
            or cue_of(prev, "en")[1] is not None \
            or (prev.islower() and cue_of(prev.capitalize(), "en")[1] is not None) \
            or prev.rstrip(".") in ("Mr", "Mrs", "Ms", "Dr")

    def _place_context(self, doc: _Doc, i: int) -> bool:
        """Words before token ``i`` that announce a place ("in", "südlich von", "Bischof von",
        "im aargauischen")."""
        toks = doc.toks
        prev = toks[i - 1] if i > 0 else ""
        if prev in LOC_CUE_WORDS or prev.lower() in LOC_CUE_WORDS or prev in self.lex.adjectives or (
                prev[:1].islower() and prev.endswith(("ischen", "ische"))):
            return True
        if prev in ("von", "of") and i > 1:
            before = toks[i - 2]
            return before in LOC_CUE_WORDS or before.lower().endswith(PLACE_OWNER_SUFFIXES)
        return False

    @staticmethod
    def _clause_start(doc: _Doc, i: int, starts: set[int]) -> bool:
        """Token ``i`` starts a sentence, a quote or follows a colon/bullet."""
        if i == 0 or doc.spans[i][0] in starts:
            return True
        before = doc.text[max(0, doc.spans[i][0] - 3):doc.spans[i][0]].strip()
        return before[-1:] in (".", ":", "!", "?", '"', "„", "“", "*", "(", "–", "-", "»", "«")

    # ------------------------------------------------------------------ selection
    @staticmethod
    def _select(cands: list[_Cand], length: int) -> list[_Cand]:
        """Greedy non-overlapping selection: higher score, then longer span, then earlier."""
        chosen: list[_Cand] = []
        taken = bytearray(length + 1)
        for c in sorted(cands, key=lambda c: (c.derived, -c.score, -(c.end - c.start), c.start)):
            if taken.find(1, c.start, c.end) != -1:
                continue
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        return sorted(chosen, key=lambda c: (c.start, c.end))

    def extract(
        self, text: str, language: str, sentences: list[Sentence]
    ) -> tuple[list[EntityMention], list[RoleFact]]:
        """Return entity mentions (keys filled after coreference) and role facts."""
        lang = packs.entity_profile(language)
        doc, chosen = self.choose(text, lang, sentences)
        return self.finish(doc, chosen, sentences)

    def choose(self, text: str, lang: str, sentences: list[Sentence]) -> tuple[_Doc, list[_Cand]]:
        """The rules' decision: tokens with gazetteer hits and the chosen candidates."""
        doc = _Doc(text, self.lex, lang)
        starts = _sentence_starts(text, sentences)
        gaz = [c for c in doc.hits if not self._common_use(c, doc)]
        loc_starts = {c.start: c for c in gaz if c.label == "LOC" and not c.derived}
        cands = gaz + self._persons(doc, starts) + self._orgs(doc, loc_starts)
        cands += self._pattern_locations(doc)
        if lang == "de":
            cands += self._unknown_names(doc, starts)
        else:
            cands += self._english_names(doc, starts, gaz)
        cands += self._acronym_definitions(doc)
        if lang == "en":
            cands += self._name_and_country(doc, gaz, starts)
        if lang == "en":
            cands += _dotted_acronyms(doc)
        cands = [c for c in cands if text[c.end:c.end + 2] not in ("- ", "-")
                 and text[c.start - 1:c.start] != "@"]  # truncated compounds, @handles
        cands = self._surname_places(cands, doc)
        chosen = self._select(cands, len(text))
        _propagate_list_labels(chosen, text)
        _unify_labels(chosen, text)
        if lang == "en":
            _surname_runs(chosen, doc, self._evidenced_surnames(cands, doc))
        chosen = [c for c in chosen if not self._sentence_initial_noise(c, doc, starts)]
        if lang == "en":
            _english_boundaries(chosen, doc)
        return doc, chosen

    def finish(self, doc: _Doc, chosen: list[_Cand], sentences: list[Sentence],
               confidence: dict[tuple[int, int], float] | None = None,
               variants: list[tuple[int, int, int, int]] | None = None,
               ) -> tuple[list[EntityMention], list[RoleFact]]:
        """Mentions of the chosen candidates, within-document coreference, roles and (English)
        nested mentions; ``confidence`` maps (start, end) to a mention's confidence,
        ``variants`` (start, end, other start, other end) adds a nested mention of the
        mention at (start, end) over other span."""
        text, lang = doc.text, doc.language
        conf = confidence or {}
        self.last_rules = {(c.start, c.end): c.rule for c in chosen}
        sent_of = _sentence_index(sentences)
        mentions = [
            EntityMention(start=c.start, end=c.end, text=text[c.start:c.end], label=c.label,
                          key=c.key, derived=c.derived, sentence=sent_of(c.start),
                          confidence=conf.get((c.start, c.end), 1.0))
            for c in chosen
        ]
        mentions = resolve_coreference(mentions, text, lang, doc.toks, doc.spans,
                                       sentence_of=sent_of)
        if conf:  # mentions coreference added share their entity's best confidence
            best: dict[str, float] = {}
            for m in mentions:
                if (m.start, m.end) in conf and m.key:
                    best[m.key] = max(best.get(m.key, 0.0), m.confidence)
            for m in mentions:
                if (m.start, m.end) not in conf and m.key in best:
                    m.confidence = best[m.key]
        roles = self._roles(mentions, doc)
        if lang == "en":
            inner = self._english_titles_in_span(mentions, doc, titles_inside=variants is None)
            extra = []
            if variants:
                at = {(m.start, m.end): m for m in mentions}
                taken = set(at)
                for s, e, vs, ve in variants:
                    m = at.get((s, e))
                    if m is not None and (vs, ve) not in taken:
                        extra.append(_nested(m, vs, ve, text))
                        taken.add((vs, ve))
            mentions = sorted(mentions + inner + extra + _english_nested(mentions, doc),
                              key=lambda m: (m.start, -m.end))
            mentions = sorted(mentions + _bracketed_acronyms(mentions, text),
                              key=lambda m: (m.start, -m.end))
            if variants is not None:  # one nested mention per span
                seen: set[tuple[int, int]] = set()
                kept = []
                for m in mentions:
                    if m.nested and (m.start, m.end) in seen:
                        continue
                    seen.add((m.start, m.end))
                    kept.append(m)
                mentions = kept
        from graphbuilder.extract.ner.bodies import with_bodies

        return with_bodies(text, lang, mentions, [s.start for s in sentences], sent_of), roles

    @staticmethod
    def _evidenced_surnames(cands: list[_Cand], doc: _Doc) -> set[str]:
        """Last words of names that a title or a known first name marks as a person
        ("Präsident Obama", "Barack Obama", "Mr Mbeki")."""
        out = set()
        for c in cands:
            if c.label == "PER" and c.rule in ("cue", "first"):
                j = doc.by_end.get(c.end)
                if j is not None:
                    out.add(doc.toks[j])
        return out

    def _surname_places(self, cands: list[_Cand], doc: _Doc) -> list[_Cand]:
        """One sense per text: a small town's name that the text uses as a person's surname
        elsewhere ("Präsident Obama") is the person there too, not the town."""
        names = self._evidenced_surnames(cands, doc)
        if not names:
            return cands
        return [c for c in cands if not (
            c.rule == "gaz" and c.label == "LOC" and c.key in self.lex.small_places
            and doc.text[c.start:c.end] in names)]

    def _english_titles_in_span(self, mentions: list[EntityMention], doc: _Doc,
                                titles_inside: bool = True) -> list[EntityMention]:
        """English span convention: capitalised titles belong to a person mention
        ("Senator John Doe", "Mr. Doe"); key and name stay without them. Returns the bare
        names as nested mentions (MEANTIME marks both). With ``titles_inside`` False (the
        CRF's CoNLL convention) the mention stays bare and the titled span is the nested one."""
        inner: list[EntityMention] = []
        taken = {(m.start, m.end) for m in mentions}
        ends = {m.end for m in mentions}
        org_ends = {m.end: m for m in mentions if m.label in ("ORG", "LOC") and not m.derived}
        for m in mentions:
            if m.label != "PER" or m.derived:
                continue
            i = doc.by_start.get(m.start)
            if i is None:
                continue
            b = i
            while b > 0 and doc.cap[b - 1] and i - b < 3 and doc.spans[b - 1][1] not in ends:
                gap = doc.text[doc.spans[b - 1][1]:doc.spans[b][0]]
                tok = doc.toks[b - 1]
                if gap == " " and (cue_of(tok, "en")[1] is not None or tok in EN_TITLE_WORDS):
                    b -= 1
                elif gap == ". " and tok in ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep",
                                             "Gov", "Lt", "Col", "Sgt", "Capt", "Adm"):
                    b -= 1
                else:
                    break
            if b < i and (doc.spans[b][0], m.end) not in taken:
                if not titles_inside:
                    s = doc.spans[b][0]
                    inner.append(m.model_copy(update={"nested": True, "role": None, "role_org": None,
                                                      "start": s, "text": doc.text[s:m.end]}))
                    owner = None
                    if b > 0:
                        prev_end = doc.spans[b - 1][1]
                        gap = doc.text[prev_end:doc.spans[b][0]]
                        owner = org_ends.get(prev_end) if gap == " " else (
                            org_ends.get(prev_end + 1) if gap == ". " else None)
                    if owner is not None and (owner.start, m.end) not in taken:
                        # the owner's name before the title: "Xco Chairman Jane Doe"
                        inner.append(m.model_copy(update={
                            "nested": True, "role": None, "role_org": None, "start": owner.start,
                            "text": doc.text[owner.start:m.end]}))
                    continue
                inner.append(m.model_copy(update={"nested": True, "role": None,
                                                  "role_org": None}))
                m.start = doc.spans[b][0]
                m.text = doc.text[m.start:m.end]
        return inner

    def _common_use(self, c: _Cand, doc: _Doc) -> bool:
        """A place name used as a common noun: "die Lage", "im Norden"."""
        if c.label != "LOC" or c.derived or c.key not in self.lex.weak_places:
            return False
        i = doc.by_start.get(c.start, 0)
        if c.key in self.lex.small_places and c.end == doc.spans[i][1]:
            tok = doc.toks[i]
            prev = doc.toks[i - 1] if i > 0 else ""
            if i in doc.first or (tok in self.lex.surnames and prev not in LOC_CUE_WORDS):
                return True
        return i > 0 and doc.toks[i - 1].lower() in DETERMINERS

    def _sentence_initial_noise(self, c: _Cand, doc: _Doc, starts: set[int]) -> bool:
        """A lone weak candidate at sentence start is usually just a capitalised word."""
        if c.rule == "acronym" and c.end - c.start >= 3:
            rest = doc.text[c.end:c.end + 2]
            if rest[:1] == " " and rest[1:].islower():
                return False  # the sentence's subject: "NPD said …"
        return (c.score <= 1 and not c.derived and c.start in starts and not c.key
                and not c.rule.startswith("unk"))

    def _acronym_definitions(self, doc: _Doc) -> list[_Cand]:
        """"Organisation für … (OSZE)": acronym in brackets after a capitalised long form."""
        out = []
        toks, spans, text = doc.toks, doc.spans, doc.text
        for match in BRACKETED_RE.finditer(text):
            i = doc.by_start.get(match.start(1))
            if i is None or i < 2:
                continue
            tok = toks[i]
            s, e = spans[i]
            if e != match.end(1) or not ACRONYM_RE.match(tok) or not _is_cap(toks[i - 1]):
                continue
            first = tok[0]
            best = None
            b = i - 1
            while b >= 0 and i - b <= 10:
                if _is_cap(toks[b]) and toks[b][0] == first and toks[b].lower() not in DETERMINERS:
                    best = b
                if b == 0 or not doc.adj[b]:
                    break
                b -= 1
            if best is not None and best < i - 1:
                out.append(_Cand(spans[best][0], spans[i - 1][1], "ORG", 3, rule="acr-def"))
                out.append(_Cand(s, e, "ORG", 3, rule="acr-def"))
        return out

    # ------------------------------------------------------------------ roles
    def _cue_before(self, doc: _Doc, i: int) -> tuple[int, str | None, str] | None:
        """The title cue right before token ``i``: (cue's first token, prefix, cue)."""
        toks = doc.toks
        for width in (3, 2):
            if i - width >= 0:
                words = tuple(toks[i - width:i])
                if words in self.lex.multi_cues:
                    return i - width, None, self.lex.multi_cues[words]
        if i >= 1:
            pre, cue = cue_of(toks[i - 1], doc.language)
            if cue is not None:
                return i - 1, pre, cue
        return None

    def _roles(self, mentions: list[EntityMention], doc: _Doc) -> list[RoleFact]:
        """Attach title cues to person mentions; RoleFacts where the org/place is known."""
        facts: list[RoleFact] = []
        seen: set[tuple[str, str, str]] = set()
        by_end = {m.end: m for m in mentions}
        toks, spans = doc.toks, doc.spans
        for m in mentions:
            if m.label != "PER" or m.derived:
                continue
            i = doc.by_start.get(m.start)
            found = self._cue_before(doc, i) if i is not None else None
            if found is None:
                continue
            c, pre, cue = found
            if self.lex.role_titles.get(cue) in ("honorific", "person"):
                continue
            org = None
            rank = self._rank_modifier(toks[max(0, c - 3):c])
            while c > 0 and self._rank_modifier([toks[c - 1]]):
                c -= 1  # "Russian Deputy Foreign Minister": the country comes before the rank
            if pre:
                org = entity_key("LOC", pre) if self._known(pre) else entity_key("ORG", pre)
            elif c > 0:
                # "Russia's foreign minister", "der russische Außenminister", "OSZE-Chef"
                prev = by_end.get(spans[c - 1][1])
                if prev is None and toks[c - 1].endswith(("'s", "’s")):
                    prev = by_end.get(spans[c - 1][1] - 2)  # English: "Russia|'s"
                if prev is not None and prev.label in ("LOC", "ORG"):
                    org = prev.key
                else:
                    for word in reversed(toks[max(0, c - 3):c]):
                        if word in self.lex.adjectives:
                            org = self.lex.adjectives[word]
                            break
                        if not (word[:1].islower() and word.endswith(("e", "en", "er"))):
                            break
            title = cue[0].upper() + cue[1:]
            if rank:
                title = f"{rank} {title}"
            m.role, m.role_org = title, org
            if org:
                fact = (m.key, title, org)
                if fact not in seen:
                    seen.add(fact)
                    facts.append(RoleFact(person=m.key, title=title, org=org))
        return facts

    def _starts_title(self, toks: list[str], k: int) -> bool:
        """Token ``k`` opens a multi-word title ("Foreign Minister", "Prime Minister"), so it is
        not a surname ("German Foreign Minister X" is no person "German Foreign")."""
        return any(tuple(toks[k:k + w]) in self.lex.multi_cues for w in (2, 3))

    @staticmethod
    def _rank_modifier(words: list[str]) -> str | None:
        """A rank word before a title ("der stellvertretende russische Außenminister",
        "Deputy Foreign Minister", "former president"), normalised."""
        for word in reversed(words):
            norm = RANK_MODIFIERS.get(word.lower().rstrip("nrs") if word.lower().startswith(RANK_DE) else word.lower())
            if norm:
                return norm
        return None

    @staticmethod
    def _known(name: str) -> bool:
        data = alias_data()
        return name in data.alias_to_key and data.label[data.alias_to_key[name]] == "LOC"


# rank words that change what a title means; German adjectives are matched without their ending
RANK_DE = ("stellvertretend", "amtierend", "ehemalig", "designiert", "scheidend")
RANK_MODIFIERS = {
    "stellvertretende": "stellvertretender", "amtierende": "amtierender", "ehemalige": "ehemaliger",
    "designierte": "designierter", "scheidende": "scheidender",
    "deputy": "Deputy", "acting": "Acting", "former": "former", "vice": "Vice", "outgoing": "outgoing",
}


LIST_GAP_RE = re.compile(r"^\s*(?:,|und|oder|sowie|bzw\.|and|or|&)\s*$")


def _propagate_list_labels(chosen: list[_Cand], text: str) -> None:
    """Enumerations share a type: "Hokkala, Kumpula und Oikari" after a known place."""
    pairs = [(a, b) for a, b in zip(chosen, chosen[1:])
             if not a.derived and not b.derived and LIST_GAP_RE.match(text[a.end:b.start])]
    for _ in range(len(pairs)):
        changed = False
        for a, b in pairs:
            a_unk, b_unk = a.rule.startswith("unk"), b.rule.startswith("unk")
            if a.label == b.label or (not a_unk and not b_unk):
                continue
            if b_unk and not a_unk:
                b.label = a.label
            elif a_unk and not b_unk:
                a.label = b.label
            elif "LOC" in (a.label, b.label):
                a.label = b.label = "LOC"
            else:
                continue
            changed = True
        if not changed:
            break


EN_CALENDAR = _word_list("calendar")
EN_LOC_HEADS = _word_list("location_heads")
EN_ORG_HEADS = (ENGLISH_ORG_TAILS - {"City", "Town", "County", "Team", "Band"}) | {
    "Force", "Forces", "Army", "Navy", "Ministry", "Office", "Department", "Court", "Courts",
    "Bureau", "Administration", "Authority", "Board", "Commission", "Committee", "Corps",
    "Guard", "Police", "Aircraft", "Aerospace", "Airplanes", "Computer", "Computers",
    "Industries", "Electric", "Electronics", "Pharmaceuticals", "Bank", "Fund", "Trust",
    "Exchange", "Senate", "Congress", "Parliament", "Assembly", "Cabinet", "Research", "Inc",
    "Corp", "Ltd", "Co", "LLC", "PLC", "Holdings", "Ventures", "Enterprises", "Communications",
    "Telecom", "Energy", "Oil", "Petroleum", "Steel", "Foods", "Stores", "Brands", "Insurance",
    "Securities", "Investments", "Software", "Services", "Organization", "Organisation",
    "Institute", "Council", "Commission", "Reserve", "Treasury", "Secretariat", "Service",
    "Shipping", "Railways", "Railway", "Express", "Lines",
    "Management", "Advisors", "Advisers", "Consulting", "Solutions", "Associates",
}
EN_ORG_STARTS = _word_list("org_starts")
EN_OF_HEADS = EN_ORG_HEADS | EN_LOC_HEADS | {
    "Republic", "States", "Kingdom", "Bank", "University", "Ministry", "Department", "Office",
    "Court", "Courts", "Secretary", "Institute", "Museum", "Council", "Federation", "Union",
    "Chamber", "Church", "Isle", "Gulf", "Bay", "Cape", "Port", "Duke", "Duchess", "Prince",
    "Princess", "King", "Queen",
}
EN_ROLE_WORDS = _word_list("role_words")
EN_TITLE_WORDS = _word_list("title_words")
WEB_NAME_RE = re.compile(r"[a-z]\.(?:com|net|org|co\.uk|de|fr|it)$")  # "Zentrix.com"
PRODUCT_CODE_RE = re.compile(r"\d|-[a-z]+$")  # "A380", "KC-30s", "X-led", "A380-ready"
EN_ADJECTIVE_RE = re.compile(r"(?:ean|ian|ese|ish|ic|ern)$")
EN_NAME_STARTS = _word_list("name_starts")
EN_ORG_CUES = _word_list("org_cues")
EN_PLACE_MODIFIERS = _word_list("place_modifiers")
EN_PERSON_CUES = _word_list("person_cues")
EN_LOWER_PLACE_HEADS = _word_list("lower_place_heads")
ARTICLE_FOLLOWERS = _word_list("article_followers")


DOTTED_ACRONYM_RE = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,4}(?!\w)")


def _dotted_acronyms(doc: _Doc) -> list[_Cand]:
    """"U.S.", "U.K.", "U.N.": known acronyms written with dots."""
    data = alias_data()
    out = []
    for m in DOTTED_ACRONYM_RE.finditer(doc.text):
        key = data.alias_to_key.get(m.group().replace(".", ""))
        if key is not None and m.start() in doc.by_start:
            out.append(_Cand(m.start(), m.end(), data.label[key], 3, key, rule="gaz-dots"))
    return out


def _english_boundaries(chosen: list[_Cand], doc: _Doc) -> None:
    """English span convention: a possessive 's stays outside the name ("Boeing's" -> "Boeing");
    the article belongs to an organisation or place that heads its phrase ("the GAO said")."""
    text = doc.text
    legal = doc.lex.legal_forms
    ends = {c.end for c in chosen}
    for c in chosen:
        if text.endswith(("'s", "’s"), c.start, c.end) and c.end - c.start > 3:
            c.end -= 2
        k = doc.by_start.get(c.end + 1)
        if k is not None and doc.adj[k] and doc.toks[k] in EN_LOWER_PLACE_HEADS and not c.derived \
                and c.label != "PER" and doc.spans[k][1] not in ends:
            c.end, c.label, c.key = doc.spans[k][1], "LOC", ""  # "Xham airport"
            continue
        k = doc.by_start.get(c.end + 1)
        if c.label == "ORG" and k is not None and doc.adj[k] \
                and (doc.toks[k] in legal or doc.toks[k] + "." in legal) \
                and doc.spans[k][1] not in ends:
            c.end = doc.spans[k][1] + (text[doc.spans[k][1]:doc.spans[k][1] + 1] == "."
                                       and doc.toks[k] + "." in legal)  # "… Motors Corp."
        if c.label == "PER" or c.derived:
            continue
        i = doc.by_start.get(c.start)
        if c.label == "LOC" and i and doc.adj[i] and doc.toks[i - 1] in EN_PLACE_MODIFIERS:
            c.start = doc.spans[i - 1][0]  # "central London", "downtown Xville"
            continue
        if i is None or i == 0 or doc.toks[i - 1] not in ("the", "The") or not doc.adj[i]:
            continue
        rest = text[c.end:c.end + 40]
        nxt = TOKEN_RE.match(rest.lstrip(" ")) if rest[:1] == " " else None
        if rest[:1] in ("'", "’", "-") or (rest[:2] == ", " and rest[2:3].isupper()):
            continue  # "the Xville, Ohio event"
        if nxt is None or nxt.group() in ARTICLE_FOLLOWERS or (
                nxt.group().islower() and nxt.group().endswith("ed")):
            c.start = doc.spans[i - 1][0]


def _unify_labels(chosen: list[_Cand], text: str) -> None:
    """One surface form, one type per document: a guessed name takes the type that the
    strongest evidence elsewhere in the text gave the same string."""
    best: dict[str, tuple[int, str]] = {}
    for c in chosen:
        if c.derived:
            continue
        rank = 0 if c.rule == "unk-per" else (1 if c.rule.startswith("unk") else 2)
        surface = text[c.start:c.end]
        if rank > best.get(surface, (-1, ""))[0]:
            best[surface] = (rank, c.label)
    for c in chosen:
        if not c.derived and c.rule.startswith("unk"):
            c.label = best[text[c.start:c.end]][1]


def _surname_runs(chosen: list[_Cand], doc: _Doc, names: set[str]) -> None:
    """English: an unknown two- or three-word name guessed as an organisation whose last word
    is a person's surname elsewhere in the text ("Thabo Mbeki" … "Mr Mbeki") is a person."""
    for c in chosen:
        if c.rule == "unk-en" and c.label == "ORG":
            j = doc.by_end.get(c.end)
            i = doc.by_start.get(c.start)
            if i is not None and j is not None and 1 <= j - i <= 2 and doc.toks[j] in names:
                c.label = "PER"


def _sentence_index(sentences: list[Sentence]) -> Callable[[int], int | None]:
    """Position -> index of the sentence containing it (None outside all sentences)."""
    bounds = sorted((s.start, s.end, s.index) for s in sentences)
    starts = [b[0] for b in bounds]

    def find(pos: int) -> int | None:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and bounds[k][0] <= pos < bounds[k][1]:
            return bounds[k][2]
        return None

    return find


EN_DESCRIPTOR_HEADS = EN_ORG_CUES | {"parent", "based", "owner", "unit", "division"}
EN_PERSON_DESCRIPTOR_HEADS = EN_PERSON_CUES | {
    "executive", "officer", "chairman", "chairwoman", "spokesman", "spokeswoman", "president",
    "ceo", "cfo", "coo", "chief", "head", "boss", "minister", "secretary", "analysist",
}
EN_DESCRIPTOR_STOP = ENGLISH_FUNCTION_WORDS | ARTICLE_FOLLOWERS | DETERMINERS | {"its", "their"}
SECOND_LEVEL_PLACE = re.compile(r"^(?:, )$")


def _nested(m: EntityMention, start: int, end: int, text: str) -> EntityMention:
    return m.model_copy(update={"start": start, "end": end, "text": text[start:end],
                                "role": None, "role_org": None, "nested": True})


_BRACKETED_ACRONYM = re.compile(r" ?\(([A-Z][A-Z0-9&-]{1,9})\)")


def _bracketed_acronyms(mentions: list[EntityMention], text: str) -> list[EntityMention]:
    """MEANTIME's extent of a name followed by its acronym in brackets: "Xco Aerospace NV
    (XA)" is marked up to the acronym without the closing bracket, "Xco Aerospace NV (XA".
    Returns those spans as nested mentions of the name (also of a nested phrase around it)."""
    taken = {(m.start, m.end) for m in mentions}
    out = []
    for m in mentions:
        if m.derived:
            continue
        a = _BRACKETED_ACRONYM.match(text, m.end)
        if a is None or (m.start, a.end() - 1) in taken:
            continue
        taken.add((m.start, a.end() - 1))
        out.append(_nested(m, m.start, a.end() - 1, text))
    return out


def _descriptor_start(doc: _Doc, i: int, heads: set[str], mention_ends: dict[int, EntityMention]
                      ) -> int | None:
    """Start of a descriptive phrase ending just before token ``i`` ("German airline X",
    "aircraft manufacturer, X", "Xco chief executive Y"), or None."""
    text = doc.text
    j = i - 1
    if j >= 0 and text[doc.spans[j][1]:doc.spans[i][0]] == ", ":
        pass
    elif j < 0 or not doc.adj[i]:
        return None
    if j < 0 or doc.toks[j].lower() not in heads or (doc.cap[j] and doc.toks[j] not in (
            "CEO", "CFO", "COO") and j - 1 >= 0 and doc.cap[j - 1]):
        return None
    b = j
    while b > 0 and j - b < 3 and doc.adj[b]:
        w = doc.toks[b - 1]
        if not w.islower() or w in EN_DESCRIPTOR_STOP and w != "and" or not w.isalpha():
            break
        b -= 1
    if doc.toks[b] == "and" or doc.toks[b] in EN_DESCRIPTOR_STOP:
        return None
    if b > 0 and not doc.adj[b] and text[doc.spans[b - 1][1]:doc.spans[b][0]] == ". ":
        prev = mention_ends.get(doc.spans[b - 1][1] + 1)
        if prev is not None and prev.label == "ORG":
            return prev.start  # "Xco Corp. chief executive Y"
    if b > 0 and doc.adj[b]:
        prev = mention_ends.get(doc.spans[b - 1][1])
        if prev is not None and prev.label in ("LOC", "ORG"):
            return prev.start  # "United States airframer X", "Xco parent Y"
        w = doc.toks[b - 1]
        if doc.cap[b - 1] and w.isalpha() and w not in ENGLISH_FUNCTION_WORDS \
                and w.lower() not in DETERMINERS and w not in EN_CALENDAR:
            b -= 1  # "Irish national airline X"
    if b > 0 and doc.adj[b] and doc.toks[b - 1].lower() in ("the", "an", "a"):
        b -= 1
    if b == j and doc.cap[j] and doc.toks[j] not in ("CEO", "CFO", "COO"):
        return None  # a capitalised word alone is a title, handled elsewhere
    return doc.spans[b][0]


def _english_nested(mentions: list[EntityMention], doc: _Doc) -> list[EntityMention]:
    """MEANTIME marks a name and the phrase around it: "German airline Lufthansa" and
    "Lufthansa", "Mobile, Alabama" and "Alabama", "central London" and "London". Returns the
    extra mentions (same key as the name they contain); the city of "City, Region" grows."""
    text = doc.text
    out: list[EntityMention] = []
    taken = {(m.start, m.end) for m in mentions}
    ends = {m.end: m for m in mentions if not m.derived}
    starts = {m.start: m for m in mentions if not m.derived}
    for m in mentions:
        if m.derived:
            continue
        i = doc.by_start.get(m.start)
        if i is None:
            continue
        if m.label == "LOC" and doc.toks[i] in EN_PLACE_MODIFIERS and i + 1 < len(doc.toks):
            s = doc.spans[i + 1][0]
            if (s, m.end) not in taken:
                out.append(_nested(m, s, m.end, text))  # "central London" -> "London"
            continue
        if m.label == "LOC" and text[m.end:m.end + 2] == ", ":
            nxt = starts.get(m.end + 2)
            if nxt is not None and nxt.label == "LOC" and nxt.key != m.key \
                    and text[nxt.end:nxt.end + 4] != ", in":
                if (m.start, nxt.end) not in taken:
                    m.end = nxt.end  # "Mobile, Alabama"; the region stays a mention of its own
                    m.text = text[m.start:m.end]
                continue
        if m.label in ("LOC", "ORG"):
            out.extend(_possessive_phrase(m, doc, starts, taken))
        if m.label == "ORG" and i > 0 and doc.adj[i] and doc.toks[i - 1] == "The" \
                and (doc.spans[i - 1][0], m.end) not in taken:
            out.append(_nested(m, doc.spans[i - 1][0], m.end, text))  # "The Xs' label"
        if m.label == "LOC" and text[m.start - 2:m.start] == ", " and i > 1:
            out.extend(_city_before_region(m, doc, ends, taken))
        if m.label not in ("ORG", "PER"):
            continue
        heads = EN_DESCRIPTOR_HEADS if m.label == "ORG" else EN_PERSON_DESCRIPTOR_HEADS
        s = _descriptor_start(doc, i, heads, ends)
        if s is not None and s < m.start and (s, m.end) not in taken:
            out.append(_nested(m, s, m.end, text))
    return out


def _possessive_phrase(m: EntityMention, doc: _Doc, starts: dict[int, EntityMention],
                       taken: set[tuple[int, int]]) -> list[EntityMention]:
    """"Xland's Y Airport", "The Xs' Y Corps": the owner's name and the owned name as one
    phrase (label and key of the owned name)."""
    text = doc.text
    gap = 3 if text.startswith(("'s ", "’s "), m.end) else 2 if text.startswith(
        ("' ", "’ "), m.end) and text[m.end - 1] == "s" else 0
    owned = starts.get(m.end + gap) if gap else None
    if owned is None or owned.label not in ("LOC", "ORG"):
        return []
    start = m.start
    i = doc.by_start.get(m.start)
    if i and doc.adj[i] and doc.toks[i - 1] in ("the", "The"):
        start = doc.spans[i - 1][0]
    if (start, owned.end) in taken:
        return []
    return [_nested(owned, start, owned.end, text)]


def _city_before_region(m: EntityMention, doc: _Doc, ends: dict[int, EntityMention],
                        taken: set[tuple[int, int]]) -> list[EntityMention]:
    """"in Xville, Ohio": capitalised words after a place preposition and before ", <place>"
    are a city; the mention "Xville, Ohio" joins them (the region stays a mention)."""
    j = doc.by_end.get(m.start - 2)
    if j is None or m.start - 2 in ends:
        return []
    b = j
    while b > 0 and j - b < 2 and doc.cap[b] and doc.adj[b] and doc.cap[b - 1]:
        b -= 1
    if not all(doc.cap[k] and doc.toks[k].isalpha() for k in range(b, j + 1)) or b == 0 \
            or doc.toks[b - 1] not in ("in", "near", "at", "from", "of", "to") or not doc.adj[b]:
        return []
    if (doc.spans[b][0], m.end) in taken:
        return []
    name = " ".join(doc.toks[b:j + 1])
    return [m.model_copy(update={"start": doc.spans[b][0], "end": m.end, "key": entity_key("LOC", name),
                                 "name": name, "text": doc.text[doc.spans[b][0]:m.end],
                                 "role": None, "role_org": None})]


@functools.cache
def _country_keys() -> frozenset[str]:
    return frozenset(row[0] for row in read_rows(GAZETTEER_DIR / "countries.tsv"))


def _fuer_chain_end(doc: _Doc, e: int, function_words: set[str]) -> int:
    """Last token of the subject after "für": "Technik und Wirtschaft des Saarlandes",
    "Corporate Governance" (English words run on), "Unterricht, Kultus und Sport"."""
    toks, cap, adj, n = doc.toks, doc.cap, doc.adj, len(doc.toks)
    while True:
        if e + 1 < n and adj[e + 1] and cap[e + 1] and toks[e + 1] not in function_words \
                and toks[e].isalpha() and toks[e + 1].isalpha() \
                and RuleEntityExtractor._dictionary_word(toks[e]) \
                and RuleEntityExtractor._dictionary_word(toks[e + 1]):
            e += 1  # "Corporate Governance"
        elif e + 2 < n and toks[e + 1] in ("und", ",") and cap[e + 2]:
            e += 2
        elif e + 2 < n and toks[e + 1] in ("des", "der") and cap[e + 2] and adj[e + 2] \
                and toks[e + 2] not in function_words \
                and (not doc.noun(toks[e + 2]) or doc.spans[e + 2][0] in doc.place_starts) \
                and (e + 3 >= n or not cap[e + 3] or not adj[e + 3]):
            e += 2  # "… des Saarlandes"
        else:
            return e
