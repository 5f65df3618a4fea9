"""Who takes part in an event mention: speakers, targets, partners, hosts, resolved pronouns and titles."""

from __future__ import annotations

import bisect
from functools import lru_cache
import re

from graphbuilder.extract.entities import cue_of
from graphbuilder.models import EntityMention, RoleFact
from graphbuilder.extract.events.common import (
    APPOSED,
    ARTICLES,
    ATTRIBUTES,
    ExtractionContext,
    Mention,
    NP_BEFORE,
)

def inside_entity(ctx: ExtractionContext, start: int, end: int) -> bool:
    i = bisect.bisect_right(ctx.starts, start) - 1
    while i >= 0 and i >= bisect.bisect_right(ctx.starts, start) - 3:
        e = ctx.entities[i]
        if e.start <= start and end <= e.end and not e.derived:
            return True
        i -= 1
    return False


def entities_in(ctx: ExtractionContext, start: int, end: int) -> list[EntityMention]:
    lo = bisect.bisect_left(ctx.starts, start)
    hi = bisect.bisect_left(ctx.starts, end)
    return [e for e in ctx.entities[lo:hi] if e.end <= end and e.key]


def after_word(text: str, pos: int, limit: int, words: tuple[str, ...]) -> int | None:
    """Offset just after one of ``words`` when it follows ``pos`` (within a word or two)."""
    window = text[pos:min(limit, pos + 25)]
    for w in words:
        m = re.match(rf"\s+(?:\w+\s+)?{re.escape(w)}\s", window)
        if m:
            return pos + m.end()
    return None


AUX_WITH = re.compile(r"\s+(?:has|have|had|is|are|was|were|will|would|hat|haben|hatte|hatten|wird|werden|wurden?|sind|ist)"
                       r"\s+(?:\w+\s+)?(\w+)\s")
_COORD = re.compile(r"^(?=\s*(?:,|und\b|and\b|sowie\b|as well as\b|&))\s*(?:,\s*)?(?:und|and|sowie|as well as|&)?\s*(?:(?:de[rmns]|die|das|the|his|her|their|sein\w*|ihr\w*)\s+)?"
                    r"(?:[\w-]+\s+){0,3}?(?:[\w-]+,\s*)?$")


def coordinated_names(ctx: ExtractionContext, pos: int, limit: int, labels: tuple[str, ...] = ("PER", "ORG")) -> list[str]:
    """Keys of the first named entity after ``pos`` and those coordinated with it ("X und Y")."""
    ents = [e for e in entities_in(ctx, pos, limit) if not e.derived and e.label in labels]
    if not ents or len(ctx.text[pos:ents[0].start].split()) > 4:
        return []
    out = [ents[0].key]
    for prev, nxt in zip(ents, ents[1:]):
        if not _COORD.match(ctx.text[prev.end:nxt.start]):
            break
        out.append(nxt.key)
    return list(dict.fromkeys(out))


def genitive_owner(ctx: ExtractionContext, pos: int, limit: int) -> str | None:
    """Key of an organisation or place named right after a noun trigger in the genitive."""
    m = ctx.lex.genitive_re.match(ctx.text, pos, limit)
    if not m:
        return None
    ents = entities_in(ctx, m.end(), min(limit, m.end() + 80))
    for i, e in enumerate(ents):
        # "des Europarats", "der islamisch-konservativen AKP" (lower-case attributes between)
        if not e.derived and e.label in ("ORG", "LOC") and (ATTRIBUTES.fullmatch(ctx.text, m.end(), e.start)
                                                             or APPOSED.fullmatch(ctx.text, m.end(), e.start)):
            if e.label == "LOC":
                # "a meeting of Suffolk Coastal UKIP members": the place only locates the party
                org = next((o for o in ents[i + 1:] if o.start >= e.end and not o.derived), None)
                if org is not None and org.label == "ORG" and re.fullmatch(r"(?:\s+[A-ZÄÖÜ][\w-]*)?\s+", ctx.text[e.end:org.start]):
                    return org.key
            return e.key
    return None


def qualified_person(ctx: ExtractionContext, e: EntityMention, limit: int) -> str | None:
    """The person an organisation or place qualifies through a title right before the name
    ("BNP leader Nick Griffin", "Labour MP and former Cabinet minister Jack Cunningham",
    "Jemens Präsident Hadi"), else None."""
    text, lex = ctx.text, ctx.lex
    for p in entities_in(ctx, e.end, min(limit, e.end + 80)):
        if p.label != "PER" or p.derived or p.nested or p.start < e.end:
            continue
        gap = text[e.end:p.start]
        gap = gap[2:] if gap.startswith(("'s ", "’s ")) else gap
        words = gap.split()
        if not words or len(words) > 6 or not gap[:1].isspace() and gap[:1] not in "'’" \
                or not re.fullmatch(r"[\s\w-]*", gap):
            return None
        if not title_word(ctx, words[-1]):
            return None
        for w in words[:-1]:
            if not (title_word(ctx, w) or lex.title_modifier_re.fullmatch(w)
                    or ctx.language == "en" and w[:1].isupper()):
                return None
        return p.key
    return None


_MEMBER_OF = {
    "de": re.compile(r"(?<![\w-])([A-ZÄÖÜ][\w-]*)\s+(?:der|des)\s+(?:[a-zäöüß][\w-]*\s+){0,2}(?:[A-ZÄÖÜ][\w-]*\s+)?$"),
    "en": re.compile(r"(?<![\w-])([a-z][\w-]*)\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?$"),
}


def member_attributes(ctx: ExtractionContext, named: list[EntityMention], before: int) -> set[int]:
    """Ids of organisations named before ``before`` only as the group of a person denoted by a
    title or member noun ("Ein Anhänger der Jihadistenmiliz X", "the leader of X"), and
    their bracketed abbreviations."""
    rx = _MEMBER_OF.get(ctx.language, _MEMBER_OF["en"])
    out: set[int] = set()
    prev: EntityMention | None = None
    for e in named:
        if e.label == "ORG" and e.end <= before:
            m = rx.search(ctx.text, max(0, e.start - 60), e.start)
            if m and title_word(ctx, m.group(1)):
                out.add(id(e))
            elif prev is not None and id(prev) in out and re.fullmatch(r"\s*\(\s*", ctx.text[prev.end:e.start]):
                out.add(id(e))  # "Islamischer Staat (IS)"
        prev = e
    return out


def coordinated_before(ctx: ExtractionContext, e: EntityMention, named: list[EntityMention]) -> list[str]:
    """Keys of the names coordinated before ``e`` ("X, Y und Z"), passing over an organisation
    in a title ("Railtrack managers Alistair Cook, Sean Fugill and Keith Lea")."""
    out: list[str] = []
    before = [o for o in named if o.end <= e.start]
    cur_start, cur_key = e.start, e.key
    for q in reversed(before):
        if q.end > cur_start:
            continue
        gap = ctx.text[q.end:cur_start]
        if q.label == "ORG" and qualified_person(ctx, q, cur_start + 200) == cur_key:
            cur_start = q.start  # the organisation belongs to the current name's phrase
            continue
        if not re.fullmatch(r"\s*(?:,\s*|,?\s*(?:and|und|sowie|&)\s+)", gap):
            break
        out.append(q.key)
        cur_start, cur_key = q.start, q.key
    return out




def coordinated_subjects(ctx: ExtractionContext, key: str, named: list[EntityMention], trigger_start: int,
                         lo: int) -> list[str]:
    """Keys of the names coordinated with the subject ``key`` of a speech verb ("X und Y
    kritisierten", "X, Y and Z say", "the X and the Y said"): the chain of names joined only by
    commas and conjunctions around the subject's last mention before the verb. Nothing when the
    chain is not followed by the verb (at most four words between: auxiliaries, adverbs) or is
    governed by a preposition."""
    text = ctx.text
    before = [e for e in named if lo <= e.start and e.end <= trigger_start]
    idx = next((i for i in range(len(before) - 1, -1, -1) if before[i].key == key), None)
    if idx is None:
        return []
    lo_i = hi_i = idx
    while lo_i > 0 and ctx.lex.subject_coord_re.fullmatch(text, before[lo_i - 1].end, before[lo_i].start):
        lo_i -= 1
    while hi_i + 1 < len(before) and ctx.lex.subject_coord_re.fullmatch(text, before[hi_i].end, before[hi_i + 1].start):
        hi_i += 1
    if lo_i == hi_i:
        return []
    chain = before[lo_i:hi_i + 1]
    tail = text[chain[-1].end:trigger_start]
    if len(re.findall(r"\w+", tail)) > 4 or re.search(r"[,;:\"“”„«»()]", tail):
        return []  # "X and Y, who …, said": not a plain coordinated subject
    if preceded_by(text, chain[0].start, ctx.lex.all_preps) or any(possessor_of(ctx, e) for e in chain):
        return []
    # a chain that is the end of a list after a verb ("… met X and Y said"): the first name opens
    # the clause or follows only adverbs and articles
    lead = text[lo:chain[0].start]
    if len(re.findall(r"\w+", lead)) > 3 and not re.search(r"[,;:]\s*(?:\w+\s+){0,2}$", lead) \
            or any(e.end <= chain[0].start for e in before[:lo_i]):
        return []
    return [e.key for e in chain if e.key != key]


def participle_head(ctx: ExtractionContext, men: Mention, named: list[EntityMention]) -> str | None:
    """The name a participle trigger follows after a comma ("Margaret Hassan, kidnapped in
    Iraq", "Karl Adler, am Montag festgenommen"), else None."""
    if not re.fullmatch(r"\w+(?:ed|en|t)", men.trigger.text.split()[0]):
        return None
    prev = [e for e in named if e.end <= men.trigger.start]
    if prev and re.fullmatch(r",\s*(?:(?:am|im|on|in|last)\s+\w+\s+)?", ctx.text[prev[-1].end:men.trigger.start]):
        return prev[-1].key
    return None


def reported_by(ctx: ExtractionContext, men: Mention, e: EntityMention) -> bool:
    """``e`` is named in an inverted reporting clause after the trigger (", berichtete X",
    ", said X", ", X said")."""
    if e.start < men.trigger.end:
        return False
    comma = ctx.text.rfind(",", men.trigger.end, e.start)
    return comma >= 0 and (speech_verb_in(ctx, comma, min(e.start, comma + 15))
                           or speech_verb_in(ctx, e.end, min(men.clause[1], e.end + 12)))


def speech_verb_before(ctx: ExtractionContext, men: Mention) -> int | None:
    """End of the last statement verb between the clause start and the trigger, else None."""
    end = None
    for m in ctx.lex.trigger_re.finditer(ctx.text, men.clause[0], men.trigger.start):
        if m.lastgroup and ctx.lex.group_type.get(m.lastgroup) == ("STATEMENT", True):
            end = m.end()
    return end


def speech_verb_in(ctx: ExtractionContext, start: int, end: int) -> bool:
    """A statement verb between ``start`` and ``end`` ("X kritisierte das Treffen …")."""
    for m in ctx.lex.trigger_re.finditer(ctx.text, start, end):
        if m.lastgroup and ctx.lex.group_type.get(m.lastgroup) == ("STATEMENT", True):
            return True
    return False


def title_word(ctx: ExtractionContext, word: str) -> bool:
    return bool(ctx.lex.person_title_re.fullmatch(word)) or cue_of(word, ctx.language)[1] is not None


def is_source(ctx: ExtractionContext, e: EntityMention) -> bool:
    """A cited source, not an actor: "der Zeitung X zufolge", "laut X", "according to X"."""
    lex = ctx.lex
    return bool(lex.source_after_re.match(ctx.text, e.end) or lex.source_before_re.search(ctx.text, max(0, e.start - 40), e.start))


def located(ctx: ExtractionContext, pos: int) -> bool:
    """A place governed by a locative preposition, possibly through a short noun phrase:
    "in Kiew", "in der ukrainischen Hauptstadt Kiew", "im Südosten der Türkei"."""
    return bool(ctx.lex.located_re.search(ctx.text, max(0, pos - 50), pos))


def preceded_by(text: str, pos: int, words: frozenset[str]) -> bool:
    m = re.search(r"(\w+)\s+(?:(?:de[rmns]|die|das|the)\s+)?$", text[max(0, pos - 20):pos])
    return bool(m and m.group(1).lower() in words)


NOUN_AGENT = True  # a statement noun's speaker is the name after "by"/"from"/"von" ("a call by X")
AFFILIATION_OF_PERSON = True  # an organisation in "PERSON of/from ORG" is the person's affiliation, no speaker


def _affiliation_of(ctx: ExtractionContext, e: EntityMention, lo: int) -> bool:
    """An organisation attached to the person named right before it by "of"/"from"/"von"."""
    prev = [o for o in entities_in(ctx, max(lo, e.start - 80), e.start) if o.end <= e.start]
    return bool(prev) and prev[-1].label == "PER" and not prev[-1].derived \
        and bool(ctx.lex.affiliation_re.fullmatch(ctx.text, prev[-1].end, e.start))


def find_speaker(ctx: ExtractionContext, men: Mention, named: list[EntityMention], in_quote: bool) -> str | None:
    """The speaker of a statement: the nearest subject-like person (or org), pronoun or role noun.

    Entities governed by a preposition such as "mit"/"with" are not speakers; a pronoun next
    to the verb ("Er erklärte", "he said") refers to the last speaker."""
    text = ctx.text
    cands: list[tuple[int, str]] = []
    lo, hi = men.clause
    if ctx.lex.impersonal_re.search(text, max(lo, men.trigger.start - 20), men.trigger.end):
        # "hieß es", "it has been announced": nobody named, unless a source phrase names the
        # one who speaks ("hieß es in einer Erklärung der X", "heißt es seitens der Y")
        return impersonal_source(ctx, men) or ""
    if NOUN_AGENT and not men.is_verb:
        agent = ctx.lex.cue_res["noun_agent"].match(text, men.trigger.end, hi)
        key = _source_name(ctx, agent.end(), min(hi, agent.end() + 80)) if agent is not None else None
        if key is not None:
            return key  # "a call by former minister X", "the next speech from X", "die Forderung von X"
    if not men.is_verb:
        owner = ctx.lex.genitive_re.match(text, men.trigger.end, hi)
        if owner and not any(e.start < owner.end() + 60 for e in entities_in(ctx, owner.end(), hi)) \
                and re.match(r"(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜa-z][\w-]*", text[owner.end():hi]):
            return ""  # "die Mitteilung der Behörden": an unnamed owner speaks
    after_quote = re.search(r"[,\"“”»«]\s*$", text[max(0, men.trigger.start - 5):men.trigger.start])
    described = description_speaker(ctx, men, bool(after_quote))
    if described is not None:
        return described  # "the home secretary said", "sagte der Landeschef": the person referred to
    antecedent = relative_antecedent(ctx, lo)
    if antecedent is not None:
        return antecedent  # "Lopatka, der … kritisiert hatte": the relative pronoun's antecedent
    appositive = _appositive_name(ctx, lo)
    if appositive is not None:
        return appositive  # "Der Vertreter der EU, der dänische Diplomat X, bedauerte"
    resumed = resumed_subject(ctx, lo) or _resumed_place(ctx, lo)
    if resumed is not None:
        cands.append((5, resumed))  # "Turkey, which occupies …, had insisted": the subject before
    apposed = _apposed_subject(ctx, men, named)
    if apposed is not None:
        cands.append((-1, apposed))  # "Brad Adams, from Human Rights Watch, said": not the org inside
    # inverted indefinite subject without a name: "sagte ein Polizeisprecher", "said a source"
    after_quote = re.search(r"[,\"“”»«]\s*$", text[max(0, men.trigger.start - 5):men.trigger.start])
    inverted = ctx.lex.inverted_np_re.match(text, men.trigger.end, hi) if after_quote else None
    if inverted:
        np_end = min(hi, inverted.end() + 80)
        comma = re.search(r"[,;:(]", text[inverted.end():np_end])
        np_end = inverted.end() + comma.start() if comma else np_end
        if not any(not e.derived and e.label in ("PER", "ORG") and not ctx.lex.outlet_re.search(text, max(lo, e.start - 40), e.start)
                   and not dative_medium(ctx, men, e)
                   for e in entities_in(ctx, inverted.start(), np_end)):  # "sagte eine Sprecherin zum STANDARD", "… dem WDR"
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
            and not entities_in(ctx, lo, men.trigger.start):
        # "The former teacher confirmed he …": the person the text is about
        described = _antecedent(ctx, men)
        if described is not None:
            cands.append((36, described))
    for e in entities_in(ctx, lo, hi):
        if e.derived or e.label not in ("PER", "ORG", "LOC"):
            continue
        # "Mr Blair's spokesman said", "Kerrys Sprecher", "a spokesman for X": the principal
        after = text[e.end:min(hi, e.end + 30)]
        before = text[max(lo, e.start - 30):e.start]
        if ((genitive_form(e) or e.label == "ORG") and ctx.lex.proxy_after_re.match(after)) \
                or ctx.lex.proxy_before_re.search(before):
            if e.start < men.trigger.start:
                cands.append((1, e.key))
                continue
        # passive agent right before the verb: "wurde von den Freiheitlichen dementiert"
        if e.end <= men.trigger.start and preceded_by(text, e.start, frozenset(ctx.lex.agent_preps)) \
                and len(re.findall(r"\w+", text[e.end:men.trigger.start])) <= 1 \
                and not (AFFILIATION_OF_PERSON and _affiliation_of(ctx, e, lo)):
            cands.append((1, e.key))
    for e in named + [p for p in entities_in(ctx, lo, hi) if p.label == "LOC" and not p.derived
                      and not is_source(ctx, p)]:
        if preceded_by(text, e.start, ctx.lex.non_subject_preps) or genitive_form(e):
            continue
        if ctx.language == "de" and _OBLIQUE_ARTICLE.search(text, max(lo, e.start - 30), e.start) \
                or text[max(lo, e.start - 2):e.start].strip().endswith("(") and any(
                    re.fullmatch(r"\s*\(\s*", text[o.end:e.start]) for o in entities_in(ctx, max(lo, e.start - 80), e.start)):
            continue  # "wie dem Islamischen Staat (IS)", "X (SPÖ)": no nominative subject, a bracketed alias
        if e.label == "ORG" and (ctx.lex.outlet_re.search(text, max(lo, e.start - 40), e.start)
                                 or dative_medium(ctx, men, e)):
            continue  # the medium of an interview, or the one addressed, is not its speaker
        if e.label == "ORG" and _org_of_person(ctx, e, hi) is not None:
            continue  # "BBC correspondent Stephen Cape said": the person speaks
        if AFFILIATION_OF_PERSON and e.label == "ORG" and _affiliation_of(ctx, e, lo):
            continue  # "X of the Y Alliance said", "X von der Y-Partei sagte": the person speaks
        right = e.start >= men.trigger.end
        if right and ctx.language == "en" and not re.search(r"[,\"“”:]\s*$", text[max(lo, men.trigger.start - 4):men.trigger.start]) \
                and re.match(r"\s+(?:was|were|is|are|had|has|have|would|will|could|should|must|might|may)\b", text[e.end:hi]):
            continue  # "said Nick Griffin was arrested": the subject of what was said
        if right and ctx.language == "en" and not re.search(r"[,\"“”:]\s*$", text[max(lo, men.trigger.start - 4):men.trigger.start]) \
                and (men.is_verb or NP_BEFORE.search(text, max(lo, men.trigger.start - 40), men.trigger.start)):
            # a verb's name after it speaks only in the quote inversion (", said X"): "We have offered
            # the Gurkhas", "warned the Blue Party that …" name an object, not the speaker
            continue
        gap = text[men.trigger.end:e.start] if right else text[e.end:men.trigger.start]
        words = len(re.findall(r"\w+", gap))
        # "X said" / "sagte X": adjacent names win; the subject side (left) breaks ties
        if e.label == "LOC":
            # a country or seat of government speaks only as the sentence-initial subject
            first = text[lo:e.start].strip(" \t\n\"„“«»–-").split() in ([], *ARTICLES)
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
        # a pronoun before the verb may continue the sentence's own subject ("X freute sich,
        # wenngleich auch er betonte"); after it ("…, sagte er") the opening is what was said
        antecedent = _antecedent(ctx, men, bool(pron and pron.group(1) in ctx.lex.speech_pronouns), pronoun=True)
        if antecedent:
            cands.append((2, antecedent))
    if in_quote and words & ctx.lex.first_person and ctx.quote_speaker:
        cands.append((2, ctx.quote_speaker))
    for key in role_nominals(ctx, *men.clause):
        cands.append((35, key))
    if cands:
        return min(cands)[1]
    return pronoun_subject(ctx, *men.clause, in_quote)


DESCRIBED_SPEAKERS = False  # (off: CV gain, not on the unseen sets; model card, session 10) a definite description of a person as a speech verb's subject names the person it refers to
PROXY_DESCRIPTIONS = True  # "the spokesman" also refers to an organisation that spoke last
DESCRIPTION_GAP = 3  # ... the last speaking person this many sentences back at most


def description_head(ctx: ExtractionContext, head: str) -> bool:
    """Whether ``head`` is a person noun that can head a description ("the chancellor", "der
    PiS-Vorsitzende", "die Botschafterin"): a title of the lexicon or the role gazetteer (German
    compounds by their head), or a listed person noun; English heads are written lower-case."""
    if ctx.language == "en" and not head[:1].islower() and head not in ("MP", "MEP"):
        return False
    return title_word(ctx, head) or bool(ctx.lex.cue_res["description_head"].fullmatch(head))


def description_speaker(ctx: ExtractionContext, men: Mention, after_quote: bool) -> str | None:
    """The speaker of a speech verb whose subject is a definite description of a person without a
    name ("The former party leader also criticised", "Turning to X, the home secretary said", "…,
    said the prime minister", "Der Minister rief … auf", "…, sagte der PiS-Vorsitzende"): the person
    last named with that title, else the antecedent of a pronoun subject (:func:`_antecedent`: the
    recent speaking person, the previous sentence's subject, the person named last); "" when there is
    none; None when the subject is no such description. Names inside the description ("The Tory
    leader", "the UN commissioner") are attributes, not the speaker; a possessor is a principal
    ("Mr X's spokesman": the proxy rules decide)."""
    if not DESCRIBED_SPEAKERS or not men.is_verb:
        return None
    text, (lo, hi) = ctx.text, men.clause
    m = ctx.lex.cue_res["description_left"].search(text[lo:men.trigger.start])
    base = lo
    if m is None and after_quote:
        m = ctx.lex.cue_res["description_right"].match(text[men.trigger.end:hi])
        base = men.trigger.end
    if m is None:
        return None
    head = m.group("head").rstrip(".")
    h0, h1 = base + m.start("head"), base + m.end("head")
    if ctx.lex.cue_res["description_org_head"].fullmatch(head):
        return _described_body(ctx, men, base + m.start(), h0, head)
    if not description_head(ctx, head) or any(e.start < h1 and h0 < e.end and not e.derived
                                              for e in entities_in(ctx, base + m.start(), min(hi, h1 + 30))):
        return None  # the head is (part of) a name: "the Liberal Democrats"
    after = entities_in(ctx, h1, min(hi, h1 + (4 if base == lo else 80)))
    if any(e.label == "PER" and not e.derived for e in after):
        return None  # "the party leader Y said", "sagte die Chefin der X, Y": a name in apposition
    if re.search(r"\w['’]s?\s", m.group("mods")):
        return None  # "Mr X's spokesman", "the families' lawyer": the possessor is the principal
    nominal = role_nominals(ctx, base + m.start(), h1)
    if len(nominal) == 1:
        return nominal[0]  # "der US-Außenminister": the one holder of the title
    titled, others = _title_holder(ctx, m.group("mods").split(), head, lo)
    if titled is not None:
        return titled
    # a spokesperson speaks for the organisation that spoke last as well ("the spokesman added")
    proxy = PROXY_DESCRIPTIONS and bool(ctx.lex.proxy_after_re.fullmatch(" " + head))
    if ctx.last_speaker and (proxy or ctx.last_speaker.startswith("per:")) and ctx.last_speaker not in others \
            and men.sentence - ctx.last_speaker_sentence <= DESCRIPTION_GAP:
        return ctx.last_speaker
    previous = _previous_subject(ctx, lo)
    return previous if previous is not None and previous not in others else ""


def _title_mods(ctx: ExtractionContext, words: list[str]) -> tuple[str, ...]:
    """The title modifiers ending a word list ("shadow home" of "the former shadow home secretary")."""
    out: list[str] = []
    for w in reversed(words):
        if not ctx.lex.title_modifier_re.fullmatch(w) or w.lower() == "and":
            break
        out.append(w.lower())
    return tuple(reversed(out))


def _title_holder(ctx: ExtractionContext, mods: list[str], head: str, pos: int) -> tuple[str | None, set[str]]:
    """The person last named before ``pos`` with the title of a description ("Home Secretary X" …
    "the home secretary"): the word before the name ends with the head, and the title modifiers
    before it ("home", "shadow", "deputy") are the description's own; and the persons named with the
    head under other modifiers (not the one referred to: "Shadow Home Secretary Y")."""
    want = _title_mods(ctx, mods)
    others: set[str] = set()
    i = bisect.bisect_left(ctx.starts, pos) - 1
    while i >= 0:
        e = ctx.entities[i]
        i -= 1
        if e.label != "PER" or not e.key or e.derived or e.end > pos:
            continue
        before = re.findall(r"[\w-]+", ctx.text[max(0, e.start - 60):e.start])
        if not before or not before[-1].lower().endswith(head.lower()) or ctx.text[e.start - 1:e.start] not in (" ", "\n"):
            continue
        if _title_mods(ctx, before[:-1]) == want:
            return e.key, others - {e.key}
        others.add(e.key)
    return None, others


def _described_body(ctx: ExtractionContext, men: Mention, np0: int, h0: int, head: str) -> str | None:
    """The organisation a description such as "the commission", "die Behörde", "the report" refers
    to: the organisation last named with that word ("the Electoral Commission" … "the commission",
    "die Gewerkschaft Nordbau" … "die Gewerkschaft"),
    else the last speaker when it is an organisation and recent; "" when none; None when the phrase
    names one itself ("the Tory party": the named rules decide)."""
    if any(not e.derived for e in entities_in(ctx, np0, h0 + len(head) + 30) if e.start < h0 + len(head)):
        return None
    low = head.lower()
    i = bisect.bisect_left(ctx.starts, np0) - 1
    while i >= 0:
        e = ctx.entities[i]
        i -= 1
        if e.label == "ORG" and e.key and not e.derived and e.end <= np0 \
                and any(w == low or w.endswith("-" + low) for w in (e.name or e.text).lower().split()):
            return e.key
    if ctx.last_speaker and not ctx.last_speaker.startswith("per:") \
            and men.sentence - ctx.last_speaker_sentence <= DESCRIPTION_GAP:
        return ctx.last_speaker
    return ""


WIDE_IMPERSONAL_SOURCE = True  # also "aus (dem Büro des) X", "vonseiten X", past "auf APA-Anfrage", and a fronted "Aus/Seitens X hieß es"


def impersonal_source(ctx: ExtractionContext, men: Mention) -> str | None:
    """The person or organisation named in the source phrase right after an impersonal speech
    verb ("hieß es in einer Erklärung der Gewerkschaft X", "heißt es seitens der Pressestelle
    des Y"; with :data:`WIDE_IMPERSONAL_SOURCE` also "hieß es auf Anfrage aus dem Büro von X" and
    before it: "Aus dem Ministerium von X hieß es"), else None. The phrases are the events pack's
    ``impersonal_*`` cues."""
    text, (c0, c1) = ctx.text, men.clause
    rx = ctx.lex.cue_res["impersonal_source_wide" if WIDE_IMPERSONAL_SOURCE else "impersonal_source"]
    m = rx.match(text, men.trigger.end, c1)
    if m is not None:
        return _source_name(ctx, m.end(), min(c1, m.end() + 80 if WIDE_IMPERSONAL_SOURCE else m.end() + 60))
    if WIDE_IMPERSONAL_SOURCE:
        # a fronted source opening the clause: "Aus dem Infrastrukturministerium von X hieß es"
        lead = re.match(r"[\s\"„“»«]*", text[c0:men.trigger.start])
        pos = c0 + (lead.end() if lead else 0)
        b = ctx.lex.cue_res["impersonal_before"].match(text, pos, men.trigger.start)
        if b is not None and not re.search(r"[,;:]", text[b.end():men.trigger.start]):
            return _source_name(ctx, b.end(), men.trigger.start, derived=True)
    return None


def _source_name(ctx: ExtractionContext, start: int, end: int, derived: bool = False) -> str | None:
    """The first person or organisation in ``[start, end)`` when only articles, adjectives and common
    nouns stand before it ("der Pressestelle des", "dem Büro des griechischen Premiers"); a person
    named later in the phrase goes first ("dem Ministerium von X (Partei)"); ``derived``: also a name
    in a compound ("UN-Kreisen")."""
    text = ctx.text
    names = []
    for e in entities_in(ctx, start, end):
        if e.label not in ("PER", "ORG") or e.derived and not (derived and text.startswith("-", e.end)):
            if WIDE_IMPERSONAL_SOURCE and e.label == "LOC" and not e.derived:
                break  # "hieß es aus Brüssel": a place, not a name further on
            continue
        gap = text[names[-1].end if names else start:e.start]
        limit = 6 if WIDE_IMPERSONAL_SOURCE else 3
        if not (re.fullmatch(rf"\s*(?:[\w-]+\s+){{0,{limit}}}", gap) if not names else re.fullmatch(r"\s+vo[nm]\s+", gap)) \
                or re.search(r"[,;:]", gap):
            break
        names.append(e)
        if not WIDE_IMPERSONAL_SOURCE:
            break
    if not names:
        return None
    return next((e.key for e in names if e.label == "PER"), names[0].key)


# an apposition (one or two comma-delimited phrases) between the subject and its speech verb;
# not a relative clause, a coordination or a clause of what was said
_APPOSITION = re.compile(r",\s+(?!(?:der|die|das|dem|den|dessen|deren|welche[rsnm]?|who|which|that|whose|and|or|but|und|oder|aber)\b)"
                         r"[^,;:\"“”„«»()]{3,90}?(?:,\s+(?!(?:und|and|or|oder)\b)[^,;:\"“”„«»()]{3,60}?)?,\s*$")


APPOSED_AUXILIARY = True  # ... and the apposition may close before an auxiliary or adverb ("X, the chief justice, had said")
APPOSED_AFTER_FRONTED = True  # the apposed subject may follow a fronted adverbial phrase and its comma
FRONTED_PP_NAMES = False  # (off: no CV change, session 12) ... also a fronted prepositional phrase naming someone ("In reply to X's remarks, Y, head of Z, said")


def _apposed_subject(ctx: ExtractionContext, men: Mention, named: list[EntityMention]) -> str | None:
    """The name opening a clause whose speech verb follows an apposition ("Shami Chakrabarti,
    director of pressure group Liberty, said", "Mr X, speaking at a news conference with Y,
    stressed", "Blanco-Gil, einst Diplomat, heute Dozent in Miami, rät"): the name speaks,
    not an organisation or person named inside the apposition."""
    text, (lo, hi) = ctx.text, men.clause
    if not men.is_verb:
        return None
    nxt = re.match(r"\s*(?:(?:\w+)\s+)?", text[men.trigger.end:hi])
    after = entities_in(ctx, men.trigger.end, men.trigger.end + (nxt.end() if nxt else 0) + 3)
    if any(not e.derived and e.label in ("PER", "ORG") for e in after):
        return None  # "…, said Mr X": an inverted subject
    if ctx.language == "de" and (ctx.lex.inverted_np_re.match(text, men.trigger.end, hi)
                                 or re.match(r"\s+(?:er|sie)\b", text[men.trigger.end:hi])):
        return None  # "…, sagte der Minister", "…, sagte er"
    for e in named:
        if e.end > men.trigger.start or e.label not in ("PER", "ORG"):
            continue
        lead = text[lo:e.start]
        first = re.match(r"\W*(\w+)", lead)
        fronted_pp = FRONTED_PP_NAMES and first is not None \
            and first.group(1).lower() in ctx.lex.all_preps  # "In reply to X's comments, Y, …"
        if APPOSED_AFTER_FRONTED and "," in lead and (fronted_pp or not entities_in(ctx, lo, e.start)) \
                and not speech_verb_in(ctx, lo, e.start):
            # a fronted adverbial phrase before the subject ("In reply to that, X, head of Y, said")
            lead = lead.rsplit(",", 1)[1]
        if "," in lead or len(lead.split()) > 6 or preceded_by(text, e.start, ctx.lex.all_preps) or possessor_of(ctx, e):
            continue
        end = men.trigger.start
        if APPOSED_AUXILIARY:
            aux = ctx.lex.cue_res["apposition_aux"].search(text, max(e.end, end - 20), end)
            if aux is not None and text[:aux.start()].rstrip().endswith(","):
                end = aux.start()  # "X, the chief justice, had said"
        m = _APPOSITION.match(text, e.end, end)
        inner = next((o for o in named if o.start > e.end), None)
        if inner is not None and inner.label == "PER" and not text[e.end:inner.start].strip(", "):
            return None  # "Chefredakteur der Zeitung X, Can Dündar, warnte": the name in apposition speaks
        if m and m.end() == end and not speech_verb_in(ctx, e.end, men.trigger.start):
            return e.key
        return None  # only the first name of the clause can be its apposed subject
    return None


# a person noun: an age ("der 73-Jährige"), a demonym or agent noun ("der Indonesier", "der
# Politiker"), a title ("der Landeschef", "der Diplomat") or its feminine form
_DESCRIPTION = re.compile(r"(?:[a-zäöüß][\w-]*\s+)?(?:\d+-[Jj]ährige[rn]?|(?![\w-]*(?:[Ss]precher|Sender)\b)"
                          r"[A-ZÄÖÜ][\w-]*(?:er|chef|ent|at|ist|eur|or|ant|in))(?=\s+[^\sA-ZÄÖÜ]|[.,;:])")
_AUX_SUBJECT = {
    True: re.compile(r"(?:^|,)\s*(?:hat|habe|hatte|hätte|haben|hatten|wird|werde|will|wolle|soll|solle|muss|müsse)\s+$"),
    False: re.compile(r"\s+(?:has|have|had|must|will|would|should|could|is|was)\b"),
}
# an English person description opening the clause: "The former teacher", "The prince, 20,"
_EN_DESCRIPTION = re.compile(r"\W*The\s+(?:[a-z][\w-]*\s+){0,2}(?!\w*(?:paper|caster)\b)[a-z][\w-]*(?:er|or|ist|ian|ant)"
                             r"(?:,\s*\d+,)?\s+(?:(?:has|had|also|later)\s+)?")
# a dative or genitive article before a name: "wie dem Islamischen Staat", "des Ministers X"
_OBLIQUE_ARTICLE = re.compile(r"\b(?:dem|den|des|einem|einen|eines)\s+(?:[a-zäöüß][\w-]*\s+)?$")
# a masculine subject right after the finite auxiliary ("Im Mai hatte der Indonesier … verkündet")
_AUX_DESCRIPTION = re.compile(r"\b(?:hat|hatte|habe|hätte|wird|wurde|will|wollte|soll|sollte)\s+der\s+(?![\w-]+in\b)")


def _described_person(ctx: ExtractionContext, pos: int, men: Mention) -> str | None:
    """The person behind a definite description without a name as the subject ("…, sagte der
    73-Jährige auf einem Kongress seiner Partei X", "kritisierte der Landeschef die …"; ``pos``
    is just after the article): the person last named with that title, else the antecedent of a
    pronoun (German only)."""
    if ctx.language != "de":
        return None
    text = ctx.text
    np = _DESCRIPTION.match(text, pos, men.clause[1])
    if np is None:
        return None
    rest = text[np.end():np.end() + 40]
    # a name in apposition ("der Minderheitsführer im Senat, Harry Reid") or a genitive/"von"
    # owner: the named rules decide
    if any(e.start < np.end() + 3 or e.label == "PER" and re.fullmatch(r"(?:\s+[\w-]+){0,3}\s*,\s*", text[np.end():e.start])
           for e in entities_in(ctx, pos, men.clause[1])) or re.match(r"\s+(?:de[rs]|von|vom)\s", rest):
        return None
    return _titled_person(ctx, np.group().split()[-1], men.clause[0]) or _antecedent(ctx, men)


def _titled_person(ctx: ExtractionContext, head: str, pos: int, window: int = 1500) -> str | None:
    """The person last named with the same title before ``pos`` ("Premier Renzi … meinte der
    Premier", "Außenminister X … erklärte der Minister")."""
    if len(head) < 4 or head[0].isdigit():
        return None
    i = bisect.bisect_left(ctx.starts, pos) - 1
    while i >= 0 and ctx.entities[i].start >= pos - window:
        e = ctx.entities[i]
        before = re.search(r"([\w-]+)\s+$", ctx.text[max(0, e.start - 40):e.start])
        if e.label == "PER" and e.key and not e.derived and before and before.group(1).lower().endswith(head.lower()):
            return e.key
        i -= 1
    return None


_COMPLEMENT = re.compile(r"(?:\s+[\w-]+){0,3}\s*,\s+(?:dass\s+)?(?:(?:der|die|das)\s+)?$")


def complement_subject(ctx: ExtractionContext, men: Mention, limit: int) -> str | None:
    """The named subject opening the reported clause of a German speech verb ("Baykal sagte,
    Erdogan sei offen", "bedauerte, dass Israel …"): what the statement is about. (English
    reports mostly name the agent of a reported event of its own: "said X was arrested".)"""
    if ctx.language != "de" or not men.is_verb or "speaker" not in men.participants.values():
        return None
    e = next(iter(entities_in(ctx, men.trigger.end, min(limit, men.trigger.end + 60))), None)
    if e is None or e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants \
            or genitive_form(e) or not _COMPLEMENT.fullmatch(ctx.text, men.trigger.end, e.start) \
            or not re.match(r"\s+[a-zäöüß]", ctx.text[e.end:e.end + 3]):
        return None
    return e.key


# the head word of a newspaper's name and the preposition placing a statement in it
# ("in the Daily Telegraph", "in der Wiener Zeitung", "im Kurier")
_NEWSPAPER = re.compile(r"(?:Times|Post|Telegraph|Guardian|Independent|Mail|Herald|Journal|Observer|Mirror|Express|Gazette"
                        r"|Tribune|Standard|STANDARD|Zeitung|Kurier|Presse|Nachrichten|Rundschau|Tagblatt|Tageblatt|Anzeiger)$")
_IN_MEDIUM = re.compile(r"(?:^|\s)(?:[Ii]n|[Ii]m)\s+(?:(?:the|der|dem)\s+)?$")


def _in_newspaper(ctx: ExtractionContext, men: Mention, e: EntityMention, speakers: list[EntityMention]) -> bool:
    """``e`` is a newspaper the statement appears in: before the verb, or right after the verb
    or its speaker ("sagte er im Kurier", "deponierte X im Kurier")."""
    text = ctx.text
    prep = _IN_MEDIUM.search(text, max(men.clause[0], e.start - 12), e.start)
    if prep is None or not _NEWSPAPER.search(e.text):
        return False
    if e.end <= men.trigger.start:
        return True
    heads = [men.trigger.end] + [s.end for s in speakers if men.trigger.end <= s.end <= prep.start()]
    return any(re.fullmatch(r"(?:\s+(?:er|sie|he|she))?\s*", text[h:prep.start()]) for h in heads)


DATIVE_MEDIUM = True  # a medium addressed in the dative takes part in a statement and never speaks
DATIVE_AFTER_PRONOUN = True  # ... also right after a pronoun subject ("sagte er der Zeitung X")
PROGRAMME_OUTLETS = True  # a medium whose programme a statement is made on or to takes part ("on X's Sunday show")
DATIVE_AFTER_SUBJECT = False  # (off: no CV change, session 12) ... also right after the verb when the prefield holds the subject ("Eine Sprecherin sagte der Zeitung X")
DATIVE_FRONTED = False  # (off: no CV change, session 12) ... and a fronted "Dem X" before the speech verb ("Dem Sender X sagte die Sprecherin")
MORE_OUTLET_CUES = True  # ... and one in a compound after "in der/einer/einem" ("in der ORF-Pressestunde"), a medium after "zur" ("sagte X zur APA")
OUTLET_COMPOUNDS = True  # a medium named in a compound with an inquiry or interview head takes part ("auf APA-Anfrage")


def dative_medium(ctx: ExtractionContext, men: Mention, e: EntityMention) -> bool:
    """An organisation the statement is given to in the dative ("sagte X dem Sender Y", "sagte X,
    Sprecher der Z, am Montag der Nachrichtenagentur Y", "hat der Zeitung Y bestätigt"): not
    governed by a preposition ("mit dem Sender Y"); "der" is dative only after the subject, a time
    or an adverb, not right after the verb ("sagte der Sender Y": the subject) nor after a common
    noun ("der Sprecher der Y": a genitive)."""
    if not DATIVE_MEDIUM or e.label != "ORG" or e.derived or not men.clause[0] <= e.start:
        return False
    text = ctx.text
    m = ctx.lex.cue_res["dative_medium"].search(text, max(men.clause[0], e.start - 80), e.start)
    if m is None:
        return False
    a = m.start("art")
    prev = re.search(r"(\S+)\s+$", text[max(0, a - 40):a])
    word = prev.group(1) if prev else ""
    if word.lower() in ctx.lex.all_preps or men.trigger.start <= a < men.trigger.end:
        return False
    after = a >= men.trigger.end
    if m.group("art")[0].isupper() and not (DATIVE_FRONTED and m.group("art") == "Dem"):
        return False  # only a fronted "Dem" (a clause-initial "Der X" is the subject)
    if after and m.group("art") == "dem":
        return True  # "sagte dem Sender Y ein Sprecher", "sagte X dem Sender Y"
    if after and not text[men.trigger.end:a].strip():
        # "sagte der Sender Y": the subject, unless the prefield holds it ("Eine Sprecherin sagte der Zeitung Y")
        return DATIVE_AFTER_SUBJECT and _prefield_subject(ctx, men)
    if DATIVE_FRONTED and not after and m.group("art") == "Dem" and not text[men.clause[0]:a].strip(" \"„“»«") \
            and e.end <= men.trigger.start:
        return True  # "Dem Sender Y sagte die Sprecherin"
    # else only past the subject: a name, a time, an apposition's comma after the verb, or (before a
    # clause-final verb) a finite auxiliary: "hat dem Magazin Y bestätigt", not "wie dem Bund Y"
    if after and DATIVE_AFTER_PRONOUN and prev is not None and word in ctx.lex.speech_pronouns \
            and not text[men.trigger.end:max(0, a - 40) + prev.start(1)].strip():
        return True  # "sagte er der Zeitung Y"
    return after and word.endswith(",") or any(t.end <= a and not text[t.end:a].strip() for t in ctx.times) or any(
        o.label == "PER" and o.end <= a and not text[o.end:a].strip() for o in entities_in(ctx, max(0, a - 80), a)) \
        or not after and bool(ctx.lex.cue_res["tense_aux"].fullmatch(word))


def _prefield_subject(ctx: ExtractionContext, men: Mention) -> bool:
    """The German clause opens with its subject right before the verb: a pronoun, an article's noun
    phrase ("Eine Sprecherin", "Der Chef der Gruppe") or names only ("Karl Adler")."""
    text, c0, t0 = ctx.text, men.clause[0], men.trigger.start
    lead = text[c0:t0]
    if not lead.strip() or ctx.language != "de":
        return False
    if lead.strip(" \"„“»«") in ctx.lex.speech_pronouns or ctx.lex.cue_res["prefield_subject"].fullmatch(lead):
        return True
    names = [e for e in entities_in(ctx, c0, t0) if e.label in ("PER", "ORG") and not e.derived]
    return bool(names) and not text[c0:names[0].start].strip(" \"„“»«") and not text[names[-1].end:t0].strip()


def outlets(ctx: ExtractionContext, men: Mention, sentence_end: int | None = None) -> list[str]:
    """Media of an interview ("sagte X bei CNN", "told BBC Radio", "im ORF-Report"); a medium
    addressed in the dative may follow the speaker's apposition up to ``sentence_end``."""
    out = []
    text = ctx.text
    if DATIVE_MEDIUM and sentence_end is not None and sentence_end > men.clause[1]:
        # "sagte X, Sprecher der Z, am Montag der Nachrichtenagentur Y": past the apposition's
        # commas, but not into another clause with its own trigger
        for e in entities_in(ctx, men.clause[1], sentence_end):
            if text.count(",", men.trigger.end, e.start) > 2 or any(
                    men.trigger.end <= a < e.start for a, _b in ctx.triggers):
                break
            if e.key not in men.participants and dative_medium(ctx, men, e) and not is_source(ctx, e):
                out.append(e.key)
    speakers = [e for e in entities_in(ctx, men.trigger.end, men.clause[1])
                if men.participants.get(e.key) == "speaker" and len(text[men.trigger.end:e.start].split()) <= 1]
    speakers_all = [e for e in entities_in(ctx, *men.clause) if men.participants.get(e.key) == "speaker"]
    for e in entities_in(ctx, *men.clause):
        if e.label != "ORG" or e.key in men.participants:
            continue
        if e.derived and not text.startswith("-", e.end):
            continue  # only a medium named in a compound ("im ORF-Report") counts
        if OUTLET_COMPOUNDS and e.derived and ctx.lex.cue_res["outlet_compound"].match(text, e.end) \
                or MORE_OUTLET_CUES and e.derived and ctx.lex.cue_res["outlet_compound_before"].search(
                    text, max(men.clause[0], e.start - 15), e.start):
            out.append(e.key)  # "auf APA-Anfrage", "im STANDARD-Interview"
        elif ctx.lex.outlet_re.search(text, max(men.clause[0], e.start - 40), e.start) or MORE_OUTLET_CUES and \
                ctx.lex.cue_res["outlet_more"].search(text, max(men.clause[0], e.start - 6), e.start) or PROGRAMME_OUTLETS and (
                ctx.lex.cue_res["programme_before"].search(text, max(men.clause[0], e.start - 12), e.start)
                and ctx.lex.cue_res["programme_after"].match(text, e.end, men.clause[1])):
            # "told the X", "telling X's Y programme", "insisted on X's Sunday show"
            out.append(e.key)
        elif not e.derived and _in_newspaper(ctx, men, e, speakers_all):
            # "A poll in the Daily Telegraph suggested", "In der Wiener Zeitung sagte er", "sagte X im Kurier";
            # not a paper named in what was said ("said the resignation followed reports in the Times")
            out.append(e.key)
        elif not e.derived and (link := _org_of_person(ctx, e, men.clause[1])) is not None \
                and any(s.start == e.end + len(link) for s in speakers_all):
            out.append(e.key)  # "BBC correspondent X said", "The BBC's X says": the journalist's medium

        elif ctx.language == "de" and not e.derived and not is_source(ctx, e) and any(
                re.fullmatch(r"\s+de[mr]\s+", text[s.end:e.start]) for s in speakers):
            out.append(e.key)  # "bestätigte Peter Binder der APA": the addressee medium
        elif dative_medium(ctx, men, e) and not is_source(ctx, e):
            out.append(e.key)  # "sagte X am Montag der Nachrichtenagentur Y": the addressee medium
    return out


def _org_of_person(ctx: ExtractionContext, e: EntityMention, limit: int) -> str | None:
    """The words between an organisation and the person it qualifies ("BBC labour affairs
    correspondent Stephen Cape", "The BBC's Paul Reynolds"), or None when no person follows."""
    m = re.match(r"(?:['’]s)?(?:\s*-?[a-zäöü][\w-]*){0,4}\s+|-[\w-]+\s+", ctx.text[e.end:limit])
    if not m or not (m.group().startswith(("'", "’", "-")) or ctx.lex.journalist_re.search(m.group())):
        return None
    nxt = entities_in(ctx, e.end + m.end(), min(limit, e.end + m.end() + 60))
    if nxt and nxt[0].start == e.end + m.end() and nxt[0].label == "PER" and not nxt[0].derived:
        return m.group()
    return None


COORDINATED_OBJECTS = True  # the names coordinated with an accused object are accused too


def accused_target(ctx: ExtractionContext, men: Mention) -> list[str]:
    """The named object of an accusation, threat or appeal ("hat Deutschland Defizite
    vorgeworfen", "drohte Südkorea", "Warschau vorwarf"): not in a phrase, before the next comma."""
    text, (c0, c1) = ctx.text, men.clause
    comma = text.find(",", men.trigger.end, c1)
    # German objects may precede a clause-final verb; English ones follow it
    lo = max(c0, text.rfind(",", c0, men.trigger.start) + 1) if ctx.language == "de" else men.trigger.end
    out = []
    for e in entities_in(ctx, lo, c1 if comma < 0 else comma):
        if e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants:
            continue
        if ctx.language != "de" and not re.fullmatch(r"\s+(?:the\s+)?", text[men.trigger.end:e.start]):
            break  # English: the object right after the verb ("urged Britain to")
        if genitive_form(e) or is_source(ctx, e) or preceded_by(text, e.start, ctx.lex.all_preps) \
                or ctx.lex.genitive_re.search(text[max(lo, e.start - 5):e.start + 1]) \
                or text[max(lo, e.start - 2):e.start].strip().endswith("("):
            continue  # "(SPÖ)": an affiliation, not the accused
        out.append(e.key)
        if COORDINATED_OBJECTS:
            # "criticised X and Y", "warf X und Y vor": every coordinated name is accused
            out = coordinated_names(ctx, e.start, c1 if comma < 0 else comma, ("PER", "ORG", "LOC")) or out
        break
    return [k for k in out if k not in men.participants]


_OBJECT_PRONOUN = re.compile(r"\s+(?:him|her)\b")


def pronoun_object(ctx: ExtractionContext, men: Mention, speaker: str | None) -> list[str]:
    """The person a pronoun object of an appeal or accusation refers to ("As Mr X spoke, the
    firm urged him to …"): the person named last before the verb other than the speaker."""
    if ctx.language == "de" or not _OBJECT_PRONOUN.match(ctx.text, men.trigger.end):
        return []
    i = bisect.bisect_left(ctx.starts, men.trigger.start) - 1
    while i >= 0 and ctx.entities[i].start >= men.trigger.start - 300:
        e = ctx.entities[i]
        if e.label == "PER" and e.key and not e.derived and e.key != speaker \
                and not genitive_form(e) and not ctx.text.startswith(("'s", "’s"), e.end):
            return [e.key]
        i -= 1
    return []


def possessor_object(ctx: ExtractionContext, men: Mention) -> str | None:
    """The possessor opening the object of a verb of rejecting ("lehnte wiederum Iglesias
    Forderung ab", "rejected Labour's plans"): whose demand or plan is rejected."""
    for e in entities_in(ctx, men.trigger.end, min(men.clause[1], men.trigger.end + 40)):
        if not e.derived and e.label in ("PER", "ORG", "LOC") and e.key not in men.participants \
                and re.fullmatch(r"\s+(?:[a-zäöüß]+\s+)?", ctx.text[men.trigger.end:e.start]) \
                and (genitive_form(e) or ctx.language == "de"  # "Iglesias' Forderung", "Iglesias Forderung"
                     and re.match(r"['’]?\s+[A-ZÄÖÜ][a-zäöüß]+\b", ctx.text[e.end:e.end + 40])):
            return e.key
        return None
    return None


_DESCRIBED_AS = re.compile(r"\s+(?:von\s+)?(?:(?:de[nm]|die|das|the)\s+)?$")


def described_as(ctx: ExtractionContext, men: Mention) -> str | None:
    """The named object of a verb of describing ("bezeichnete X als", "sprach von X als",
    "described X as"): the person or body so described is the target."""
    text = ctx.text
    for e in entities_in(ctx, men.trigger.end, min(men.clause[1], men.trigger.end + 60)):
        if e.derived or e.label not in ("PER", "ORG", "LOC") or e.key in men.participants:
            return None
        if _DESCRIBED_AS.fullmatch(text, men.trigger.end, e.start) and re.match(r"\s+(?:als|as)\s", text[e.end:e.end + 5]):
            return e.key
        return None
    return None


def resumed_subject(ctx: ExtractionContext, c0: int) -> str | None:
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
    e = next(e for e in reversed(entities_in(ctx, max(0, rel - 80), rel)) if e.key == key)
    if preceded_by(ctx.text, e.start, ctx.lex.all_preps) or ctx.lex.genitive_re.search(
            ctx.text[max(0, e.start - 8):e.start + 1]):
        return None  # "Zu Präferenzen der CHP, die …, äußerte sich X": not the subject
    return key


def _appositive_name(ctx: ExtractionContext, c0: int) -> str | None:
    """The name closing an apposition taken for a relative clause ("Der Vertreter der EU, der
    dänische Diplomat X, bedauerte"): the subject of the clause resumed at ``c0``."""
    rel = ctx.resumed.get(c0)
    if rel is None or not re.match(r",\s+(?:der|die|das)\s+(?:[a-zäöüß][\w-]*\s+){0,2}[A-ZÄÖÜ]", ctx.text[rel:c0]):
        return None
    ents = [e for e in entities_in(ctx, rel, c0) if not e.derived]
    if ents and ents[-1].label == "PER" and not ctx.text[ents[-1].end:c0].strip() \
            and len(ctx.text[rel:ents[-1].start].split()) <= 5:
        return ents[-1].key
    return None


def _resumed_place(ctx: ExtractionContext, c0: int) -> str | None:
    """A country as the subject resumed after its relative clause ("…, but Turkey, which occupies
    northern Cyprus, had insisted"): not governed by a preposition, and the resumed part opens
    with its verb."""
    rel = ctx.resumed.get(c0)
    nxt = re.match(r"\W*(\w+)", ctx.text[c0:c0 + 40])
    if rel is None or not nxt or not nxt.group(1)[0].islower() or nxt.group(1) in _NOT_A_VERB:
        return None
    e = next((e for e in reversed(entities_in(ctx, max(0, rel - 60), rel))), None)
    if e is None or e.label != "LOC" or e.derived or ctx.text[e.end:rel].strip() \
            or preceded_by(ctx.text, e.start, ctx.lex.all_preps) or located(ctx, e.start):
        return None
    return e.key


_NOT_A_VERB = frozenset({"und", "oder", "aber", "der", "die", "das", "ein", "eine", "and", "or", "but", "the", "a", "an"})


def relative_antecedent(ctx: ExtractionContext, c0: int) -> str | None:
    """The named antecedent of a subject relative clause starting at ``c0`` ("X, der …", "X, who …")."""
    rel = next((w for w in ctx.lex.subject_relatives if ctx.text.startswith(w, c0)), None)
    if rel is None or ctx.language == "de" and ctx.text[c0 + len(rel):c0 + len(rel) + 1].isupper():
        return None  # ", der Politiker sei …" is an article, not a relative pronoun
    return _named_before(ctx, c0)


def _named_before(ctx: ExtractionContext, c0: int) -> str | None:
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


PRONOUN_INTRODUCER = True  # "X: «…», sagte er": a pronoun after the verb refers to the person introducing the quote
PRONOUN_PREVIOUS_SUBJECT = True  # a pronoun subject prefers the person opening the previous sentence to the last speaker
PRONOUN_PERSONS = True  # English "he"/"she" refers to a person, never to a speaking organisation


def _antecedent(ctx: ExtractionContext, men: Mention, own_sentence: bool = False,
                persons_only: bool = False, pronoun: bool = False) -> str | None:
    """Whom a pronoun or description subject of a statement refers to: the person opening its own
    sentence (``own_sentence``), else a recent speaker (``persons_only``: a speaking person, not
    an organisation), else the person opening the previous sentence, else the person named last.
    A ``pronoun`` (session 12 flags): after the verb, the person introducing a quote with a colon
    first; the previous sentence's opening person before the last speaker; English: persons only."""
    if pronoun and PRONOUN_INTRODUCER and not own_sentence:
        intro = _quote_introducer(ctx, men.trigger.start)
        if intro is not None:
            return intro
    opening = _sentence_subject(ctx, men.trigger.start) if own_sentence else None
    if opening is not None:
        return opening
    if pronoun and PRONOUN_PREVIOUS_SUBJECT:
        previous = _previous_subject(ctx, men.clause[0])
        if previous is not None:
            return previous
    persons_only = persons_only or pronoun and PRONOUN_PERSONS and ctx.language == "en"
    if ctx.last_speaker and men.sentence - ctx.last_speaker_sentence <= 3 and (
            not persons_only or ctx.last_speaker.startswith("per:")):
        return ctx.last_speaker
    return _previous_subject(ctx, men.clause[0]) or recent_person(ctx, men.clause[0])


POSSESSIVE_SUBJECTS = True  # a possessive determiner before an event noun names whose event it is


def possessive_antecedent(ctx: ExtractionContext, men: Mention) -> str | None:
    """Whose event a possessive determiner right before an event noun names ("his resignation",
    "seinem Besuch in X"): the person the determiner refers to, found as for a subject pronoun
    (the person opening the sentence, a recent speaking person, the previous sentence's subject,
    the person named last); None without such a determiner."""
    if not POSSESSIVE_SUBJECTS or men.is_verb or ctx.lex.cue_res["possessive"].search(
            ctx.text, max(men.clause[0], men.trigger.start - 40), men.trigger.start) is None:
        return None
    return _antecedent(ctx, men, own_sentence=True, persons_only=True)


def _previous_subject(ctx: ExtractionContext, pos: int) -> str | None:
    """The person opening the sentence before ``pos`` ("Mr Blair held talks with X and Y. He
    confirmed …"): a pronoun subject continues the previous subject rather than the last name."""
    text = ctx.text
    end = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    if end < 0 or text[end:pos].strip(" .\n"):
        return None  # not at the start of a sentence
    return _opening_person(ctx, max(text.rfind(". ", 0, end), text.rfind("\n", 0, end)) + 1, end)


def _quote_introducer(ctx: ExtractionContext, pos: int) -> str | None:
    """The person named right before a colon that opens a quote earlier in the sentence of ``pos``
    ("Skeptisch äußerte sich X: …, sagte sie")."""
    text = ctx.text
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    colon = text.rfind(":", start, pos)
    if colon < 0:
        return None
    e = next((e for e in reversed(entities_in(ctx, start, colon)) if e.end <= colon), None)
    if e is None or e.label != "PER" or e.derived or not e.key or text[e.end:colon].strip():
        return None
    return e.key


def _sentence_subject(ctx: ExtractionContext, pos: int) -> str | None:
    """The person opening the sentence of ``pos``, before it."""
    text = ctx.text
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    if not text[start:pos].strip(" .\n"):
        return None
    return _opening_person(ctx, start, pos)


def _opening_person(ctx: ExtractionContext, start: int, end: int) -> str | None:
    """A person named among the first words of the sentence from ``start``, as its subject."""
    text = ctx.text
    for e in entities_in(ctx, start, end):
        if len(text[start:e.start].split()) > 3:
            break
        if e.label == "PER" and not e.derived and not genitive_form(e) \
                and not preceded_by(text, e.start, ctx.lex.all_preps):
            return e.key
    return None


def recent_person(ctx: ExtractionContext, pos: int, window: int = 400) -> str | None:
    """The person named last before ``pos`` (antecedent of "er"/"he" without a prior speaker)."""
    i = bisect.bisect_left(ctx.starts, pos) - 1
    while i >= 0 and ctx.entities[i].start >= pos - window:
        e = ctx.entities[i]
        if e.label == "PER" and e.key and not e.derived and e.end <= pos:
            return e.key
        i -= 1
    return None


CLAUSE_SUBJECT = True  # the name opening an event noun's clause before its finite verb is the noun's actor

_NP_TAGS = frozenset({"DET", "ADJ", "NUM", "PRON"})  # a noun's own modifiers before it


def _chain_end(ctx: ExtractionContext, names: list[EntityMention], i: int) -> EntityMention:
    """The last name of the coordinated subject opening at ``names[i]`` ("X, Y and Z managers W and
    V"): the one nearest the verb, from which :func:`coordinated_before` collects the others."""
    last = names[i]
    for e in names[i + 1:]:
        if not (ctx.lex.subject_coord_re.fullmatch(ctx.text, last.end, e.start)
                or last.label == "ORG" and qualified_person(ctx, last, e.end + 1) == e.key):
            break
        last = e
    return last


def clause_subject(ctx: ExtractionContext, men: Mention, s0: int, s1: int) -> EntityMention | None:
    """The subject of the clause whose object is an event noun ("Nordland hat die Entsendung von
    Experten zugesagt", "Am Montag hat die Linkspartei X Verhandlungen mit Y aufgenommen", "The Z
    League has set up a review"): a name opening the clause (only articles and attributes before
    it) with a verb or auxiliary right after its noun phrase, or in German the name right after the
    clause's first verb (verb second: the fronted phrase, the finite verb, the subject); no speech
    verb, comma or quote between it and the noun, and the noun governed by no preposition
    ("protestierte gegen die Entsendung")."""
    if not CLAUSE_SUBJECT or men.is_verb:
        return None
    text, (c0, _c1) = ctx.text, men.clause
    names = [e for e in entities_in(ctx, c0, men.trigger.start) if e.label in ("PER", "ORG", "LOC")]
    if not names or re.search(r"[\"“”„«»:(]", text[c0:names[0].start]):
        return None
    from graphbuilder.extract.events.learned.roles import sentence_tags

    toks = sentence_tags(ctx, s0, s1)
    starts = [a for a, _b, _t in toks]
    first: EntityMention | None = None
    lead_tags = [t for a, _b, t in toks if c0 <= a < names[0].start]
    lead = re.findall(r"[\w-]+", text[c0:names[0].start])
    if len(lead) <= 4 and not any(w.lower() in ctx.lex.all_preps for w in lead) \
            and not any(t in ("VERB", "AUX", "ADP", "SCONJ") for t in lead_tags):
        # the first token after the name (and after a coordinated name or a time: "X und Y sollen",
        # "X on Monday postponed")
        last = _chain_end(ctx, names, 0)
        end = last.end
        t = next((t for t in ctx.times if t.start >= end and not text[end:t.start].strip(" ,")), None)
        end = t.end if t is not None and t.end < men.trigger.start else end
        i = bisect.bisect_left(starts, end)
        verbal = ("VERB", "AUX")
        if i + 1 < len(toks) and toks[i][2] == "DET":
            i, verbal = i + 1, ("VERB", "AUX", "NOUN")  # a floating quantifier: "X and Y all face charges"
        if i < len(toks) and toks[i][2] in verbal and toks[i][0] < men.trigger.start:
            first = last
    elif ctx.language == "de":
        verbs = [k for k, (a, _b, t) in enumerate(toks) if c0 <= a < men.trigger.start and t in ("VERB", "AUX")]
        for e in names if verbs else ():
            if e.start < toks[verbs[0]][1]:
                continue
            k = bisect.bisect_left(starts, e.start) - 1
            while k > verbs[0] and toks[k][2] in ("DET", "ADJ", "NOUN", "PROPN"):
                k -= 1
            if k == verbs[0] and not re.search(r"[,;]", text[c0:e.start]):
                first = _chain_end(ctx, names, names.index(e))  # "Am Montag hat die Linkspartei X …"
            break
    if first is None or first.derived or possessor_of(ctx, first) or first.end > men.trigger.start:
        return None
    if re.search(r"[,;:\"“”„«»]", text[first.end:men.trigger.start]) \
            or speech_verb_in(ctx, first.end, men.trigger.start) \
            or ctx.lex.reported_object_re.search(text, first.end, men.trigger.start):
        return None
    if sum(t == "VERB" for a, _b, t in toks if first.end <= a < men.trigger.start) > 1 \
            or ctx.lex.circumstance_re.search(text, max(c0, men.trigger.start - 40), men.trigger.start):
        return None  # "X lifted the curfew imposed after the massacre": the noun is in another phrase
    # the noun's own modifiers (English: also nouns of a compound), then what governs it
    mods = _NP_TAGS | {"NOUN", "PROPN"} if ctx.language == "en" else _NP_TAGS
    j = bisect.bisect_left(starts, men.trigger.start) - 1
    while j >= 0 and toks[j][2] in mods and toks[j][0] >= first.end:
        j -= 1
    if j >= 0 and toks[j][0] >= first.end and toks[j][2] == "ADP":
        return None
    return first


def possessor_of(ctx: ExtractionContext, e: EntityMention) -> bool:
    """A possessor with the genitive inside ("Putins") or after the name ("Britain's")."""
    return genitive_form(e) or ctx.text.startswith(("'s", "’s"), e.end)


def governed_genitive(ctx: ExtractionContext, men: Mention, e: EntityMention) -> bool:
    """A German name in the genitive right after an event noun is the noun's argument, not a
    possessor: "die Auslieferung X-s" (X is extradited), "das Ausscheiden X-s" (X leaves)."""
    return (ctx.language == "de" and not men.is_verb and e.start >= men.trigger.end
            and ctx.text[men.trigger.end:e.start].isspace() and genitive_form(e)
            and not ctx.text.startswith(("'", "’"), e.end))


def genitive_form(e: EntityMention) -> bool:
    """"Putins", "Blinken's": a possessor, not a subject."""
    t = e.text
    return t.endswith(("'s", "’s")) or (t.endswith("s") and bool(e.name) and not e.name.endswith("s")
                                         and e.name.split()[-1] + "s" == t.split()[-1])


def pronoun_subject(ctx: ExtractionContext, c0: int, c1: int, in_quote: bool) -> str | None:
    words = set(re.findall(r"\w+", ctx.text[c0:c1]))
    if in_quote and words & ctx.lex.first_person and ctx.quote_speaker:
        return ctx.quote_speaker
    if words & ctx.lex.speech_pronouns and ctx.last_speaker:
        return ctx.last_speaker
    return None


def role_nominals(ctx: ExtractionContext, c0: int, c1: int) -> list[str]:
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
        if not _head_re(head).search(seg):
            continue  # the head itself is absent: the nominal pattern cannot match
        pat = _nominal_re(head)
        for m in pat.finditer(seg):
            abs_start = c0 + m.start()
            abs_end = c0 + m.end()
            # a name right after the title: that is a named mention, not a nominal
            nxt = entities_in(ctx, abs_end, min(c1, abs_end + 3))
            if any(e.label == "PER" for e in nxt):
                continue
            pre = " ".join(g for g in m.groups() if g).lower()
            plural = re.search(r"\b(?:beide[n]?|two|both)\b", pre) is not None
            deputy = re.search(r"stellvertret|deputy|vize|vice", m.group(0), re.IGNORECASE)
            cands = [f for f in facts if bool(re.search(r"stellvertret|deputy|vize|vice", f.title, re.IGNORECASE)) == bool(deputy)]
            orgs = {e.key for e in entities_in(ctx, abs_start, abs_end) if e.derived or e.label == "LOC"}
            if orgs:
                cands = [f for f in cands if f.org in orgs] or cands
            persons = sorted({f.person for f in cands})
            if plural and len(persons) == 2:
                out.extend(persons)
            elif not plural and len(persons) == 1:
                out.append(persons[0])
    return list(dict.fromkeys(out))


@lru_cache(maxsize=512)
def _head_re(head: str) -> re.Pattern[str]:
    return re.compile(re.escape(head), re.IGNORECASE)


@lru_cache(maxsize=512)
def _nominal_re(head: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(\w+)[ -])?(?:(\w+)[ -])?(?:\w+-)?{re.escape(head)}(?:n|en|s)?(?!\w)", re.IGNORECASE)


ANTECEDENT = "subject"
PRONOUN_WINDOW = 1500  # characters back to look for the antecedent of a subject pronoun


def subject_pronoun(ctx: ExtractionContext, men: Mention) -> str | None:
    """A third-person singular subject pronoun of the trigger's clause ("Later he will visit",
    "where he met", "Am Sonntag startete er …", "hatte er … ausgerufen"), else None: before the
    trigger and not governed by a preposition, or (German verb-second) right after the finite verb
    opening the clause."""
    text, (c0, _c1) = ctx.text, men.clause
    prons = ctx.lex.speech_pronouns
    for m in re.finditer(r"\w+", text[c0:men.trigger.start]):
        if m.group() in prons and not preceded_by(text, c0 + m.start(), ctx.lex.all_preps):
            return m.group()
    if ctx.language == "de":
        # "Am Sonntag startete er seine Kampagne mit einer Pressekonferenz": the pronoun after the
        # clause's first verb-like word
        m = re.match(r"\W*(?:\w+\s+){1,3}?(?:hat|hatte|habe|ist|war|wird|wurde|will|wollte|soll|sollte|\w+te|\w+t)\s+(er|sie)\b",
                     text[c0:men.trigger.start] if not men.is_verb else text[c0:men.trigger.end + 6])
        if m and m.group(1) in prons:
            return m.group(1)
    return None


def pronoun_antecedent(ctx: ExtractionContext, men: Mention, pronoun: str) -> str | None:
    """The person a subject pronoun refers to: the last speaker when recent (three sentences),
    else the person named last within :data:`PRONOUN_WINDOW`; female pronouns skip persons
    introduced as men ("Mr", "Herr") and vice versa."""
    if ANTECEDENT == "speaker" and ctx.last_speaker and ctx.last_speaker.startswith("per:") and men.sentence - ctx.last_speaker_sentence <= 3:
        return ctx.last_speaker
    if ANTECEDENT == "subject":
        return _previous_subject(ctx, men.clause[0]) or recent_person(ctx, men.clause[0], PRONOUN_WINDOW)
    return recent_person(ctx, men.clause[0], PRONOUN_WINDOW)
