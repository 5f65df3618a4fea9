"""Rule-based sentence splitting for German and English news text.

Offsets always refer to the text given. The abbreviations, ordinal cues and month names come from
the ``sentences`` packs (``graphbuilder/data/lang/<code>/sentences.toml``) of every language
together. Boundaries:

* blank lines always end a sentence;
* a line break after a line without final punctuation ends a sentence (headlines, captions),
  unless the paragraph looks hard-wrapped or the next line continues in lower case;
* ``.``/``!``/``?``/``…`` (plus closing quotes/brackets) followed by space and an upper-case
  word, digit or opening quote ends a sentence, except after abbreviations (``Dr.``, ``z. B.``,
  ``U.S.``, ``Jan.``), initials (``J. R. R.``) and ordinal numbers (``2. Dezember``,
  ``der 3. Platz``, ``am 2. 12.``).
"""

from __future__ import annotations

import regex as re

from graphbuilder import packs
from graphbuilder.models import Sentence, Span
from graphbuilder.registry import register



def _words(key: str) -> frozenset[str]:
    """The union of ``key`` over the ``sentences`` packs of every language."""
    return frozenset(w for code in packs.languages("sentences")
                     for w in packs.pack_data("sentences", code).get(key, ()))


# Lower-cased abbreviations (without the final dot) after which a "." does not end a sentence.
ABBREVIATIONS: frozenset[str] = _words("abbreviations")
# Abbreviations only when a number follows ("Art. 5 GG", "No. 10").
NUMBER_ABBREVIATIONS: frozenset[str] = _words("number_abbreviations")
# Words after which "<number>." is an ordinal ("am 2. Dezember", "der 3. Platz").
ORDINAL_CONTEXT: frozenset[str] = _words("ordinal_context")
# Nouns that typically follow an ordinal ("20. Jahrhundert", "16. Lebensjahr", "7. Runde").
_ORDINAL_NOUN_WORDS = [w for code in packs.languages("sentences")
                       for w in packs.pack_data("sentences", code).get("ordinal_nouns", ())]
ORDINAL_NOUNS = re.compile("(?:" + "|".join(_ORDINAL_NOUN_WORDS or ["(?!)"]) + ")(?:e|en|es|s|n)?")
MONTHS: frozenset[str] = _words("months")

_OPENERS = "\"'„‚“‘«»‹›([{"
_CLOSERS = "\"'”“’‘»«›‹)]}"
_TERM = re.compile(r"(?:\.{3}|…|[.!?])+[" + re.escape(_CLOSERS) + r"]*(?=\s)")
_NEXT = re.compile(r"\s+([" + re.escape(_OPENERS) + r"]*)(\S)")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_DOTTED = re.compile(r"(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}")
_LIST_ITEM = re.compile(r"(?:[-–•*·▪]|\d{1,2}[.)])\s")
_FINAL_PUNCT = frozenset(".!?…:;\"'”“’»«)")
_ALNUM = re.compile(r"\w")


def split_sentences(text: str, skip: list[Span] | None = None) -> list[Sentence]:
    """Split ``text`` into sentences; sentences inside ``skip`` spans are dropped (trimmed
    where they only overlap). Leading short headline-like paragraphs get ``is_title``."""
    raw: list[tuple[int, int, bool]] = []
    in_lead = True
    for p_start, p_end in _paragraphs(text):
        segs = list(_line_segments(text, p_start, p_end))
        first_is_title = in_lead and _headline_like(text[segs[0][0]:segs[0][1]])
        if len(segs) > 1 or not first_is_title:
            in_lead = False  # "Headline\nBody …": only the first line is the title
        for k, (s_start, s_end) in enumerate(segs):
            is_title = first_is_title and k == 0
            for a, b in _split_segment(text, s_start, s_end):
                raw.append((a, b, is_title))
    if skip:
        raw = _apply_skip(text, raw, skip)
    out: list[Sentence] = []
    for a, b, is_title in raw:
        a, b = strip_span(text, a, b)
        if b > a and _ALNUM.search(text, a, b):
            out.append(Sentence(start=a, end=b, text=text[a:b], index=len(out), is_title=is_title))
    return out


@register("sentences", "rules")
class RuleSentenceSplitter:
    """The sentence component's engine: :func:`split_sentences` (no settings)."""

    def split(self, text: str, language: str, skip: list[Span] | None = None) -> list[Sentence]:
        """Sentences of ``text`` outside ``skip`` (see :func:`split_sentences`)."""
        return split_sentences(text, skip=skip)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for m in _BLANK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _headline_like(line: str) -> bool:
    line = line.strip()
    return 0 < len(line) <= 200 and line[-1] not in ".:;,-–" and "\n" not in line


def _line_segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a paragraph at line breaks that end a sentence."""
    block = text[start:end]
    if "\n" not in block:
        return [_skip_heading(text, start, end)]
    lines: list[tuple[int, int]] = []
    pos = start
    for part in block.split("\n"):
        lines.append((pos, pos + len(part)))
        pos += len(part) + 1
    lines = [(a, b) for a, b in lines if text[a:b].strip()]
    wrapped = _hard_wrapped(text, lines)
    segs: list[tuple[int, int]] = []
    seg_start = lines[0][0]
    for (a, b), nxt in zip(lines, lines[1:] + [None]):
        if nxt is None:
            segs.append((seg_start, b))
            break
        line = text[a:b].rstrip()
        nxt_line = text[nxt[0]:nxt[1]].lstrip()
        last = line[-1] if line else ""
        joins = wrapped or last in ",-–—(/&" or (nxt_line[:1].islower() and last not in _FINAL_PUNCT)
        if _LIST_ITEM.match(nxt_line):
            pass  # a list item always starts a new sentence
        elif last in _FINAL_PUNCT or joins:
            continue  # punctuation rules (or continuation) decide
        segs.append((seg_start, b))
        seg_start = nxt[0]
    return [_skip_heading(text, a, b) for a, b in segs]


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """A paragraph of 3+ long lines that mostly lack final punctuation is hard-wrapped prose."""
    if len(lines) < 3:
        return False
    body = lines[:-1]
    long_open = sum(
        1 for a, b in body
        if b - a >= 45 and text[a:b].rstrip()[-1:] not in ".!?…"
    )
    return long_open >= 0.6 * len(body)


def _skip_heading(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    m = _HEADING.match(text, a, b)
    return (m.end(), b) if m else (a, b)


def _split_segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    seg_start = start
    for m in _TERM.finditer(text, start, end):
        nm = _NEXT.match(text, m.end(), end)
        if not nm:
            continue
        if _is_boundary(text, seg_start, m, nm):
            out.append((seg_start, m.end()))
            seg_start = nm.start(1)
    out.append((seg_start, end))
    return out


def _is_boundary(text: str, seg_start: int, m: re.Match, nm: re.Match) -> bool:
    punct = m.group()
    nxt_char = nm.group(2)
    opened = bool(nm.group(1))
    if nxt_char.islower() and not _camel_case(text, nm.start(2)):
        return False
    if not (nxt_char.isalpha() or nxt_char.isdigit() or opened):
        return False
    if punct.rstrip(_CLOSERS) != ".":
        return True  # "!", "?", "…", "..." or a quote-closed full stop
    if punct != ".":
        return True  # '."' — a quotation ends the sentence
    word_start = _word_start(text, seg_start, m.start())
    if word_start == m.start():
        return False
    word = text[word_start:m.start()].lstrip(_OPENERS)
    low = word.lower()
    if low in ABBREVIATIONS:
        return False
    if low in NUMBER_ABBREVIATIONS and nxt_char.isdigit():
        return False  # "No. 10", "Art. 5", "S. 12"
    if len(word) == 1 and word.isalpha():
        return False  # initial: "J. R. Tolkien", "z. B."
    if "." in word and _DOTTED.fullmatch(word):
        return False  # "U.S.", "z.B.", "u.a."
    if "/" in word and word[-1:].isdigit():
        word = word.rsplit("/", 1)[1]  # "2./3. Jahrhundert"
    if word.isdigit() and len(word) <= 2:
        if word_start == seg_start or text[word_start - 1] == "\n":
            return False  # list enumeration "1. Punkt"
        return not _ordinal(text, seg_start, word_start, nm)
    return True


def _camel_case(text: str, start: int) -> bool:
    """A lower-case-initial brand name with an inner capital ("iPhone", "eBay") starts a sentence."""
    return text[start + 1:start + 2].isupper()


def _ordinal(text: str, seg_start: int, word_start: int, nm: re.Match) -> bool:
    """``<1-2 digits>.`` is an ordinal when a date/number follows or an article precedes it."""
    if nm.group(2).isdigit():
        return True  # "am 2. 12."
    follow = re.match(r"\w+", text[nm.start(2):nm.start(2) + 24])
    if follow and (follow.group().lower() in MONTHS or ORDINAL_NOUNS.fullmatch(follow.group())):
        return True
    if text[word_start] in "([":
        return True  # "(3. Etappe"
    end = word_start
    while end > seg_start and text[end - 1].isspace():
        end -= 1
    start = _word_start(text, seg_start, end)
    prev = text[start:end].strip(_OPENERS)
    if prev.lower() in ORDINAL_CONTEXT:
        return True
    # an inflected adjective before the number: "den späteren 1. Earl", "ein volles 13. Gehalt"
    return prev.islower() and len(prev) >= 5 and prev.endswith(("en", "es", "em"))


def _word_start(text: str, lower: int, end: int) -> int:
    """Start of the non-space run ending at ``end`` (not before ``lower``)."""
    i = end
    while i > lower and not text[i - 1].isspace():
        i -= 1
    return i


def _apply_skip(
    text: str, raw: list[tuple[int, int, bool]], skip: list[Span]
) -> list[tuple[int, int, bool]]:
    """Remove the parts of sentences covered by skip spans; keep the rest as sentences."""
    spans = sorted((s.start, s.end) for s in skip)
    out: list[tuple[int, int, bool]] = []
    for a, b, t in raw:
        pieces = [(a, b)]
        for s, e in spans:
            if e <= a or s >= b:
                continue
            nxt = []
            for pa, pb in pieces:
                if e <= pa or s >= pb:
                    nxt.append((pa, pb))
                    continue
                if pa < s:
                    nxt.append((pa, s))
                if e < pb:
                    nxt.append((e, pb))
            pieces = nxt
        out.extend((pa, pb, t) for pa, pb in pieces)
    return out


def strip_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` narrowed to exclude leading and trailing whitespace of ``text``."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
