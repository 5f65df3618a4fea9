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
* participants of other events leave out who only reports them ("X said Y was arrested",
  ", berichtete die Zeitschrift X", "WAFA bestätigte das Gespräch"), organisations that only
  qualify a person ("BNP leader X", "the leader of X"), possessors ("Britain's biggest union")
  and names beyond a comma after a contact noun; they add a country as a partner or subject
  ("talks with Ankara", "Canada has begun its moratorium"), a coordinated subject as a whole,
  the name a participle follows ("X, kidnapped in Iraq") and the last person for a singular
  title ("Der Senator aus Florida zog sich zurück", "Gegen die Politikerin …").
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

from graphbuilder.extract.entities import cue_of
from graphbuilder.extract.taxonomy import EVENT_TYPES, REALIS, STATUS_RANK, family, times_overlap
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
_EPISODIC = {"ATTACK", "CRIME", "PROTEST", "ACCIDENT"}  # counted within one episode ("four arrests")
_NO_ACTOR_FALLBACK = {"ELECTION", "ACCIDENT", "AGREEMENT"}
_NP_BEFORE = re.compile(r"(?<!\w)(?!(?:and|but|und|aber|sondern|then|dann)\b)\w{3,}\s+(?:(?:has|have|had|also|hat|haben|hatte|hatten)\s+)?$",
                        re.IGNORECASE)
# "of his newly-founded party, the Respect Coalition": a possessed noun and its named apposition
_APPOSED = re.compile(r"(?:his|her|their|its|seine[rsmn]?|ihre[rsmn]?)\s+(?:[\w-]+\s+){0,2}[\w-]+,\s+(?:(?:the|der|die|das)\s+)?")
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
    counted_re: re.Pattern[str]
    habitual_re: re.Pattern[str]
    demanded_verb_re: re.Pattern[str]
    modifier_re: re.Pattern[str]
    other_sense_re: re.Pattern[str]
    impersonal_re: re.Pattern[str]
    inverted_np_re: re.Pattern[str]
    indefinite: frozenset[str]
    new_mention_re: re.Pattern[str]
    medium_re: re.Pattern[str]
    sequence_re: re.Pattern[str]
    casualty_re: re.Pattern[str]
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
    reject_re: re.Pattern[str] | None
    all_preps: frozenset[str]
    journalist_re: re.Pattern[str]
    topic_re: re.Pattern[str]
    person_title_re: re.Pattern[str]
    reported_object_re: re.Pattern[str]
    title_modifier_re: re.Pattern[str]
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
        counted_re=re.compile(rf"(?<![\w.,-])(?:{_alt(cues['counted'])})\s+$", flags),
        habitual_re=re.compile(rf"(?<![\w-])(?:{_alt(cues['habitual'])})\s+$", flags),
        demanded_verb_re=re.compile(rf"\b(?:{_alt(cues['demanded_verb'])})\s+$", flags),
        modifier_re=re.compile(rf"\s+(?:{_alt(cues['modifier_heads'])})(?![\w-])", flags),
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
        casualty_re=re.compile(_alt(cues["casualty_verbs"]), flags),
        sequence_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['sequence'])})\s+(?:[\w-]+\s+)?$", flags),
        medium_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['medium_prepositions'])})\s+(?:(?:{_alt(cues['determiners'])})\s+)?(?:[\w'’-]+\s+){{0,3}}$", flags),
        new_mention_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['new_mention'])})\s+(?:(?!(?:{_alt(cues['new_mention_stop'])})\s)[\w-]+\s+){{0,2}}$", re.IGNORECASE),
        other_sense_re=re.compile(_alt(cues["other_sense"]), flags),
        proxy_after_re=re.compile(rf"\s*(?:\w+\s+)?(?:{_alt(cues['speaker_proxies'])})\b", flags),
        topic_re=re.compile(rf"(?<!\w)(?:{_alt(cues['topic_prepositions'])})\s+(?:(?:{_alt(cues['determiners'])})\s+)?(?:[\w'’-]+\s+){{0,3}}$", flags),
        journalist_re=re.compile(rf"(?:{_alt(cues['journalist_nouns'])})", flags),
        person_title_re=re.compile(_alt(cues["person_titles"]), flags),
        reported_object_re=re.compile(rf"(?<!\w)(?:{_alt(cues['report_verbs'])})\s+(?:{_alt(cues['determiners'])})\s+(?:[\w-]+\s+){{0,2}}$", flags),
        title_modifier_re=re.compile(_alt(cues["title_modifiers"]), flags),
        accuse_re=re.compile(_alt(cues["accuse_verbs"]), flags) if cues.get("accuse_verbs") else None,
        reject_re=re.compile(_alt(cues["reject_verbs"]), flags) if cues.get("reject_verbs") else None,
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
    definite: bool = False  # a noun after a definite article or demonstrative ("the disaster")
    indefinite: bool = False  # a noun introducing a new event ("ein Haftbefehl", "a charge")
    sequence: bool = False  # a noun placed in a series ("the next election", "das letzte Telefonat")
    casualty: bool = False  # a verb counting victims ("21 Zivilisten wurden getötet")
    medium: bool = False  # a statement noun naming the setting of a speech act ("in einem Interview")
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
        found = _drop_light_verbs(_drop_overlaps(found), text, ctx.language, lex.all_preps)
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
                key = _complement_subject(ctx, men, sent.end)
                if key is not None and not any(key in o.participants for o in found if o is not men):
                    men.participants.setdefault(key, "subject")  # "X sagte, Y sei offen"
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
        men.medium = men.type == "STATEMENT" and not men.is_verb and bool(lex.medium_re.search(left))
        men.indefinite = not men.is_verb and not men.anaphoric and bool(lex.new_mention_re.search(left))
        men.definite = not men.is_verb and bool(lex.anaphor_re.search(left))
        men.sequence = not men.is_verb and bool(lex.sequence_re.search(left))
        men.casualty = men.is_verb and bool(lex.casualty_re.fullmatch(men.trigger.text))
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
                for key in _accused(ctx, men) or _pronoun_object(ctx, men, speaker):
                    men.participants.setdefault(key, "target")
            if speaker and lex.reject_re is not None and lex.reject_re.fullmatch(men.trigger.text):
                key = _possessor_object(ctx, men)
                if key is not None:
                    men.participants.setdefault(key, "target")  # "lehnte Iglesias' Forderung ab"
            if speaker:
                key = _described_as(ctx, men)
                if key is not None:
                    men.participants.setdefault(key, "target")  # "sprach von X als Leichtgewicht"
        else:
            # "Ein Anhänger der Miliz X hat …", "The leader of X was arrested": X is no actor
            members = _member_attributes(ctx, named, men.trigger.start)
            named = [e for e in named if id(e) not in members]
            if men.type not in _CONTACT_TYPES:
                # "X seien festgenommen worden, berichtete die Zeitschrift Y": the reporter of an
                # arrest, attack … is no party to it (a contact is often reported first-hand)
                named = [e for e in named if not _reported_by(ctx, men, e)]
            said = _speech_verb_before(ctx, men) if men.type not in _CONTACT_TYPES else None
            if said is not None:
                # "Downing Street has confirmed British troops are on standby", "Police said X was
                # arrested": the speaker only reports it; "X said he will stand down" is about X
                pron = set(re.findall(r"\w+", text[said:men.trigger.start])) & lex.speech_pronouns
                if not pron:
                    named = [e for e in named if e.start >= said]
            if not men.is_verb:
                # "WAFA bestätigte das Gespräch", "X confirmed the arrest": who reports an event
                # does not take part in it
                rep = lex.reported_object_re.search(text, max(c0, men.trigger.start - 60), men.trigger.start)
                if rep is not None:
                    named = [e for e in named if e.end > rep.start()]
            between = _after_word(text, men.trigger.end, c1, lex.between)
            with_pos = _after_word(text, men.trigger.end, c1, lex.with_)
            if with_pos is None and not men.is_verb:
                # "Discussions have begun with X", "Gespräche wurden mit X geführt"
                aux = _AUX_WITH.match(text, men.trigger.end, c1)
                if aux and aux.group(1) in lex.with_:
                    with_pos = aux.end()
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
                if men.type in _CONTACT_TYPES and not lex.circumstance_re.search(left):
                    # "X hält sich zu einem Gipfeltreffen der AU auf": the person attends
                    subj = [e for e in named if e.label == "PER" and e.end <= men.trigger.start
                            and not _possessor(ctx, e) and not _preceded_by(text, e.start, lex.all_preps)
                            and not _speech_verb_in(ctx, e.end, men.trigger.start)]
                    if subj:
                        men.participants.setdefault(subj[-1].key, "participant")
            if between is not None:
                for key in _coordinated(ctx, between, c1):
                    men.participants.setdefault(key, "participant")
                for key in _role_nominals(ctx, between, min(c1, between + 60)):
                    men.participants.setdefault(key, "participant")
            elif with_pos is not None and men.type in _CONTACT_TYPES:
                partners = _coordinated(ctx, with_pos, c1)
                first = next((e for e in _entities_in(ctx, with_pos, c1) if not e.derived), None)
                if not partners or first is not None and first.label == "LOC" and first.key not in partners:
                    # "talks with Ankara", "Gespräche mit Russland": a country as the partner
                    partners = [k for k in _coordinated(ctx, with_pos, c1, ("LOC",))
                                if not any(e.key == k and _located(ctx, e.start) for e in ents)] or partners
                for key in partners:
                    men.participants.setdefault(key, "participant")
                subj = [e for e in named if e.key not in partners and e.label == "PER"
                        and not _preceded_by(text, e.start, lex.non_subject_preps)]
                if subj:
                    best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                    men.participants.setdefault(best.key, "participant")
                else:
                    key = _pronoun_subject(ctx, c0, c1, in_quote)
                    it = re.match(r"\W*(?:that\s+)?(?:it|they)\s", text[c0:men.trigger.start]) if ctx.language == "en" else None
                    if key is None and it and ctx.last_speaker and not ctx.last_speaker.startswith("per:"):
                        # "The EU has announced that it will start talks with Croatia"
                        key = ctx.last_speaker
                    if key:
                        men.participants.setdefault(key, "participant")
            elif not men.anaphoric and owner is None:
                if not men.is_verb and men.type == "MEETING" and lex.circumstance_re.search(left):
                    # "auf dem Parteitag", "at a London conference": the setting of another act;
                    # only a name modifying the noun ("at a Union summit") takes part
                    for e in named:
                        if e.end <= men.trigger.start and (not text[e.end:men.trigger.start].strip(" '’s") or re.fullmatch(
                                r"['’]s(?:\s+[a-z][\w-]*){1,2}\s+", text[e.end:men.trigger.start])):
                            # "at a Union summit", "at Labour's spring conference"
                            men.participants.setdefault(e.key, "participant")
                elif men.is_verb or men.type in _CONTACT_TYPES or men.type == "PRESS_CONFERENCE":
                    antecedent = (_relative_antecedent(ctx, c0) or _resumed_subject(ctx, c0)) if men.is_verb else None
                    if antecedent is not None:
                        men.participants[antecedent] = "participant"  # "X, who had resigned"
                    head = _participle_head(ctx, men, named) if men.is_verb else None
                    if head is not None:
                        # "aid worker Margaret Hassan, kidnapped in Iraq": a reduced relative clause
                        # is about the name it follows
                        men.participants[head] = "target" if men.type in ("ATTACK", "CRIME", "SANCTION") else "participant"
                    for e in named if head is None else ():
                        if _possessor(ctx, e) and len(text[e.end:men.trigger.start].split()) > 1:
                            continue  # the possessor of another noun ("George W Bush's policies")
                        if lex.topic_re.search(text, max(c0, e.start - 40), e.start):
                            continue  # what it is about: "met X to talk about Turkey", "nach Berichten über X"
                        comma = text.rfind(",", men.trigger.end, e.start)
                        if not men.is_verb and comma >= 0 and not _speech_verb_in(ctx, comma, min(e.start, comma + 12)):
                            # "Following the meeting on X, the government offered … Y": another
                            # phrase; "ein Gespräch gegeben, sagte X" reports it first-hand
                            continue
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
                    fronted = re.match(r"\W*(\w+)\s+", text[c0:men.trigger.start])
                    if not men.participants and fronted and fronted.group(1).lower() in lex.target_preps:
                        # "Gegen die HDP-Politikerin sind Ermittlungen eingeleitet worden"
                        pos = c0 + fronted.end()
                        keys = _coordinated(ctx, pos, men.trigger.start)
                        # (singular only: "den Minister", "die Ministerin", "the minister")
                        nominal = re.match(r"(den|die|the)\s+([\w-]+)\s", text[pos:men.trigger.start], re.IGNORECASE)
                        if not keys and nominal and _title_word(ctx, nominal.group(2)) and (
                                nominal.group(2).endswith("in") if nominal.group(1) == "die"
                                else not nominal.group(2).endswith(("n", "s"))):
                            keys = [k for k in [_recent_person(ctx, c0)] if k]
                        for key in keys:
                            men.participants.setdefault(key, "target")
                    if not men.participants and men.type not in _NO_ACTOR_FALLBACK:
                        # else the clause's subject-like name nearest to the noun
                        subj = [e for e in named if (e.end <= men.trigger.start or len(text[men.trigger.end:e.start].split()) <= 3)
                                and not _preceded_by(text, e.start, lex.non_subject_preps)
                                and not _possessor(ctx, e) and not lex.topic_re.search(text, max(c0, e.start - 40), e.start)]
                        if not subj:
                            # "Canada has begun its own moratorium": a country as the subject
                            subj = [e for e in places if not e.derived and e.end < men.trigger.start
                                    and not _located(ctx, e.start) and not _genitive_form(e)
                                    and not text[e.end:e.end + 2] in ("'s", "’s") and text[e.start - 1:e.start] != "-"
                                    and not _preceded_by(text, e.start, lex.all_preps)
                                    and 1 < len(text[e.end:men.trigger.start].split()) <= 5
                                    and not set(text[e.end:men.trigger.start].lower().split()) & lex.all_preps]
                        if subj:
                            best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                            men.participants[best.key] = "participant"
                            if best.end <= men.trigger.start:
                                # "X, Y and Z all face charges": the whole coordinated subject
                                for key in _coordinated_before(ctx, best, named):
                                    men.participants.setdefault(key, "participant")
                if men.type in _CONTACT_TYPES and len(men.participants) == 1:
                    key = _pronoun_subject(ctx, c0, c1, in_quote)
                    if key:
                        men.participants.setdefault(key, "participant")
                if not men.participants and men.is_verb:
                    # "Er war zurückgekehrt", "He quit the government": the pronoun's antecedent
                    first = re.match(r"\W*(\w+)", text[c0:men.trigger.start])
                    # "Der Senator aus Florida zog sich zurück": a title as the subject
                    # (singular only: "Der Senator", "Die Ministerin", "The senator")
                    nominal = re.match(r"\W*(Der|Die|The)\s+([\w-]+)(?:\s+([\w-]+))?", text[c0:men.trigger.start])
                    if first and first.group(1) in lex.speech_pronouns or nominal and any(
                            w and _title_word(ctx, w) and (nominal.group(1) == "Der" or w.endswith("in") if ctx.language == "de"
                                                           else not w.endswith("s"))
                            for w in nominal.groups()[1:]):
                        antecedent = _recent_person(ctx, c0) or ctx.last_speaker
                        if antecedent:
                            men.participants[antecedent] = "participant"
                if not men.participants and men.is_verb:
                    for e in places:
                        if not e.derived and not _located(ctx, e.start) and not (
                                _possessor(ctx, e) and len(text[e.end:men.trigger.start].split()) > 1):
                            men.participants.setdefault(e.key, "participant")
            # "BNP leader Nick Griffin", "Labour MP Jack Cunningham": the organisation only
            # qualifies the person, who is the actor
            for e in ents:
                if e.key in men.participants and e.label in ("ORG", "LOC") and not e.derived:
                    person = _qualified_person(ctx, e, c1)
                    if person is not None and not any(
                            o.key == e.key and o is not e and not o.derived and _qualified_person(ctx, o, c1) is None
                            for o in ents):
                        role = men.participants.pop(e.key)
                        men.participants.setdefault(person, role)
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
    if not is_verb and (lex.habitual_re.search(left) or (tname not in _EPISODIC and lex.counted_re.search(left))):
        return True  # "the last six elections", "regular meetings": several or recurring events
    if not is_verb and tname != "STATEMENT" and _modifier(ctx, end):
        return True  # "election campaign", "war crimes", "talks deal": the noun modifies another
    if tname == "ATTACK" and _verbal_attack(ctx, start, end):
        return True  # "Fox attacks Blair", "Kennedy attacked the plan": criticism, not violence
    if is_verb and tname != "STATEMENT" and lex.demanded_verb_re.search(text, max(clause[0], start - 80), start):
        return True  # "asked for the troops to be pulled out": only wanted
    if not is_verb and tname != "STATEMENT":
        # the object of an infinitive clause is only aimed at: ", eine Einigung zu erreichen"
        seg0 = text.rfind(",", clause[0], start)
        seg1 = text.find(",", end, clause[1])
        if seg0 >= 0 and lex.infinitive_re.search(text, end, clause[1] if seg1 < 0 else seg1) \
                and not _aimed_at_dated(ctx, start, end, clause):
            return True
    w0 = max(clause[0], start - 80)
    for m in lex.other_sense_re.finditer(text, w0, min(clause[1], end + 15)):
        if m.start() <= start < m.end():
            return True
    if ctx.language == "en" and not is_verb and text[start].isupper() and re.search(r"[A-Z]\w*\s+$", left):
        return True  # "World War Two", "the Finance Bill": a name, not a mention
    return False


def _modifier(ctx: _Context, end: int) -> bool:
    """A noun trigger that modifies the noun after it: a head of ``modifier_heads`` or another
    trigger noun ("talks deal")."""
    lex = ctx.lex
    if lex.modifier_re.match(ctx.text, end):
        return True
    if ctx.language != "en":
        return False
    m = re.match(r"[ \t]+", ctx.text[end:end + 3])
    if not m:
        return False
    nxt = lex.trigger_re.match(ctx.text, end + m.end())
    return bool(nxt and nxt.lastgroup and nxt.lastgroup.endswith("_nouns"))


_VERBAL_ATTACK = re.compile(r"attack(?:s|ed|ing)|attackiert\w*", re.IGNORECASE)
_ATTACK_MEANS = re.compile(r"\s+(?:with|by|mit|von)\b")  # "X attacked with slurry": physically


def _verbal_attack(ctx: _Context, start: int, end: int) -> bool:
    """An attack verb right after a named person (or "he"/"sie") attacks in words."""
    if not _VERBAL_ATTACK.fullmatch(ctx.text, start, end) or _ATTACK_MEANS.match(ctx.text, end):
        return False
    left = ctx.text[max(0, start - 12):start]
    word = re.search(r"(\w+)\s+$", left)
    if word and word.group(1) in ctx.lex.speech_pronouns:
        return True
    return any(e.label == "PER" and not ctx.text[e.end:start].strip()
               for e in _entities_in(ctx, max(0, start - 80), start))


_AUXILIARY_DE = re.compile(r"\b(?:hat|hatte|hatten|haben|habe|wurde|wurden|worden|ist|sind|war|waren|wird|werden|soll|sollen|will|wollen)\b")


def _drop_light_verbs(found: list[_Mention], text: str, language: str, preps: frozenset[str]) -> list[_Mention]:
    """A decision verb whose object is another event noun only reports that event: "hatte einen
    Haftbefehl beschlossen", "approved the deal". The German object sits between the auxiliary
    and the participle; the English one follows the verb."""
    def governed(v: _Mention, n: _Mention) -> bool:
        if n.is_verb or n.clause != v.clause or n.type in ("LEGISLATION", "STATEMENT"):
            return False
        if _preceded_by(text, n.trigger.start, preps):
            return False  # "nach dem Treffen", "at its meeting": a circumstance, not the object
        if language == "de":
            return n.trigger.end <= v.trigger.start and bool(_AUXILIARY_DE.search(text, v.clause[0], n.trigger.start))
        gap = text[v.trigger.end:n.trigger.start]
        return 0 <= len(gap) <= 40 and not any(w.lower() in preps for w in re.findall(r"\w+", gap))
    return [m for m in found if not (m.is_verb and m.type == "LEGISLATION" and any(governed(m, n) for n in found))]


def _aimed_at_dated(ctx: _Context, start: int, end: int, clause: tuple[int, int]) -> bool:
    """The object of a closing infinitive that carries a calendar date: a scheduled event that
    is aimed at ("…, die Wahl am 8. November zu gewinnen")."""
    text = ctx.text
    if text.rfind(",", clause[0], start) < 0:
        return False
    seg1 = text.find(",", end, clause[1])
    inf = ctx.lex.infinitive_re.search(text, end, clause[1] if seg1 < 0 else seg1)
    return bool(inf) and any(end <= t.start and t.end <= inf.start() and any(c.isdigit() for c in t.value or "")
                             for t in ctx.times)


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


_AUX_WITH = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|hat|haben|hatte|hatten|wird|werden|wurden?|sind|ist)"
                       r"\s+(?:\w+\s+)?(\w+)\s")


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
    ents = _entities_in(ctx, m.end(), min(limit, m.end() + 80))
    for i, e in enumerate(ents):
        # "des Europarats", "der islamisch-konservativen AKP" (lower-case attributes between)
        if not e.derived and e.label in ("ORG", "LOC") and (_ATTRIBUTES.fullmatch(ctx.text, m.end(), e.start)
                                                             or _APPOSED.fullmatch(ctx.text, m.end(), e.start)):
            if e.label == "LOC":
                # "a meeting of Suffolk Coastal UKIP members": the place only locates the party
                org = next((o for o in ents[i + 1:] if o.start >= e.end and not o.derived), None)
                if org is not None and org.label == "ORG" and re.fullmatch(r"(?:\s+[A-ZÄÖÜ][\w-]*)?\s+", ctx.text[e.end:org.start]):
                    return org.key
            return e.key
    return None


def _qualified_person(ctx: _Context, e: EntityMention, limit: int) -> str | None:
    """The person an organisation or place qualifies through a title right before the name
    ("BNP leader Nick Griffin", "Labour MP and former Cabinet minister Jack Cunningham",
    "Jemens Präsident Hadi"), else None."""
    text, lex = ctx.text, ctx.lex
    for p in _entities_in(ctx, e.end, min(limit, e.end + 80)):
        if p.label != "PER" or p.derived or p.nested or p.start < e.end:
            continue
        gap = text[e.end:p.start]
        gap = gap[2:] if gap.startswith(("'s ", "’s ")) else gap
        words = gap.split()
        if not words or len(words) > 6 or not gap[:1].isspace() and gap[:1] not in "'’" \
                or not re.fullmatch(r"[\s\w-]*", gap):
            return None
        if not _title_word(ctx, words[-1]):
            return None
        for w in words[:-1]:
            if not (_title_word(ctx, w) or lex.title_modifier_re.fullmatch(w)
                    or ctx.language == "en" and w[:1].isupper()):
                return None
        return p.key
    return None


_MEMBER_OF = {
    "de": re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*)\s+(?:der|des)\s+(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][\w-]*\s+)?$"),
    "en": re.compile(r"(?<![\w-])([a-z][\w-]*)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$"),
}


def _member_attributes(ctx: _Context, named: list[EntityMention], before: int) -> set[int]:
    """Ids of organisations named before ``before`` only as the group of a person denoted by a
    title or member noun ("Ein Anhänger der Jihadistenmiliz X", "the leader of X"), and
    their bracketed abbreviations."""
    rx = _MEMBER_OF.get(ctx.language, _MEMBER_OF["en"])
    out: set[int] = set()
    prev: EntityMention | None = None
    for e in named:
        if e.label == "ORG" and e.end <= before:
            m = rx.search(ctx.text, max(0, e.start - 60), e.start)
            if m and _title_word(ctx, m.group(1)):
                out.add(id(e))
            elif prev is not None and id(prev) in out and re.fullmatch(r"\s*\(\s*", ctx.text[prev.end:e.start]):
                out.add(id(e))  # "Islamischer Staat (IS)"
        prev = e
    return out


def _coordinated_before(ctx: _Context, e: EntityMention, named: list[EntityMention]) -> list[str]:
    """Keys of the names coordinated before ``e`` ("X, Y und Z"), passing over an organisation
    in a title ("Railtrack managers Alistair Cook, Sean Fugill and Keith Lea")."""
    out: list[str] = []
    before = [o for o in named if o.end <= e.start]
    cur_start, cur_key = e.start, e.key
    for q in reversed(before):
        if q.end > cur_start:
            continue
        gap = ctx.text[q.end:cur_start]
        if q.label == "ORG" and _qualified_person(ctx, q, cur_start + 200) == cur_key:
            cur_start = q.start  # the organisation belongs to the current name's phrase
            continue
        if not re.fullmatch(r"\s*(?:,\s*|,?\s*(?:and|und|sowie|&)\s+)", gap):
            break
        out.append(q.key)
        cur_start, cur_key = q.start, q.key
    return out


def _participle_head(ctx: _Context, men: _Mention, named: list[EntityMention]) -> str | None:
    """The name a participle trigger follows after a comma ("Margaret Hassan, kidnapped in
    Iraq", "Karl Adler, am Montag festgenommen"), else None."""
    if not re.fullmatch(r"\w+(?:ed|en|t)", men.trigger.text.split()[0]):
        return None
    prev = [e for e in named if e.end <= men.trigger.start]
    if prev and re.fullmatch(r",\s*(?:(?:am|im|on|in|last)\s+\w+\s+)?", ctx.text[prev[-1].end:men.trigger.start]):
        return prev[-1].key
    return None


def _reported_by(ctx: _Context, men: _Mention, e: EntityMention) -> bool:
    """``e`` is named in an inverted reporting clause after the trigger (", berichtete X",
    ", said X", ", X said")."""
    if e.start < men.trigger.end:
        return False
    comma = ctx.text.rfind(",", men.trigger.end, e.start)
    return comma >= 0 and (_speech_verb_in(ctx, comma, min(e.start, comma + 15))
                           or _speech_verb_in(ctx, e.end, min(men.clause[1], e.end + 12)))


def _speech_verb_before(ctx: _Context, men: _Mention) -> int | None:
    """End of the last statement verb between the clause start and the trigger, else None."""
    end = None
    for m in ctx.lex.trigger_re.finditer(ctx.text, men.clause[0], men.trigger.start):
        if m.lastgroup and ctx.lex.group_type.get(m.lastgroup) == ("STATEMENT", True):
            end = m.end()
    return end


def _speech_verb_in(ctx: _Context, start: int, end: int) -> bool:
    """A statement verb between ``start`` and ``end`` ("X kritisierte das Treffen …")."""
    for m in ctx.lex.trigger_re.finditer(ctx.text, start, end):
        if m.lastgroup and ctx.lex.group_type.get(m.lastgroup) == ("STATEMENT", True):
            return True
    return False


def _title_word(ctx: _Context, word: str) -> bool:
    return bool(ctx.lex.person_title_re.fullmatch(word)) or cue_of(word, ctx.language)[1] is not None


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
    if not men.is_verb:
        owner = ctx.lex.genitive_re.match(text, men.trigger.end, hi)
        if owner and not _entities_in(ctx, owner.end(), min(hi, owner.end() + 40)) \
                and re.match(r"(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜa-z][\w-]*", text[owner.end():hi]):
            return ""  # "die Mitteilung der Behörden": an unnamed owner speaks
    antecedent = _relative_antecedent(ctx, lo)
    if antecedent is not None:
        return antecedent  # "Lopatka, der … kritisiert hatte": the relative pronoun's antecedent
    appositive = _appositive_name(ctx, lo)
    if appositive is not None:
        return appositive  # "Der Vertreter der EU, der dänische Diplomat X, bedauerte"
    resumed = _resumed_subject(ctx, lo) or _resumed_place(ctx, lo)
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
        if inverted.group(1).lower() not in ctx.lex.indefinite:
            described = _described_person(ctx, inverted.end(), men)
            if described is not None:
                cands.append((36, described))
    aux = _AUX_DESCRIPTION.search(text, lo, men.trigger.start) if ctx.language == "de" else None
    if aux and not after_quote:
        described = _described_person(ctx, aux.end(), men)
        if described is not None:
            cands.append((36, described))
    if ctx.language == "en" and _EN_DESCRIPTION.fullmatch(text, lo, men.trigger.start) \
            and not _entities_in(ctx, lo, men.trigger.start):
        # "The former teacher confirmed he …": the person the text is about
        described = _antecedent(ctx, men)
        if described is not None:
            cands.append((36, described))
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
        if right and ctx.language == "en" and not re.search(r"[,\"“”:]\s*$", text[max(lo, men.trigger.start - 4):men.trigger.start]) \
                and _NP_BEFORE.search(text, max(lo, men.trigger.start - 40), men.trigger.start):
            continue  # "We have offered the Gurkhas", "praised the Supreme Court": an object, not the speaker
        gap = text[men.trigger.end:e.start] if right else text[e.end:men.trigger.start]
        words = len(re.findall(r"\w+", gap))
        # "X said" / "sagte X": adjacent names win; the subject side (left) breaks ties
        if e.label == "LOC":
            # a country or seat of government speaks only as the sentence-initial subject
            first = text[lo:e.start].strip(" \t\n\"„“«»–-").split() in ([], *_ARTICLES)
            inverted = words == 0 and re.search(r"[,\"“”»]\s*(?:the\s+)?$", text[max(lo, e.start - 6):e.start])
            # the subject of a finite auxiliary: "Under the deal, Turkey must …", "habe Tirol angeboten"
            finite = _AUX_SUBJECT[True].search(text[lo:e.start]) \
                if ctx.language == "de" else re.search(r",\s*$", text[max(lo, e.start - 3):e.start]) \
                and _AUX_SUBJECT[False].match(text, e.end)
            if right or not (first or inverted or finite):
                continue
            cands.append((words * 10 + 30, e.key))
            continue
        cands.append((words * 10 + (1 if right else 0) + (0 if e.label == "PER" or words == 0 else 25), e.key))
    window_l = text[max(men.clause[0], men.trigger.start - 12):men.trigger.start]
    window_r = text[men.trigger.end:min(men.clause[1], men.trigger.end + 12)]
    pron = re.search(r"(\w+)\W*$", window_l)
    pron_r = re.match(r"\W*(\w+)", window_r)
    if ctx.language == "en" and not after_quote:
        pron_r = None  # "said he would": the subject of what was said
    words = {w.group(1) for w in (pron, pron_r) if w}
    if words & ctx.lex.speech_pronouns:
        antecedent = _antecedent(ctx, men)
        if antecedent:
            cands.append((2, antecedent))
    if in_quote and words & ctx.lex.first_person and ctx.quote_speaker:
        cands.append((2, ctx.quote_speaker))
    for key in _role_nominals(ctx, *men.clause):
        cands.append((35, key))
    if cands:
        return min(cands)[1]
    return _pronoun_subject(ctx, *men.clause, in_quote)


# a person noun: an age ("der 73-Jährige"), a demonym or agent noun ("der Indonesier", "der
# Politiker"), a title ("der Landeschef", "der Diplomat") or its feminine form
_DESCRIPTION = re.compile(r"(?:[a-zäöüß][\w-]*\s+)?(?:\d+-[Jj]ährige[rn]?|(?![\w-]*(?:[Ss]precher|Sender)\b)"
                          r"[A-ZÄÖÜ][\w-]*(?:er|chef|ent|at|ist|eur|or|ant|in))(?=[\s.,;:])")


_AUX_SUBJECT = {
    True: re.compile(r"(?:^|,)\s*(?:hat|habe|hatte|hätte|haben|hatten|wird|werde|will|wolle|soll|solle|muss|müsse)\s+$"),
    False: re.compile(r"\s+(?:has|have|had|must|will|would|should|could|is|was)\b"),
}


# an English person description opening the clause: "The former teacher", "The prince, 20,"
_EN_DESCRIPTION = re.compile(r"\W*The\s+(?:[a-z][\w-]*\s+){0,2}(?!\w*(?:paper|caster)\b)[a-z][\w-]*(?:er|or|ist|ian|ant)"
                             r"(?:,\s*\d+,)?\s+(?:(?:has|had|also|later)\s+)?")


# a masculine subject right after the finite auxiliary ("Im Mai hatte der Indonesier … verkündet")
_AUX_DESCRIPTION = re.compile(r"\b(?:hat|hatte|habe|hätte|wird|wurde|will|wollte|soll|sollte)\s+der\s+(?![\w-]+in\b)")


def _described_person(ctx: _Context, pos: int, men: _Mention) -> str | None:
    """The person behind a definite description without a name as the subject ("…, sagte der
    73-Jährige auf einem Kongress seiner Partei X", "kritisierte der Landeschef die …"; ``pos``
    is just after the article): the last speaker, else the person named last before the clause
    (German only)."""
    if ctx.language != "de":
        return None
    text = ctx.text
    np = _DESCRIPTION.match(text, pos, men.clause[1])
    if np is None:
        return None
    rest = text[np.end():np.end() + 40]
    # a name in apposition or a genitive/"von" owner: the named rules decide
    if any(e.start < np.end() + 3 for e in _entities_in(ctx, pos, men.clause[1])) \
            or re.match(r"\s+(?:de[rs]|von|vom)\s", rest):
        return None
    return _antecedent(ctx, men)


_COMPLEMENT = {"de": re.compile(r"(?:\s+[\w-]+){0,3}\s*,\s+(?:dass\s+)?(?:(?:der|die|das)\s+)?$")}
_COMPLEMENT_VERB = {"de": re.compile(r"\s+[a-zäöüß]")}


def _complement_subject(ctx: _Context, men: _Mention, limit: int) -> str | None:
    """The named subject opening the reported clause of a speech verb ("Baykal sagte, Erdogan
    sei offen", "bedauerte, dass Israel …", "said Prof X would …"): what the statement is about."""
    if ctx.language != "de" or not men.is_verb or "speaker" not in men.participants.values():
        return None  # English reports name the agent of a reported event of its own ("said X was arrested")
    lang = "de"
    e = next(iter(_entities_in(ctx, men.trigger.end, min(limit, men.trigger.end + 60))), None)
    if e is None or e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants \
            or _genitive_form(e) or not _COMPLEMENT[lang].fullmatch(ctx.text, men.trigger.end, e.start) \
            or not _COMPLEMENT_VERB[lang].match(ctx.text, e.end):
        return None
    return e.key


def _outlets(ctx: _Context, men: _Mention) -> list[str]:
    """Media of an interview ("sagte X bei CNN", "told BBC Radio", "im ORF-Report")."""
    out = []
    text = ctx.text
    speakers = [e for e in _entities_in(ctx, men.trigger.end, men.clause[1])
                if men.participants.get(e.key) == "speaker" and len(text[men.trigger.end:e.start].split()) <= 1]
    speakers_all = [e for e in _entities_in(ctx, *men.clause) if men.participants.get(e.key) == "speaker"]
    for e in _entities_in(ctx, *men.clause):
        if e.label != "ORG" or e.key in men.participants:
            continue
        if e.derived and not text.startswith("-", e.end):
            continue  # only a medium named in a compound ("im ORF-Report") counts
        if ctx.lex.outlet_re.search(text, max(men.clause[0], e.start - 40), e.start):
            out.append(e.key)
        elif not e.derived and (link := _org_of_person(ctx, e, men.clause[1])) is not None \
                and any(s.start == e.end + len(link) for s in speakers_all):
            out.append(e.key)  # "BBC correspondent X said", "The BBC's X says": the journalist's medium

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


_OBJECT_PRONOUN = re.compile(r"\s+(?:him|her)\b")


def _pronoun_object(ctx: _Context, men: _Mention, speaker: str) -> list[str]:
    """The person a pronoun object of an appeal or accusation refers to ("As Mr X spoke, the
    firm urged him to …"): the person named last before the verb other than the speaker."""
    if ctx.language == "de" or not _OBJECT_PRONOUN.match(ctx.text, men.trigger.end):
        return []
    i = bisect.bisect_left(ctx.starts, men.trigger.start) - 1
    while i >= 0 and ctx.entities[i].start >= men.trigger.start - 300:
        e = ctx.entities[i]
        if e.label == "PER" and e.key and not e.derived and e.key != speaker:
            return [e.key]
        i -= 1
    return []


def _possessor_object(ctx: _Context, men: _Mention) -> str | None:
    """The possessor opening the object of a verb of rejecting ("lehnte wiederum Iglesias
    Forderung ab", "rejected Labour's plans"): whose demand or plan is rejected."""
    for e in _entities_in(ctx, men.trigger.end, min(men.clause[1], men.trigger.end + 40)):
        if not e.derived and e.label in ("PER", "ORG", "LOC") and e.key not in men.participants \
                and re.fullmatch(r"\s+(?:[a-zäöüß]+\s+)?", ctx.text[men.trigger.end:e.start]) \
                and (_genitive_form(e) or ctx.language == "de"  # "Iglesias' Forderung", "Iglesias Forderung"
                     and re.match(r"['’]?\s+[A-ZÄÖÜ][a-zäöüß]+\b", ctx.text[e.end:e.end + 40])):
            return e.key
        return None
    return None


_DESCRIBED_AS = re.compile(r"\s+(?:von\s+)?(?:(?:de[nm]|die|das|the)\s+)?$")


def _described_as(ctx: _Context, men: _Mention) -> str | None:
    """The named object of a verb of describing ("bezeichnete X als", "sprach von X als",
    "described X as"): the person or body so described is the target."""
    text = ctx.text
    for e in _entities_in(ctx, men.trigger.end, min(men.clause[1], men.trigger.end + 60)):
        if e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants:
            return None
        if _DESCRIBED_AS.fullmatch(text, men.trigger.end, e.start) and re.match(r"\s+(?:als|as)\s", text[e.end:e.end + 5]):
            return e.key
        return None
    return None


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


def _appositive_name(ctx: _Context, c0: int) -> str | None:
    """The name closing an apposition taken for a relative clause ("Der Vertreter der EU, der
    dänische Diplomat X, bedauerte"): the subject of the clause resumed at ``c0``."""
    rel = ctx.resumed.get(c0)
    if rel is None or not re.match(r",\s+(?:der|die|das)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ]", ctx.text[rel:c0]):
        return None
    ents = [e for e in _entities_in(ctx, rel, c0) if not e.derived]
    if ents and ents[-1].label == "PER" and not ctx.text[ents[-1].end:c0].strip() \
            and len(ctx.text[rel:ents[-1].start].split()) <= 5:
        return ents[-1].key
    return None


def _resumed_place(ctx: _Context, c0: int) -> str | None:
    """A country as the subject resumed after its relative clause ("…, but Turkey, which occupies
    northern Cyprus, had insisted"): not governed by a preposition, and the resumed part opens
    with its verb."""
    rel = ctx.resumed.get(c0)
    nxt = re.match(r"\W*(\w+)", ctx.text[c0:c0 + 40])
    if rel is None or not nxt or not nxt.group(1)[0].islower() or nxt.group(1) in _NOT_A_VERB:
        return None
    e = next((e for e in reversed(_entities_in(ctx, max(0, rel - 60), rel))), None)
    if e is None or e.label != "LOC" or e.derived or ctx.text[e.end:rel].strip() \
            or _preceded_by(ctx.text, e.start, ctx.lex.all_preps) or _located(ctx, e.start):
        return None
    return e.key


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


def _antecedent(ctx: _Context, men: _Mention) -> str | None:
    """Whom a pronoun or description subject of a statement refers to: a recent speaker, else the
    person opening the previous sentence, else the person named last."""
    if ctx.last_speaker and men.sentence - ctx.last_speaker_sentence <= 3:
        return ctx.last_speaker
    return _previous_subject(ctx, men.clause[0]) or _recent_person(ctx, men.clause[0])


def _previous_subject(ctx: _Context, pos: int) -> str | None:
    """The person opening the sentence before ``pos`` ("Mr Blair held talks with X and Y. He
    confirmed …"): a pronoun subject continues the previous subject rather than the last name."""
    text = ctx.text
    end = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    if end < 0 or text[end:pos].strip(" .\n"):
        return None  # not at the start of a sentence
    start = max(text.rfind(". ", 0, end), text.rfind("\n", 0, end)) + 1
    for e in _entities_in(ctx, start, end):
        if len(text[start:e.start].split()) > 3:
            break
        if e.label == "PER" and not e.derived and not _genitive_form(e) \
                and not _preceded_by(text, e.start, ctx.lex.all_preps):
            return e.key
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


def _possessor(ctx: _Context, e: EntityMention) -> bool:
    """A possessor with the genitive inside ("Putins") or after the name ("Britain's")."""
    return _genitive_form(e) or ctx.text.startswith(("'s", "’s"), e.end)


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
    if not men.is_verb and _aimed_at_dated(ctx, men.trigger.start, men.trigger.end, men.clause):
        return "planned"  # "…, die Wahl am 8. November zu gewinnen"
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
        return times_overlap(a.earliest, a.latest, b.earliest, b.latest)
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
            if (men.type == "VISIT") != (cl[0].type == "VISIT"):
                continue  # a trip and the talks held during it are two events
            if men.sequence and not any(m.sequence and _stem(m.trigger.text) == _stem(men.trigger.text) for m in cl):
                continue  # "the next election", "das letzte Telefonat": another one of its kind
            ckeys = set().union(*(m.participants for m in cl))
            cstatus = {_status_class(m.status) for m in cl} - {None}
            compatible = (_status_class(men.status) is None or not cstatus
                          or _status_class(men.status) in cstatus)
            ctimes = [m.time for m in cl if m.time is not None]
            timely = all(_times_compatible(men.time, t) for t in ctimes)
            if not timely:
                compatible = False
            if (men.anaphoric or men.definite) and fam != "statement" and timely \
                    and (not keys or not ckeys or keys & ckeys) \
                    and any(_stem(m.trigger.text) == _stem(men.trigger.text) for m in cl):
                # "the disaster", "die Parlamentswahl" repeating an event's word names that event;
                # the status cues and names of its own clause belong to the clause's other news
                # ("the expected deal comes as X said … dead in the disaster")
                if not compatible:
                    men.status = None
                if not men.anaphoric:
                    men.participants = {}
                target = ci
                break
            if fam == "statement":
                # one statement per speaker and day
                same_kind = True
                speakers = _speakers(cl)
                # one passage: close by, or no other speaker's statement in between
                near = (men.sentence - cl[-1].sentence <= _STATEMENT_GAP or cl[0].sentence == 0
                        or not any(cl[-1].sentence < sn <= men.sentence and not sp <= keys
                                   for sn, sp in spoken))
                mine = {k for k, r in men.participants.items() if r == "speaker"}
                # "In an interview with X, Y said" / "sagte Y in einem Interview": the noun names
                # the setting of the speech act of its clause, whoever it was credited to
                if men.is_verb and any(m.medium and m.sentence == men.sentence and m.clause == men.clause
                                       and not any(o.is_verb and o.sentence == m.sentence and o.clause == m.clause
                                                   for o in cl) for m in cl):
                    target = ci
                    break
                if men.medium and any(m.is_verb and m.sentence == men.sentence and m.clause == men.clause for m in cl):
                    target = ci
                    break
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
            if men.casualty and not keys and compatible and 0 <= men.sentence - cl[-1].sentence <= 1:
                # "… schwere Gefechte. Dabei wurden 21 Zivilisten getötet": the victims of the
                # fighting just reported; their own tense says nothing about the fighting's status
                men.status = None
                target = ci
                break
            if headline_only[ci] and men.sentence > 0 and ckeys <= keys and compatible:
                # a headline names the event the body reports first ("Talks held on X")
                target = ci
                break
            if fam != "contact" and not men.is_verb and compatible and (not keys or not ckeys or keys & ckeys) \
                    and (not men.indefinite or any(_stem(m.trigger.text) == _stem(men.trigger.text) for m in cl)):
                # a later noun ("the accident", "die Anschläge") names the event reported before
                # unless its participants disagree; an indefinite one ("ein Haftbefehl", "a charge")
                # introduces a new event unless it repeats the word ("in a referendum" twice)
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


def _speakers(cl: list[_Mention]) -> set[str]:
    """The speakers of a statement cluster: those of its verbs, if any name one (a noun such as
    "interview" may credit the interviewer)."""
    spoken = {k for m in cl for k, r in m.participants.items() if r == "speaker"}
    return {k for m in cl if m.is_verb for k, r in m.participants.items() if r == "speaker"} or spoken


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
    speakers = _speakers(cl)
    for m in cl:
        for k, r in m.participants.items():
            if r == "speaker" and k not in speakers:
                r = "participant"  # "In an interview with X, Y said": X takes part, Y speaks
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
