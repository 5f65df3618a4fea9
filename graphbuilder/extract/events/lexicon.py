"""The per-language event lexicon (``data/events/<lang>.toml``) compiled into regular expressions.

The compiled :class:`Lexicon` is kept in the compiled-resource cache (:func:`graphbuilder.cache.cached`,
keyed by the packs, this module and the schema's type order), its patterns with their compiled
programs, so a process does not compile them again."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re
from re import _constants as _sc, _parser as _sp
from typing import Any

from graphbuilder import schema
from graphbuilder.packs import load_pack, pack_language, pack_sources

SECTIONS = {"triggers", "cues", "retype", "types"}
TRIGGER_KINDS = {"nouns", "compound", "verbs"}
RETYPE_KEYS = {"from", "to", "trigger", "after", "clause"}


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
    subject_coord_re: re.Pattern[str]
    affiliation_re: re.Pattern[str]
    present_state_re: re.Pattern[str]
    temporal_pp_re: re.Pattern[str]
    future_pp_re: re.Pattern[str]
    causal_before_re: re.Pattern[str]
    past_form_re: re.Pattern[str]
    present_re: re.Pattern[str] | None
    present_copula_re: re.Pattern[str]
    money_verb_re: re.Pattern[str] | None = None  # pledges of money: STATEMENT verbs retyped OTHER
    money_after_re: re.Pattern[str] | None = None
    money_before_re: re.Pattern[str] | None = None


_PREFIX_LEN = 6


def _prefixes(items, k: int, acc: set[str]) -> set[str] | None:
    """The possible first ``k`` characters of a parsed pattern after each string of ``acc``
    (strings shorter than ``k`` are still open); None when they cannot be listed."""
    for op, av in items:
        open_ = {a for a in acc if len(a) < k}
        if not open_:
            return acc
        done = acc - open_
        if op is _sc.LITERAL:
            acc = done | {a + chr(av) for a in open_}
        elif op is _sc.IN:
            chars: set[str] = set()
            for iop, iav in av:
                if iop is _sc.LITERAL:
                    chars.add(chr(iav))
                elif iop is _sc.RANGE and iav[1] - iav[0] < 64:
                    chars.update(chr(c) for c in range(iav[0], iav[1] + 1))
                else:
                    return None
            acc = done | {a + c for a in open_ for c in chars}
        elif op in (_sc.AT, _sc.ASSERT, _sc.ASSERT_NOT):
            continue  # zero width
        elif op is _sc.SUBPATTERN:
            if av[1] or av[2]:
                return None  # inline flags
            acc = _prefixes(av[3], k, acc)
        elif op is _sc.ATOMIC_GROUP:
            acc = _prefixes(av, k, acc)
        elif op is _sc.BRANCH:
            out: set[str] = set(done)
            for alt in av[1]:
                sub = _prefixes(alt, k, set(open_))
                if sub is None:
                    return None
                out |= sub
            acc = out
        elif op in (_sc.MAX_REPEAT, _sc.MIN_REPEAT, _sc.POSSESSIVE_REPEAT):
            lo, hi, body = av
            if lo > k:
                return None
            out = set(done)
            cur = set(open_)
            for n in range(0, min(hi, k) + 1):
                if n >= lo:
                    out |= cur
                if n == min(hi, k):
                    break
                nxt = _prefixes(body, k, cur)
                if nxt is None:
                    return None
                cur = nxt
            acc = out
        else:
            return None
        if acc is None:
            return None
    return acc


def _trie(strings: set[str]) -> str:
    """An alternation of ``strings`` factored by first character ("d(?:e[nr]|ie)")."""
    if "" in strings:
        return ""
    by_first: dict[str, set[str]] = {}
    for s in strings:
        by_first.setdefault(s[0], set()).add(s[1:])
    alts = []
    for first, rests in sorted(by_first.items()):
        if "" in rests:
            alts.append(re.escape(first))
        elif all(len(r) == 1 for r in rests):
            alts.append(re.escape(first) + "[" + "".join(re.escape(r) for r in sorted(rests)) + "]")
        else:
            alts.append(f"{re.escape(first)}(?:{_trie(rests)})")
    return "|".join(alts)


def _prefix_filter(patterns: list[str], flags: int) -> str | None:
    """A lookahead body true wherever one of ``patterns`` can match: their possible first
    characters (a pattern whose first characters cannot be listed is kept whole)."""
    prefixes: set[str] = set()
    whole: list[str] = []
    for pat in patterns:
        found = _prefixes(_sp.parse(pat, flags), _PREFIX_LEN, {""})
        if found is None or "" in found:
            if re.compile(pat, flags).groups:
                return None
            whole.append(f"(?:{pat})")
        else:
            prefixes |= found
    trie = _trie(prefixes)
    alts = [trie] if trie else []
    return "|".join(alts + whole)


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in sorted(patterns, key=len, reverse=True))


_NEVER = "(?!x)x"  # a pattern that matches nothing (an optional cue list the pack leaves out)


def _cue(cues: dict[str, Any], name: str) -> str:
    """:func:`_alt` of the pack's cue list ``name``; :data:`_NEVER` when it is missing or empty."""
    return _alt(cues.get(name) or [_NEVER])


def lexicon_language(language: str) -> str:
    """The lexicon a language uses (English rules for a language without an events pack)."""
    return pack_language("events", language)


def validate_lexicon(data: dict[str, Any], where: str) -> None:
    """Check an events pack against the schema; an error names the file and the key.

    Types the pack declares in ``[types.NAME]`` are added to the schema first."""
    unknown = set(data) - SECTIONS
    if unknown:
        raise schema.SchemaError(f"{where}: unknown section(s) {', '.join(sorted(unknown))}")
    for name, spec in data.get("types", {}).items():
        schema.add_event_type(schema.parse_event_type(name, spec, where), where)
    for tname, spec in data.get("triggers", {}).items():
        if tname not in schema.EVENT_TYPES:
            raise schema.SchemaError(f"{where}: [triggers.{tname}]: unknown event type {tname!r} "
                                     "(declare it in [types.NAME] or use one of the schema's types)")
        bad = set(spec) - TRIGGER_KINDS
        if bad:
            raise schema.SchemaError(f"{where}: [triggers.{tname}] has unknown key(s) {', '.join(sorted(bad))}")
    for n, rule in enumerate(data.get("retype", []), 1):
        bad = set(rule) - RETYPE_KEYS
        if bad:
            raise schema.SchemaError(f"{where}: [[retype]] #{n} has unknown key(s) {', '.join(sorted(bad))}")
        for key in ("from", "to"):
            if rule.get(key) not in schema.EVENT_TYPES:
                raise schema.SchemaError(f"{where}: [[retype]] #{n} {key} = {rule.get(key)!r} is no event type")


@lru_cache(maxsize=8)
def lexicon_data(language: str) -> dict[str, Any]:
    """The parsed and validated events pack of ``language``, read once per process."""
    data, where = load_pack("events", lexicon_language(language))
    validate_lexicon(data, where)
    return data


@lru_cache(maxsize=8)
def load_lexicon(language: str) -> Lexicon:
    """Load and compile the event lexicon of ``language`` (English rules for unknown ones); the
    compiled form comes from the compiled-resource cache when the packs are unchanged."""
    from graphbuilder.cache import cached

    lang = lexicon_language(language)
    data = lexicon_data(lang)  # validated here (it may add the pack's own types to the schema)
    return cached(f"events-lexicon-{lang}", [*pack_sources(), __file__], lambda: _compile_lexicon(lang, data),
                  extra=repr(schema.TYPE_PRIORITY))


def _compile_lexicon(lang: str, data: dict[str, Any]) -> Lexicon:
    """Compile the parsed events pack ``data`` of ``lang``."""
    flags = re.IGNORECASE if lang == "en" else 0
    parts: list[str] = []
    group_type: dict[str, tuple[str, bool]] = {}
    # Compound heads of all types share one group (one backtracking pass per capitalised
    # word); the type is then the first in schema.TYPE_PRIORITY whose heads end the word.
    plain: list[str] = []  # the trigger patterns other than compounds
    prefix = r"(?:[A-ZÄÖÜ]{2,}-)?[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ]?[a-zäöüß]+)*"
    compound_types: list[tuple[str, re.Pattern[str]]] = []
    compound_heads: list[str] = []
    compound_caps: list[str] = []  # the heads after a hyphen: "Gaza-Krieg", "Nato-Gipfel"
    for tname in schema.TYPE_PRIORITY:
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
            plain.extend(pats)
            parts.append(rf"(?P<{gname}>{_alt(pats)})")
            group_type[gname] = (tname, kind == "verbs")
    # A cheap lookahead listing the first characters of every trigger lets the scan skip most
    # words; a compound is a whole [\w-] run ending in one of its heads' last four letters.
    prefilter = _prefix_filter(plain, flags)
    if compound_heads:
        body = rf"{prefix}(?:{_alt(compound_heads)})|[A-ZÄÖÜ][\w-]*-(?:{_alt(compound_caps)})"
        parts = [p.replace("COMPOUND", body) for p in parts]
        words = _prefixes(_sp.parse(_alt(compound_heads + compound_caps), flags), 64, {""})
        endings = None if words is None or any(len(w) < 4 or len(w) >= 64 for w in words) else {w[-4:] for w in words}
        if prefilter is not None and endings:
            ends = "|".join(re.escape(e) for e in sorted(endings))
            prefilter += rf"|[A-ZÄÖÜ][\w-]*+(?<={ends})(?![\w-])"
        else:
            prefilter = None
    cues = data["cues"]
    cue_res = {
        name: re.compile(_alt(cues[name]), flags)
        for name in ("planned", "expected", "possible", "denied", "cancelled", "ongoing", "past", "reported_past",
                     "pluperfect", "scheduled", "previous", "story_past", "story_now")
    }
    # optional: the present perfect (an act completed before the time of writing)
    cue_res["perfect"] = re.compile(_cue(cues, "perfect"), flags)
    # optional: the auxiliaries and participle lemmas a statement's tense is read from
    # (:func:`graphbuilder.extract.events.status.statement_tense`)
    for name in ("tense_past_aux", "tense_present_aux"):
        cue_res[name] = re.compile(rf"(?:(?<!\w)|(?=['’]))(?:{_cue(cues, name)})(?!\w)", re.IGNORECASE)
    # optional: the reportive present and the tense of event nouns
    # (:func:`graphbuilder.extract.events.status.reportive_present`, :func:`~.status.noun_tense`)
    for name in ("counterfactual", "prospective", "goal_prepositions", "reported_clause"):
        cue_res[name] = re.compile(rf"(?<!\w)(?:{_cue(cues, name)})(?!\w)", re.IGNORECASE)
    # a noun right after a goal preposition and at most two words ("zur Versammlung", "for new talks")
    cue_res["goal_before"] = re.compile(rf"(?<!\w)(?:{cue_res['goal_prepositions'].pattern})\s+(?:[\w-]+\s+){{0,2}}$",
                                        re.IGNORECASE)
    for name in ("support_goal", "sequence_distance", "non_implicative", "object_infinitive", "negation"):
        cue_res[name] = re.compile(_cue(cues, name), flags)
    cue_res["habitual_present"] = re.compile(_cue(cues, "habitual_present"), re.IGNORECASE)
    cue_res["inquit_before"] = re.compile(rf"(?:{_cue(cues, 'inquit_before')})$")
    # the words a speech verb opens: at most four words on ("sagt er im Interview"), a colon, a
    # complement clause ("…: ", ", dass …", "that …") or a clause in the reported mood (", … sei …")
    mood = _cue(cues, "reported_mood")
    cue_res["reported_opening"] = re.compile(
        rf"(?:\s+[^\W\d][\w.'’-]*){{0,4}}?\s*(?::\s|,?\s*{cue_res['reported_clause'].pattern}"
        rf"|,[^.;:!?\"“”„»«]{{0,80}}?(?<!\w)(?:{mood})(?!\w))", re.IGNORECASE)
    # either auxiliary, the past one as group 1 (English: the nearest auxiliary decides)
    cue_res["tense_aux"] = re.compile(rf"({cue_res['tense_past_aux'].pattern})|({cue_res['tense_present_aux'].pattern})",
                                      re.IGNORECASE)
    cue_res["participle_lemmas"] = re.compile(_cue(cues, "participle_lemmas"))
    # the source phrase after an impersonal speech verb ("hieß es seitens der X", "it was announced by X"):
    # skipped words, then the opening of the source; "_wide" adds the wider cues, "_before" the
    # openings of a fronted source ("Aus dem Büro des X hieß es"); case as written
    def _impersonal(skip: list[str], sources: list[str]) -> re.Pattern[str]:
        sp = lambda pats: [p.replace(" ", r"\s+") for p in pats]  # noqa: E731
        return re.compile(rf"(?:\s+(?:{_alt(sp(skip) or [_NEVER])})){{0,{int(cues.get('impersonal_skip_max', 0))}}}"
                          rf"\s+(?:{_alt(sp(sources) or [_NEVER])})\b")
    skip, sources = cues.get("impersonal_skip", []), cues.get("impersonal_sources", [])
    cue_res["impersonal_source"] = _impersonal(skip, sources)
    cue_res["impersonal_source_wide"] = _impersonal(skip + cues.get("impersonal_skip_wide", []),
                                                    sources + cues.get("impersonal_sources_wide", []))
    cue_res["outlet_compound"] = re.compile(rf"-(?:{_cue(cues, 'outlet_compounds')})\b")
    cue_res["programme_before"] = re.compile(
        rf"(?:^|\s)(?:{_cue(cues, 'outlet_programme_prepositions')})\s+(?:the\s+)?$", flags)
    cue_res["programme_after"] = re.compile(
        rf"(?:\s+\d+)?['’]s?\s+(?:[\w'’-]+\s+){{0,4}}?(?:{_cue(cues, 'outlet_programmes')})\b", flags)
    # the verbs whose object is the addressee ("told X") and the prepositions of an addressee ("wrote to X")
    cue_res["tell_words"] = re.compile(_cue(cues, "tell_words"), flags)
    cue_res["addressee_preps"] = re.compile(_cue(cues, "addressee_prepositions"), flags)
    arts = _alt([a[0].upper() + a[1:] for a in cues.get("prefield_articles", [])] + cues.get("prefield_articles", [])
                or [_NEVER])
    gens = _cue(cues, "prefield_genitives")
    cue_res["prefield_subject"] = re.compile(
        rf"[\s\"„“»«]*(?:{arts})\s+(?:[a-zäöüß][\w-]*\s+)?[A-ZÄÖÜ][\w-]*(?:\s+(?:{gens})\s+[A-ZÄÖÜ][\w-]*)?\s+")
    auxes = [a.replace(" ", r"\s+") for a in cues.get("apposition_auxiliaries", [])] or [_NEVER]
    cue_res["apposition_aux"] = re.compile(rf"\s*(?:{_alt(auxes)})\s+$", flags)
    cue_res["outlet_compound_before"] = re.compile(
        rf"(?:^|\s)(?:{_cue(cues, 'outlet_compound_cues')})\s+$", flags)
    cue_res["outlet_more"] = re.compile(rf"(?:^|\s)(?:{_cue(cues, 'outlet_cues_more')})\s+$", flags)
    cue_res["noun_agent"] = re.compile(rf"\s+(?:{_cue(cues, 'noun_agent_prepositions')})\b", flags)
    cue_res["impersonal_before"] = re.compile(rf"(?:{_cue(cues, 'impersonal_sources_before')})\s+")
    # a medium addressed in the dative ("sagte X dem Nachrichtenmagazin Y"): the article, lower-case
    # attributes and an optional medium noun (also as a compound head: "Rundfunksender") before the name
    dative = cues.get("dative_articles") or [_NEVER]
    dative = dative + [a[0].upper() + a[1:] for a in cues.get("dative_articles", [])]  # a fronted "Dem X"
    cue_res["dative_medium"] = re.compile(
        rf"(?<![\w-])(?P<art>{_alt(dative)})\s+(?:[a-zäöüß][\w-]*\s+){{0,3}}"
        rf"(?:(?P<noun>[\w-]*?(?i:{_alt(cues['outlet_nouns'])}))\s+)?$")
    # a possessive determiner before an event noun, lower-case attributes between ("his planned visit")
    cue_res["possessive"] = re.compile(
        rf"(?<![\w-])(?:{_cue(cues, 'possessive_determiners')})\s+(?:[a-zäöüß][\w-]*\s+){{0,2}}$",
        re.IGNORECASE)
    # a definite description of a person as a speech verb's subject (``participants.description_speaker``):
    # before the verb, opening the clause or after a comma, quote or conjunction, its head right before
    # the verb (English: a few adverbs or auxiliaries between; German: a finite auxiliary, then
    # anything up to the verb); after the verb, ended by punctuation or a stop word. Case as written.
    art = _cue(cues, "description_articles")
    word = r"[^\s,;:\"“”„»«()]+"
    post = cues.get("description_postmodifiers") or []
    post_re = rf"(?:\s+(?:{_alt(post)})\s+[^,;:\"“”„»«()]{{1,40}}?)?" if post else ""
    aux = cues.get("description_auxiliaries") or []
    aux_re = rf"(?:\s+(?:{_alt(aux)})\b[^,;:\"“”„»«()]*)?" if aux else ""
    cue_res["description_left"] = re.compile(
        rf"(?:^\W*(?:(?:{_cue(cues, 'description_conjunctions')})\s+)?|[,;:\"“”„»«–]\s*)"
        rf"(?:{art})\s+(?P<mods>(?:{word}\s+){{0,4}}?)(?P<head>{word}){post_re}{aux_re}"
        rf"\s+(?:(?:{_cue(cues, 'description_bridge')})\s+){{0,2}}$")
    cue_res["description_right"] = re.compile(
        rf"\s+(?:{art})\s+(?P<mods>(?:{word}\s+){{0,3}}?)(?P<head>{word}?)"
        rf"(?=\s*[,.;:!?\"“”„»«]|\s*$|\s+(?:{_cue(cues, 'description_stops')})\b)")
    cue_res["description_head"] = re.compile(_cue(cues, "description_heads"))
    cue_res["description_org_head"] = re.compile(_cue(cues, "description_body_heads"))
    clause_re = re.compile("|".join(re.escape(b) for b in cues["clause_breaks"]))
    # One word-start check for all alternatives keeps the scan cheap inside words.
    first = r"(?=[^\W\d_])" if prefilter is None else rf"(?=[^\W\d_])(?={prefilter})"
    trigger = rf"(?<![\w-]){first}(?:{'|'.join(parts)})(?![\w-])"
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
        money_verb_re=re.compile(_alt(cues["money_verbs"]), flags) if cues.get("money_verbs") else None,
        money_after_re=re.compile(_alt(cues["money_object"]), flags) if cues.get("money_object") else None,
        money_before_re=re.compile(rf"(?:{_alt(cues['money_object'])})(?:\s+[\w.-]+){{0,3}}\s+$", flags) if cues.get("money_object") else None,
        past_form_re=re.compile(_alt(cues["past_forms"]), flags),
        causal_before_re=re.compile(_alt(cues.get("causal_before", ["(?!)"])), flags),
        # a temporal phrase: its preposition, then a determiner or a noun, no verb or unit of time
        temporal_pp_re=re.compile(rf"(?<!\w)(?i:{_alt(cues['temporal_prepositions'])})\s+"
                                  rf"(?=[A-ZÄÖÜ]|(?i:{_alt(cues['pp_determiners'])})\s)(?!(?:[\w-]+\s+){{0,2}}(?:{_alt(cues['not_in_pp'])})\s)(?:[\w-]+\s+){{0,3}}$"),
        future_pp_re=re.compile(rf"(?:{_alt(cues['future_prepositions'])})\s*$"),
        present_state_re=re.compile(rf"(?:{_alt(cues['present_state'])})$", flags),
        np_start_re=re.compile(rf"(?:^|\s)(?:{_alt(cues['np_start'])})\s+$", re.IGNORECASE),
        # between two names coordinated as one subject: a comma and/or a conjunction, maybe an article
        subject_coord_re=re.compile(rf"\s*(?:,\s*(?:(?:{_alt(cues['coordinators'])})\s+)?|(?:{_alt(cues['coordinators'])})\s+)"
                                    rf"(?:(?:{_alt(cues['coordination_articles'])})\s+)?"),
        # between a person and the organisation that is the person's affiliation
        affiliation_re=re.compile(rf"\s*,?\s+(?:{_alt(cues['affiliation_prepositions'])})\s+"
                                  rf"(?:(?:{_alt(cues['affiliation_articles'])})\s+)?$"),
        proxy_before_re=re.compile(rf"\b(?:{_alt(cues['speaker_proxies'])})\s+(?:{_alt(cues['proxy_of'])})\s+(?:(?:de[rmns]|die|das|the|Mr|Mrs|Ms)\s+)?$", flags),
    )
