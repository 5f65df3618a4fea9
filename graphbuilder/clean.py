"""Find page furniture (not news) in article text: photo credits, link lines, footers, nav.

Signals are general: line shape (short line without sentence punctuation starting with a cue
phrase), cue phrases (credits, "Mehr zum Thema"/"Read more",
share/subscribe appeals, notes about blocking or censorship, legal lines), position (publisher
footers sit at the end) and paragraphs repeated across articles of one source. Spans refer to the
ORIGINAL text. The cue phrases come from the ``furniture`` packs
(``graphbuilder/data/lang/<code>/furniture.toml``) of every language together: pages mix them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Any

import ahocorasick
import regex as re

from graphbuilder import packs
from graphbuilder.models import Span
from graphbuilder.registry import register
from graphbuilder.sentences import strip_span

_AGENCIES = (
    r"getty\s*images|getty|gettyimages(?:\.\w+)?|reuters|dpa|afp|ap|epa|imago|picture[\s-]alliance|"
    r"sputnik|ria\s+novosti|tass|anadolu|xinhua|keystone|shutterstock|istock(?:photo)?|"
    r"apa|ddp|kna|epd|ukrinform|unsplash|pixabay|wikimedia(?:\s+commons)?|flickr|pa\s+images|"
    r"pa\s+wire|alamy|bloomberg|ZUMA(?:\s*press)?|SIPA|Abaca|globallookpress|global\s+look\s+press"
)


def _cues(key: str) -> list[str]:
    """The ``key`` cue patterns of every language's ``furniture`` pack, languages in code order."""
    return [p for code in packs.languages("furniture") for p in packs.pack_data("furniture", code).get(key, ())]


def _footer(category: str, key: str) -> list[str]:
    return [p for code in packs.languages("furniture")
            for p in packs.pack_data("furniture", code).get("footer", {}).get(category, {}).get(key, ())]


def _alternation(patterns: list[str]) -> str:
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"


class _Lazy:
    """A ``regex`` pattern compiled on its first use (a short article needs few of these; a
    pack's patterns were checked when it was loaded)."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)

    def __getattr__(self, name: str) -> Any:  # only for what is not set yet
        if "_compiled" not in self.__dict__:
            compiled = re.compile(*self.__dict__["_args"])
            self.__dict__["_compiled"] = compiled
            for method in ("match", "search", "finditer", "findall", "fullmatch", "sub", "split"):
                setattr(self, method, getattr(compiled, method))  # later calls go straight to it
        return getattr(self.__dict__["_compiled"], name)


# "Foto: …", "Quelle: … ©", "Photo: …/Getty" — may be glued to the end of a caption line.
_CREDIT = _Lazy(
    r"(?:(?<=^)|(?<=[\s(\[|/,.;–—-])|(?<=\p{Ll}))"
    + _alternation(_cues("credit_labels"))
    + r"\s*:\s*[^\n]{1,160}$",
    re.M,
)
_COPYRIGHT = _Lazy(
    r"(?:©|\(c\)\s|\bcopyright\s*(?:©|\(c\)|\d{4}|:))\s*[^\n]{0,120}$", re.M | re.I
)
_AGENCY_TAIL = _Lazy(r"(?:^|[\s/(])(?:" + _AGENCIES + r")\)?\s*$", re.I)
_AGENCY_WORD = _Lazy(r"\b(?:" + _AGENCIES + r")\b", re.I)

_LINK_CUES = _Lazy(r"^\W{0,3}" + _alternation(_cues("link_cues")) + r"\b", re.I)
# What must follow a link cue (unless the whole line is short and has no final full stop).
_LINK_SEPARATOR = _Lazy(r"\s*[:\-–—|»>›]")
# Republication and source notes: unambiguous, any line shape.
_SOURCE_NOTES = _Lazy(r"^\W{0,3}" + _alternation(_cues("source_notes")), re.I)
# A line naming only agencies: "(dpa/AFP)", "Reuters, AP".
_AGENCY_LINE = _Lazy(r"^[\s(\[]*(?:(?:" + _AGENCIES + r")[\s,;/&+)\].-]*){1,5}$", re.I)

# Footer cue categories (every language's together) and their cheap substring anchors: the
# regexes run only where an anchor occurs.
_FOOTER_CATEGORIES = packs.FOOTER_CATEGORIES
_FOOTER_CUES: dict[str, _Lazy] = {
    name: _Lazy("|".join(f"(?:{p})" for p in _footer(name, "patterns")) or r"(?!)", re.I)
    for name in _FOOTER_CATEGORIES
}
_FOOTER_ANCHORS: dict[str, tuple[str, ...]] = {
    name: tuple(_footer(name, "anchors")) for name in _FOOTER_CATEGORIES
}
_ANCHORS = ahocorasick.Automaton()
for _category, _words in _FOOTER_ANCHORS.items():
    for _word in _words:
        _ANCHORS.add_word(_word, _category)  # one category per anchor word
_ANCHORS.make_automaton()

_SHORT_LINE_CUES = _Lazy(r"^\W{0,3}" + _alternation(_cues("short_line_cues")) + r"\b", re.I)
# A line made only of navigation / sharing words ("Startseite | Politik", "Teilen Tweet E-Mail").
_NAV_WORDS = _alternation(_cues("nav_words"))
_NAV_LINE = _Lazy(r"^(?:" + _NAV_WORDS + r"[\s|·•/,:]*){1,8}$", re.I)
_BREADCRUMB = _Lazy(r"^(?:[^\n|›»>]{1,40}\s[|›»>]\s){2,}[^\n|›»>]{1,40}$")
# Reported speech in the third person: news about (not by) a publisher.
_REPORTED = _Lazy(r"\b" + _alternation(_cues("reported_speech")) + r"\b", re.I)
_SENTENCE_END = _Lazy(r"[.!?…][\"'”“’»«)]*\s*$")
_INNER_SENTENCE = _Lazy(r"[.!?]\s+\p{Lu}")
_PARAGRAPH_BREAK = _Lazy(r"\n[ \t\r]*\n")
_WS = _Lazy(r"\s+")


def find_furniture(
    text: str, language: str | None = None, repeated: set[str] | RepeatedParagraphs | None = None
) -> list[Span]:
    """Return sorted, non-overlapping spans of page furniture in ``text``.

    ``language`` is accepted for the pipeline's sake; cues of both languages are always used
    (pages mix them). ``repeated`` holds normalised paragraphs seen in several articles of the
    same source (see :func:`repeated_paragraphs`).
    """
    spans: list[tuple[int, int]] = []
    paragraphs = _paragraph_spans(text)
    n = len(paragraphs)
    flagged = [False] * n
    for i, (p_start, p_end) in enumerate(paragraphs):
        for l_start, l_end in _line_spans(text, p_start, p_end):
            hit = _line_furniture(text, l_start, l_end)
            if hit:
                spans.append(hit)
                if hit == (l_start, l_end) and _single_line(text, p_start, p_end):
                    flagged[i] = True
    tail_start = _tail_start(text, paragraphs)
    for i, (p_start, p_end) in enumerate(paragraphs):
        if flagged[i]:
            continue
        block = text[p_start:p_end]
        if i > 0 and len(block) <= 2000 and _footer_paragraph(block, in_tail=i >= tail_start):
            spans.append((p_start, p_end))
            flagged[i] = True
    if repeated:
        _flag_repeated(text, paragraphs, flagged, repeated, spans)
    # footers run to the end: short headline-like paragraphs after a tail footer go with it
    first_footer = next((i for i in range(tail_start, n) if flagged[i]), None)
    if first_footer is not None:
        for a, b in paragraphs[first_footer + 1:]:
            if b - a <= 160 and not _SENTENCE_END.search(text[a:b]):
                spans.append((a, b))
    return [Span(start=a, end=b, text=text[a:b]) for a, b in _merge(spans)]


@register("furniture", "rules")
class RuleFurnitureFinder:
    """The furniture component's engine: :func:`find_furniture` (no settings)."""

    def find(self, text: str, language: str, repeated: set[str] | None = None) -> list[Span]:
        """Page-furniture spans of ``text`` (see :func:`find_furniture`)."""
        return find_furniture(text, language, repeated)


def repeated_paragraphs(texts: Iterable[str], min_count: int = 2) -> RepeatedParagraphs:
    """Normalised paragraphs that occur in at least ``min_count`` of ``texts`` (a set-like
    :class:`RepeatedParagraphs`: ``normalised_paragraph in result``).

    Call it on the articles of ONE source; pass the result to :func:`find_furniture`.
    """
    counter = ParagraphCounter()
    for text in texts:
        counter.add(text)
    return counter.repeated(min_count)


def paragraph_hash(key: str) -> int:
    """An 8-byte digest of a normalised paragraph (what :class:`ParagraphCounter` keeps)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


class RepeatedParagraphs:
    """A set of paragraph digests; ``normalised_paragraph in self`` tests by digest."""

    __slots__ = ("hashes",)

    def __init__(self, hashes: Iterable[int] = ()) -> None:
        self.hashes = frozenset(hashes)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and paragraph_hash(key) in self.hashes

    def __len__(self) -> int:
        return len(self.hashes)

    def __bool__(self) -> bool:
        return bool(self.hashes)


class ParagraphCounter:
    """Bounded streaming state of the repeated-paragraph detection of one source: how many of
    the texts seen contain each paragraph, kept as 8-byte digests (never the texts), so a
    source of any size is counted in one pass with memory proportional to its distinct
    paragraphs. The result does not depend on the order the texts are added in."""

    __slots__ = ("counts", "texts")

    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()
        self.texts = 0

    def add(self, text: str) -> None:
        self.texts += 1
        seen: set[int] = set()
        for a, b in _paragraph_spans(text):
            key = normalise(text[a:b])
            if len(key) >= 12:
                seen.add(paragraph_hash(key))
        self.counts.update(seen)

    def repeated(self, min_count: int = 2) -> RepeatedParagraphs:
        return RepeatedParagraphs(k for k, c in self.counts.items() if c >= min_count)


def normalise(paragraph: str) -> str:
    """The comparison key of a paragraph: whitespace collapsed, stripped."""
    return _WS.sub(" ", paragraph).strip()


# ---------------------------------------------------------------------------


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [strip_span(text, a, b) for a, b in out if text[a:b].strip()]


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for line in text[start:end].split("\n"):
        a, b = strip_span(text, pos, pos + len(line))
        if b > a:
            out.append((a, b))
        pos += len(line) + 1
    return out


def _single_line(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end]


def _line_furniture(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Furniture in one line: the whole line, its credit tail, or None."""
    line = text[start:end]
    short = len(line) <= 160
    link = _LINK_CUES.match(line)
    if link and len(line) <= 300 and (
        _LINK_SEPARATOR.match(line, link.end()) or (len(line) <= 100 and not _SENTENCE_END.search(line))
    ):
        return (start, end)
    if _SOURCE_NOTES.match(line) and len(line) <= 300:
        return (start, end)
    if short and not _SENTENCE_END.search(line):
        if (_SHORT_LINE_CUES.match(line) or _NAV_LINE.match(line) or _BREADCRUMB.match(line)
                or _AGENCY_LINE.match(line)):
            return (start, end)
    credit_start = _credit_start(line)
    if credit_start is None:
        return None
    before = line[:credit_start].rstrip()
    if not before.strip(" -–—|,;(["):
        return (start, end)
    # a caption (one short "sentence") carrying a credit is furniture as a whole
    if len(before) <= 200 and not _INNER_SENTENCE.search(before) and not _SENTENCE_END.search(before):
        return (start, end)
    return (start + credit_start, end)


def _credit_start(line: str) -> int | None:
    best: int | None = None
    window = max(0, len(line) - 200)  # credits end the line and are short
    if ":" in line[window:]:
        best = _labelled_credit(line, window)
    lowered = line[window:].lower()
    if "©" in lowered or "(c)" in lowered or "copyright" in lowered:
        m = _COPYRIGHT.search(line, window)
        if m and (m.start() == 0 or not _INNER_SENTENCE.search(m.group())):
            best = m.start() if best is None else min(best, m.start())
    if best is None and "/" in line[window:]:
        m = _AGENCY_TAIL.search(line, window)
        if m and len(line) <= 120 and not _SENTENCE_END.search(line) and "/" in line[max(0, m.start() - 40):]:
            slash = line.rfind(" ", 0, max(0, m.start() - 1))
            best = slash + 1 if slash >= 0 else 0
    return best


def _labelled_credit(line: str, window: int) -> int | None:
    for m in _CREDIT.finditer(line, window):
        tail = m.group()
        rest = tail.split(":", 1)[1]
        if "©" in tail or _AGENCY_WORD.search(rest) or (
            len(rest) <= 70 and not _INNER_SENTENCE.search(rest) and not _SENTENCE_END.search(rest)
        ):
            return m.start()
    return None


def _footer_score(block: str) -> tuple[int, bool]:
    """(number of cue categories present, whether the publisher/reader voice is present)."""
    candidates = {category for _, category in _ANCHORS.iter(block.lower())}
    hits = {name for name in candidates if _FOOTER_CUES[name].search(block)}
    return len(hits), bool(hits & {"publisher", "reader"})


def _footer_paragraph(block: str, in_tail: bool) -> bool:
    score, voice = _footer_score(block)
    if score >= 2 and _REPORTED.search(block):
        return in_tail and score >= 4  # reported speech: news quoting a publisher, usually
    if in_tail:
        return (voice and score >= 2) or score >= 3
    return voice and score >= 3


def _tail_start(text: str, paragraphs: list[tuple[int, int]]) -> int:
    """Index of the first paragraph of the article's tail (last 3 paragraphs / last 35 %)."""
    if not paragraphs:
        return 0
    cut = len(text) * 0.65
    by_position = next((i for i, (a, _) in enumerate(paragraphs) if a >= cut), len(paragraphs))
    return min(by_position, max(0, len(paragraphs) - 3))


def _flag_repeated(
    text: str,
    paragraphs: list[tuple[int, int]],
    flagged: list[bool],
    repeated: set[str] | RepeatedParagraphs,
    spans: list[tuple[int, int]],
) -> None:
    """Repeated paragraphs are furniture at the head/tail run of the article or with a cue."""
    rep = [normalise(text[a:b]) in repeated for a, b in paragraphs]
    n = len(paragraphs)
    edge = [False] * n
    i = 0
    while i < n and (rep[i] or flagged[i]):
        edge[i] = True
        i += 1
    j = n - 1
    while j >= 0 and (rep[j] or flagged[j]):
        edge[j] = True
        j -= 1
    for k, (a, b) in enumerate(paragraphs):
        if rep[k] and not flagged[k] and (edge[k] or _footer_score(text[a:b])[0] >= 1):
            spans.append((a, b))
            flagged[k] = True


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out

