"""Within-article coreference of event mentions and the merge of each cluster into one event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from graphbuilder.schema import REALIS, STATUS_RANK, family
from graphbuilder.models import EventMention, Participant, TimeExpr
from graphbuilder.extract.events.common import CONTACT_TYPES, IRREALIS, Mention, SPECIFICITY, STATEMENT_GAP
from graphbuilder.extract.events.status import has_date_to_place, is_future, status_class, times_compatible

# A mention is compared with at most this many of the most recent clusters: an article of
# ordinary length never has as many (so nothing changes there), and a huge one costs time
# linear in its length instead of quadratic.
LOOKBACK_CLUSTERS = 150


def _last_other_statement(spoken: list[tuple[int, set[str]]], sorted_: bool, sentence: int,
                          keys: set[str], floor: int) -> int:
    """The latest sentence <= ``sentence`` holding a statement by a speaker outside ``keys``
    (-1 when none, or when it is <= ``floor``: callers only compare it with sentences >=
    ``floor``). With ``spoken`` in sentence order the backward scan stops early."""
    best = -1
    for sn, sp in reversed(spoken):
        if sorted_ and sn <= floor:
            return -1
        if sn <= sentence and not sp <= keys:
            if sorted_:
                return sn
            best = max(best, sn)
    return best


@dataclass
class _Summary:
    """What the coreference tests ask of a cluster, kept up to date as mentions join, so a
    test costs the same however large the cluster (members are not changed after joining)."""

    keys: set[str] = field(default_factory=set)
    statuses: set[str] = field(default_factory=set)  # status classes
    times: dict[tuple, TimeExpr] = field(default_factory=dict)  # distinct for times_compatible
    stems: set[str] = field(default_factory=set)
    sequence_stems: set[str] = field(default_factory=set)
    speakers_all: set[str] = field(default_factory=set)
    speakers_verb: set[str] = field(default_factory=set)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)

    def add(self, m: Mention) -> None:
        self.keys.update(m.participants)
        cls = status_class(m.status)
        if cls is not None:
            self.statuses.add(cls)
        if m.time is not None:
            t = m.time
            self.times.setdefault((t.earliest, t.latest, t.vague, t.value), t)
        stem = _stem(m.trigger.text)
        self.stems.add(stem)
        if m.sequence:
            self.sequence_stems.add(stem)
        spoken = {k for k, r in m.participants.items() if r == "speaker"}
        self.speakers_all |= spoken
        if m.is_verb:
            self.speakers_verb |= spoken
        self.by_sentence.setdefault(m.sentence, []).append(m)

    @property
    def speakers(self) -> set[str]:
        return self.speakers_verb or self.speakers_all  # as _speakers()


# A learned linker (``graphbuilder.extract.events.learned.coref``): given the mention, the indexes of
# the candidate clusters (same family, most recent first), the rules' choice, the clusters, their
# summaries and which are headline-only, it returns the cluster the mention joins (None: a new one)
# and whether the mention only repeats that event (its status, time, place and participants are
# then left to the cluster's other mentions, as for "the disaster" below).
Linker = Callable[[Mention, list[int], "int | None", list[list[Mention]], list["_Summary"], list[bool]],
                  "tuple[int | None, bool]"]


def corefer(mentions: list[Mention], ref: dt.date | None, linker: Linker | None = None) -> list[EventMention]:
    """Cluster the mentions of one article (in text order) and merge each cluster into one event.
    The rules choose the cluster a mention joins; with a ``linker`` their choice is one of its
    inputs and the linker decides (where it differs, the rules' adjustments of the joining mention
    are undone)."""
    clusters: list[list[Mention]] = []
    summaries: list[_Summary] = []
    headline_only: list[bool] = []  # clusters seen in the title only
    spoken: list[tuple[int, set[str]]] = []  # (sentence, speakers) of statement mentions so far
    spoken_sorted = True
    for men in mentions:
        fam = family(men.type)
        target = None
        keys = set(men.participants)
        last_other: int | None = None  # computed once per mention, when needed
        saved = (men.status, men.participants) if linker is not None else None
        for ci in range(len(clusters) - 1, max(-1, len(clusters) - 1 - LOOKBACK_CLUSTERS), -1):
            cl = clusters[ci]
            summary = summaries[ci]
            if family(cl[0].type) != fam:
                continue
            stem = _stem(men.trigger.text)
            if fam == "other" and stem not in summary.stems:
                continue  # OTHER is a catch-all: only the same happening word corefers
            if (men.type == "VISIT") != (cl[0].type == "VISIT"):
                continue  # a trip and the talks held during it are two events
            if men.sequence and stem not in summary.sequence_stems:
                continue  # "the next election", "das letzte Telefonat": another one of its kind
            ckeys = summary.keys
            cstatus = summary.statuses
            compatible = (status_class(men.status) is None or not cstatus
                          or status_class(men.status) in cstatus)
            timely = all(times_compatible(men.time, t) for t in summary.times.values())
            if not timely:
                compatible = False
            if (men.anaphoric or men.definite) and fam != "statement" and timely \
                    and (not keys or not ckeys or keys & ckeys) \
                    and stem in summary.stems:
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
                speakers = summary.speakers
                same_sentence = summary.by_sentence.get(men.sentence, [])
                # one passage: close by, or no other speaker's statement in between
                near = men.sentence - cl[-1].sentence <= STATEMENT_GAP or cl[0].sentence == 0
                if not near:
                    if last_other is None:
                        window = clusters[max(0, len(clusters) - LOOKBACK_CLUSTERS):]
                        floor = min(c[-1].sentence for c in window)
                        last_other = _last_other_statement(spoken, spoken_sorted, men.sentence, keys, floor)
                    near = not last_other > cl[-1].sentence
                mine = {k for k, r in men.participants.items() if r == "speaker"}
                # "In an interview with X, Y said" / "sagte Y in einem Interview": the noun names
                # the setting of the speech act of its clause, whoever it was credited to
                if men.is_verb and any(m.medium and m.clause == men.clause
                                       and not any(o.is_verb and o.clause == m.clause for o in same_sentence)
                                       for m in same_sentence):
                    target = ci
                    break
                if men.medium and any(m.is_verb and m.clause == men.clause for m in same_sentence):
                    target = ci
                    break
                if same_kind and compatible and mine and mine == speakers and near and not men.earlier:
                    target = ci
                    break
                if same_kind and not keys and men.anaphoric and compatible:
                    target = ci
                    break
                if not men.is_verb and same_sentence and (not mine or mine == speakers):
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
                    and (not men.indefinite or stem in summary.stems):
                # a later noun ("the accident", "die Anschläge") names the event reported before
                # unless its participants disagree; an indefinite one ("ein Haftbefehl", "a charge")
                # introduces a new event unless it repeats the word ("in a referendum" twice)
                target = ci
                break
        if linker is not None and saved is not None:
            lo = max(-1, len(clusters) - 1 - LOOKBACK_CLUSTERS)
            cands = [ci for ci in range(len(clusters) - 1, lo, -1) if family(clusters[ci][0].type) == fam]
            chosen, repeat = linker(men, cands, target, clusters, summaries, headline_only) if cands else (None, False)
            if chosen != target:
                men.status, men.participants = saved  # the rules' adjustments for joining their choice
                target = chosen
            if repeat and target is not None:
                men.status, men.participants, men.time, men.location = None, {}, None, None
        if fam == "statement":
            spoken_sorted = spoken_sorted and (not spoken or spoken[-1][0] <= men.sentence)
            spoken.append((men.sentence, {k for k, r in men.participants.items() if r == "speaker"}))
        if target is None:
            clusters.append([men])
            summaries.append(_Summary())
            summaries[-1].add(men)
            headline_only.append(men.sentence == 0)
            men.cluster = len(clusters) - 1
        else:
            clusters[target].append(men)
            summaries[target].add(men)
            headline_only[target] = headline_only[target] and men.sentence == 0
            men.cluster = target
    by_id = {id(m): m for m in mentions}
    events: list[EventMention] = []
    for ci, cl in enumerate(clusters):
        events.append(_merge_cluster(ci, cl, ref))
    # ABOUT and BEFORE between clusters
    by_sentence: dict[int, list[Mention]] = {}
    for o in mentions:
        by_sentence.setdefault(o.sentence, []).append(o)
    for ci, cl in enumerate(clusters):
        about: set[int] = set()
        before: set[int] = set()
        for m in cl:
            for oid in m.about:
                o = by_id.get(oid)
                if o is not None and o.cluster != ci:
                    about.add(o.cluster)
            if m.before_others or m.after_others:
                for o in by_sentence.get(m.sentence, ()):
                    if o.cluster != ci and o.clause == m.clause:
                        if m.before_others:
                            before.add(o.cluster)
                        else:
                            events[o.cluster].before = sorted(set(events[o.cluster].before) | {f"e{ci}"})
        events[ci].about = sorted(f"e{i}" for i in about)
        events[ci].before = sorted(set(events[ci].before) | {f"e{i}" for i in before})
    if OCCASIONS:
        _occasions(clusters, events, by_sentence)
    return events


OCCASIONS = True  # a contact right before its participant's dated statement takes its day
_DAY = re.compile(r"\d{4}-\d\d-\d\d$")


def _occasions(clusters: list[list[Mention]], events: list[EventMention],
               by_sentence: dict[int, list[Mention]]) -> None:
    """A contact (meeting, talks, call, visit) without a time of its own that a clause places
    right before a statement of one of its participants ("Nach dem Treffen mit X hat Y erklärt
    …", "after the talks Y said …": ``Mention.before_others``, no distance named) is that
    statement's occasion: the participant's account of the talks, given right after them. When
    coreference dates the statement to a day by a time of its own ("Eine solche Erklärung wurde
    am 2. Mai abgegeben"), the contact takes that day (``time_source`` "occasion"); otherwise
    nothing changes (a statement without a day leaves the contact to its own tense). Only
    realis contacts; "zwei Tage nach dem Treffen" names a distance and is not read so."""
    for ci, cl in enumerate(clusters):
        ev = events[ci]
        if ev.time is not None or ev.status != "occurred" or ev.type not in CONTACT_TYPES:
            continue
        people = {p.key for p in ev.participants}
        for m in cl:
            if not m.before_others or m.distance:
                continue
            for o in by_sentence.get(m.sentence, ()):
                st = events[o.cluster] if 0 <= o.cluster < len(events) else None
                if st is None or o.cluster == ci or o.clause != m.clause or st.type != "STATEMENT" \
                        or st.status != "occurred" or st.time is None or st.time_source != "clause" \
                        or not _DAY.match(st.time.value):
                    continue
                if people & {p.key for p in st.participants if p.role == "speaker"}:
                    ev.time, ev.time_source = st.time, "occasion"
                    break
            if ev.time is not None:
                break


def _stem(word: str) -> str:
    """A crude stem for matching repeated trigger words ("Rückkehr"/"zurückgekehrt" differ)."""
    return word.lower()[:5]


def _speakers(cl: list[Mention]) -> set[str]:
    """The speakers of a statement cluster: those of its verbs, if any name one (a noun such as
    "interview" may credit the interviewer)."""
    spoken = {k for m in cl for k, r in m.participants.items() if r == "speaker"}
    return {k for m in cl if m.is_verb for k, r in m.participants.items() if r == "speaker"} or spoken


def _people(keys: set[str]) -> set[str]:
    return {k for k in keys if k.startswith("per:")}


def _fallback_source(cl: list[Mention], status: str, type_: str, ref: dt.date | None) -> str:
    """Where an event without a time of its own gets its date: "tense" (an occurred event whose
    verbs are all told in the past or perfect, or, named by nouns only, whose nouns all stand in
    past clauses that assert them: on or before the article's date), "article" (the article's
    date as the report date: the present, nouns the tense does not place), or "none". A
    statement needs one verb told in the past or in the reportive present ("said", "sagte",
    "hat erklärt", "…, sagt X"; :func:`~graphbuilder.extract.events.status.tense_readings`):
    the news present of its other verbs ("X warns …" in a headline) and forms without a tense
    ("saying") report the same occasion and do not contradict it; by nouns only, one noun in a
    past clause ("Die Erklärung wurde abgegeben") suffices."""
    if status not in REALIS or ref is None:
        return "none"
    verbs = [m for m in cl if m.is_verb]
    if status == "occurred" and verbs and (any(m.past for m in verbs) if type_ == "STATEMENT"
                                           else all(m.past for m in verbs)):
        return "tense"
    if status == "occurred" and not verbs and (any if type_ == "STATEMENT" else all)(m.past for m in cl):
        return "tense"  # nouns only: by the tense of the clauses that govern them
    return "article"


def _merge_cluster(ci: int, cl: list[Mention], ref: dt.date | None) -> EventMention:
    statuses = [m.status for m in cl if m.status is not None]
    # within one article an explicit cancellation or denial outweighs mentions that merely
    # default to "occurred"; otherwise the firmest assertion wins
    status = max(statuses, key=lambda s: (s in ("cancelled", "denied"), STATUS_RANK[s])) if statuses else "occurred"
    if status == "occurred" and "ongoing" in statuses and not any(m.is_verb and m.status == "occurred" for m in cl):
        # "die Kämpfe setzen sich fort" outweighs a noun's "die Kämpfe haben … geführt", not a
        # verb reporting the act as done ("was attacked")
        status = "ongoing"
    dated = [m.status for m in cl if m.time is not None and m.status in IRREALIS]
    if status in IRREALIS and dated:
        status = dated[0]  # the dated mention is the informative one: "the election, widely expected on 5 May"
    type_ = max(cl, key=lambda m: (SPECIFICITY.get(m.type, 1), -cl.index(m))).type
    participants: dict[str, str] = {}
    speakers = _speakers(cl)
    for m in cl:
        for k, r in m.participants.items():
            if r == "speaker" and k not in speakers:
                r = "participant"  # "In an interview with X, Y said": X takes part, Y speaks
            if participants.get(k) != "speaker":
                participants[k] = r
    carriers = [m for m in cl if m.time is not None and m.status in (status, None)] or \
               [m for m in cl if m.time is not None and status_class(m.status) == status_class(status)]
    time = None
    if carriers:
        def width(m: Mention) -> int:
            t = m.time
            if t is None or t.vague:
                return 10**6  # vague intervals are conventions: keep the first report's wording
            if t.earliest and t.latest:
                return (t.latest - t.earliest).days
            return 10**5
        time = min(carriers, key=lambda m: (width(m), m.trigger.start)).time
    source = "clause"
    if time is None and status in REALIS:
        # no mention has a time of its own: the story's reference time, if one was in force
        time = next((m.story for m in cl if m.story is not None), None)
        source = "story"
    if time is not None and status in IRREALIS and ref is not None and time.latest and time.latest < ref:
        time = None  # a future event never gets a past date
    if time is not None and status in REALIS and is_future(time, ref):
        time = None
    if time is not None and not has_date_to_place(time):
        time = None  # "jüngst", "derzeit", "im Frühjahr" of an unknown year: no date to place
    main = next((m for m in cl if m.participants), cl[0])
    location = next((m.location for m in cl if m.location), None)
    conf = 0.4 + 0.15 * min(len(participants), 2) + (0.1 if time and source == "clause" else 0) + 0.05 * min(len(cl) - 1, 3)
    return EventMention(
        key=f"e{ci}",
        type=type_,
        status=status,  # type: ignore[arg-type]
        trigger=main.trigger,
        sentence=main.sentence,
        mentions=[m.trigger for m in cl if m is not main],
        participants=[Participant(key=k, role=r) for k, r in participants.items()],  # type: ignore[arg-type]
        time=time,
        time_source=source if time is not None else _fallback_source(cl, status, type_, ref),
        location=location,
        confidence=round(min(conf, 0.95), 2),
    )
