"""Rule-based event extraction: triggers, participants, status, time, location, coreference.

Per sentence, trigger words from the per-language lexicon (``data/events/<lang>.toml``) open an
event mention of a taxonomy type. Each trigger is read within its *clause* (the sentence cut at
connectives such as ", dass" / ", that", ":" and ";"; a relative clause ends at its next comma).
Mentions the annotation guidelines exclude are dropped: hypothetical ("ob", "whether", "if"),
negated nouns ("keine Wahlen", "no deal"), demanded ones ("appealed for the release of X",
"Forderung nach …"), objects of a closing German infinitive (", eine Einigung zu erreichen"),
other senses ("am Arm getroffen", "is said to") and parts of names ("World War Two").

* participants: named entities of the clause; "zwischen X und Y" / "between X and Y" name them
  exactly; a contact "mit X" / "with X" adds the clause's subject; pronouns ("er", "he"),
  first-person pronouns in quotes ("ich", "I") and role nominals ("der US-Außenminister",
  "die beiden Präsidenten") resolve to persons of the document; statements get one speaker:
  the principal of a spokesman or office ("Kerrys Sprecher", "a BNP spokesman"), a passive
  agent ("von X dementiert"), a clause-initial country, none for unnamed sources ("sagte ein
  Sprecher", "hieß es"); interview media ("bei CNN", "told BBC Radio") are participants; cited
  sources ("X zufolge", "according to X") are never participants; a press conference is given
  by the speaker reporting from it.
* status, from cues in the clause, strongest first: cancelled, denied, possible, expected,
  planned (future tense, plans, a future time), ongoing, occurred (past tense, "nach dem …",
  a past time; English "touring"/"arrives" without a past auxiliary are ongoing; begun events
  ongoing; announced or invited ones planned). Verb triggers default to occurred; noun triggers without a cue stay
  undetermined and take the status of their coreferent mentions (else occurred).
* time, documented defaults: the clause's date expression (for a statement: of its reporting
  clause, not the quote; PAST_REF/PRESENT_REF and digit-less values date nothing); else a realis event (occurred,
  ongoing) is dated to the article's day; an irrealis event (planned, expected, possible)
  never gets a date before the reference date.
* location: a place of the clause after a locative preposition ("in", "bei", "at").

Within-document coreference merges mentions of one family (see ``taxonomy``) that name the
same participants with compatible status class and time, anaphoric mentions ("dieses
Treffens", "the talks") and later nouns whose participants do not disagree with the latest
event of their family, a title-only event with the first compatible body event, and statements
of one speaker within one passage (close by, or no other speaker in between).
The merged status is the strongest asserted status (occurred > … > planned > expected >
possible); the time comes from the mentions carrying that status. A statement is ABOUT the
events reported in its complement or in the quote it introduces; "Nach dem Treffen …" puts the
meeting BEFORE the sentence's other events.
"""

from __future__ import annotations

import bisect
import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import re

from graphbuilder.extract.taxonomy import EVENT_TYPES, REALIS, STATUS_RANK, family
from graphbuilder.models import (
    EntityMention,
    EventMention,
    Participant,
    RoleFact,
    Sentence,
    Span,
    TimeExpr,
)
from graphbuilder.registry import register

# Types listed first win when two patterns match at the same position.
_TYPE_ORDER = [
    "PRESS_CONFERENCE", "CALL", "NEGOTIATION", "SANCTION", "AGREEMENT", "ELECTION",
    "APPOINTMENT", "RESIGNATION", "PROTEST", "ATTACK", "LEGISLATION", "ACCIDENT", "CRIME",
    "VISIT", "MEETING", "STATEMENT", "OTHER",
]
_CONTACT_TYPES = {"MEETING", "CALL", "NEGOTIATION", "VISIT"}
_SPECIFICITY = {"CALL": 3, "VISIT": 3, "NEGOTIATION": 2, "PRESS_CONFERENCE": 2, "MEETING": 1}
_QUOTE_OPEN = "\"„“«»‚'"
_IRREALIS = {"planned", "expected", "possible"}
# these nouns name their actors in attached phrases ("Abkommen zwischen X und Y") or not at all
_NO_ACTOR_FALLBACK = {"ELECTION", "ACCIDENT", "AGREEMENT"}
_NP_BEFORE = re.compile(r"(?<!\w)(?!(?:and|but|und|aber|sondern|then|dann)\b)\w{3,}\s+(?:(?:has|have|had|also|hat|haben|hatte|hatten)\s+)?$",
                        re.IGNORECASE)
_ATTRIBUTES = re.compile(r"(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][a-zäöüß]+\s+)?")
_STATEMENT_GAP = 2  # statements of one speaker this many sentences apart are one occasion
_ARTICLES = (["Die"], ["Der"], ["Das"], ["The"], ["die"], ["der"], ["das"], ["the"], ["But"], ["And"], ["Aber"], ["Doch"],
             ["Und"], ["But", "the"], ["And", "the"])


@dataclass
class Lexicon:
    trigger_re: re.Pattern[str]
    group_type: dict[str, tuple[str, bool]]  # group name -> (type, is_verb)
    compound_types: list[tuple[str, re.Pattern[str]]]  # compound nouns: type -> full-word pattern
    cue_res: dict[str, re.Pattern[str]]
    clause_re: re.Pattern[str]
    speech_pronouns: frozenset[str]
    first_person: frozenset[str]
    anaphor_re: re.Pattern[str]
    before_re: re.Pattern[str]
    after_re: re.Pattern[str]
    between: tuple[str, ...]
    with_: tuple[str, ...]
    loc_preps: frozenset[str]
    non_subject_preps: frozenset[str]
    genitive_re: re.Pattern[str]
    demonstrative_re: re.Pattern[str]
    agent_preps: tuple[str, ...]
    statement_future_re: re.Pattern[str]
    target_preps: tuple[str, ...]
    proxy_after_re: re.Pattern[str]
    hypothetical_re: re.Pattern[str]
    question_re: re.Pattern[str]
    negated_noun_re: re.Pattern[str]
    demanded_re: re.Pattern[str]
    other_sense_re: re.Pattern[str]
    impersonal_re: re.Pattern[str]
    inverted_np_re: re.Pattern[str]
    indefinite: frozenset[str]
    located_re: re.Pattern[str]
    earlier_re: re.Pattern[str]
    infinitive_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    progressive_re: re.Pattern[str]
    source_after_re: re.Pattern[str]
    source_before_re: re.Pattern[str]
    outlet_re: re.Pattern[str]
    proxy_before_re: re.Pattern[str]
    circumstance_re: re.Pattern[str]
    subject_relatives: tuple[str, ...]
    accuse_re: re.Pattern[str] | None
    all_preps: frozenset[str]
    journalist_re: re.Pattern[str]
    topic_re: re.Pattern[str]
    np_start_re: re.Pattern[str]
    present_state_re: re.Pattern[str]
    temporal_pp_re: re.Pattern[str]
    future_pp_re: re.Pattern[str]
    causal_before_re: re.Pattern[str]
    past_form_re: re.Pattern[str]
    present_re: re.Pattern[str] | None
    present_copula_re: re.Pattern[str]


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


@lru_cache(maxsize=8)
def load_lexicon(language: str) -> Lexicon:
    """Load and compile the event lexicon of ``language`` (English rules for unknown ones)."""
    lang = language if language in ("de", "en") else "en"
    with resources.files("graphbuilder.data.events").joinpath(f"{lang}.toml").open("rb") as fh:
        data = tomllib.load(fh)
    flags = re.IGNORECASE if lang == "en" else 0
    parts: list[str] = []
    group_type: dict[str, tuple[str, bool]] = {}
    # Compound heads of all types share one group (one backtracking pass per capitalised
    # word); the type is then the first in _TYPE_ORDER whose heads end the word.
    prefix = r"(?:[A-ZÄÖÜ]{2,}-)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*"
    compound_types: list[tuple[str, re.Pattern[str]]] = []
    compound_heads: list[str] = []
    compound_caps: list[str] = []  # the heads after a hyphen: "Gaza-Krieg", "Nato-Gipfel"
    for tname in _TYPE_ORDER:
        spec = data["triggers"].get(tname, {})
        for kind in ("nouns", "compound", "verbs"):
            pats = spec.get(kind, [])
            if not pats:
                continue
            if kind == "compound":
                if not compound_heads:
                    parts.append("(?P<compound>COMPOUND)")
                caps = [p[0].upper() + p[1:] for p in pats]
                compound_heads.extend(pats)
                compound_caps.extend(caps)
                compound_types.append((tname, re.compile(
                    rf"{prefix}(?:{_alt(pats)})|[A-ZÄÖÜ][\w-]*-(?:{_alt(caps)})", flags)))
                continue
            gname = f"{tname}_{kind}"
            parts.append(rf"(?P<{gname}>{_alt(pats)})")
            group_type[gname] = (tname, kind == "verbs")
    if compound_heads:
        body = rf"{prefix}(?:{_alt(compound_heads)})|[A-ZÄÖÜ][\w-]*-(?:{_alt(compound_caps)})"
        parts = [p.replace("COMPOUND", body) for p in parts]
    cues = data["cues"]
    cue_res = {
        name: re.compile(_alt(cues[name]), flags)
        for name in ("planned", "expected", "possible", "denied", "cancelled", "ongoing", "past", "reported_past",
                     "pluperfect", "scheduled")
    }
    clause_re = re.compile("|".join(re.escape(b) for b in cues["clause_breaks"]))
    # One word-start check for all alternatives keeps the scan cheap inside words.
    trigger = rf"(?<![\w-])(?=[^\W\d_])(?:{'|'.join(parts)})(?![\w-])"
    return Lexicon(
        trigger_re=re.compile(trigger, flags),
        compound_types=compound_types,
        group_type=group_type,
        cue_res=cue_res,
        clause_re=clause_re,
        speech_pronouns=frozenset(cues["speech_pronouns"]),
        first_person=frozenset(cues["first_person"]),
        anaphor_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['anaphor_determiners'])})\s+(?:\w+\s+)?$", re.IGNORECASE),
        before_re=re.compile(rf"(?:{_alt(cues['before_cue'])})\s+(?:[\w-]+\s+)?$"),
        after_re=re.compile(rf"(?:{_alt(cues['after_cue'])})\s+(?:\w+\s+)?$"),
        between=tuple(cues["between"]),
        with_=tuple(cues["with"]),
        loc_preps=frozenset(cues["location_prepositions"]),
        non_subject_preps=frozenset(cues["non_subject_prepositions"]),
        genitive_re=re.compile(rf"\s+(?:{_alt(cues['genitive'])})\s+"),
        demonstrative_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['demonstratives'])})\s+(?:\w+\s+)?$", re.IGNORECASE),
        agent_preps=tuple(cues["agent_prepositions"]),
        statement_future_re=re.compile(rf"(?:{_alt(cues['statement_future'])})\s+(?:\w+\s+){{0,2}}$", flags),
        target_preps=tuple(cues["target_prepositions"]),
        outlet_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['outlet_cues'])})\s+(?:(?:\w+\s+)?(?:\w+-)?(?:{_alt(cues['outlet_nouns'])})\s+)?$", flags),
        hypothetical_re=re.compile(rf"[\s,;:–-]*(?:{_alt(cues['hypothetical_clause'])})\b", flags),
        question_re=re.compile(rf"\b(?:{_alt(cues['question'])})\b", flags),
        demanded_re=re.compile(rf"\b(?:{_alt(cues['demanded'])})\s+(?:[\w-]+\s+){{0,2}}$", flags),
        negated_noun_re=re.compile(rf"\b(?:{_alt(cues['negated_noun'])})\s+(?:[\w-]+\s+)?$", flags),
        source_after_re=re.compile(rf"\s*(?:\(\w+\)\s*)?(?:{_alt(cues['source_after'])})\b", flags),
        source_before_re=re.compile(rf"\b(?:{_alt(cues['source_before'])})\s+(?:(?:de[rmns]|die|das|the)\s+)?(?:[\w-]+\s+){{0,2}}$", flags),
        progressive_re=re.compile(_alt(cues["progressive_verbs"]), flags),
        relative_re=re.compile("|".join(re.escape(b) for b in cues["relative_breaks"])),
        infinitive_re=re.compile(rf"(?:{_alt(cues['infinitive'])})\s*[.!?]?\s*$", flags),
        earlier_re=re.compile(rf"\b(?:{_alt(cues['earlier_occasion'])})\b", flags),
        located_re=re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(w) for w in cues['location_prepositions'])})\s+(?:[\w-]+\s+){{0,3}}$", re.IGNORECASE),
        impersonal_re=re.compile(rf"(?:{_alt(cues['impersonal'])})$", flags),
        inverted_np_re=re.compile(rf"\s+({_alt(cues['determiners'])})\s+(?=[\w-])", flags),
        indefinite=frozenset(cues["indefinite"]),
        other_sense_re=re.compile(_alt(cues["other_sense"]), flags),
        proxy_after_re=re.compile(rf"\s*(?:\w+\s+)?(?:{_alt(cues['speaker_proxies'])})\b", flags),
        topic_re=re.compile(rf"(?<!\w)(?:{_alt(cues['topic_prepositions'])})\s+(?:(?:{_alt(cues['determiners'])})\s+)?(?:[\w'’-]+\s+){{0,3}}$", flags),
        journalist_re=re.compile(rf"(?:{_alt(cues['journalist_nouns'])})", flags),
        accuse_re=re.compile(_alt(cues["accuse_verbs"]), flags) if cues.get("accuse_verbs") else None,
        all_preps=frozenset(cues.get("all_prepositions", [])),
        subject_relatives=tuple(cues.get("subject_relatives", [])),
        circumstance_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['circumstance_prepositions'])})\s+(?:(?:{_alt(cues['determiners'])})\s+)?(?:[\w'’-]+\s+){{0,2}}$", flags),
        present_re=re.compile(_alt(cues["present_forms"]), flags) if cues.get("present_forms") else None,
        present_copula_re=re.compile(_alt(cues.get("present_copula", ["(?!)"])), flags),
        past_form_re=re.compile(_alt(cues["past_forms"]), flags),
        causal_before_re=re.compile(_alt(cues.get("causal_before", ["(?!)"])), flags),
        # a temporal phrase: its preposition, then a determiner or a noun, no verb or unit of time
        temporal_pp_re=re.compile(rf"(?<!\w)(?i:{_alt(cues['temporal_prepositions'])})\s+"
                                  rf"(?=[A-ZÄÖÜ]|(?i:{_alt(cues['pp_determiners'])})\s)(?!(?:[\w-]+\s+){{0,2}}(?:{_alt(cues['not_in_pp'])})\s)(?:[\w-]+\s+){{0,3}}$"),
        future_pp_re=re.compile(rf"(?:{_alt(cues['future_prepositions'])})\s*$"),
        present_state_re=re.compile(rf"(?:{_alt(cues['present_state'])})$", flags),
        np_start_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['np_start'])})\s+$", re.IGNORECASE),
        proxy_before_re=re.compile(rf"\b(?:{_alt(cues['speaker_proxies'])})\s+(?:{_alt(cues['proxy_of'])})\s+(?:(?:de[rmns]|die|das|the|Mr|Mrs|Ms)\s+)?$", flags),
    )


@dataclass
class _Mention:
    """An event mention before coreference."""

    type: str
    is_verb: bool
    trigger: Span
    sentence: int
    clause: tuple[int, int]
    participants: dict[str, str] = field(default_factory=dict)  # key -> role
    status: str | None = None
    time: TimeExpr | None = None
    location: str | None = None
    anaphoric: bool = False
    before_others: bool = False  # "Nach dem X …": X before the sentence's other events
    after_others: bool = False  # "Vor dem X …": the others before X
    about: list[int] = field(default_factory=list)  # indexes of mentions this one is about
    earlier: bool = False  # a statement on an earlier occasion ("hatte damals gesagt")
    cluster: int = -1


@dataclass
class _Context:
    text: str
    lex: Lexicon
    language: str
    reference_date: dt.date | None
    entities: list[EntityMention]
    starts: list[int]
    times: list[TimeExpr]
    roles: list[RoleFact]
    last_speaker: str | None = None
    last_speaker_sentence: int = -10
    quote_speaker: str | None = None
    resumed: dict[int, int] = field(default_factory=dict)  # clause after a relative clause -> its start
    triggers: list[tuple[int, int]] = field(default_factory=list)  # trigger spans of the current sentence
    speech: list[int] = field(default_factory=list)  # starts of its speech verbs


@register("events", "rules")
class RuleEventExtractor:
    """Lexicon and cue based event extractor (German and English)."""

    def extract(
        self,
        text: str,
        language: str,
        sentences: list[Sentence],
        entities: list[EntityMention],
        times: list[TimeExpr],
        roles: list[RoleFact] | None = None,
        reference_date: dt.date | None = None,
    ) -> list[EventMention]:
        lex = load_lexicon(language)
        ents = sorted(entities, key=lambda e: (e.start, -e.end))
        # role facts: the extractor's, plus titles seen on mentions without a known org
        facts = {(r.person, r.title, r.org): r for r in roles or []}
        for e in ents:
            if e.role and e.label == "PER" and e.key:
                facts.setdefault((e.key, e.role, e.role_org or ""),
                                 RoleFact(person=e.key, title=e.role, org=e.role_org or ""))
        ctx = _Context(text, lex, language, reference_date, ents, [e.start for e in ents],
                       sorted(times, key=lambda t: t.start), list(facts.values()))
        mentions: list[_Mention] = []
        for sent in sentences:
            mentions.extend(self._sentence_mentions(ctx, sent))
        return _corefer(mentions, reference_date)

    # -- per sentence ------------------------------------------------------------------
    def _sentence_mentions(self, ctx: _Context, sent: Sentence) -> list[_Mention]:
        text, lex = ctx.text, ctx.lex
        stext = text[sent.start:sent.end]
        if stext.lstrip()[:1] in _QUOTE_OPEN and ctx.quote_speaker is None:
            ctx.quote_speaker = ctx.last_speaker
        in_quote = ctx.quote_speaker is not None
        breaks = [sent.start]
        for m in lex.clause_re.finditer(stext):
            breaks.append(sent.start + m.start())
            if lex.relative_re.fullmatch(m.group()):
                # a relative clause ends at its next comma ("X, der … betraut worden war, lehnte …")
                nxt = stext.find(",", m.end())
                if nxt > 0:
                    breaks.append(sent.start + nxt)
                    ctx.resumed[sent.start + nxt] = sent.start + m.start()
        breaks = sorted(set(breaks)) + [sent.end]
        found: list[_Mention] = []
        for m in lex.trigger_re.finditer(stext):
            gname = m.lastgroup
            if gname is None:
                continue
            if gname == "compound":
                word = m.group()
                tname = next((t for t, rx in lex.compound_types if rx.fullmatch(word)), "")
                is_verb = False
                if not tname:
                    continue
            else:
                tname, is_verb = lex.group_type[gname]
            start, end = sent.start + m.start(), sent.start + m.end()
            if _inside_entity(ctx, start, end):
                continue
            i = bisect.bisect_right(breaks, start) - 1
            clause = (breaks[max(i, 0)], breaks[min(i + 1, len(breaks) - 1)])
            if _not_an_event(ctx, tname, is_verb, start, end, clause):
                continue
            found.append(_Mention(tname, is_verb, Span(start=start, end=end, text=text[start:end]),
                                  sent.index, clause))
        found = _drop_overlaps(found)
        ctx.triggers = [(m.trigger.start, m.trigger.end) for m in found]
        ctx.speech = [m.trigger.start for m in found if m.type == "STATEMENT" and m.is_verb]
        for men in found:
            self._fill(ctx, men, sent, in_quote)
        # A press conference is given by the speaker reporting from it.
        speakers = [{k: r for k, r in m.participants.items() if r == "speaker"} for m in found if m.type == "STATEMENT"]
        if speakers:
            for men in found:
                if men.type == "PRESS_CONFERENCE":
                    men.participants = dict(speakers[0])
        # A statement is about the events in its complement (later clauses of the sentence).
        for men in found:
            if men.type == "STATEMENT":
                men.about = [id(o) for o in found if o is not men and o.trigger.start >= men.clause[1]]
        if stext.rstrip().endswith(("\"", "“", "«", "»")) and in_quote:
            ctx.quote_speaker = None
        return found

    def _fill(self, ctx: _Context, men: _Mention, sent: Sentence, in_quote: bool) -> None:
        text, lex = ctx.text, ctx.lex
        c0, c1 = men.clause
        clause_text = text[c0:c1]
        left = text[max(c0, men.trigger.start - 40):men.trigger.start]
        ents = _entities_in(ctx, c0, c1)
        named = [e for e in ents if not e.derived and e.label in ("PER", "ORG") and not _is_source(ctx, e)]
        places = [e for e in ents if e.label == "LOC"]
        # "dieses Treffens" refers back; "das Treffen" does only when its clause names nobody
        men.anaphoric = not men.is_verb and (
            bool(lex.demonstrative_re.search(left)) or (bool(lex.anaphor_re.search(left)) and not named))
        men.before_others = bool(lex.before_re.search(left)) and not men.is_verb
        men.after_others = bool(lex.after_re.search(left)) and not men.is_verb
        # participants
        if men.type == "STATEMENT":
            if ctx.last_speaker and ctx.last_speaker_sentence == sent.index and re.search(
                    r"(?:,\s*|\b)having\s+(?:\w+\s+)?$", left):
                speaker = ctx.last_speaker  # "The Tories said …, having earlier criticised …"
            else:
                speaker = _speaker(ctx, men, named, in_quote)
            if speaker == "":
                speaker = None  # explicitly unnamed ("ein Sprecher", "hieß es")
            elif speaker is None and ctx.last_speaker and sent.index - ctx.last_speaker_sentence <= 2 and (
                    in_quote or re.search(r"[,\"“”»«:]\s*$", text[max(c0, men.trigger.start - 4):men.trigger.start])
                    or not _NP_BEFORE.search(text, max(c0, men.trigger.start - 40), men.trigger.start)):
                # "…, sagte der Minister" continues the last speaker; "Palestinian officials said"
                # (a subject of its own) does not
                speaker = ctx.last_speaker
            if speaker:
                men.participants[speaker] = "speaker"
                ctx.last_speaker = speaker
                ctx.last_speaker_sentence = sent.index
            for key in _outlets(ctx, men):
                men.participants.setdefault(key, "participant")
            if speaker and lex.accuse_re is not None and lex.accuse_re.fullmatch(men.trigger.text):
                for key in _accused(ctx, men):
                    men.participants.setdefault(key, "target")
        else:
            between = _after_word(text, men.trigger.end, c1, lex.between)
            with_pos = _after_word(text, men.trigger.end, c1, lex.with_)
            owner = None if men.is_verb else _genitive_owner(ctx, men.trigger.end, c1)
            if owner is not None:
                # "das Ministertreffen der OSZE", "the summit of the EU": the owner hosts it
                men.anaphoric = False
                men.participants[owner] = "host" if men.type in _CONTACT_TYPES else "participant"
                # "Militärmanöver der USA mit Südkorea": the owner's partners take part too
                oend = next((e.end for e in _entities_in(ctx, men.trigger.end, c1) if e.key == owner), None)
                partner = _after_word(text, oend, c1, lex.with_) if oend is not None else None
                if partner is not None and len(text[oend:partner].split()) == 1:
                    for key in _coordinated(ctx, partner, c1, ("PER", "ORG", "LOC")):
                        men.participants.setdefault(key, "participant")
            if between is not None:
                for key in _coordinated(ctx, between, c1):
                    men.participants.setdefault(key, "participant")
                for key in _role_nominals(ctx, between, min(c1, between + 60)):
                    men.participants.setdefault(key, "participant")
            elif with_pos is not None and men.type in _CONTACT_TYPES:
                partners = _coordinated(ctx, with_pos, c1)
                for key in partners:
                    men.participants.setdefault(key, "participant")
                subj = [e for e in named if e.key not in partners and e.label == "PER"
                        and not _preceded_by(text, e.start, lex.non_subject_preps)]
                if subj:
                    best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                    men.participants.setdefault(best.key, "participant")
                else:
                    key = _pronoun_subject(ctx, c0, c1, in_quote)
                    if key:
                        men.participants.setdefault(key, "participant")
            elif not men.anaphoric and owner is None:
                if not men.is_verb and men.type == "MEETING" and lex.circumstance_re.search(left):
                    # "auf dem Parteitag", "at a London conference": the setting of another act;
                    # only a name modifying the noun ("at a Union summit") takes part
                    for e in named:
                        if e.end <= men.trigger.start and not text[e.end:men.trigger.start].strip(" '’s"):
                            men.participants.setdefault(e.key, "participant")
                elif men.is_verb or men.type in _CONTACT_TYPES or men.type == "PRESS_CONFERENCE":
                    antecedent = (_relative_antecedent(ctx, c0) or _resumed_subject(ctx, c0)) if men.is_verb else None
                    if antecedent is not None:
                        men.participants[antecedent] = "participant"  # "X, who had resigned"
                    for e in named:
                        if _genitive_form(e) and len(text[e.end:men.trigger.start].split()) > 1:
                            continue  # the possessor of another noun ("George W Bush's policies")
                        if lex.topic_re.search(text, max(c0, e.start - 40), e.start):
                            continue  # what it is about: "met X to talk about Turkey", "nach Berichten über X"
                        men.participants.setdefault(e.key, "participant")
                    for key in _role_nominals(ctx, c0, c1):
                        men.participants.setdefault(key, "participant")
                else:
                    # a noun names its actors in attached phrases: "Anschlag auf X", "Sanktionen gegen X"
                    for role, words in (("participant", lex.agent_preps), ("target", lex.target_preps)):
                        pos = _after_word(text, men.trigger.end, c1, words)
                        if pos is not None:
                            for key in _coordinated(ctx, pos, c1):
                                men.participants.setdefault(key, role)
                    if not men.participants and men.type not in _NO_ACTOR_FALLBACK:
                        # else the clause's subject-like name nearest to the noun
                        subj = [e for e in named if (e.end <= men.trigger.start or len(text[men.trigger.end:e.start].split()) <= 3)
                                and not _preceded_by(text, e.start, lex.non_subject_preps)
                                and not _genitive_form(e) and not lex.topic_re.search(text, max(c0, e.start - 40), e.start)]
                        if subj:
                            best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                            men.participants[best.key] = "participant"
                if men.type in _CONTACT_TYPES and len(men.participants) == 1:
                    key = _pronoun_subject(ctx, c0, c1, in_quote)
                    if key:
                        men.participants.setdefault(key, "participant")
                if not men.participants and men.is_verb:
                    # "Er war zurückgekehrt", "He quit the government": the pronoun's antecedent
                    first = re.match(r"\W*(\w+)", text[c0:men.trigger.start])
                    if first and first.group(1) in lex.speech_pronouns:
                        antecedent = _recent_person(ctx, c0) or ctx.last_speaker
                        if antecedent:
                            men.participants[antecedent] = "participant"
                if not men.participants and men.is_verb:
                    for e in places:
                        if not e.derived and not _located(ctx, e.start):
                            men.participants.setdefault(e.key, "participant")
        # location
        for e in places:
            if not e.derived and e.key not in men.participants and _located(ctx, e.start):
                men.location = e.key
                break
        # time
        if men.type == "STATEMENT":
            # the time of a speech act sits by its verb, not in what was said
            t0 = max(c0, text.rfind(",", c0, men.trigger.start) + 1)
            t1 = text.find(",", men.trigger.end, c1)
            men.time = _clause_time(ctx, t0, c1 if t1 < 0 else t1, men.trigger.start)
        else:
            men.time = _clause_time(ctx, c0, c1, men.trigger.start)
            if men.time is None and not men.is_verb and _RELATIVE_AFTER.match(text, c1):
                # "her visit to Kyiv, which had been planned for 18 March": the relative clause
                # right after the noun dates it
                men.time = _clause_time(ctx, c1, min(sent.end, c1 + 90), c1)
        men.status = _status(ctx, men, clause_text)
        if men.type == "STATEMENT":
            men.earlier = bool(lex.earlier_re.search(text, max(c0, men.trigger.start - 40), min(c1, men.trigger.end + 40)))

    # ----------------------------------------------------------------------------------


def _not_an_event(ctx: _Context, tname: str, is_verb: bool, start: int, end: int,
                  clause: tuple[int, int]) -> bool:
    """Mentions the guidelines exclude: hypothetical ("ob es ein Anschlag war", "whether"),
    negated nouns ("keine Wahlen", "no deal"), parts of names ("World War Two") and
    impersonal reporting ("is said to")."""
    lex, text = ctx.lex, ctx.text
    left = text[max(clause[0], start - 30):start]
    if tname != "STATEMENT" and (lex.hypothetical_re.match(text, clause[0], start)
                                 or lex.question_re.search(left)):
        return True
    if not is_verb and (lex.negated_noun_re.search(left) or lex.demanded_re.search(left)):
        return True  # "keine Wahlen", "appealed for the release of X": no event (yet)
    if not is_verb and tname != "STATEMENT":
        # the object of an infinitive clause is only aimed at: ", eine Einigung zu erreichen"
        seg0 = text.rfind(",", clause[0], start)
        seg1 = text.find(",", end, clause[1])
        if seg0 >= 0 and lex.infinitive_re.search(text, end, clause[1] if seg1 < 0 else seg1):
            return True
    w0 = max(clause[0], start - 40)
    for m in lex.other_sense_re.finditer(text, w0, min(clause[1], end + 15)):
        if m.start() <= start < m.end():
            return True
    if ctx.language == "en" and not is_verb and text[start].isupper() and re.search(r"[A-Z]\w*\s+$", left):
        return True  # "World War Two", "the Finance Bill": a name, not a mention
    return False


def _drop_overlaps(found: list[_Mention]) -> list[_Mention]:
    out: list[_Mention] = []
    for m in sorted(found, key=lambda x: (x.trigger.start, -(x.trigger.end - x.trigger.start))):
        if out and m.trigger.start < out[-1].trigger.end:
            continue
        out.append(m)
    return out


def _inside_entity(ctx: _Context, start: int, end: int) -> bool:
    i = bisect.bisect_right(ctx.starts, start) - 1
    while i >= 0 and i >= bisect.bisect_right(ctx.starts, start) - 3:
        e = ctx.entities[i]
        if e.start <= start and end <= e.end and not e.derived:
            return True
        i -= 1
    return False


def _entities_in(ctx: _Context, start: int, end: int) -> list[EntityMention]:
    lo = bisect.bisect_left(ctx.starts, start)
    hi = bisect.bisect_left(ctx.starts, end)
    return [e for e in ctx.entities[lo:hi] if e.end <= end and e.key]


def _after_word(text: str, pos: int, limit: int, words: tuple[str, ...]) -> int | None:
    """Offset just after one of ``words`` when it follows ``pos`` (within a word or two)."""
    window = text[pos:min(limit, pos + 25)]
    for w in words:
        m = re.match(rf"\s+(?:\w+\s+)?{re.escape(w)}\s", window)
        if m:
            return pos + m.end()
    return None


_COORD = re.compile(r"^(?=\s*(?:,|und\b|and\b|sowie\b|as well as\b|&))\s*(?:,\s*)?(?:und|and|sowie|as well as|&)?\s*(?:(?:de[rmns]|die|das|the|his|her|their|sein\w*|ihr\w*)\s+)?"
                    r"(?:[\w-]+\s+){0,3}?(?:[\w-]+,\s*)?$")


def _coordinated(ctx: _Context, pos: int, limit: int, labels: tuple[str, ...] = ("PER", "ORG")) -> list[str]:
    """Keys of the first named entity after ``pos`` and those coordinated with it ("X und Y")."""
    ents = [e for e in _entities_in(ctx, pos, limit) if not e.derived and e.label in labels]
    if not ents or len(ctx.text[pos:ents[0].start].split()) > 4:
        return []
    out = [ents[0].key]
    for prev, nxt in zip(ents, ents[1:]):
        if not _COORD.match(ctx.text[prev.end:nxt.start]):
            break
        out.append(nxt.key)
    return list(dict.fromkeys(out))


def _genitive_owner(ctx: _Context, pos: int, limit: int) -> str | None:
    """Key of an organisation or place named right after a noun trigger in the genitive."""
    m = ctx.lex.genitive_re.match(ctx.text, pos, limit)
    if not m:
        return None
    for e in _entities_in(ctx, m.end(), min(limit, m.end() + 80)):
        # "des Europarats", "der islamisch-konservativen AKP" (lower-case attributes between)
        if not e.derived and e.label in ("ORG", "LOC") and _ATTRIBUTES.fullmatch(ctx.text, m.end(), e.start):
            return e.key
    return None


def _is_source(ctx: _Context, e: EntityMention) -> bool:
    """A cited source, not an actor: "der Zeitung X zufolge", "laut X", "according to X"."""
    lex = ctx.lex
    return bool(lex.source_after_re.match(ctx.text, e.end) or lex.source_before_re.search(ctx.text, max(0, e.start - 40), e.start))


def _located(ctx: _Context, pos: int) -> bool:
    """A place governed by a locative preposition, possibly through a short noun phrase:
    "in Kiew", "in der ukrainischen Hauptstadt Kiew", "im Südosten der Türkei"."""
    return bool(ctx.lex.located_re.search(ctx.text, max(0, pos - 50), pos))


def _preceded_by(text: str, pos: int, words: frozenset[str]) -> bool:
    m = re.search(r"(\w+)\s+(?:(?:de[rmns]|die|das|the)\s+)?$", text[max(0, pos - 20):pos])
    return bool(m and m.group(1).lower() in words)


def _speaker(ctx: _Context, men: _Mention, named: list[EntityMention], in_quote: bool) -> str | None:
    """The speaker of a statement: the nearest subject-like person (or org), pronoun or role noun.

    Entities governed by a preposition such as "mit"/"with" are not speakers; a pronoun next
    to the verb ("Er erklärte", "he said") refers to the last speaker."""
    text = ctx.text
    cands: list[tuple[int, str]] = []
    lo, hi = men.clause
    if ctx.lex.impersonal_re.search(text, max(lo, men.trigger.start - 20), men.trigger.end):
        return ""  # "hieß es", "it has been announced": nobody named
    antecedent = _relative_antecedent(ctx, lo)
    if antecedent is not None:
        return antecedent  # "Lopatka, der … kritisiert hatte": the relative pronoun's antecedent
    resumed = _resumed_subject(ctx, lo)
    if resumed is not None:
        cands.append((5, resumed))  # "Turkey, which occupies …, had insisted": the subject before
    # inverted indefinite subject without a name: "sagte ein Polizeisprecher", "said a source"
    after_quote = re.search(r"[,\"“”»«]\s*$", text[max(0, men.trigger.start - 5):men.trigger.start])
    inverted = ctx.lex.inverted_np_re.match(text, men.trigger.end, hi) if after_quote else None
    if inverted:
        np_end = min(hi, inverted.end() + 80)
        comma = re.search(r"[,;:(]", text[inverted.end():np_end])
        np_end = inverted.end() + comma.start() if comma else np_end
        if not any(not e.derived and e.label in ("PER", "ORG") for e in _entities_in(ctx, inverted.start(), np_end)):
            if inverted.group(1).lower() in ctx.lex.indefinite:
                return ""  # "sagte ein Sprecher": an unnamed source
    for e in _entities_in(ctx, lo, hi):
        if e.derived or e.label not in ("PER", "ORG", "LOC"):
            continue
        # "Mr Blair's spokesman said", "Kerrys Sprecher", "a spokesman for X": the principal
        after = text[e.end:min(hi, e.end + 30)]
        before = text[max(lo, e.start - 30):e.start]
        if ((_genitive_form(e) or e.label == "ORG") and ctx.lex.proxy_after_re.match(after)) \
                or ctx.lex.proxy_before_re.search(before):
            if e.start < men.trigger.start:
                cands.append((1, e.key))
                continue
        # passive agent right before the verb: "wurde von den Freiheitlichen dementiert"
        if e.end <= men.trigger.start and _preceded_by(text, e.start, frozenset(ctx.lex.agent_preps)) \
                and len(re.findall(r"\w+", text[e.end:men.trigger.start])) <= 1:
            cands.append((1, e.key))
    for e in named + [p for p in _entities_in(ctx, lo, hi) if p.label == "LOC" and not p.derived
                      and not _is_source(ctx, p)]:
        if _preceded_by(text, e.start, ctx.lex.non_subject_preps) or _genitive_form(e):
            continue
        if e.label == "ORG" and ctx.lex.outlet_re.search(text, max(lo, e.start - 40), e.start):
            continue  # the medium of an interview is not its speaker
        if e.label == "ORG" and _org_of_person(ctx, e, hi) is not None:
            continue  # "BBC correspondent Stephen Cape said": the person speaks
        right = e.start >= men.trigger.end
        if right and ctx.language == "en" and not re.search(r"[,\"“”:]\s*$", text[max(lo, men.trigger.start - 4):men.trigger.start]) \
                and re.match(r"\s+(?:was|were|is|are|had|has|have|would|will|could|should|must|might|may)\b", text[e.end:hi]):
            continue  # "said Nick Griffin was arrested": the subject of what was said
        gap = text[men.trigger.end:e.start] if right else text[e.end:men.trigger.start]
        words = len(re.findall(r"\w+", gap))
        # "X said" / "sagte X": adjacent names win; the subject side (left) breaks ties
        if e.label == "LOC":
            # a country or seat of government speaks only as the sentence-initial subject
            first = text[lo:e.start].strip(" \t\n\"„“«»–-").split() in ([], *_ARTICLES)
            inverted = words == 0 and re.search(r"[,\"“”»]\s*(?:the\s+)?$", text[max(lo, e.start - 6):e.start])
            if right or not (first or inverted):
                continue
            cands.append((words * 10 + 30, e.key))
            continue
        cands.append((words * 10 + (1 if right else 0) + (0 if e.label == "PER" or words == 0 else 25), e.key))
    window_l = text[max(men.clause[0], men.trigger.start - 12):men.trigger.start]
    window_r = text[men.trigger.end:min(men.clause[1], men.trigger.end + 12)]
    pron = re.search(r"(\w+)\W*$", window_l)
    pron_r = re.match(r"\W*(\w+)", window_r)
    words = {w.group(1) for w in (pron, pron_r) if w}
    if words & ctx.lex.speech_pronouns:
        antecedent = ctx.last_speaker or _recent_person(ctx, men.clause[0])
        if antecedent:
            cands.append((2, antecedent))
    if in_quote and words & ctx.lex.first_person and ctx.quote_speaker:
        cands.append((2, ctx.quote_speaker))
    for key in _role_nominals(ctx, *men.clause):
        cands.append((35, key))
    if cands:
        return min(cands)[1]
    return _pronoun_subject(ctx, *men.clause, in_quote)


def _outlets(ctx: _Context, men: _Mention) -> list[str]:
    """Media of an interview ("sagte X bei CNN", "told BBC Radio", "im ORF-Report")."""
    out = []
    text = ctx.text
    speakers = [e for e in _entities_in(ctx, men.trigger.end, men.clause[1])
                if men.participants.get(e.key) == "speaker" and len(text[men.trigger.end:e.start].split()) <= 1]
    for e in _entities_in(ctx, *men.clause):
        if e.label != "ORG" or e.key in men.participants:
            continue
        if e.derived and not text.startswith("-", e.end):
            continue  # only a medium named in a compound ("im ORF-Report") counts
        if ctx.lex.outlet_re.search(text, max(men.clause[0], e.start - 40), e.start):
            out.append(e.key)

        elif ctx.language == "de" and not e.derived and not _is_source(ctx, e) and any(
                re.fullmatch(r"\s+de[mr]\s+", text[s.end:e.start]) for s in speakers):
            out.append(e.key)  # "bestätigte Peter Binder der APA": the addressee medium
    return out


def _org_of_person(ctx: _Context, e: EntityMention, limit: int) -> str | None:
    """The words between an organisation and the person it qualifies ("BBC labour affairs
    correspondent Stephen Cape", "The BBC's Paul Reynolds"), or None when no person follows."""
    m = re.match(r"(?:['’]s)?(?:\s*-?[a-zäöü][\w-]*){0,4}\s+|-[\w-]+\s+", ctx.text[e.end:limit])
    if not m or not (m.group().startswith(("'", "’", "-")) or ctx.lex.journalist_re.search(m.group())):
        return None
    nxt = _entities_in(ctx, e.end + m.end(), min(limit, e.end + m.end() + 60))
    if nxt and nxt[0].start == e.end + m.end() and nxt[0].label == "PER" and not nxt[0].derived:
        return m.group()
    return None


def _accused(ctx: _Context, men: _Mention) -> list[str]:
    """The named object of an accusation, threat or appeal ("hat Deutschland Defizite
    vorgeworfen", "drohte Südkorea", "Warschau vorwarf"): not in a phrase, before the next comma."""
    text, (c0, c1) = ctx.text, men.clause
    comma = text.find(",", men.trigger.end, c1)
    # German objects may precede a clause-final verb; English ones follow it
    lo = max(c0, text.rfind(",", c0, men.trigger.start) + 1) if ctx.language == "de" else men.trigger.end
    out = []
    for e in _entities_in(ctx, lo, c1 if comma < 0 else comma):
        if e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants:
            continue
        if ctx.language != "de" and not re.fullmatch(r"\s+(?:the\s+)?", text[men.trigger.end:e.start]):
            break  # English: the object right after the verb ("urged Britain to")
        if _genitive_form(e) or _is_source(ctx, e) or _preceded_by(text, e.start, ctx.lex.all_preps) \
                or ctx.lex.genitive_re.search(text[max(lo, e.start - 5):e.start + 1]) \
                or text[max(lo, e.start - 2):e.start].strip().endswith("("):
            continue  # "(SPÖ)": an affiliation, not the accused
        out.append(e.key)
    return out[:1]


def _resumed_subject(ctx: _Context, c0: int) -> str | None:
    """The named subject of a main clause resumed after a relative clause, when the resumed part
    opens with its verb ("Pedro Sanchez, der …, lehnte …", "Mrs Hassan, who …, was abducted")."""
    rel = ctx.resumed.get(c0)
    if rel is None:
        return None
    nxt = re.match(r"\W*(\w+)", ctx.text[c0:c0 + 40])
    if not nxt or not nxt.group(1)[0].islower() or nxt.group(1) in _NOT_A_VERB:
        return None
    key = _named_before(ctx, rel)
    if key is None:
        return None
    e = next(e for e in reversed(_entities_in(ctx, max(0, rel - 80), rel)) if e.key == key)
    if _preceded_by(ctx.text, e.start, ctx.lex.all_preps) or ctx.lex.genitive_re.search(
            ctx.text[max(0, e.start - 8):e.start + 1]):
        return None  # "Zu Präferenzen der CHP, die …, äußerte sich X": not the subject
    return key


_NOT_A_VERB = frozenset({"und", "oder", "aber", "der", "die", "das", "ein", "eine", "and", "or", "but", "the", "a", "an"})


def _relative_antecedent(ctx: _Context, c0: int) -> str | None:
    """The named antecedent of a subject relative clause starting at ``c0`` ("X, der …", "X, who …")."""
    rel = next((w for w in ctx.lex.subject_relatives if ctx.text.startswith(w, c0)), None)
    if rel is None or ctx.language == "de" and ctx.text[c0 + len(rel):c0 + len(rel) + 1].isupper():
        return None  # ", der Politiker sei …" is an article, not a relative pronoun
    return _named_before(ctx, c0)


def _named_before(ctx: _Context, c0: int) -> str | None:
    """The person or organisation named right before ``c0`` (an optional bracket between)."""
    i = bisect.bisect_left(ctx.starts, c0) - 1
    while i >= 0 and ctx.entities[i].start >= c0 - 60:
        e = ctx.entities[i]
        if e.key and not e.derived and e.label in ("PER", "ORG") and e.end <= c0 and (
                re.fullmatch(r"[\s,\d]*", ctx.text[e.end:c0])  # "Mrs Hassan, 59, who"
                or re.fullmatch(r"\s*\([^()]*\)\s*", ctx.text[e.end:c0])):  # "Pedro Sanchez (PSOE), der"
            return e.key
        i -= 1
    return None


def _recent_person(ctx: _Context, pos: int, window: int = 400) -> str | None:
    """The person named last before ``pos`` (antecedent of "er"/"he" without a prior speaker)."""
    i = bisect.bisect_left(ctx.starts, pos) - 1
    while i >= 0 and ctx.entities[i].start >= pos - window:
        e = ctx.entities[i]
        if e.label == "PER" and e.key and not e.derived and e.end <= pos:
            return e.key
        i -= 1
    return None


def _genitive_form(e: EntityMention) -> bool:
    """"Putins", "Blinken's": a possessor, not a subject."""
    t = e.text
    return t.endswith(("'s", "’s")) or (t.endswith("s") and bool(e.name) and not e.name.endswith("s")
                                         and e.name.split()[-1] + "s" == t.split()[-1])


def _pronoun_subject(ctx: _Context, c0: int, c1: int, in_quote: bool) -> str | None:
    words = set(re.findall(r"\w+", ctx.text[c0:c1]))
    if in_quote and words & ctx.lex.first_person and ctx.quote_speaker:
        return ctx.quote_speaker
    if words & ctx.lex.speech_pronouns and ctx.last_speaker:
        return ctx.last_speaker
    return None


def _role_nominals(ctx: _Context, c0: int, c1: int) -> list[str]:
    """Persons referred to by a role noun phrase without a name ("der US-Außenminister")."""
    if not ctx.roles:
        return []
    seg = ctx.text[c0:c1]
    out: list[str] = []
    heads: dict[str, list[RoleFact]] = {}
    for r in ctx.roles:
        head = r.title.split()[-1].split("-")[-1]
        heads.setdefault(head, []).append(r)
    for head, facts in heads.items():
        if len(head) < 4:
            continue
        pat = _nominal_re(head)
        for m in pat.finditer(seg):
            abs_start = c0 + m.start()
            abs_end = c0 + m.end()
            # a name right after the title: that is a named mention, not a nominal
            nxt = _entities_in(ctx, abs_end, min(c1, abs_end + 3))
            if any(e.label == "PER" for e in nxt):
                continue
            pre = " ".join(g for g in m.groups() if g).lower()
            plural = re.search(r"\b(?:beide[n]?|two|both)\b", pre) is not None
            deputy = re.search(r"stellvertret|deputy|vize|vice", m.group(0), re.IGNORECASE)
            cands = [f for f in facts if bool(re.search(r"stellvertret|deputy|vize|vice", f.title, re.IGNORECASE)) == bool(deputy)]
            orgs = {e.key for e in _entities_in(ctx, abs_start, abs_end) if e.derived or e.label == "LOC"}
            if orgs:
                cands = [f for f in cands if f.org in orgs] or cands
            persons = sorted({f.person for f in cands})
            if plural and len(persons) == 2:
                out.extend(persons)
            elif not plural and len(persons) == 1:
                out.append(persons[0])
    return list(dict.fromkeys(out))


@lru_cache(maxsize=512)
def _nominal_re(head: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(\w+)[ -])?(?:(\w+)[ -])?(?:\w+-)?{re.escape(head)}(?:n|en|s)?(?!\w)", re.IGNORECASE)


_RELATIVE_AFTER = re.compile(r",\s+(?:which|that|der|die|das|welche[rs]?)\s")


# "seit 2003", "since 1997": the start of a state, not the date of the event
_SINCE = re.compile(r"(?<!\w)(?:seit|seitdem|since|ever since)\s+$", re.IGNORECASE)
_AUX_BEFORE = re.compile(r"\b(?:to|be|been|being|were|would|could|should|might|may|must|will|shall|can)\s+(?:\w+\s+)?$", re.IGNORECASE)
# an infinitive ("bekanntgeben", "sagen"), not a participle ("betont", "bekanntgegeben")
_INFINITIVE_DE = re.compile(r"(?!\w*ge\w{4,}$)\w+(?:en|ern|eln)")
_PARTICIPLE_DE = re.compile(r"\b(?!gegen\b)ge[a-zäöüß]{3,}(?:t|en)\b")
_FINAL_VERB_FORM = re.compile(r"\b[a-zäöüß]\w*(?:t|en)\W*$")
_DAY_VALUE = re.compile(r"(?:\d{4}|XXXX)-(?:\d\d-\d\d|WXX-\d)$")
_YEAR_RANGE_BEFORE = re.compile(r"\b\d{4}\s*[-–]\s*$")
_YEAR_RANGE_AFTER = re.compile(r"\s*[-–]\s*\d{4}\b")
_ADJACENT = re.compile(r"\s*(?:[\w-]+\s+){0,2}")
_VERB_FINAL = re.compile(r"(?:\s+(?:werden|worden|haben|sein))?\s*(?:[,.;:!?\"“”»«]|$)")
_FUTURE_AUX_DE = re.compile(r"\b(?:wird|werden|will|wollen|soll|sollen|möchte|möchten)\b")


def _dated_other(ctx: _Context, t: TimeExpr, pos: int) -> bool:
    """Another event noun between the trigger and the date, with the date right after it, takes
    the date: "trial over the rail crash in 2000" (not a setting: "auf dem Parteitag im Juli")."""
    for o0, o1 in ctx.triggers:
        if pos < o0 and o1 <= t.start and _ADJACENT.fullmatch(ctx.text, o1, t.start) \
                and not ctx.lex.circumstance_re.search(ctx.text, max(0, o0 - 40), o0):
            return True
    return False


def _clause_time(ctx: _Context, c0: int, c1: int, pos: int) -> TimeExpr | None:
    # weekday-relative values without an anchor ("XXXX-WXX-3") do not date an event; a
    # year-less month or day ("XXXX-11", "XXXX-12-02") does
    cands = [t for t in ctx.times if t.start >= c0 and t.end <= c1 and t.type in ("DATE", "TIME")
             and not ("X" in t.value and ("W" in t.value or t.value.startswith("XXXX-XX")))
             and not _SINCE.search(ctx.text, max(0, t.start - 12), t.start)
             # a span of years ("Ossadtschij (2004-2010)") is a term of office, not an event date
             and not _YEAR_RANGE_BEFORE.search(ctx.text, max(0, t.start - 8), t.start)
             and not _YEAR_RANGE_AFTER.match(ctx.text, t.end)
             and not _dated_other(ctx, t, pos)]
    if not cands:
        return None
    return min(cands, key=lambda t: abs(t.start - pos))


def _cue(ctx: _Context, men: _Mention, name: str, text: str, base: int) -> bool:
    """Whether a ``name`` cue in ``text`` (starting at ``base``) qualifies the trigger. A cue
    inside a noun phrase ("gegen mögliche Wahlen", "nach Beginn einer Offensive", "the next
    day") qualifies only the nouns right after it, not the clause's other events."""
    for m in ctx.lex.cue_res[name].finditer(text):
        if not ctx.lex.np_start_re.search(text, max(0, m.start() - 12), m.start()):
            return True
        a = base + m.end()
        comma = ctx.text.find(",", a, a + 40)
        window = ctx.text[a:comma if comma >= 0 else a + 40].split()[:3]
        if ctx.language == "de":  # the phrase ends at its (capitalised) noun
            nouns = [i for i, w in enumerate(window) if w[:1].isupper()]
            if not nouns and not m.group()[:1].isupper():
                return True  # no noun follows: a verb after "zu" ("gewählt zu werden")
            window = window[:nouns[0] + 1] if nouns else window
        head_end = a + len(" ".join(window)) + 1
        if base + m.start() <= men.trigger.start <= head_end:
            return True
    return False


def _status(ctx: _Context, men: _Mention, clause_text: str) -> str | None:
    cues = ctx.lex.cue_res
    if men.type == "STATEMENT":
        # Cues in a statement's clause qualify what is said ("he said he will resign"), not the
        # saying: a statement is planned only when a future auxiliary governs its own verb.
        left = ctx.text[max(men.clause[0], men.trigger.start - 25):men.trigger.start]
        if ctx.lex.statement_future_re.search(left):
            return "planned"
        if ctx.language == "de" and _VERB_FINAL.match(ctx.text, men.trigger.end) \
                and _INFINITIVE_DE.fullmatch(men.trigger.text.replace(" ", "")):
            # verb-final German: "Am Dienstag wird sie bekanntgeben, ob …" (no comma between the
            # auxiliary and the verb, else "Wir werden kämpfen, sagte sie" would count)
            seg = ctx.text[men.clause[0]:men.trigger.start]
            if _FUTURE_AUX_DE.search(seg[seg.rfind(",") + 1:]):
                return "planned"
        return "occurred"
    c0, c1 = men.clause
    for sp in ctx.speech:
        if c0 < sp < men.trigger.start and ctx.text[max(c0, sp - 3):sp].rstrip().endswith(","):
            c0 = sp  # "Er werde …, erklärte X bei der Pressekonferenz": the reporting clause's own cues
        elif c0 <= sp < men.trigger.start and "," not in ctx.text[sp:men.trigger.start]:
            comma = ctx.text.find(",", men.trigger.end, c1)
            c1 = c1 if comma < 0 else comma  # "meinte X bei einer Pressekonferenz, er werde …"
    clause_text = ctx.text[c0:c1]
    if cues["reported_past"].search(clause_text):
        return "occurred"  # "sollen … getötet haben": reportedly happened
    if men.type in _CONTACT_TYPES and cues["scheduled"].search(clause_text) \
            and not cues["cancelled"].search(clause_text):
        return "planned"  # "X wird am Sonntag zu einem Besuch erwartet": a scheduled arrival
    modal_text, mbase = clause_text, c0
    if men.is_verb and ctx.lex.past_form_re.fullmatch(men.trigger.text.split()[0]) \
            and not _AUX_BEFORE.search(ctx.text, max(c0, men.trigger.start - 12), men.trigger.start):
        # a past-tense verb ("agreed", "met") is modalised from its left only: in "Both sides
        # agreed … and said they planned to reopen …" the plan is another event's
        modal_text = ctx.text[c0:men.trigger.end]
    plan_text, pbase = modal_text, mbase
    pp = None if men.is_verb else ctx.lex.temporal_pp_re.search(ctx.text, max(c0, men.trigger.start - 40), men.trigger.start)
    if pp:
        # a noun in a temporal phrase ("nach dem Start direkter Friedensgespräche", "vor der Wahl")
        # takes no hedges from the clause it dates: "… hat die Delegation ihre Teilnahme ausgesetzt"
        # (a future clause still makes it planned: "after the election the bill would return")
        modal_text, mbase = ctx.text[pp.start():men.trigger.end], pp.start()
    # a dated event noun is scheduled; a hedge before it governs another verb: "could take part
    # in a strike earmarked for 23 March", "is expected to win the election on 9 January"
    dated = not men.is_verb and men.time is not None and any(c.isdigit() for c in men.time.value)
    for name in ("cancelled", "denied", "possible", "expected"):
        if _cue(ctx, men, name, modal_text, mbase):
            if dated and name in ("possible", "expected") and not _cue(
                    ctx, men, name, ctx.text[men.trigger.start:men.clause[1]], men.trigger.start):
                return "planned"
            return name
    future = men.time is not None and _is_future(men.time, ctx.reference_date)
    past = men.time is not None and _is_past(men.time, ctx.reference_date)
    if future or _cue(ctx, men, "planned", plan_text, pbase):
        return "planned"
    if men.sentence > 0 and ctx.lex.present_re is not None and not cues["past"].search(clause_text) \
            and (ctx.lex.present_re.fullmatch(men.trigger.text.split()[0]) if men.is_verb
                 # a copula, not the auxiliary of a clause-final participle ("sind … abgesackt")
                 else ctx.lex.present_copula_re.search(clause_text)
                 and not _FINAL_VERB_FORM.search(clause_text) and not _PARTICIPLE_DE.search(clause_text)) \
            and any(c0 <= t.start and t.end <= men.clause[1] and _DAY_VALUE.match(t.value)
                    and not _SINCE.search(ctx.text, max(0, t.start - 12), t.start) for t in ctx.times):
        return "planned"  # German present tense with a day: "Am 27. September wählt Oberösterreich"
    after = men.after_others or bool(pp and ctx.lex.future_pp_re.fullmatch(pp.group()))
    if after and not past and not cues["pluperfect"].search(clause_text) \
            and not ctx.lex.past_form_re.match(ctx.text[men.trigger.end:men.trigger.end + 15].strip()) \
            and not ctx.lex.causal_before_re.search(clause_text):
        return "planned"  # "vor der Wahl", "ahead of an EU summit": still to come (unless "had … before")
    if men.before_others and not men.is_verb:
        return "occurred"  # "seit/nach der Wahl …": over before the clause's news
    if _cue(ctx, men, "ongoing", clause_text if pp is None else modal_text, mbase) and not past:
        return "ongoing"
    state = ctx.lex.present_state_re.search(ctx.text, max(c0, men.trigger.start - 40), men.trigger.start)
    if state and not past and ("being" in state.group() or not men.trigger.text.endswith("ed")):
        return "ongoing"  # "troops are on standby", "he is on a visit to", "are being questioned"
    if men.is_verb and not past and ctx.lex.progressive_re.fullmatch(men.trigger.text.split()[0]) \
            and not cues["past"].search(ctx.text, max(men.clause[0], men.trigger.start - 20), men.trigger.start) \
            and not _preceded_by(ctx.text, men.trigger.start, ctx.lex.all_preps):
        return "ongoing"  # "Straw, touring Asia, …", "Straw arrives in Jakarta" (not "before visiting")
    if past or men.before_others or cues["past"].search(clause_text):
        return "occurred"
    return "occurred" if men.is_verb else None


def _is_future(t: TimeExpr, ref: dt.date | None) -> bool:
    if t.value == "FUTURE_REF":
        return True
    return ref is not None and t.earliest is not None and t.earliest > ref


def _is_past(t: TimeExpr, ref: dt.date | None) -> bool:
    if t.value == "PAST_REF":
        return True
    return ref is not None and t.latest is not None and t.latest < ref


# -- coreference ---------------------------------------------------------------------------


def _status_class(status: str | None) -> str | None:
    if status is None:
        return None
    return "realis" if status in REALIS or status in ("denied", "cancelled") else "irrealis"


def _times_compatible(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    if a is None or b is None:
        return True
    if a.earliest and a.latest and b.earliest and b.latest:
        return a.earliest <= b.latest and b.earliest <= a.latest
    return a.vague or b.vague or a.value == b.value


def _corefer(mentions: list[_Mention], ref: dt.date | None) -> list[EventMention]:
    clusters: list[list[_Mention]] = []
    headline_only: list[bool] = []  # clusters seen in the title only
    spoken: list[tuple[int, set[str]]] = []  # (sentence, speakers) of statement mentions so far
    for men in mentions:
        fam = family(men.type)
        target = None
        keys = set(men.participants)
        for ci in range(len(clusters) - 1, -1, -1):
            cl = clusters[ci]
            if family(cl[0].type) != fam:
                continue
            if fam == "other" and not any(_stem(m.trigger.text) == _stem(men.trigger.text) for m in cl):
                continue  # OTHER is a catch-all: only the same happening word corefers
            ckeys = set().union(*(m.participants for m in cl))
            cstatus = {_status_class(m.status) for m in cl} - {None}
            compatible = (_status_class(men.status) is None or not cstatus
                          or _status_class(men.status) in cstatus)
            ctimes = [m.time for m in cl if m.time is not None]
            if not all(_times_compatible(men.time, t) for t in ctimes):
                compatible = False
            if fam == "statement":
                # one statement per speaker and day
                same_kind = True
                speakers = {k for m in cl for k, r in m.participants.items() if r == "speaker"}
                # one passage: close by, or no other speaker's statement in between
                near = (men.sentence - cl[-1].sentence <= _STATEMENT_GAP or cl[0].sentence == 0
                        or not any(cl[-1].sentence < sn <= men.sentence and not sp <= keys
                                   for sn, sp in spoken))
                mine = {k for k, r in men.participants.items() if r == "speaker"}
                if same_kind and compatible and mine and mine == speakers and near and not men.earlier:
                    target = ci
                    break
                if same_kind and not keys and men.anaphoric and compatible:
                    target = ci
                    break
                if not men.is_verb and any(m.sentence == men.sentence for m in cl) and (not mine or mine == speakers):
                    target = ci  # "sagte X in einem Interview": the interview is that statement
                    break
                if headline_only[ci] and men.sentence > 0 and speakers <= mine and compatible and not men.earlier:
                    target = ci
                    break
                continue
            people, cpeople = _people(keys), _people(ckeys)
            if keys and compatible and (keys == ckeys or (len(keys) == 1 and keys < ckeys and (fam != "contact" or _people(keys)))
                                        or (len(people) >= 2 and people == cpeople)):
                target = ci
                break
            if not keys and men.anaphoric and compatible:
                target = ci
                break
            if headline_only[ci] and men.sentence > 0 and ckeys <= keys and compatible:
                # a headline names the event the body reports first ("Talks held on X")
                target = ci
                break
            if fam != "contact" and not men.is_verb and compatible and (not keys or not ckeys or keys & ckeys):
                # a later noun ("the accident", "die Anschläge") names the event reported before
                # unless its participants disagree
                target = ci
                break
        if fam == "statement":
            spoken.append((men.sentence, {k for k, r in men.participants.items() if r == "speaker"}))
        if target is None:
            clusters.append([men])
            headline_only.append(men.sentence == 0)
            men.cluster = len(clusters) - 1
        else:
            clusters[target].append(men)
            headline_only[target] = headline_only[target] and men.sentence == 0
            men.cluster = target
    by_id = {id(m): m for m in mentions}
    events: list[EventMention] = []
    for ci, cl in enumerate(clusters):
        events.append(_merge_cluster(ci, cl, ref))
    # ABOUT and BEFORE between clusters
    for ci, cl in enumerate(clusters):
        about: set[int] = set()
        before: set[int] = set()
        for m in cl:
            for oid in m.about:
                o = by_id.get(oid)
                if o is not None and o.cluster != ci:
                    about.add(o.cluster)
            if m.before_others or m.after_others:
                for o in mentions:
                    if o.sentence == m.sentence and o.cluster != ci and o.clause == m.clause:
                        if m.before_others:
                            before.add(o.cluster)
                        else:
                            events[o.cluster].before = sorted(set(events[o.cluster].before) | {f"e{ci}"})
        events[ci].about = sorted(f"e{i}" for i in about)
        events[ci].before = sorted(set(events[ci].before) | {f"e{i}" for i in before})
    return events


def _stem(word: str) -> str:
    """A crude stem for matching repeated trigger words ("Rückkehr"/"zurückgekehrt" differ)."""
    return word.lower()[:5]


def _people(keys: set[str]) -> set[str]:
    return {k for k in keys if k.startswith("per:")}


def _merge_cluster(ci: int, cl: list[_Mention], ref: dt.date | None) -> EventMention:
    statuses = [m.status for m in cl if m.status is not None]
    # within one article an explicit cancellation or denial outweighs mentions that merely
    # default to "occurred"; otherwise the firmest assertion wins
    status = max(statuses, key=lambda s: (s in ("cancelled", "denied"), STATUS_RANK[s])) if statuses else "occurred"
    dated = [m.status for m in cl if m.time is not None and m.status in _IRREALIS]
    if status in _IRREALIS and dated:
        status = dated[0]  # the dated mention is the informative one: "the election, widely expected on 5 May"
    type_ = max(cl, key=lambda m: (_SPECIFICITY.get(m.type, 1), -cl.index(m))).type
    participants: dict[str, str] = {}
    for m in cl:
        for k, r in m.participants.items():
            if participants.get(k) != "speaker":
                participants[k] = r
    carriers = [m for m in cl if m.time is not None and m.status in (status, None)] or \
               [m for m in cl if m.time is not None and _status_class(m.status) == _status_class(status)]
    time = None
    if carriers:
        def width(m: _Mention) -> int:
            t = m.time
            if t is None or t.vague:
                return 10**6  # vague intervals are conventions: keep the first report's wording
            if t.earliest and t.latest:
                return (t.latest - t.earliest).days
            return 10**5
        time = min(carriers, key=lambda m: (width(m), m.trigger.start)).time
    if time is not None and status in _IRREALIS and ref is not None and time.latest and time.latest < ref:
        time = None  # a future event never gets a past date
    if time is not None and status in REALIS and _is_future(time, ref):
        time = None
    if time is not None and (time.value in ("PAST_REF", "PRESENT_REF") or not any(c.isdigit() for c in time.value)
                             and time.value != "FUTURE_REF"):
        time = None  # "jüngst", "derzeit", "im Frühjahr" of an unknown year: no date to place
    main = next((m for m in cl if m.participants), cl[0])
    location = next((m.location for m in cl if m.location), None)
    conf = 0.4 + 0.15 * min(len(participants), 2) + (0.1 if time else 0) + 0.05 * min(len(cl) - 1, 3)
    return EventMention(
        key=f"e{ci}",
        type=type_,
        status=status,  # type: ignore[arg-type]
        trigger=main.trigger,
        sentence=main.sentence,
        mentions=[m.trigger for m in cl if m is not main],
        participants=[Participant(key=k, role=r) for k, r in participants.items()],  # type: ignore[arg-type]
        time=time,
        time_source="clause" if time is not None else ("article" if status in REALIS and ref else "none"),
        location=location,
        confidence=round(min(conf, 0.95), 2),
    )


__all__ = ["RuleEventExtractor", "load_lexicon", "EVENT_TYPES"]
