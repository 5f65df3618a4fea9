"""Offline, deterministic language identification by stop words and characters.

German and English are the product languages; French, Spanish, Italian, Dutch, Russian and
Ukrainian are recognised so they can be reported as ``other:<iso>``; anything else is
``other:und``.
"""

from __future__ import annotations

import regex as re

_STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        """der die das und ist nicht sich mit auf für dem den des ein eine einen einem einer
        auch als wird wurde werden hat haben sind nach bei aus wie noch über vom zum zur
        sie ich wir er es dass sei seien oder aber nur kann können soll sollen durch gegen
        schon sehr mehr ihre seine hatte waren wenn bis unter zwischen diese dieser dieses
        jetzt heute gestern immer wieder doch beim man""".split()
    ),
    "en": frozenset(
        """the and of to is that was for on are with as his her they be at by this have from
        or had not but what all were when we there can an which their said has been would
        will who more if its it than about after also into over could should them these
        those our you he she did does do while because""".split()
    ),
    "fr": frozenset(
        """le la les et des du un une est pour que qui dans sur pas plus par avec ne se sont
        au aux ont été cette ces mais il elle ils nous vous leur comme être fait selon""".split()
    ),
    "es": frozenset(
        """el la los las y del que en un una es por con para se no al lo como más pero sus
        ha fue son está han sobre entre cuando también según este esta desde""".split()
    ),
    "it": frozenset(
        """il lo la gli le e di che è per un una non con del della dei delle sono ha nel
        nella alla anche come più ma questo questa stato essere sul dalla""".split()
    ),
    "nl": frozenset(
        """de het een en van is dat op te zijn niet met voor ook aan er bij als door maar
        om werd wordt heeft hebben naar zich nog uit deze dit worden zal over""".split()
    ),
    "ru": frozenset(
        """и в не на что с по как это он она они из за от для к у о же но так мы вы был была
        были быть его ее их также который которые после года при""".split()
    ),
    "uk": frozenset(
        """і та в на що з не до як це він вона вони від для у за але також який які після
        року при було були бути його її їх ми ви""".split()
    ),
}
_LANGS_OF: dict[str, tuple[str, ...]] = {}
for _lang, _words in _STOPWORDS.items():
    for _w in _words:
        _LANGS_OF[_w] = _LANGS_OF.get(_w, ()) + (_lang,)

_WORD = re.compile(r"\p{L}+")
_UKRAINIAN_CHARS = re.compile(r"[іїєґ]", re.I)
_CYRILLIC = re.compile(r"\p{Cyrillic}")
_LATIN = re.compile(r"\p{Latin}")
_SAMPLE = 2000
# Letter groups typical of German / English spelling, for texts too short for stop words.
_DE_GRAMS = re.compile(r"sch|cht|ung|ei|ie|tz|ck|ff|[äß]|^ge|en$|er$")
_EN_GRAMS = re.compile(r"th|wh|ing|ee|oo|ea|ou|ay|ow|ts$|ed$|ly$|y$|^w")


def detect_language(text: str) -> tuple[str, float]:
    """Return ``("de"|"en"|"other:<iso>"|"other:und", confidence in [0, 1])``."""
    sample = text[:_SAMPLE]
    words = _WORD.findall(sample.lower())
    if not words:
        return "other:und", 0.0
    scores = {lang: 0.0 for lang in _STOPWORDS}
    for word in words:
        for lang in _LANGS_OF.get(word, ()):
            scores[lang] += 1.0
    cyrillic = len(_CYRILLIC.findall(sample)) if _CYRILLIC.search(sample) else 0
    latin = len(_LATIN.findall(sample)) if cyrillic else 1
    if cyrillic > latin:
        for lang in ("de", "en", "fr", "es", "it", "nl"):
            scores[lang] = 0.0
        if _UKRAINIAN_CHARS.search(sample):
            scores["uk"] += 0.2 * len(words)
    else:
        scores["ru"] = scores["uk"] = 0.0
        umlauts = sum(sample.count(c) for c in "äöüßÄÖÜ")
        scores["de"] += 0.5 * min(umlauts, len(words) // 4)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 1.0 or (len(words) >= 8 and top / len(words) < 0.05):
        return _guess_by_letters(words) if cyrillic <= latin and len(words) < 8 else ("other:und", 0.0)
    margin = (top - second) / top
    coverage = min(1.0, top / max(3.0, 0.25 * len(words)))
    confidence = round(max(0.0, min(1.0, 0.5 * margin + 0.5 * coverage)), 3)
    if best in ("de", "en"):
        return best, confidence
    return f"other:{best}", confidence


def _guess_by_letters(words: list[str]) -> tuple[str, float]:
    """A weak de/en guess from spelling for a few words (headlines); low confidence."""
    de = sum(len(_DE_GRAMS.findall(w)) for w in words)
    en = sum(len(_EN_GRAMS.findall(w)) for w in words)
    if de == en or max(de, en) < 2:
        return "other:und", 0.0
    return ("de" if de > en else "en"), round(min(0.3, 0.1 * abs(de - en)), 3)
