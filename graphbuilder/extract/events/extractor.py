"""The rule-based event extractor: triggers per clause, then participants, time, status and coreference."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from graphbuilder.models import EntityMention, EventMention, RoleFact, Sentence, Span, TimeExpr
from graphbuilder.registry import register
from graphbuilder.extract.events.lexicon import load_lexicon
from graphbuilder.extract.events.common import (
    CONTACT_TYPES,
    ExtractionContext,
    Mention,
    NO_ACTOR_FALLBACK,
    NP_BEFORE,
    QUOTE_OPEN,
)
from graphbuilder.extract.events.participants import (
    AUX_WITH,
    accused_target,
    clause_subject,
    after_word,
    complement_subject,
    coordinated_names,
    coordinated_before,
    coordinated_subjects,
    described_as,
    entities_in,
    genitive_form,
    genitive_owner,
    inside_entity,
    is_source,
    located,
    member_attributes,
    outlets,
    participle_head,
    possessor_of,
    governed_genitive,
    possessive_antecedent,
    possessor_object,
    preceded_by,
    pronoun_antecedent,
    pronoun_object,
    pronoun_subject,
    qualified_person,
    recent_person,
    relative_antecedent,
    reported_by,
    resumed_subject,
    role_nominals,
    find_speaker,
    speech_verb_before,
    speech_verb_in,
    subject_pronoun,
    title_word,
)
from graphbuilder.extract.events.filters import drop_light_verbs, drop_overlaps, drop_verb_objects, not_an_event, retype_trigger, verbal_attack
from graphbuilder.extract.events.status import RELATIVE_AFTER, clause_time, speech_end, clause_status, story_times, tense_readings
from graphbuilder.extract.events.coref import Linker, corefer
from graphbuilder.extract.events.structure import inverted_speakers, parse_addressees, parse_arguments, parse_speakers

COORDINATED_SPEAKERS = True  # names coordinated with a statement's subject speak too (issue 12)
POSSESSOR_OF_NOUN = True  # the possessor right before an event noun without other participants is its subject
_POSSESSED = re.compile(r"(?:['’]s)?(?:\s+[a-zäöüß][\w-]*){0,2}\s+")
# words allowed between a name before an event noun and the noun when the nearest name is taken as
# its actor (None: any; 0 cross-validated: a subject further away comes from the clause's structure,
# participants.clause_subject, not from being the nearest name)
NOUN_LEFT_GAP: int | None = 0
PRONOUN_SUBJECTS = True  # a subject pronoun's antecedent takes part (issue 12, cross-validated)
STATEMENT_PLACE_BY_VERB = True  # a statement's place stands by its speech verb, not in what was said (blind reading, session 12)
_CONTRACTED = frozenset({"ins", "ans", "aufs", "zum", "zur", "vom", "beim", "into", "onto"})  # preposition + article



def lexicon_hits(ctx: ExtractionContext, sent: Sentence, stext: str) -> list[tuple[int, int, str, bool]]:
    """The lexicon's trigger matches in the sentence (``stext``, its text) as (start, end, type,
    is verb), in text offsets, before any filter; scanned once per sentence (the rule filters and
    the learned tagger's features both read them, :attr:`ExtractionContext.lexicon_hits`)."""
    if ctx.lexicon_hits is not None and ctx.lexicon_hits[0] == sent.start:
        return ctx.lexicon_hits[1]
    lex = ctx.lex
    out = []
    for m in lex.trigger_re.finditer(stext):
        gname = m.lastgroup
        if gname is None:
            continue
        if gname == "compound":
            tname = next((t for t, rx in lex.compound_types if rx.fullmatch(m.group())), "")
            if not tname:
                continue
            is_verb = False
        else:
            tname, is_verb = lex.group_type[gname]
        out.append((sent.start + m.start(), sent.start + m.end(), tname, is_verb))
    ctx.lexicon_hits = (sent.start, out)
    return out

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
        ctx = ExtractionContext(text, lex, language, reference_date, ents, [e.start for e in ents],
                       sorted(times, key=lambda t: t.start), list(facts.values()))
        mentions: list[Mention] = []
        for sent in sentences:
            mentions.extend(self._sentence_mentions(ctx, sent))
        story_times(ctx, mentions)  # reference time for mentions without a time of their own
        tense_readings(ctx, mentions)  # past or perfect without a time: before the report date
        return self._finish(corefer(mentions, reference_date, self._linker(ctx)), mentions)

    def _linker(self, ctx: ExtractionContext) -> Linker | None:
        """A learned within-article coreference decision (subclasses); None: the rules decide."""
        return None

    def _finish(self, events: list[EventMention], mentions: list[Mention]) -> list[EventMention]:
        """Last step after coreference (subclasses revise the events here)."""
        return events

    # -- per sentence ------------------------------------------------------------------
    def _sentence_mentions(self, ctx: ExtractionContext, sent: Sentence) -> list[Mention]:
        text, lex = ctx.text, ctx.lex
        stext = text[sent.start:sent.end]
        if stext.lstrip()[:1] in QUOTE_OPEN and ctx.quote_speaker is None:
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
        found = self._find_triggers(ctx, sent, stext, breaks)
        ctx.triggers = [(m.trigger.start, m.trigger.end) for m in found]
        ctx.verb_triggers = {(m.trigger.start, m.trigger.end) for m in found if m.is_verb}
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
                key = complement_subject(ctx, men, sent.end)
                if key is not None and not any(key in o.participants for o in found if o is not men):
                    men.participants.setdefault(key, "subject")  # "X sagte, Y sei offen"
                men.about = [id(o) for o in found if o is not men and o.trigger.start >= men.clause[1]]
        if stext.rstrip().endswith(("\"", "“", "«", "»")) and in_quote:
            ctx.quote_speaker = None
        return found

    def _find_triggers(self, ctx: ExtractionContext, sent: Sentence, stext: str, breaks: list[int]) -> list[Mention]:
        """The sentence's event mentions (trigger, type, clause): lexicon matches the filters keep."""
        text, lex = ctx.text, ctx.lex
        found: list[Mention] = []
        for start, end, tname, is_verb in lexicon_hits(ctx, sent, stext):
            if inside_entity(ctx, start, end):
                continue
            i = bisect.bisect_right(breaks, start) - 1
            clause = (breaks[max(i, 0)], breaks[min(i + 1, len(breaks) - 1)])
            if tname == "ATTACK" and verbal_attack(ctx, start, end):
                tname, is_verb = "STATEMENT", True  # "Fox attacks Blair": criticism, not violence
            if not_an_event(ctx, tname, is_verb, start, end, clause):
                continue
            tname = retype_trigger(ctx, tname, is_verb, start, end, clause)
            found.append(Mention(tname, is_verb, Span(start=start, end=end, text=text[start:end]),
                                  sent.index, clause))
        found = drop_verb_objects(drop_light_verbs(drop_overlaps(found), text, ctx.language, lex.all_preps))
        return found

    def _fill(self, ctx: ExtractionContext, men: Mention, sent: Sentence, in_quote: bool) -> None:
        text, lex = ctx.text, ctx.lex
        c0, c1 = men.clause
        clause_text = text[c0:c1]
        left = text[max(c0, men.trigger.start - 40):men.trigger.start]
        ents = entities_in(ctx, c0, c1)
        named = [e for e in ents if not e.derived and e.label in ("PER", "ORG") and not is_source(ctx, e)]
        places = [e for e in ents if e.label == "LOC"]
        # "dieses Treffens" refers back; "das Treffen" does only when its clause names nobody
        men.anaphoric = not men.is_verb and (
            bool(lex.demonstrative_re.search(left)) or (bool(lex.anaphor_re.search(left)) and not named))
        men.medium = men.type == "STATEMENT" and not men.is_verb and bool(lex.medium_re.search(left))
        men.indefinite = not men.is_verb and not men.anaphoric and bool(lex.new_mention_re.search(left))
        men.definite = not men.is_verb and bool(lex.anaphor_re.search(left))
        men.sequence = not men.is_verb and bool(lex.sequence_re.search(left))
        men.casualty = men.is_verb and bool(lex.casualty_re.fullmatch(men.trigger.text))
        seq = lex.before_re.search(left)
        men.before_others = bool(seq) and not men.is_verb
        men.distance = men.before_others and bool(seq and lex.cue_res["sequence_distance"].search(left, 0, seq.start()))
        men.after_others = bool(lex.after_re.search(left)) and not men.is_verb
        # participants
        if men.type == "STATEMENT":
            parsed: list[str] = []
            if ctx.last_speaker and ctx.last_speaker_sentence == sent.index and re.search(
                    r"(?:,\s*|\b)having\s+(?:\w+\s+)?$", left):
                speaker = ctx.last_speaker  # "The Tories said …, having earlier criticised …"
            elif parsed := inverted_speakers(ctx, men, sent.start, sent.end):
                speaker = parsed[0]  # German: ", sagte der Sprecher der X", "Wie X berichtete,"
            else:
                speaker = find_speaker(ctx, men, named, in_quote)
                if parsed := parse_speakers(ctx, men, sent.start, sent.end, speaker):
                    speaker = parsed[0]  # English: the named subject in the dependency parse
            if speaker == "":
                speaker = None  # explicitly unnamed ("ein Sprecher", "hieß es")
            elif speaker is None and ctx.last_speaker and sent.index - ctx.last_speaker_sentence <= 2 and (
                    in_quote or re.search(r"[,\"“”»«:]\s*$", text[max(c0, men.trigger.start - 4):men.trigger.start])
                    or not NP_BEFORE.search(text, max(c0, men.trigger.start - 40), men.trigger.start)):
                # "…, sagte der Minister" continues the last speaker; "Palestinian officials said"
                # (a subject of its own) does not
                speaker = ctx.last_speaker
            if speaker:
                men.participants[speaker] = "speaker"
                ctx.last_speaker = speaker
                ctx.last_speaker_sentence = sent.index
                for key in parsed[1:]:
                    men.participants.setdefault(key, "speaker")  # "X and Y say" in the parse
                if COORDINATED_SPEAKERS and men.is_verb:
                    for key in coordinated_subjects(ctx, speaker, named, men.trigger.start, c0):
                        men.participants.setdefault(key, "speaker")  # "X und Y kritisierten"
            for key in outlets(ctx, men, sent.end):
                men.participants.setdefault(key, "participant")
            if ctx.language == "en":
                for key, role in parse_addressees(ctx, men, sent.start, sent.end):
                    men.participants.setdefault(key, role)  # "told the Herald", "wrote to X"
            addressee = re.match(r"(?:\s+[\w-]+){0,3}?\s+in\s+Richtung\s+", text[men.trigger.end:c1]) if speaker else None
            if addressee:
                # "appellierte sie in Richtung X": the addressee of an appeal or a reproach
                for key in coordinated_names(ctx, men.trigger.end + addressee.end(), c1):
                    men.participants.setdefault(key, "target")
            # the accused, rejected or described is a target also when the speaker is unnamed
            # ("Other parties have accused the X of …", "Das Militär drohte X")
            if lex.accuse_re is not None and lex.accuse_re.fullmatch(men.trigger.text):
                for key in accused_target(ctx, men) or pronoun_object(ctx, men, speaker):
                    men.participants.setdefault(key, "target")
            if lex.reject_re is not None and lex.reject_re.fullmatch(men.trigger.text):
                key = possessor_object(ctx, men)
                if key is not None:
                    men.participants.setdefault(key, "target")  # "lehnte Iglesias' Forderung ab"
            key = described_as(ctx, men)
            if key is not None:
                men.participants.setdefault(key, "target")  # "sprach von X als Leichtgewicht"
        else:
            # "Ein Anhänger der Miliz X hat …", "The leader of X was arrested": X is no actor
            members = member_attributes(ctx, named, men.trigger.start)
            named = [e for e in named if id(e) not in members]
            if men.type not in CONTACT_TYPES:
                # "X seien festgenommen worden, berichtete die Zeitschrift Y": the reporter of an
                # arrest, attack … is no party to it (a contact is often reported first-hand)
                named = [e for e in named if not reported_by(ctx, men, e)]
            said = speech_verb_before(ctx, men) if men.type not in CONTACT_TYPES else None
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
            between = after_word(text, men.trigger.end, c1, lex.between)
            with_pos = after_word(text, men.trigger.end, c1, lex.with_)
            if with_pos is None and not men.is_verb:
                # "Discussions have begun with X", "Gespräche wurden mit X geführt"
                aux = AUX_WITH.match(text, men.trigger.end, c1)
                if aux and aux.group(1) in lex.with_:
                    with_pos = aux.end()
            owner = None if men.is_verb else genitive_owner(ctx, men.trigger.end, c1)
            if owner is not None:
                # "das Ministertreffen der OSZE", "the summit of the EU": the owner hosts it
                men.anaphoric = False
                oent = next((e for e in entities_in(ctx, men.trigger.end, c1) if e.key == owner), None)
                if men.type == "VISIT" and oent is not None and oent.label == "LOC":
                    # "a tour of Africa": the place toured is where the visit happens, no host
                    men.location = owner
                else:
                    men.participants[owner] = "host" if men.type in CONTACT_TYPES else "participant"
                if men.type not in CONTACT_TYPES and oent is not None:
                    # "die Annexion der Krim durch Russland", "the release of X by Y": the agent
                    # after the owner acts; the owner is what it happens to
                    pos = after_word(text, oent.end, c1, lex.agent_preps)
                    agents = coordinated_names(ctx, pos, c1, ("PER", "ORG", "LOC")) if pos is not None and len(text[oent.end:pos].split()) == 1 else []
                    if agents:
                        men.participants[owner] = "subject"
                        for key in agents:
                            men.participants.setdefault(key, "participant")
                # "Militärmanöver der USA mit Südkorea": the owner's partners take part too
                oend = oent.end if oent is not None else None
                partner = after_word(text, oend, c1, lex.with_) if oend is not None else None
                if partner is not None and len(text[oend:partner].split()) == 1:
                    for key in coordinated_names(ctx, partner, c1, ("PER", "ORG", "LOC")):
                        men.participants.setdefault(key, "participant")
                if men.type in CONTACT_TYPES and not lex.circumstance_re.search(left):
                    # "X hält sich zu einem Gipfeltreffen der AU auf": the person attends
                    subj = [e for e in named if e.label == "PER" and e.end <= men.trigger.start
                            and not possessor_of(ctx, e) and not preceded_by(text, e.start, lex.all_preps)
                            and not speech_verb_in(ctx, e.end, men.trigger.start)]
                    if subj:
                        men.participants.setdefault(subj[-1].key, "participant")
            if between is not None:
                for key in coordinated_names(ctx, between, c1):
                    men.participants.setdefault(key, "participant")
                for key in role_nominals(ctx, between, min(c1, between + 60)):
                    men.participants.setdefault(key, "participant")
            elif with_pos is not None and men.type in CONTACT_TYPES:
                partners = coordinated_names(ctx, with_pos, c1)
                first = next((e for e in entities_in(ctx, with_pos, c1) if not e.derived), None)
                if not partners or first is not None and first.label == "LOC" and first.key not in partners:
                    # "talks with Ankara", "Gespräche mit Russland": a country as the partner
                    partners = [k for k in coordinated_names(ctx, with_pos, c1, ("LOC",))
                                if not any(e.key == k and located(ctx, e.start) for e in ents)] or partners
                for key in partners:
                    men.participants.setdefault(key, "participant")
                subj = [e for e in named if e.key not in partners and e.label == "PER"
                        and not preceded_by(text, e.start, lex.non_subject_preps)]
                if not subj and (cs := clause_subject(ctx, men, sent.start, sent.end)) is not None and cs.key not in partners:
                    subj = [cs]  # "Die Partei X hat Verhandlungen mit Y aufgenommen"
                if subj:
                    best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                    men.participants.setdefault(best.key, "participant")
                else:
                    key = pronoun_subject(ctx, c0, c1, in_quote)
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
                elif men.is_verb or men.type in CONTACT_TYPES or men.type == "PRESS_CONFERENCE":
                    antecedent = (relative_antecedent(ctx, c0) or resumed_subject(ctx, c0)) if men.is_verb else None
                    if antecedent is not None:
                        men.participants[antecedent] = "participant"  # "X, who had resigned"
                    head = participle_head(ctx, men, named) if men.is_verb else None
                    if head is not None:
                        # "aid worker Margaret Hassan, kidnapped in Iraq": a reduced relative clause
                        # is about the name it follows
                        men.participants[head] = "target" if men.type in ("ATTACK", "CRIME", "SANCTION") else "participant"
                    for e in named if head is None else ():
                        if possessor_of(ctx, e) and len(text[e.end:men.trigger.start].split()) > 1:
                            continue  # the possessor of another noun ("George W Bush's policies")
                        if lex.topic_re.search(text, max(c0, e.start - 40), e.start):
                            continue  # what it is about: "met X to talk about Turkey", "nach Berichten über X"
                        comma = text.rfind(",", men.trigger.end, e.start)
                        if not men.is_verb and comma >= 0 and not speech_verb_in(ctx, comma, min(e.start, comma + 12)):
                            # "Following the meeting on X, the government offered … Y": another
                            # phrase; "ein Gespräch gegeben, sagte X" reports it first-hand
                            continue
                        men.participants.setdefault(e.key, "participant")
                    for key in role_nominals(ctx, c0, c1):
                        men.participants.setdefault(key, "participant")
                else:
                    # a noun names its actors in attached phrases: "Anschlag auf X", "Sanktionen gegen X"
                    for role, words in (("participant", lex.agent_preps), ("target", lex.target_preps)):
                        pos = after_word(text, men.trigger.end, c1, words)
                        if pos is not None:
                            # "Verfahren gegen Polen", "sanctions against Russia": a country is the
                            # target (not as the agent: "Angriffe von Syrien aus")
                            first = next((e for e in entities_in(ctx, pos, c1) if not e.derived), None)
                            labels = ("PER", "ORG", "LOC") if role == "target" and first is not None and re.fullmatch(
                                r"\s*(?:(?:de[nmr]|die|das|the)\s+)?", text[pos:first.start]) else ("PER", "ORG")
                            for key in coordinated_names(ctx, pos, c1, labels):
                                men.participants.setdefault(key, role)
                    fronted = re.match(r"\W*(\w+)\s+", text[c0:men.trigger.start])
                    if not men.participants and fronted and fronted.group(1).lower() in lex.target_preps:
                        # "Gegen die HDP-Politikerin sind Ermittlungen eingeleitet worden"
                        pos = c0 + fronted.end()
                        keys = coordinated_names(ctx, pos, men.trigger.start)
                        # (singular only: "den Minister", "die Ministerin", "the minister")
                        nominal = re.match(r"(den|die|the)\s+([\w-]+)\s", text[pos:men.trigger.start], re.IGNORECASE)
                        if not keys and nominal and title_word(ctx, nominal.group(2)) and (
                                nominal.group(2).endswith("in") if nominal.group(1) == "die"
                                else not nominal.group(2).endswith(("n", "s"))):
                            keys = [k for k in [recent_person(ctx, c0)] if k]
                        for key in keys:
                            men.participants.setdefault(key, "target")
                    if all(r == "target" for r in men.participants.values()) and men.type not in NO_ACTOR_FALLBACK:
                        # else the clause's subject-like name nearest to the noun; "X said Y was
                        # offered after the massacre", "X protestierte nach dem Anschlag": a noun in
                        # a time phrase is the setting of the clause, whose subject is no actor of it
                        circ = lex.circumstance_re.search(left)
                        lo = men.trigger.start - len(left) + circ.start() if circ else c0
                        subj = [e for e in named if (lo <= e.start and e.end <= men.trigger.start and (
                                    NOUN_LEFT_GAP is None or len(text[e.end:men.trigger.start].split()) <= NOUN_LEFT_GAP)
                                or e.start >= men.trigger.end and len(text[men.trigger.end:e.start].split()) <= 3)
                                and not preceded_by(text, e.start, lex.non_subject_preps)
                                and (not possessor_of(ctx, e) or governed_genitive(ctx, men, e))
                                and not lex.topic_re.search(text, max(c0, e.start - 40), e.start)
                                and (not men.participants or e.end <= men.trigger.start and e.key not in men.participants)]
                        if not subj and (cs := clause_subject(ctx, men, sent.start, sent.end)) is not None \
                                and cs.key not in men.participants:
                            subj = [cs]  # "Nordland hatte im Januar seinen Atomtest bekanntgegeben"
                        if not subj:
                            # "Canada has begun its own moratorium": a country as the subject
                            subj = [e for e in places if not e.derived and e.end < men.trigger.start
                                    and not located(ctx, e.start) and not genitive_form(e)
                                    and not text[e.end:e.end + 2] in ("'s", "’s") and text[e.start - 1:e.start] != "-"
                                    and not preceded_by(text, e.start, lex.all_preps)
                                    and 1 < len(text[e.end:men.trigger.start].split()) <= 5
                                    and not set(text[e.end:men.trigger.start].lower().split()) & lex.all_preps
                                    and e.key not in men.participants]
                        if subj:
                            best = min(subj, key=lambda e: abs(e.start - men.trigger.start))
                            men.participants[best.key] = "participant"
                            if best.end <= men.trigger.start:
                                # "X, Y and Z all face charges": the whole coordinated subject
                                for key in coordinated_before(ctx, best, named):
                                    men.participants.setdefault(key, "participant")
                    if POSSESSOR_OF_NOUN and not men.participants:
                        # "X's resignation", "Ys Tod": the possessor of the event noun is whom it
                        # happens to (only lower-case attributes between: "X's planned visit")
                        poss = [e for e in ents if not e.derived and e.label in ("PER", "ORG") and e.end <= men.trigger.start
                                and possessor_of(ctx, e) and _POSSESSED.fullmatch(text, e.end, men.trigger.start)]
                        if poss:
                            men.participants[poss[-1].key] = "subject"
                if men.type in CONTACT_TYPES and len(men.participants) == 1:
                    key = pronoun_subject(ctx, c0, c1, in_quote)
                    if PRONOUN_SUBJECTS and not (key and key.startswith("per:")):
                        # "where he met X": the pronoun subject's antecedent meets X
                        pron = subject_pronoun(ctx, men)
                        key = (pronoun_antecedent(ctx, men, pron) if pron else None) or key
                    if key:
                        men.participants.setdefault(key, "participant")
                if PRONOUN_SUBJECTS and not men.participants and (men.is_verb or men.type in CONTACT_TYPES
                                                                   or men.type == "PRESS_CONFERENCE"):
                    # "Later he will visit …", "Am Sonntag startete er … mit einer Pressekonferenz"
                    pron = subject_pronoun(ctx, men)
                    key = pronoun_antecedent(ctx, men, pron) if pron else None
                    if key:
                        men.participants[key] = "speaker" if men.type == "PRESS_CONFERENCE" else "participant"
                if not men.participants or men.type in CONTACT_TYPES:
                    # "his resignation", "bei seinem Besuch in X": whose event the possessive names
                    key = possessive_antecedent(ctx, men)
                    if key and key not in men.participants:
                        men.participants[key] = "participant" if men.type in CONTACT_TYPES else "subject"
                if not men.participants and men.is_verb:
                    # "Er war zurückgekehrt", "He quit the government": the pronoun's antecedent
                    first = re.match(r"\W*(\w+)", text[c0:men.trigger.start])
                    # "Der Senator aus Florida zog sich zurück": a title as the subject
                    # (singular only: "Der Senator", "Die Ministerin", "The senator")
                    nominal = re.match(r"\W*(Der|Die|The)\s+([\w-]+)(?:\s+([\w-]+))?", text[c0:men.trigger.start])
                    if first and first.group(1) in lex.speech_pronouns or nominal and any(
                            w and title_word(ctx, w) and (nominal.group(1) == "Der" or w.endswith("in") if ctx.language == "de"
                                                           else not w.endswith("s"))
                            for w in nominal.groups()[1:]):
                        antecedent = recent_person(ctx, c0) or ctx.last_speaker
                        if antecedent:
                            men.participants[antecedent] = "participant"
                if not men.participants and men.is_verb:
                    for e in places:
                        if not e.derived and not located(ctx, e.start) and not (
                                possessor_of(ctx, e) and len(text[e.end:men.trigger.start].split()) > 1):
                            men.participants.setdefault(e.key, "participant")
            if men.type == "AGREEMENT":
                # "das Atomabkommen mit dem Iran", "signed a debt relief deal with Tanzania":
                # the partner named after "with" is a party (a country too)
                pos = with_pos
                if pos is None and men.is_verb and ctx.language == "en":
                    m = re.match(rf"(?:\s+[\w-]+){{1,5}}?\s+(?:{'|'.join(map(re.escape, lex.with_))})\s", text[men.trigger.end:c1])
                    pos = men.trigger.end + m.end() if m else None
                for key in coordinated_names(ctx, pos, c1, ("PER", "ORG", "LOC")) if pos is not None else ():
                    men.participants.setdefault(key, "participant")
            if men.type == "SANCTION":
                # "imposed its arms ban on China", "Sanktionen der EU gegen Russland": the party
                # sanctioned follows the act and its object
                on = re.match(rf"\s+(?:[\w'’-]+\s+){{0,4}}?(?:{'|'.join(lex.target_preps)})\s", text[men.trigger.end:c1])
                pos, lim = (men.trigger.end + on.end(), c1) if on else (None, None)
                if on is None and men.is_verb and ctx.language == "de":
                    # verb-final: "die Strafmaßnahmen gegen Nordkorea verhängte"
                    against = list(re.finditer(rf"\b{lex.target_preps[0]}\s", text[c0:men.trigger.start]))
                    pos, lim = (c0 + against[-1].end(), men.trigger.start) if against else (None, None)
                first = next((e for e in entities_in(ctx, pos, lim) if not e.derived), None) if pos is not None else None
                if first is not None and not set(text[pos:first.start].lower().split()) & (lex.all_preps | _CONTRACTED):
                    # (not "gegen EU-Politiker ins Außenministerium")
                    for key in coordinated_names(ctx, pos, lim, ("PER", "ORG", "LOC")):
                        men.participants[key] = "target"
            # "BNP leader Nick Griffin", "Labour MP Jack Cunningham": the organisation only
            # qualifies the person, who is the actor
            for e in ents:
                if e.key in men.participants and e.label in ("ORG", "LOC") and not e.derived:
                    person = qualified_person(ctx, e, c1)
                    if person is not None and not any(
                            o.key == e.key and o is not e and not o.derived and qualified_person(ctx, o, c1) is None
                            for o in ents):
                        role = men.participants.pop(e.key)
                        men.participants.setdefault(person, role)
            here = {e.key for e in entities_in(ctx, sent.start, sent.end)} if ctx.language == "en" and men.participants else set()
            if here & men.participants.keys() and (args := parse_arguments(ctx, men, sent.start, sent.end)):
                # a name of the sentence that the parse does not make an argument of the verb takes
                # no part ("X, who met Y, resigned": not Y); names from elsewhere (antecedents) stay
                # (parsed only when a participant is named in the sentence)
                men.participants = {k: r for k, r in men.participants.items() if k in args or k not in here}
        # location; a speech act's place and time sit by its verb, not in what was said
        speech = (max(c0, text.rfind(",", c0, men.trigger.start) + 1), speech_end(ctx, men.trigger.end, c1)) \
            if men.type == "STATEMENT" else None
        for e in places:
            if speech is not None and STATEMENT_PLACE_BY_VERB and not speech[0] <= e.start < speech[1]:
                continue  # "X said the bridge in Y is unsafe": Y is what was said about
            if not e.derived and e.key not in men.participants and located(ctx, e.start):
                men.location = e.key
                break
        # time
        if speech is not None:
            men.time = clause_time(ctx, speech[0], speech[1], men.trigger.start, men.trigger.end)
        else:
            men.time = clause_time(ctx, c0, c1, men.trigger.start, men.trigger.end)
            if men.time is None and not men.is_verb and RELATIVE_AFTER.match(text, c1):
                # "her visit to Kyiv, which had been planned for 18 March": the relative clause
                # right after the noun dates it
                men.time = clause_time(ctx, c1, min(sent.end, c1 + 90), c1)
        men.status = clause_status(ctx, men, clause_text)
        if men.type == "STATEMENT":
            men.earlier = bool(lex.earlier_re.search(text, max(c0, men.trigger.start - 40), min(c1, men.trigger.end + 40)))
