"""Rule/gazetteer named-entity extractor (PER/ORG/LOC) for German and English news.

German capitalises every noun, so capitalisation is only a precondition. Evidence comes from
gazetteers (countries, regions, cities, organisations with aliases, first names, adjectives and
demonyms; one pyahocorasick automaton), role/title cues ("US-Außenminister Antony Blinken"),
organisation head nouns/suffixes/legal forms, acronym definitions ("… (OSZE)") and
prepositional place contexts ("in Xdorf"). Within-document coreference
(:mod:`graphbuilder.extract.coref`) then fills keys and display names, and roles become
:class:`RoleFact` s.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import ahocorasick

from graphbuilder.extract.coref import resolve_coreference
from graphbuilder.keys import GAZETTEER_DIR, _read_rows, alias_data, entity_key
from graphbuilder.models import EntityMention, RoleFact, Sentence
from graphbuilder.registry import register

TOKEN_RE = re.compile(r"\w+(?:[-'’.&]\w+)*")
ACRONYM_RE = re.compile(r"^(?=.*[A-Z].*[A-Z])[A-ZÄÖÜ][A-ZÄÖÜa-z0-9]{1,6}$")
NOUN_SUFFIX_RE = re.compile(
    r"(?:ung|heit|keit|schaft|tion|sion|tät|ismus|nis|tum|ment|ität|enz|anz|ik|ur|chen|lein|"
    r"ling|ei|ie|age|ose|ismus|ist|eur|ant|ent|er|en|ern|el|ten|ing|ness|ity)$"
)
ADJ_ENDINGS = ("", "e", "en", "er", "es", "em")
DERIV_FLAG = "ADJ"

LOC_PREPS_DE = {"in", "nach", "aus", "bei", "im", "von", "nahe", "via", "gen"}
LOC_PREPS_EN = {"in", "to", "from", "near", "at"}
ORG_CONNECT = {"für", "der", "des", "von", "of", "for", "and", "und", "the", "&"}
ACRONYM_NOT_ORG = {
    "TV", "CD", "DVD", "PC", "USB", "PDF", "HTML", "URL", "WWW", "OK", "KM", "CO", "CO2", "II",
    "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "NR", "PS", "KW", "MW", "GB", "MB",
    "SMS", "GPS", "DNA", "HIV", "AIDS", "PR", "IT", "UKW", "LKW", "PKW", "Lkw", "Pkw", "EDV",
    "BIP", "MwSt", "ICE", "SUV", "CEO", "CFO", "DJ", "MP3", "AM", "PM", "FM", "UV", "OP",
    "US", "USA", "UK", "EM", "WM", "AG", "GmbH", "KG", "SE", "NS", "EUR", "USD", "CHF", "TOP",
    "Co", "ABC", "A", "I", "II", "Mio", "Mrd", "ZB", "OB",
}


@dataclass
class Lexicon:
    """All gazetteer data, loaded once."""

    automaton: ahocorasick.Automaton
    first_names: set[str]
    function_words: set[str]
    common_words: set[str]
    particles: set[str]
    org_suffixes: tuple[str, ...]
    org_heads: set[str]
    legal_forms: set[str]
    club_prefixes: set[str]
    role_titles: dict[str, str]  # cue -> kind (title/honorific)
    role_suffix_re: re.Pattern[str]
    role_before_re: re.Pattern[str]
    adjectives: dict[str, str] = field(default_factory=dict)  # form -> LOC key


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
    """Build the lexicon and the Aho-Corasick automaton (cached per process)."""
    aliases = alias_data()
    stop = _sections("stopwords.txt")
    function_words = set(stop.get("function", []))
    common = _words("common_words.txt") | set(stop.get("common", [])) | function_words
    first_names = _words("first_names.txt") - common
    particles = _words("particles.txt")
    heads = _sections("org_heads.txt")
    roles = {row[0]: row[1] for row in _read_rows(GAZETTEER_DIR / "roles.tsv")}

    adjectives: dict[str, str] = {}
    for row in _read_rows(GAZETTEER_DIR / "countries.tsv"):
        key = row[0]
        for stem in filter(None, row[4].split("|")):
            for ending in ADJ_ENDINGS:
                adjectives.setdefault(stem + ending, key)
                adjectives.setdefault((stem + ending).capitalize(), key)
        for demonym in filter(None, row[5].split("|")):
            adjectives.setdefault(demonym, key)
            adjectives.setdefault(demonym + "s", key)

    automaton = ahocorasick.Automaton()
    entries: dict[str, set[str]] = {}
    for alias, key in aliases.alias_to_key.items():
        if alias[:1].isupper() and (alias not in common or len(alias) > 3 and alias.isupper()):
            entries.setdefault(alias, set()).add(aliases.label[key] + "=" + key)
    for name in first_names:
        entries.setdefault(name, set()).add("FIRST")
    for form, key in adjectives.items():
        entries.setdefault(form, set()).add(DERIV_FLAG + "=" + key)
    for phrase, kinds in entries.items():
        automaton.add_word(phrase, (phrase, tuple(sorted(kinds))))
    automaton.make_automaton()

    title_cues = sorted(roles, key=len, reverse=True)
    suffixes = sorted({c.lower() for c in roles if " " not in c and c[0].isupper()
                       and roles[c] == "title" and len(c) >= 4}, key=len, reverse=True)
    role_suffix_re = re.compile(r"(?:(?P<pre>[\w.]+)-)?(?P<cue>\w*(?:" + "|".join(
        re.escape(s) for s in suffixes) + r"))$", re.IGNORECASE)
    role_before_re = re.compile(
        r"(?:(?P<pre>[\w.]+)-)?(?P<cue>(?:\w*(?:" + "|".join(re.escape(s) for s in suffixes)
        + r"))|" + "|".join(re.escape(c) for c in title_cues) + r")\s+$",
        re.IGNORECASE,
    )
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
        role_titles=roles,
        role_suffix_re=role_suffix_re,
        role_before_re=role_before_re,
        adjectives=adjectives,
    )


@dataclass
class _Cand:
    start: int
    end: int
    label: str
    score: int
    key: str = ""
    derived: bool = False


def _is_cap(tok: str) -> bool:
    return tok[:1].isupper()


class _Doc:
    """Tokens of one text with gazetteer hits per token."""

    def __init__(self, text: str, lex: Lexicon) -> None:
        self.text = text
        self.lex = lex
        self.spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.toks = [text[s:e] for s, e in self.spans]
        self.by_start = {s: i for i, (s, _e) in enumerate(self.spans)}
        self.by_end = {e: i for i, (_s, e) in enumerate(self.spans)}
        self.first: set[int] = set()
        self.hits: list[_Cand] = []
        self._scan()

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
            for kind in kinds:
                if kind == "FIRST":
                    if not suffix and i == j:
                        self.first.add(i)
                    continue
                flag, _, key = kind.partition("=")
                if flag == DERIV_FLAG:
                    if not suffix:
                        self.hits.append(_Cand(start, end, "LOC", 1, key, derived=True))
                    continue
                if not suffix:
                    self.hits.append(_Cand(start, end, flag, 3, key))
                elif suffix in ("s", "'s", "’s"):
                    self.hits.append(_Cand(start, self.spans[j][1], flag, 3, key))
                elif suffix.startswith("-"):
                    self.hits.append(_Cand(start, end, flag, 1, key, derived=True))
                elif flag == "LOC" and suffix in ("er", "ern", "ers", "erin", "erinnen"):
                    self.hits.append(_Cand(start, self.spans[j][1], "LOC", 1, key, derived=True))

    def _token_index_covering(self, pos: int) -> int | None:
        for i in range(len(self.spans)):
            s, e = self.spans[i]
            if s <= pos < e:
                return i
            if s > pos:
                break
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

    # ------------------------------------------------------------------ candidates
    def _name_ok(self, tok: str) -> bool:
        """Could ``tok`` be (part of) a proper name?"""
        return (
            _is_cap(tok)
            and tok not in self.lex.function_words
            and not tok.isdigit()
            and any(ch.islower() for ch in tok[1:] or "x")
        )

    def _persons(self, doc: _Doc, starts: set[int]) -> list[_Cand]:
        out: list[_Cand] = []
        toks, spans, lex = doc.toks, doc.spans, self.lex
        n = len(toks)
        i = 0
        while i < n:
            if i in doc.first:
                j = i + 1
                while j < n and j in doc.first and self._adjacent(doc, j):
                    j += 1
                k = j
                while k < n and toks[k] in lex.particles and self._adjacent(doc, k):
                    k += 1
                if (k < n and self._adjacent(doc, k) and self._name_ok(toks[k])
                        and toks[k] not in lex.common_words):
                    end_tok = k
                elif j - i >= 2:
                    end_tok = j - 1
                else:
                    i += 1
                    continue
                score = 4 if spans[i][0] not in starts or end_tok > i else 2
                out.append(_Cand(spans[i][0], spans[end_tok][1], "PER", score))
                i = end_tok + 1
                continue
            i += 1
        # role cue + capitalised name ("Kanzlerin Merkel", "Außenminister Lawrow")
        for i, tok in enumerate(toks[:-1]):
            if not (tok in lex.role_titles or lex.role_suffix_re.fullmatch(tok)):
                continue
            k = i + 1
            if not self._adjacent(doc, k):
                continue
            j = k
            while (j < n and j - k < 3 and self._adjacent(doc, j) and self._name_ok(toks[j])
                   and toks[j] not in lex.common_words and not NOUN_SUFFIX_RE.search(toks[j])):
                j += 1
            if j > k:
                out.append(_Cand(spans[k][0], spans[j - 1][1], "PER", 3))
        return out

    def _adjacent(self, doc: _Doc, j: int) -> bool:
        """Token ``j`` follows token ``j-1`` with only spaces in between."""
        gap = doc.text[doc.spans[j - 1][1]:doc.spans[j][0]]
        return gap.isspace() and "\n" not in gap

    def _orgs(self, doc: _Doc, loc_starts: dict[int, _Cand]) -> list[_Cand]:
        out: list[_Cand] = []
        toks, spans, lex, text = doc.toks, doc.spans, self.lex, doc.text
        n = len(toks)
        for i, tok in enumerate(toks):
            if not _is_cap(tok):
                continue
            low = tok.lower()
            # compound with an organisation suffix: "Bundesgesundheitsministerium"
            for suffix in lex.org_suffixes:
                if low.endswith(suffix) and len(low) >= len(suffix) + 3 and "-" not in tok:
                    out.append(_Cand(spans[i][0], spans[i][1], "ORG", 2))
                    break
            # adjective(s) + head noun: "Deutsche Bank", "Europäische Zentralbank"
            if tok in lex.org_heads or any(low.endswith(s) for s in lex.org_suffixes[:8]):
                b = i
                while (b > 0 and self._adjacent(doc, b) and _is_cap(toks[b - 1])
                       and toks[b - 1] not in lex.function_words
                       and toks[b - 1].endswith(("e", "en", "er", "es"))
                       and toks[b - 1].lower() not in ("die", "der", "des", "den")):
                    b -= 1
                e = i
                # head + place: "Universität Hamburg"
                if e + 1 < n and spans[e + 1][0] in loc_starts and self._adjacent(doc, e + 1):
                    e = doc.by_end.get(loc_starts[spans[e + 1][0]].end, e + 1)
                # head + für/der + Name: "Ministerium für Umwelt"
                elif (e + 2 < n and toks[e + 1] in ("für", "der", "des", "of", "for")
                      and _is_cap(toks[e + 2]) and toks[e + 2] not in lex.function_words):
                    e += 2
                    while (e + 2 < n and toks[e + 1] in ("und", "and", ",")
                           and _is_cap(toks[e + 2])):
                        e += 2
                if b < i or e > i:
                    out.append(_Cand(spans[b][0], spans[e][1], "ORG", 3))
            # Name + legal form: "Siemens AG"
            if tok in lex.legal_forms and i > 0 and _is_cap(toks[i - 1]):
                b = i - 1
                while b > 0 and _is_cap(toks[b - 1]) and toks[b - 1] not in lex.function_words \
                        and i - b < 4 and self._adjacent(doc, b):
                    b -= 1
                end = spans[i][1] + (1 if text[spans[i][1]:spans[i][1] + 1] == "." and
                                     tok + "." in lex.legal_forms else 0)
                out.append(_Cand(spans[b][0], end, "ORG", 4))
            # club: "FC Bayern München", "VfB Stuttgart"
            if tok in lex.club_prefixes and i + 1 < n and _is_cap(toks[i + 1]) \
                    and self._adjacent(doc, i + 1):
                e = i + 1
                if e + 1 < n and _is_cap(toks[e + 1]) and self._adjacent(doc, e + 1) \
                        and toks[e + 1] not in lex.function_words:
                    e += 1
                out.append(_Cand(spans[i][0], spans[e][1], "ORG", 2 if tok in lex.org_heads
                                 else 3))
            # bare acronym: "SPD", "AfD"
            if ACRONYM_RE.match(tok) and tok not in ACRONYM_NOT_ORG and len(tok) <= 6:
                out.append(_Cand(spans[i][0], spans[i][1], "ORG", 1))
        return out

    def _prep_locations(self, doc: _Doc, language: str) -> list[_Cand]:
        """"in Xdorf": an unknown capitalised token right after a place preposition."""
        preps = LOC_PREPS_DE if language == "de" else LOC_PREPS_EN
        out = []
        toks, lex = doc.toks, self.lex
        for i in range(1, len(toks)):
            tok = toks[i]
            if toks[i - 1] not in preps or not self._name_ok(tok) or tok in lex.common_words:
                continue
            if NOUN_SUFFIX_RE.search(tok) or tok in lex.first_names:
                continue
            if i + 1 < len(toks) and _is_cap(toks[i + 1]) and self._adjacent(doc, i + 1):
                continue
            out.append(_Cand(doc.spans[i][0], doc.spans[i][1], "LOC", 1))
        return out

    # ------------------------------------------------------------------ selection
    @staticmethod
    def _select(cands: list[_Cand]) -> list[_Cand]:
        """Greedy non-overlapping selection: higher score, then longer span, then earlier."""
        chosen: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        for c in sorted(cands, key=lambda c: (c.derived, -c.score, -(c.end - c.start), c.start)):
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            chosen.append(c)
            taken.append((c.start, c.end))
        return sorted(chosen, key=lambda c: (c.start, c.end))

    def extract(
        self, text: str, language: str, sentences: list[Sentence]
    ) -> tuple[list[EntityMention], list[RoleFact]]:
        """Return entity mentions (keys filled after coreference) and role facts."""
        lang = "en" if (language or "de").lower().startswith("en") else "de"
        doc = _Doc(text, self.lex)
        starts = _sentence_starts(text, sentences)
        gaz = [c for c in doc.hits]
        loc_starts = {c.start: c for c in gaz if c.label == "LOC" and not c.derived}
        cands = gaz + self._persons(doc, starts) + self._orgs(doc, loc_starts)
        cands += self._prep_locations(doc, lang)
        cands += self._acronym_definitions(doc)
        chosen = self._select(cands)
        chosen = [c for c in chosen if not self._sentence_initial_noise(c, doc, starts)]
        sent_of = _sentence_index(sentences)
        mentions = [
            EntityMention(start=c.start, end=c.end, text=text[c.start:c.end], label=c.label,
                          key=c.key, derived=c.derived, sentence=sent_of(c.start))
            for c in chosen
        ]
        mentions = resolve_coreference(mentions, text, lang, doc.toks, doc.spans,
                                       sentence_of=sent_of)
        roles = self._roles(mentions, text)
        return mentions, roles

    def _sentence_initial_noise(self, c: _Cand, doc: _Doc, starts: set[int]) -> bool:
        """A lone weak candidate at sentence start is usually just a capitalised word."""
        return c.score <= 1 and not c.derived and c.start in starts and not c.key

    def _acronym_definitions(self, doc: _Doc) -> list[_Cand]:
        """"Organisation für … (OSZE)": acronym in brackets after a capitalised long form."""
        out = []
        toks, spans, text = doc.toks, doc.spans, doc.text
        for i, tok in enumerate(toks):
            if not ACRONYM_RE.match(tok) or i < 2:
                continue
            s, e = spans[i]
            if text[s - 1:s] != "(" or text[e:e + 1] != ")":
                continue
            initials = [ch for ch in tok if ch.isupper()]
            b = i - 1
            caps = 0
            while b >= 0 and i - b <= 10 and (_is_cap(toks[b]) or toks[b] in ORG_CONNECT):
                if _is_cap(toks[b]):
                    caps += 1
                if caps >= len(initials):
                    break
                b -= 1
            b = max(b, 0)
            while b < i - 1 and not _is_cap(toks[b]):
                b += 1
            if caps >= 2 and _is_cap(toks[b]) and toks[b][0] == initials[0]:
                out.append(_Cand(spans[b][0], spans[i - 1][1], "ORG", 3))
                out.append(_Cand(s, e, "ORG", 3))
        return out

    # ------------------------------------------------------------------ roles
    def _roles(self, mentions: list[EntityMention], text: str) -> list[RoleFact]:
        facts: list[RoleFact] = []
        seen: set[tuple[str, str, str]] = set()
        by_end = {m.end: m for m in mentions}
        for m in mentions:
            if m.label != "PER" or m.derived:
                continue
            window = text[max(0, m.start - 80):m.start]
            match = self.lex.role_before_re.search(window)
            if not match:
                continue
            cue = match.group("cue")
            if self.lex.role_titles.get(cue) == "honorific" or cue.lower() in ("herr", "frau"):
                continue
            title, org = cue, None
            pre = match.group("pre")
            if pre:
                org = entity_key("LOC", pre) if self._known(pre) else entity_key("ORG", pre)
            else:
                offset = max(0, m.start - 80)
                before = text[:offset + match.start()].rstrip()
                # "russische Außenminister", "Russia's foreign minister", "OSZE-Chef"
                prev = by_end.get(len(before))
                if prev is not None and prev.label in ("LOC", "ORG"):
                    org = prev.key
                else:
                    words = TOKEN_RE.findall(before[-60:])
                    for word in reversed(words[-3:]):
                        if word in self.lex.adjectives:
                            org = self.lex.adjectives[word]
                            break
                        if word[:1].islower() and word.endswith(("e", "en", "er")):
                            continue
                        break
            m.role = title[0].upper() + title[1:] if title[:1].islower() and title.isascii() \
                else title
            m.role_org = org
            if org:
                fact = (m.key, m.role, org)
                if fact not in seen:
                    seen.add(fact)
                    facts.append(RoleFact(person=m.key, title=m.role, org=org))
        return facts

    @staticmethod
    def _known(name: str) -> bool:
        data = alias_data()
        return name in data.alias_to_key and data.label[data.alias_to_key[name]] == "LOC"


def _sentence_index(sentences: list[Sentence]):
    bounds = sorted((s.start, s.end, s.index) for s in sentences)

    def find(pos: int) -> int | None:
        for start, end, index in bounds:
            if start <= pos < end:
                return index
        return None

    return find



