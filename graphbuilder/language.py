"""Offline, deterministic language identification by stop words and characters.

The stop words come from the ``stopwords`` packs (``graphbuilder/data/lang/<code>/stopwords.toml``
and any ``GRAPHBUILDER_PACKS`` folder). A language with a complete pack (German and English are
shipped) is reported by its code; the others with stop words (French, Spanish, Italian, Dutch,
Russian, Ukrainian are shipped) as ``other:<iso>``; anything else is ``other:und``.
"""

from __future__ import annotations

import regex as re

from graphbuilder import packs


def _load_stopwords() -> tuple[dict[str, frozenset[str]], dict[str, str]]:
    """Stop words and script of every language with a ``stopwords`` pack."""
    words: dict[str, frozenset[str]] = {}
    scripts: dict[str, str] = {}
    for code in packs.languages("stopwords"):
        data = packs.pack_data("stopwords", code)
        words[code] = frozenset(data.get("words", ()))
        scripts[code] = data.get("script", "latin")
    return words, scripts


_STOPWORDS, _SCRIPT = _load_stopwords()
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
        for lang, script in _SCRIPT.items():
            if script != "cyrillic":
                scores[lang] = 0.0
        if _UKRAINIAN_CHARS.search(sample):
            scores["uk"] = scores.get("uk", 0.0) + 0.2 * len(words)
    else:
        for lang, script in _SCRIPT.items():
            if script == "cyrillic":
                scores[lang] = 0.0
        umlauts = sum(sample.count(c) for c in "äöüßÄÖÜ")
        scores["de"] = scores.get("de", 0.0) + 0.5 * min(umlauts, len(words) // 4)
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top < 1.0 or (len(words) >= 8 and top / len(words) < 0.05):
        return _guess_by_letters(words) if cyrillic <= latin and len(words) < 8 else ("other:und", 0.0)
    margin = (top - second) / top
    coverage = min(1.0, top / max(3.0, 0.25 * len(words)))
    confidence = round(max(0.0, min(1.0, 0.5 * margin + 0.5 * coverage)), 3)
    if best in packs.supported_languages():
        return best, confidence
    return f"other:{best}", confidence


def _guess_by_letters(words: list[str]) -> tuple[str, float]:
    """A weak de/en guess from spelling for a few words (headlines); low confidence."""
    de = sum(len(_DE_GRAMS.findall(w)) for w in words)
    en = sum(len(_EN_GRAMS.findall(w)) for w in words)
    if de == en or max(de, en) < 2:
        return "other:und", 0.0
    return ("de" if de > en else "en"), round(min(0.3, 0.1 * abs(de - en)), 3)
