"""Event extractor on hand-written sentences with hand-made entity and time mentions.

The entity and time taggers are replaced by explicit mentions so these tests pin down the
event rules alone (triggers, participants, status, time defaults, coreference, ABOUT/BEFORE).
"""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.extract.events import RuleEventExtractor
from graphbuilder.models import EntityMention, RoleFact, Sentence, TimeExpr

REF = dt.date(2023, 3, 14)


def _sentences(text: str) -> list[Sentence]:
    out, start = [], 0
    for i, part in enumerate(text.split("\n")):
        out.append(Sentence(start=start, end=start + len(part), text=part, index=i))
        start += len(part) + 1
    return out


def _ents(text: str, spec: list[tuple[str, str, str]], derived: tuple[str, ...] = ()) -> list[EntityMention]:
    """spec: (surface, label, key); every occurrence of surface becomes a mention."""
    out = []
    for surface, label, key in spec:
        pos = text.find(surface)
        while pos >= 0:
            out.append(EntityMention(start=pos, end=pos + len(surface), text=surface, label=label,
                                     key=key, name=surface, derived=surface in derived))
            pos = text.find(surface, pos + 1)
    return out


def _time(text: str, surface: str, value: str, earliest: dt.date | None, latest: dt.date | None,
          vague: bool = False) -> TimeExpr:
    pos = text.index(surface)
    return TimeExpr(start=pos, end=pos + len(surface), text=surface, type="DATE", value=value,
                    earliest=earliest, latest=latest, vague=vague)


def run(text, lang, ents, times=(), roles=()):
    return RuleEventExtractor().extract(text, lang, _sentences(text), ents, list(times), list(roles), REF)


def by_type(events, t):
    return [e for e in events if e.type == t]


def test_de_meeting_between_two_people_is_planned_with_vague_future_time():
    text = "Ein Treffen zwischen Karl Adler und Maria Berg soll in naher Zukunft stattfinden."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    t = _time(text, "in naher Zukunft", "FUTURE_REF", REF + dt.timedelta(days=1), REF + dt.timedelta(days=60), True)
    events = run(text, "de", ents, [t])
    (ev,) = by_type(events, "MEETING")
    assert ev.status == "planned"
    assert {p.key for p in ev.participants} == {"per:karl-adler", "per:maria-berg"}
    assert ev.time is not None and ev.time.value == "FUTURE_REF"


def test_de_past_statement_has_speaker_and_is_dated_to_article_day():
    text = "Innenministerin Maria Berg erklärte, die Lage sei ernst."
    ents = _ents(text, [("Maria Berg", "PER", "per:maria-berg")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.status == "occurred"
    assert [(p.key, p.role) for p in ev.participants] == [("per:maria-berg", "speaker")]
    assert ev.time is None and ev.time_source == "article"


def test_future_event_never_gets_a_past_date():
    text = "Karl Adler wird Maria Berg am Montag treffen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    past = _time(text, "am Montag", "2023-03-13", dt.date(2023, 3, 13), dt.date(2023, 3, 13))
    events = run(text, "de", ents, [past])
    (ev,) = by_type(events, "MEETING")
    assert ev.status == "planned"
    assert ev.time is None or ev.time.earliest >= REF


def test_cancelled_and_hedged_status():
    text = ("The visit of Anna Lind to Oslo was cancelled.\n"
            "A meeting between Anna Lind and Per Holm could take place next year.")
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Per Holm", "PER", "per:per-holm"),
                        ("Oslo", "LOC", "loc:oslo")])
    events = run(text, "en", ents)
    assert by_type(events, "VISIT")[0].status == "cancelled"
    assert by_type(events, "MEETING")[0].status == "possible"


def test_mentions_of_one_planned_meeting_corefer_and_statement_is_about_it():
    text = ("Gespräche zwischen Karl Adler und Maria Berg finden bald statt\n"
            "Peter Lang erklärte, dass das Treffen zwischen Adler und Berg wahrscheinlich sei.\n"
            "Er wies auf die Bedeutung dieses Treffens hin.")
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg"),
                        ("Adler", "PER", "per:karl-adler"), ("Berg", "PER", "per:maria-berg"),
                        ("Peter Lang", "PER", "per:peter-lang")])
    # drop the short mentions nested in the full names
    ents = [e for e in ents if not any(o is not e and o.start <= e.start and e.end <= o.end and o.end - o.start > e.end - e.start for o in ents)]
    events = run(text, "de", ents)
    meetings = by_type(events, "MEETING")
    assert len(meetings) == 1, meetings
    m = meetings[0]
    assert m.status == "planned"  # the firm "finden statt" wins over the hedged mention
    assert len(m.mentions) == 2
    (st,) = by_type(events, "STATEMENT")
    assert m.key in st.about
    assert {p.key for p in st.participants} == {"per:peter-lang"}


def test_nach_dem_treffen_puts_meeting_before_statement_and_pronoun_resolves():
    text = ("Nach dem Treffen mit Maria Berg hat Karl Adler erklärt, man sei einig.\n"
            "Er erklärte, er habe ein offenes Gespräch mit Berg geführt.")
    ents = _ents(text, [("Maria Berg", "PER", "per:berg"), ("Karl Adler", "PER", "per:adler")])
    ents += [EntityMention(start=text.rindex("Berg"), end=text.rindex("Berg") + 4, text="Berg",
                           label="PER", key="per:berg", name="Maria Berg")]
    events = run(text, "de", ents)
    meetings = by_type(events, "MEETING")
    assert len(meetings) == 1
    assert meetings[0].status == "occurred"
    assert {p.key for p in meetings[0].participants} == {"per:berg", "per:adler"}
    (st,) = by_type(events, "STATEMENT")
    assert st.key in meetings[0].before


def test_role_nominals_resolve_to_unique_role_holders():
    text = ("US-Außenminister Tom Reed und der russische Außenminister Ivan Petrov trafen sich.\n"
            "Der US-Außenminister teilte mit, das Gespräch sei offen gewesen.\n"
            "Die beiden Präsidenten werden telefonieren.")
    ents = _ents(text, [("Tom Reed", "PER", "per:reed"), ("Ivan Petrov", "PER", "per:petrov"),
                        ("US", "LOC", "loc:usa"), ("russische", "LOC", "loc:russia")], derived=("US", "russische"))
    roles = [RoleFact(person="per:reed", title="Außenminister", org="loc:usa"),
             RoleFact(person="per:petrov", title="Außenminister", org="loc:russia"),
             RoleFact(person="per:a", title="Präsident", org="loc:usa"),
             RoleFact(person="per:b", title="Präsident", org="loc:russia")]
    events = run(text, "de", ents, roles=roles)
    speakers = {p.key for e in by_type(events, "STATEMENT") for p in e.participants}
    assert speakers == {"per:reed"}
    (call,) = by_type(events, "CALL")
    assert {p.key for p in call.participants} == {"per:a", "per:b"}
    assert call.status == "planned"


@pytest.mark.parametrize("lang,text,etype", [
    ("en", "Police arrested Tom Reed in Leeds on Friday.", "CRIME"),
    ("en", "Parliament passed the law on Tuesday.", "LEGISLATION"),
    ("de", "Die EU verhängte neue Sanktionen gegen Ruritanien.", "SANCTION"),
    ("de", "Tausende demonstrierten in Wien gegen die Reform.", "PROTEST"),
    ("en", "Tom Reed resigned as minister.", "RESIGNATION"),
    ("de", "Bei der Pressekonferenz sprach Reed.", "PRESS_CONFERENCE"),
])
def test_trigger_types(lang, text, etype):
    assert etype in {e.type for e in run(text, lang, [])}


def test_location_from_locative_preposition():
    text = "Tom Reed met Ivan Petrov in Geneva."
    ents = _ents(text, [("Tom Reed", "PER", "per:reed"), ("Ivan Petrov", "PER", "per:petrov"),
                        ("Geneva", "LOC", "loc:geneva")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert ev.location == "loc:geneva"
    assert "loc:geneva" not in {p.key for p in ev.participants}


def test_deterministic():
    text = "Gespräche zwischen Karl Adler und Maria Berg finden bald statt. Adler sagte, es gehe voran."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    assert run(text, "de", ents) == run(text, "de", ents)


def test_spokesman_of_a_named_principal_makes_the_principal_the_speaker():
    text = "Mr Adler's spokesman said the plan was dead.\nA spokeswoman for Maria Berg said nothing had changed."
    ents = _ents(text, [("Mr Adler's", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    speakers = {p.key for e in by_type(run(text, "en", ents), "STATEMENT") for p in e.participants
                if p.role == "speaker"}
    assert speakers == {"per:karl-adler", "per:maria-berg"}


def test_de_passive_agent_is_the_speaker():
    text = "Dass Karl Adler zurücktreten könnte, wurde von der Partei Blau dementiert."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Partei Blau", "ORG", "org:blau")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert [(p.key, p.role) for p in ev.participants] == [("org:blau", "speaker")]


def test_country_as_sentence_subject_speaks():
    text = "Freedonia also proposed a freeze on payments."
    ents = _ents(text, [("Freedonia", "LOC", "loc:freedonia")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert [p.key for p in ev.participants] == ["loc:freedonia"]


def test_pronoun_speaker_without_prior_statement_is_the_last_named_person():
    text = "Karl Adler returned from Ruritania on Monday.\nHe confirmed that the talks had failed."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert [p.key for p in ev.participants] == ["per:karl-adler"]


def test_statements_of_one_speaker_far_apart_are_separate_occasions():
    lines = ["Plans in Ruritania.", "Karl Adler said the plan was good."] + ["The weather was fine."] * 2 + [
        "Maria Berg said it was not."] + ["The weather was fine."] * 2 + ["Karl Adler said last year the plan was bad."]
    text = "\n".join(lines)
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    assert len(by_type(run(text, "en", ents), "STATEMENT")) == 3
    close = "Karl Adler said the plan was good.\nKarl Adler added that it was cheap."
    assert len(by_type(run(close, "en", _ents(close, [("Karl Adler", "PER", "per:karl-adler")])), "STATEMENT")) == 1


def test_interview_outlet_is_a_participant_not_the_speaker():
    text = "Das sei ein Fehler, sagte Karl Adler bei Radio Nord am Sonntag."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Radio Nord", "ORG", "org:radio-nord")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {(p.key, p.role) for p in ev.participants} == {("per:karl-adler", "speaker"), ("org:radio-nord", "participant")}
    text = "Karl Adler told Radio Nord that the plan was dead."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Radio Nord", "ORG", "org:radio-nord")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {(p.key, p.role) for p in ev.participants} == {("per:karl-adler", "speaker"), ("org:radio-nord", "participant")}


def test_return_from_exile_and_release_are_other_events():
    text = "Präsident Karl Adler ist aus dem Exil zurückgekehrt.\nDie Regierung hat Maria Berg freigelassen."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    others = by_type(run(text, "de", ents), "OTHER")
    assert [e.trigger.text for e in others] == ["zurückgekehrt", "freigelassen"]
    assert all(e.status == "occurred" for e in others)
    text = "A Conservative MP, Karl Adler, has defected to the Blue Party."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "en", ents), "OTHER")
    assert {p.key for p in ev.participants} == {"per:karl-adler", "org:blue"}


def test_headline_event_is_a_mention_of_the_first_body_event():
    text = "Talks held on Ruritania\nKarl Adler and Maria Berg held talks on Monday.\nOther talks were held by Hans Ott."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    meetings = by_type(run(text, "en", ents), "MEETING")
    assert len(meetings) == 2
    first = next(e for e in meetings if {p.key for p in e.participants} == {"per:a", "per:b"})
    assert any(m.start == 0 for m in first.mentions + [first.trigger])


def test_hypothetical_negated_and_other_sense_mentions_are_no_events():
    text = ("Unklar ist, ob es sich um einen Anschlag handelte.\n"
            "Zwischen Karl Adler und der Partei gab es keinen Kontakt.\n"
            "Der Polizist wurde am Arm getroffen.\n"
            "Die Partei hat sich von dem Plan verabschiedet.")
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler")])
    assert run(text, "de", ents) == []
    text = "It is unclear whether it was an attack.\nThe minister is said to have left.\nThere was no deal."
    assert run(text, "en", []) == []


def test_english_capitalised_noun_inside_a_name_is_no_event():
    text = "The plan recalls the years after World War Two."
    assert by_type(run(text, "en", []), "ATTACK") == []


def test_de_separable_particle_patterns_match_and_need_the_clause_end():
    text = "Karl Adler warf der Regierung Versagen vor.\nDie Demonstranten warfen Steine vor dem Gebäude."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.trigger.text == "warf" and [p.key for p in ev.participants] == ["per:karl-adler"]


def test_de_strong_past_forms_without_e_are_triggers():
    text = "Karl Adler traf in Ruritanien Maria Berg.\nDie Rebellen griffen die Stadt an."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "de", ents)
    assert [e.trigger.text for e in by_type(events, "MEETING")] == ["traf"]
    assert [e.trigger.text for e in by_type(events, "ATTACK")] == ["griffen"]


def test_place_behind_a_locative_phrase_is_location_not_participant():
    text = "Tausende haben in der ukrainischen Hauptstadt Kiew protestiert."
    ents = _ents(text, [("Kiew", "LOC", "loc:kyiv")])
    (ev,) = by_type(run(text, "de", ents), "PROTEST")
    assert ev.participants == [] and ev.location == "loc:kyiv"


def test_begun_events_are_ongoing_and_announced_ones_planned():
    text = "Die Partei Blau hat am Montag Verhandlungen mit der Partei Rot aufgenommen.\nDie Liga kündigte für Dienstag ein Krisentreffen an."
    ents = _ents(text, [("Partei Blau", "ORG", "org:blau"), ("Partei Rot", "ORG", "org:rot"), ("Liga", "ORG", "org:liga")])
    events = run(text, "de", ents)
    assert by_type(events, "NEGOTIATION")[0].status == "ongoing"
    assert by_type(events, "MEETING")[0].status == "planned"
    text = "Freedonia has begun its own moratorium."
    (ev,) = by_type(run(text, "en", _ents(text, [("Freedonia", "LOC", "loc:f")])), "OTHER")
    assert ev.status == "ongoing"


def test_unnamed_sources_are_statements_without_speaker():
    text = "Karl Adler traf Maria Berg.\nDas Treffen sei gut gewesen, sagte ein Sprecher am Montag.\nDie Lage sei ruhig, hieß es aus Regierungskreisen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    statements = by_type(run(text, "de", ents), "STATEMENT")
    assert statements and all(e.participants == [] for e in statements)
    text = "Karl Adler will visit Ruritania, it has been announced."
    (ev,) = by_type(run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")])), "STATEMENT")
    assert ev.participants == []


def test_country_speaks_only_as_the_first_words_of_its_clause():
    text = "Der Gerichtshof hatte Freedonia zuvor aufgerufen, den Mann zu verhaften."
    ents = _ents(text, [("Freedonia", "LOC", "loc:freedonia")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert all(p.role != "speaker" for p in ev.participants)


def test_statement_time_comes_from_the_reporting_clause_not_the_quote():
    text = "Ich werde 2018 gehen, sagte Karl Adler am Freitag."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    y = _time(text, "2018", "2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    (ev,) = by_type(run(text, "de", ents, [y]), "STATEMENT")
    assert ev.time is None


def test_relative_times_without_a_date_do_not_date_an_event():
    text = "Der Rat verschärfte jüngst seine Sanktionen gegen Freedonia."
    ents = _ents(text, [("Rat", "ORG", "org:rat"), ("Freedonia", "LOC", "loc:f")])
    t = _time(text, "jüngst", "PAST_REF", None, None, True)
    (ev,) = by_type(run(text, "de", ents, [t]), "SANCTION")
    assert ev.status == "occurred" and ev.time is None


def test_new_vocabulary_wars_abductions_stand_down_and_explosions():
    text = "Der Bürgerkrieg in Freedonia dauert an.\nBei einer Explosion in einem Gaswerk starben drei Menschen."
    events = run(text, "de", [])
    assert [e.type for e in events] == ["ATTACK", "ACCIDENT"]
    text = "Karl Adler will stand down at the election.\nMaria Berg was abducted in Ruritania.\nHe was in charge of the line."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "en", ents)
    assert by_type(events, "RESIGNATION")[0].status == "planned"
    assert by_type(events, "ATTACK")[0].trigger.text == "abducted"
    assert by_type(events, "CRIME") == []


def test_demanded_events_and_law_as_modifier_are_no_events():
    text = "Karl Adler appealed for the release of Maria Berg.\nShe spoke to law students about the rule of law."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "en", ents)
    assert by_type(events, "OTHER") == [] and by_type(events, "LEGISLATION") == []
    text = "Die Partei lehnte die Forderung nach exklusiven Verhandlungen ab."
    assert by_type(run(text, "de", []), "NEGOTIATION") == []
    text = "The parliament passed the law on Monday."
    assert by_type(run(text, "en", []), "LEGISLATION")


def test_place_right_before_a_reporting_verb_after_a_comma_speaks():
    text = "Freedonia has offered to send 120 Gurkhas to Ruritania, Downing Street said."
    ents = _ents(text, [("Freedonia", "LOC", "loc:f"), ("Gurkhas", "ORG", "org:g"), ("Ruritania", "LOC", "loc:r"),
                        ("Downing Street", "LOC", "loc:ds")])
    said = next(e for e in by_type(run(text, "en", ents), "STATEMENT") if e.trigger.text == "said"
                or any(m.text == "said" for m in e.mentions))
    assert ("loc:ds", "speaker") in {(p.key, p.role) for p in said.participants}


def test_contact_partners_listed_with_appositions():
    text = "Karl Adler held talks with his counterpart, Maria Berg, and the Blue leader, Hans Ott."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert {p.key for p in ev.participants} == {"per:a", "per:b", "per:c"}


def test_later_noun_mention_corefers_unless_participants_disagree():
    text = ("Karl Adler resigned on Monday.\nThe weather was fine.\nHis resignation surprised many.\n"
            "Maria Berg was arrested.\nHans Ott was arrested too.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    events = run(text, "en", ents)
    assert len(by_type(events, "RESIGNATION")) == 1
    assert len(by_type(events, "CRIME")) == 2  # verbs with other participants stay apart


def test_election_and_accident_nouns_take_no_nearby_name_as_actor():
    text = "Karl Adler will stand down at the next election.\nThe Blue Party counted the damage of the accident."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue")])
    events = run(text, "en", ents)
    assert by_type(events, "ELECTION")[0].participants == []
    assert by_type(events, "ACCIDENT")[0].participants == []


def test_cited_sources_are_not_participants():
    text = "Der Zeitung Morgenpost zufolge fand das letzte Telefonat im Juni statt."
    ents = _ents(text, [("Morgenpost", "ORG", "org:mp")])
    (ev,) = by_type(run(text, "de", ents), "CALL")
    assert ev.participants == []
    text = "According to the Daily Post, the talks failed."
    (ev,) = by_type(run(text, "en", _ents(text, [("Daily Post", "ORG", "org:dp")])), "MEETING")
    assert ev.participants == []


def test_english_progressive_and_present_verbs_are_ongoing():
    text = "Karl Adler, touring Ruritania, praised the deal.\nMaria Berg arrives in Freedonia for talks.\nHans Ott had visited Ruritania."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c"),
                        ("Ruritania", "LOC", "loc:r"), ("Freedonia", "LOC", "loc:f")])
    visits = {e.trigger.text: e.status for e in by_type(run(text, "en", ents), "VISIT")}
    assert visits == {"touring": "ongoing", "arrives in": "ongoing", "visited": "occurred"}


def test_press_conference_is_given_by_the_speaker_and_possessors_are_not_participants():
    text = "Das sei gut, erklärte Karl Adler bei der Pressekonferenz nach der Sitzung mit Maria Berg."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    (pc,) = by_type(run(text, "de", ents), "PRESS_CONFERENCE")
    assert [(p.key, p.role) for p in pc.participants] == [("per:a", "speaker")]
    text = "Maria Berg criticised Karl Adler's policies during a lecture tour."
    ents = _ents(text, [("Maria Berg", "PER", "per:b"), ("Karl Adler's", "PER", "per:a")])
    (visit,) = by_type(run(text, "en", ents), "VISIT")
    assert [p.key for p in visit.participants] == ["per:b"]


def test_relative_clause_ends_at_its_comma():
    text = "Karl Adler, der von Maria Berg ernannt worden war, traf am Montag Hans Ott."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    events = run(text, "de", ents)
    (app,) = by_type(events, "APPOINTMENT")
    assert "per:c" not in {p.key for p in app.participants}


def test_de_infinitive_objects_and_historic_war_names_are_no_events():
    text = ("Karl Adler sagte, es sei wichtig, eine Einigung mit Maria Berg zu erreichen.\n"
            "Im Zweiten Weltkrieg war die Stadt besetzt.\nDie Partei hat eine Einigung mit Maria Berg erzielt.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "de", ents)
    assert [e.trigger.start for e in by_type(events, "AGREEMENT")] == [text.rindex("Einigung")]
    assert by_type(events, "ATTACK") == []


def test_party_spokesman_speaks_for_the_party():
    text = "A Blue Party spokesman said the plan had failed."
    ents = _ents(text, [("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert [(p.key, p.role) for p in ev.participants] == [("org:blue", "speaker")]


def test_event_after_nach_or_seit_is_over_even_in_an_ongoing_clause():
    text = "Seit der Parlamentswahl herrscht derzeit Stillstand.\nNach der Wahl haben die Parteien Verhandlungen aufgenommen."
    events = run(text, "de", [])
    assert {e.status for e in by_type(events, "ELECTION")} == {"occurred"}
    assert by_type(events, "NEGOTIATION")[0].status == "ongoing"


def test_other_events_corefer_only_on_the_same_word():
    text = "Karl Adler ist nach Ruritanien geflohen.\nIm Mai ist Karl Adler zurückgekehrt.\nKarl Adler war zuvor schon einmal geflohen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    others = by_type(run(text, "de", ents), "OTHER")
    assert sorted(e.trigger.text for e in others) == ["geflohen", "zurückgekehrt"]
    text = "Karl Adler was expelled from the Blue Party."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:b")])
    assert [e.type for e in run(text, "en", ents)] == ["OTHER"]


def test_statement_on_an_earlier_occasion_is_a_separate_event():
    text = "Streit in Ruritanien\nKarl Adler sagte am Montag, der Plan sei gut.\nKarl Adler hatte damals gesagt, der Plan sei schlecht."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert len(by_type(run(text, "de", ents), "STATEMENT")) == 2


def test_clause_initial_country_after_a_conjunction_speaks():
    text = "But Freedonia said the talks had failed."
    (ev,) = by_type(run(text, "en", _ents(text, [("Freedonia", "LOC", "loc:f")])), "STATEMENT")
    assert [p.key for p in ev.participants] == ["loc:f"]


def test_de_hyphenated_compound_heads_are_triggers():
    text = "Der Gaza-Krieg und das Nato-Gipfeltreffen prägten das Jahr."
    events = run(text, "de", [])
    assert {(e.type, e.trigger.text) for e in events} == {("ATTACK", "Gaza-Krieg"), ("MEETING", "Nato-Gipfeltreffen")}


def test_captures_and_hostage_taking_are_attacks():
    text = "Die Rebellen haben die Hafenstadt im Mai unter ihre Kontrolle gebracht."
    assert [e.type for e in run(text, "de", [])] == ["ATTACK"]
    text = "The rebels captured the town on Monday."
    assert [e.type for e in run(text, "en", [])] == ["ATTACK"]


def test_pronoun_subject_of_a_verb_event_is_the_last_named_person():
    text = "Karl Adler war Minister in Ruritanien.\nEr ist am Montag zurückgetreten."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Ruritanien", "LOC", "loc:r")])
    (ev,) = by_type(run(text, "de", ents), "RESIGNATION")
    assert [p.key for p in ev.participants] == ["per:a"]


def test_statement_with_its_own_unnamed_subject_does_not_continue_the_last_speaker():
    text = "Karl Adler said the talks had failed.\nPalestinian officials said the gesture was agreed."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    statements = by_type(run(text, "en", ents), "STATEMENT")
    assert len(statements) == 2 and any(e.participants == [] for e in statements)


def test_coordinated_speech_verb_keeps_the_subject():
    text = "Karl Adler acknowledged the problem, but said the plan would work."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    statements = by_type(run(text, "en", ents), "STATEMENT")
    assert statements and all(["per:a"] == [p.key for p in e.participants] for e in statements)


def test_de_more_speech_acts_and_party_events():
    text = ("Die Stadt Graz habe angeboten, die Kosten zu übernehmen.\n"
            "Die Partei Rot hat ihre Wahlabschlussveranstaltung abgesagt.")
    ents = _ents(text, [("Graz", "LOC", "loc:graz"), ("Partei Rot", "ORG", "org:rot")])
    events = run(text, "de", ents)
    assert [e.trigger.text for e in by_type(events, "STATEMENT")] == ["angeboten"]
    (meeting,) = by_type(events, "MEETING")
    assert meeting.status == "cancelled"


def test_genitive_owner_behind_attributes():
    text = "Einen Tag nach dem Wahlsieg der islamisch-konservativen Blauen Partei kam es zu Razzien."
    ents = _ents(text, [("Blauen Partei", "ORG", "org:blau")])
    (ev,) = by_type(run(text, "de", ents), "ELECTION")
    assert [p.key for p in ev.participants] == ["org:blau"]


def test_statement_noun_after_its_verb_is_the_same_statement():
    text = "Das sei falsch, sagte Karl Adler in einem Interview mit Radio Nord."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Radio Nord", "ORG", "org:rn")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.trigger.text == "sagte" and [m.text for m in ev.mentions] == ["Interview"]


def test_contact_with_only_an_organisation_is_not_merged_into_a_bigger_meeting():
    text = ("Karl Adler met Maria Berg to talk about the Union.\n"
            "The talks came ahead of a Union summit in Ruritania later in the week.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Union", "ORG", "org:u")])
    assert len(by_type(run(text, "en", ents), "MEETING")) == 2


def test_english_accession_and_formal_talks_are_negotiations():
    text = "The Union will start accession talks with Freedonia in April."
    ents = _ents(text, [("Union", "ORG", "org:u"), ("Freedonia", "LOC", "loc:f")])
    assert [e.type for e in run(text, "en", ents)] == ["NEGOTIATION"]


def test_meeting_noun_in_a_prepositional_setting_takes_no_clause_names():
    de = "Gewählt werden soll Karl Adler auf dem Parteitag im Juli."
    (ev,) = by_type(run(de, "de", _ents(de, [("Karl Adler", "PER", "per:a")])), "MEETING")
    assert ev.participants == []
    en = "Karl Adler was nominated as candidate at a Blue Party conference."
    ents = _ents(en, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(en, "en", ents), "MEETING")
    assert [p.key for p in ev.participants] == ["org:blue"]
    plain = "Karl Adler und Eva Berg hatten ein Treffen in Graz."
    ents = _ents(plain, [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b")])
    (ev,) = by_type(run(plain, "de", ents), "MEETING")
    assert {p.key for p in ev.participants} == {"per:a", "per:b"}


def test_english_name_after_said_that_opens_a_clause_is_not_the_speaker():
    text = "A spokesman said Karl Adler was arrested on Tuesday."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert ev.participants == []
    inverted = '"We will win," said Karl Adler.'
    ents = _ents(inverted, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(inverted, "en", ents), "STATEMENT")
    assert [(p.key, p.role) for p in ev.participants] == [("per:a", "speaker")]


def test_german_interview_media_in_compounds_requests_and_datives():
    text = ("Das sei falsch, sagte Karl Adler im Nordfunk-Report.\n"
            "Die Frist laufe, bestätigte Landesrat Eva Berg der Nordpress.\n"
            "Alles sei geklärt, hieß es auf Anfrage der Nordpress.\n"
            "Der Plan stehe, sagte Hans Roth der Blauen Partei zufolge.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Hans Roth", "PER", "per:c"),
                        ("Nordfunk", "ORG", "org:nf"), ("Nordpress", "ORG", "org:np"),
                        ("Blauen Partei", "ORG", "org:blau")], derived=("Nordfunk",))
    events = by_type(run(text, "de", ents), "STATEMENT")
    parts = [{p.key: p.role for p in ev.participants} for ev in sorted(events, key=lambda e: e.trigger.start)]
    assert parts[0] == {"per:a": "speaker", "org:nf": "participant"}
    assert parts[1] == {"per:b": "speaker", "org:np": "participant"}
    assert parts[2] == {"org:np": "participant"}
    assert parts[3] == {"per:c": "speaker"}


def test_names_in_a_topic_phrase_after_the_verb_are_not_participants():
    text = "Karl Adler met Eva Berg to talk about the Blue Party."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"),
                        ("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert {p.key for p in ev.participants} == {"per:a", "per:b"}
    de = "Karl Adler wurde am Montag wegen der Affäre um die Blaue Partei festgenommen."
    ents = _ents(de, [("Karl Adler", "PER", "per:a"), ("Blaue Partei", "ORG", "org:blue")])
    (ev,) = by_type(run(de, "de", ents), "CRIME")
    assert {p.key for p in ev.participants} == {"per:a"}


def test_journalist_of_a_medium_speaks_not_the_medium():
    text = "Both sides want to avoid a strike, said Radio North labour correspondent Karl Adler."
    ents = _ents(text, [("Radio North", "ORG", "org:rn"), ("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants}.get("per:a") == "speaker"
    assert ev.participants[0].key == "per:a"


def test_named_object_of_an_accusation_is_the_statement_target():
    de = ("Der Parteichef Karl Adler hat Nordland Versäumnisse vorgeworfen.\n"
          "Das sei falsch, kritisierte Eva Berg die Pläne von Minister Hans Roth (Blaue Partei).")
    ents = _ents(de, [("Karl Adler", "PER", "per:a"), ("Nordland", "LOC", "loc:n"), ("Eva Berg", "PER", "per:b"),
                      ("Hans Roth", "PER", "per:c"), ("Blaue Partei", "ORG", "org:blue")])
    events = sorted(by_type(run(de, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in events[0].participants} == {"per:a": "speaker", "loc:n": "target"}
    # the criticised minister is a target, his party in brackets is not
    assert {p.key: p.role for p in events[1].participants} == {"per:b": "speaker", "per:c": "target"}
    en = "Karl Adler urged Nordland to act.\nEva Berg was criticised by the Blue Party."
    ents = _ents(en, [("Karl Adler", "PER", "per:a"), ("Nordland", "LOC", "loc:n"), ("Eva Berg", "PER", "per:b"),
                      ("Blue Party", "ORG", "org:blue")])
    events = sorted(by_type(run(en, "en", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in events[0].participants} == {"per:a": "speaker", "loc:n": "target"}
    assert "target" not in {p.role for p in events[1].participants}


def test_subject_relative_clause_takes_its_named_antecedent():
    de = "Beifall gab es für Karl Adler, der vor der Wahl diesen Plan mehrfach kritisiert hatte."
    ents = _ents(de, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(de, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}
    en = "Karl Adler, who had been selected by the Blue Party, quit on Monday."
    ents = _ents(en, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(en, "en", ents), "APPOINTMENT")
    assert "per:a" in {p.key for p in ev.participants}
    article = "Seine Frau bestätigte der Agentur Nordpress, der Politiker sei entlassen worden."
    assert _relative_free(article)


def _relative_free(text: str) -> bool:
    """', der Politiker' is an article: no antecedent is taken from before it."""
    ents = _ents(text, [("Nordpress", "ORG", "org:np")])
    return all("org:np" not in {p.key for p in ev.participants}
               for ev in run(text, "de", ents) if ev.type != "STATEMENT")


def test_possessive_owner_through_an_apposition_noun_hosts_the_meeting():
    text = "Das sagte der Präsident am Freitag auf einem Kongress seiner Partei Blaue Liga."
    ents = _ents(text, [("Blaue Liga", "ORG", "org:bl")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert [(p.key, p.role) for p in ev.participants] == [("org:bl", "host")]


def test_main_clause_resumed_after_a_relative_clause_keeps_its_subject():
    en = "Karla Adler, 59, who led the Blue Party office in Nordland, was abducted on Monday."
    ents = _ents(en, [("Karla Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue"), ("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(en, "en", ents), "ATTACK")
    assert {p.key for p in ev.participants} == {"per:a"}
    de = "Zu Plänen der Blauen Partei, die die größte Partei ist, äußerte sich Karl Adler am Montag."
    ents = _ents(de, [("Blauen Partei", "ORG", "org:blue"), ("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(de, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}


def test_place_after_am_is_a_location_not_an_actor():
    text = "Die Milizen haben die Hafenstadt am Nordmeer im Mai erobert."
    ents = _ents(text, [("Nordmeer", "LOC", "loc:nm")])
    (ev,) = by_type(run(text, "de", ents), "ATTACK")
    assert ev.participants == [] and ev.location == "loc:nm"


def test_genitive_owner_with_a_partner_names_both():
    text = "Als Reaktion auf das Militärmanöver der Blauen Liga mit Nordland verschärft Südland den Ton."
    ents = _ents(text, [("Blauen Liga", "ORG", "org:bl"), ("Nordland", "LOC", "loc:n"), ("Südland", "LOC", "loc:s")])
    (ev,) = by_type(run(text, "de", ents), "OTHER")
    assert {p.key for p in ev.participants} == {"org:bl", "loc:n"}


def test_future_office_holder_does_not_make_a_past_meeting_planned():
    text = "Karl Adler traf am Mittwoch mit dem künftigen Präsidenten Hans Roth zusammen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert ev.status == "occurred"


def test_rejected_plans_do_not_make_a_past_referendum_planned():
    text = "Voters in Nordland rejected plans for a shared border in a referendum."
    (ev,) = by_type(run(text, "en", []), "ELECTION")
    assert ev.status == "occurred"
    planned = "The Blue Party plans to hold a referendum."
    (ev,) = by_type(run(planned, "en", []), "ELECTION")
    assert ev.status == "planned"


def test_after_days_of_protests_the_protests_are_over():
    text = "Nordland had begun evacuating its citizens after days of anti-government demonstrations."
    (ev,) = by_type(run(text, "en", []), "PROTEST")
    assert ev.status == "occurred"


def test_having_participle_statement_keeps_the_sentence_speaker_as_an_earlier_occasion():
    text = 'The Blue Party said it was glad Karl Adler had been "shamed" into going, having earlier criticised the plan.'
    ents = _ents(text, [("Blue Party", "ORG", "org:blue"), ("Karl Adler", "PER", "per:a")])
    events = sorted(by_type(run(text, "en", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert len(events) == 2
    assert [(p.key, p.role) for p in events[1].participants] == [("org:blue", "speaker")]


def test_noun_fallback_actor_is_not_a_later_subject_of_the_sentence():
    text = "Nur einen Tag nach Beginn einer Offensive gegen die Milizen im Süden ist Präsident Karl Adler zurückgekehrt."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "de", ents), "ATTACK")
    assert ev.participants == []
    close = "Die Blaue Partei kritisierte die Vereidigung Karl Adlers scharf."
    ents = _ents(close, [("Blaue Partei", "ORG", "org:blue"), ("Karl Adlers", "PER", "per:a")])
    (ev,) = by_type(run(close, "de", ents), "APPOINTMENT")
    assert [p.key for p in ev.participants] == ["per:a"]


def test_explicit_cancellation_outweighs_default_occurred_mentions():
    text = ("Ministerin Anna Lind hat ihre Reise nach Oslo abgesagt.\n"
            "Die Reise nach Oslo war lange vorbereitet worden.")
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Oslo", "LOC", "loc:oslo")])
    visits = [e for e in run(text, "de", ents) if e.type == "VISIT"]
    assert visits and visits[0].status == "cancelled"


def test_relative_clause_after_an_event_noun_dates_it():
    text = "Minister Anna Lind has called off her visit to Oslo, which had been planned for 18 March 2025."
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Oslo", "LOC", "loc:oslo")])
    march = _time(text, "18 March 2025", "2025-03-18", dt.date(2025, 3, 18), dt.date(2025, 3, 18))
    (visit,) = [e for e in run(text, "en", ents, [march]) if e.type == "VISIT"]
    assert visit.status == "cancelled" and visit.time is not None and visit.time.value == "2025-03-18"


def test_definite_description_as_speaker_is_the_person_talked_about():
    text = ("Karl Adler will die Politik verlassen.\n"
            "Ich höre auf, sagte der 71-Jährige am Montag auf einem Parteitag seiner Partei Blaue Liga.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blaue Liga", "ORG", "org:bl")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}
    text = ("Das Ende sei nahe, sagte Karl Adler.\n"
            "Im Mai hatte der Nordländer seinen Rückzug verkündet.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    for ev in by_type(run(text, "de", ents), "STATEMENT"):
        assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}
    # an institution ("der Palast") is no person: the statement stays unnamed
    text = "Karl Adler war in Nordstadt.\nEs sei ein guter Tag gewesen, teilte der Palast in Nordstadt mit."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Nordstadt", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.participants == []


def test_name_closing_an_apposition_is_the_speaker():
    text = ("Das sei falsch, sagte Karl Adler.\n"
            "Der Vertreter der Blauen Liga im Rat, der nordische Diplomat Hans Roth, bedauerte die Entscheidung.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blauen Liga", "ORG", "org:bl"), ("Hans Roth", "PER", "per:c")])
    ev = max(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in ev.participants} == {"per:c": "speaker"}


def test_named_subject_of_the_reported_clause_is_the_statement_subject():
    text = "Karl Adler sagte anschließend, Hans Roth sei offen für jede Lösung."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker", "per:c": "subject"}
    text = "Karl Adler bedauerte, dass Nordland keine Hilfe leiste."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Nordland", "LOC", "loc:n")])
    ev = next(e for e in run(text, "de", ents) if e.type == "STATEMENT")
    assert {p.key: p.role for p in ev.participants}.get("loc:n") == "subject"
    # English reports name the agent of the reported event, not of the statement
    text = "Karl Adler said Hans Roth would be a fine leader."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}


def test_described_rejected_and_pronoun_objects_are_statement_targets():
    text = "Karl Adler sprach von Hans Roth als Leichtgewicht."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker", "per:c": "target"}
    text = "Karl Adler lehnte wiederum Hans Roths Forderung nach Neuwahlen ab."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roths", "PER", "per:c")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker", "per:c": "target"}
    text = "As Karl Adler presented his plan, the Blue Party urged him to resign."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue")])
    ev = next(e for e in by_type(run(text, "en", ents), "STATEMENT") if e.trigger.text == "urged")
    assert {p.key: p.role for p in ev.participants} == {"org:blue": "speaker", "per:a": "target"}


def test_statement_noun_owned_by_an_unnamed_body_has_no_speaker():
    text = ("Präsident Hans Roth besucht Nordland.\n"
            "Die Mitteilung der Behörden, er verdanke seine Freiheit dem Präsidenten, kam am Montag.")
    ents = _ents(text, [("Hans Roth", "PER", "per:c"), ("Nordland", "LOC", "loc:n")])
    roles = [RoleFact(person="per:c", title="Präsident", org="")]
    (ev,) = by_type(run(text, "de", ents, roles=roles), "STATEMENT")
    assert ev.participants == []


def test_country_as_subject_of_a_finite_auxiliary_or_resumed_clause_speaks():
    text = "Als die Kosten stiegen, habe Nordland angeboten, die Mehrkosten zu übernehmen."
    ents = _ents(text, [("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"loc:n": "speaker"}
    text = "Under the deal, Nordland must issue a written statement within a month."
    ents = _ents(text, [("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"loc:n": "speaker"}
    text = "The south is a member, but Nordland, which occupies the north, had previously insisted it would not bow."
    ents = _ents(text, [("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"loc:n": "speaker"}
    # the subject before the auxiliary speaks, not the object after it
    text = "Der Gerichtshof Blau hatte Nordland zuvor aufgerufen, den Mann zu verhaften."
    ents = _ents(text, [("Gerichtshof Blau", "ORG", "org:gb"), ("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"org:gb": "speaker", "loc:n": "target"}


def test_pronoun_speaker_continues_the_previous_subject_or_a_recent_speaker():
    text = ("Karl Adler held talks with his counterpart, Hans Roth, and the envoy, Eva Berg.\n"
            "He confirmed that a conference would follow.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c"), ("Eva Berg", "PER", "per:b")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}
    # a speaker four sentences back is no longer the antecedent
    text = ("Seine Frau bestätigte der Agentur Nordpress die Freilassung.\nDas ist eins.\nDas ist zwei.\n"
            "Der Präsident Karl Adler regiert seit Jahren.\nDer Machthaber hatte erklärt, er werde erneut antreten.")
    ents = _ents(text, [("Nordpress", "ORG", "org:np"), ("Karl Adler", "PER", "per:a")])
    ev = max(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}


def test_english_pronoun_after_said_is_not_the_speaker_but_a_person_description_is():
    text = "Eva Berg said the plan was weak.\nBut Nordstadt said she was speaking as a lawyer."
    ents = _ents(text, [("Eva Berg", "PER", "per:b"), ("Nordstadt", "LOC", "loc:n")])
    ev = max(by_type(run(text, "en", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in ev.participants} == {"loc:n": "speaker"}
    text = "Karl Adler quit the Blue Party.\nThe former teacher confirmed the meeting."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}


def test_medium_of_a_speaking_journalist_is_a_participant():
    text = "Both sides want to avoid a strike, said Radio North labour correspondent Karl Adler."
    ents = _ents(text, [("Radio North", "ORG", "org:rn"), ("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker", "org:rn": "participant"}
    text = "Radio North's Karl Adler says the conference will be a limited measure."
    ents = _ents(text, [("Radio North", "ORG", "org:rn"), ("Karl Adler", "PER", "per:a")])
    ev = next(e for e in run(text, "en", ents) if e.type == "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker", "org:rn": "participant"}


def test_english_name_after_a_speech_verb_with_a_subject_is_its_object():
    text = "The minister's wife is said to have praised the Blue Court for its ruling."
    ents = _ents(text, [("Blue Court", "ORG", "org:bc")])
    ev = next(e for e in run(text, "en", ents) if e.type == "STATEMENT")
    assert "org:bc" not in {p.key for p in ev.participants}
    text = "The relief will come soon, said Karl Adler."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}

def test_indefinite_noun_introduces_a_new_event_unless_it_repeats_the_word():
    text = ("Ein Gericht hat Karl Adler verurteilt.\nDas Wetter war schön.\n"
            "Im Jahr 2010 folgte ein Haftbefehl wegen Betrugs.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert len(by_type(run(text, "de", ents), "CRIME")) == 2
    text = ("Most voters said in a referendum they wanted change.\nThe weather was fine.\n"
            "They rejected the plan in a referendum organised by the council.")
    assert len(by_type(run(text, "en", []), "ELECTION")) == 1


def test_a_visit_and_the_meeting_held_during_it_are_two_events():
    text = "Karl Adler arrives in Ruritania for a summit with Maria Berg."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Ruritania", "LOC", "loc:r")])
    events = run(text, "en", ents)
    assert len(by_type(events, "VISIT")) == 1
    assert len(by_type(events, "MEETING")) == 1


def test_definite_repeat_of_an_event_word_names_that_event_whatever_its_clause_status():
    text = ("A bus crashed near the capital on Monday.\nAid workers reached the region.\n"
            "More help is expected as the number of dead in the crash rose.")
    (ev,) = by_type(run(text, "en", []), "ACCIDENT")
    assert ev.status == "occurred"
    assert len(ev.mentions) == 1


def test_interview_noun_before_the_speech_verb_is_that_statement():
    text = "In an interview with the host Maria Berg, Karl Adler said the plan had failed.\nKarl Adler added that he was tired."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {(p.key, p.role) for p in ev.participants} == {("per:a", "speaker"), ("per:b", "participant")}


def test_already_or_sentence_initial_earlier_marks_an_earlier_statement():
    text = ("Karl Adler said on Monday the plan was good.\nKarl Adler has already unveiled a second plan.\n"
            "Maria Berg said the plan was bad.\nEarlier, Maria Berg said she would resign.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    assert len(by_type(run(text, "en", ents), "STATEMENT")) == 4


def test_definite_repeat_in_a_clause_naming_others_adds_no_status_or_actors():
    text = ("A bus crashed near the capital on Monday.\nAid workers reached the region.\n"
            "Karl Adler expects more help as the number of dead in the crash rose.")
    (ev,) = by_type(run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")])), "ACCIDENT")
    assert ev.status == "occurred"
    text = "Thousands protested in the capital on Monday.\nThe weather was fine.\nThe Blue Party called the protest a success."
    (ev,) = by_type(run(text, "en", _ents(text, [("Blue Party", "ORG", "org:b")])), "PROTEST")
    assert ev.participants == []


def test_an_event_noun_placed_in_a_series_is_another_event():
    text = "The Blue Party lost the election.\nThe weather was fine.\nKarl Adler will stand down at the next election."
    ents = _ents(text, [("Blue Party", "ORG", "org:b"), ("Karl Adler", "PER", "per:a")])
    assert len(by_type(run(text, "en", ents), "ELECTION")) == 2
    text = "Karl Adler und Maria Berg haben telefoniert.\nDas Wetter war schön.\nDas letzte Telefonat fand im Juni statt."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    assert len(by_type(run(text, "de", ents), "CALL")) == 2


def test_victims_counted_right_after_fighting_belong_to_that_fighting():
    text = "Lage im Osten\nIm Osten gibt es derzeit schwere Gefechte.\nDabei wurden mindestens 21 Zivilisten getötet."
    (ev,) = by_type(run(text, "de", []), "ATTACK")
    assert (ev.trigger.text, ev.status, [m.text for m in ev.mentions]) == ("Gefechte", "ongoing", ["getötet"])
    text = "News from the east\nHeavy fighting is continuing in the east.\nAt least 21 civilians were killed."
    (ev,) = by_type(run(text, "en", []), "ATTACK")
    assert ev.status == "ongoing"

def test_organisation_in_a_persons_title_is_no_participant():
    text = "Green Party leader Karl Adler was arrested on Monday.\nVeteran Blue MP and former cabinet minister Anna Lind will stand down."
    ents = _ents(text, [("Green Party", "ORG", "org:green"), ("Karl Adler", "PER", "per:adler"),
                        ("Blue", "ORG", "org:blue"), ("Anna Lind", "PER", "per:lind")])
    events = run(text, "en", ents)
    (crime,) = by_type(events, "CRIME")
    assert [p.key for p in crime.participants] == ["per:adler"]
    (quit_,) = by_type(events, "RESIGNATION")
    assert [p.key for p in quit_.participants] == ["per:lind"]
    # a verb between the two names: the organisation acts itself
    text = "The Green Party expelled former leader Karl Adler on Monday."
    ents = _ents(text, [("Green Party", "ORG", "org:green"), ("Karl Adler", "PER", "per:adler")])
    (ev,) = by_type(run(text, "en", ents), "SANCTION")
    assert {p.key for p in ev.participants} == {"org:green", "per:adler"}


def test_group_of_a_person_subject_is_no_participant():
    text = "Ein Anhänger der Miliz Rote Front (RF) hat in Berlin einen Polizisten angeschossen."
    ents = _ents(text, [("Rote Front", "ORG", "org:rf"), ("RF", "ORG", "org:rf"), ("Berlin", "LOC", "loc:berlin")])
    (ev,) = by_type(run(text, "de", ents), "ATTACK")
    assert ev.participants == []
    text = "Kämpfer der Roten Front haben die Stadt angegriffen."
    ents = _ents(text, [("Roten Front", "ORG", "org:rf")])
    (ev,) = by_type(run(text, "de", ents), "ATTACK")
    assert [p.key for p in ev.participants] == ["org:rf"]
    text = "The leader of the Green Party was arrested on Monday."
    ents = _ents(text, [("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "CRIME")
    assert ev.participants == []


def test_country_after_with_is_a_contact_partner_unless_a_place():
    text = "Negotiations have begun with Norland on the exact timing."
    ents = _ents(text, [("Norland", "LOC", "loc:norland")])
    (ev,) = by_type(run(text, "en", ents), "NEGOTIATION")
    assert [p.key for p in ev.participants] == ["loc:norland"]
    text = "Die Verhandlungen mit Nordland sollen im Mai beginnen."
    ents = _ents(text, [("Nordland", "LOC", "loc:nordland")])
    (ev,) = by_type(run(text, "de", ents), "NEGOTIATION")
    assert [p.key for p in ev.participants] == ["loc:nordland"]
    text = "Negotiations with officials in Paris ended on Friday."
    ents = _ents(text, [("Paris", "LOC", "loc:paris")])
    (ev,) = by_type(run(text, "en", ents), "NEGOTIATION")
    assert ev.participants == []


def test_country_subject_of_an_event_noun_takes_part():
    text = "Nordland also proposed a freeze and Westland has begun its own moratorium."
    ents = _ents(text, [("Nordland", "LOC", "loc:nordland"), ("Westland", "LOC", "loc:westland")])
    (ev,) = by_type(run(text, "en", ents), "OTHER")
    assert [p.key for p in ev.participants] == ["loc:westland"]
    # a country acting in its own clause is no actor of a noun in a phrase
    text = "Westland had begun evacuating its citizens after days of violent demonstrations."
    ents = _ents(text, [("Westland", "LOC", "loc:westland")])
    (ev,) = by_type(run(text, "en", ents), "PROTEST")
    assert ev.participants == []


def test_person_at_an_organisations_summit_attends_it():
    text = "Karl Adler hält sich derzeit zu einem Gipfeltreffen der Afrikanischen Union in Nordstadt auf."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Afrikanischen Union", "ORG", "org:au"),
                        ("Nordstadt", "LOC", "loc:nordstadt")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert {p.key for p in ev.participants} == {"per:adler", "org:au"}
    text = "Karl Adler kritisierte das Gipfeltreffen der Afrikanischen Union scharf."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Afrikanischen Union", "ORG", "org:au")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert [p.key for p in ev.participants] == ["org:au"]


def test_possessor_of_a_conference_setting_takes_part():
    text = "Karl Adler was cheered at Labour's spring conference in Nordstadt."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Labour", "ORG", "org:labour"),
                        ("Nordstadt", "LOC", "loc:nordstadt")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert [p.key for p in ev.participants] == ["org:labour"]


def test_english_possessor_of_another_noun_is_no_participant():
    text = "Anna Lind praised Karl Adler's reforms during her lecture tour last week."
    ents = _ents(text, [("Anna Lind", "PER", "per:lind"), ("Karl Adler", "PER", "per:adler")])
    (ev,) = by_type(run(text, "en", ents), "VISIT")
    assert [p.key for p in ev.participants] == ["per:lind"]


def test_owner_of_a_meeting_is_the_party_not_the_place_before_it():
    text = "A meeting of Nordland Green Party members is due to be held next week."
    ents = _ents(text, [("Nordland", "LOC", "loc:nordland"), ("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert [p.key for p in ev.participants] == ["org:green"]
    text = "Das Treffen der Nordland-Regierung und der Blauen Partei in Oststadt ist geplant."
    ents = _ents(text, [("Nordland", "LOC", "loc:nordland"), ("Blauen Partei", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert "loc:nordland" in [p.key for p in ev.participants]


def test_de_subordinate_clause_names_no_participants_of_the_main_clause():
    text = "Die Blaue Partei hatte sich geweigert, mit der Roten Partei zu verhandeln, solange diese mit der Grünen Partei spricht."
    ents = _ents(text, [("Blaue Partei", "ORG", "org:blue"), ("Roten Partei", "ORG", "org:red"),
                        ("Grünen Partei", "ORG", "org:green")])
    (ev,) = by_type(run(text, "de", ents), "NEGOTIATION")
    assert "org:green" not in {p.key for p in ev.participants}


def test_names_after_a_comma_are_outside_a_contact_nouns_phrase():
    text = "Following this morning's coordination meeting on the relief effort, the government offered troops of the Nordland Rifles."
    ents = _ents(text, [("Nordland Rifles", "ORG", "org:rifles")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert ev.participants == []
    # an inverted reporting clause names a participant first-hand
    text = "Bereits am Dienstag habe es mit Karl Adler ein Gespräch gegeben, sagte Anna Lind im Radio."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Anna Lind", "PER", "per:lind")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert {p.key for p in ev.participants} == {"per:adler", "per:lind"}


def test_named_apposition_of_a_possessed_noun_owns_the_meeting():
    text = "Speaking at the annual conference of his new party, the Green Alliance, Karl Adler said it would win."
    ents = _ents(text, [("Green Alliance", "ORG", "org:green"), ("Karl Adler", "PER", "per:adler")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert [p.key for p in ev.participants] == ["org:green"]


def test_reduced_relative_participle_is_about_the_name_before_it():
    text = "Karl Adler has appealed for the release of aid worker Anna Lind, kidnapped in Nordland."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Anna Lind", "PER", "per:lind"),
                        ("Nordland", "LOC", "loc:nordland")])
    (ev,) = by_type(run(text, "en", ents), "ATTACK")
    assert [(p.key, p.role) for p in ev.participants] == [("per:lind", "target")]


def test_who_confirms_an_event_does_not_take_part_in_it():
    text = "Die Nachrichtenagentur Nordpress bestätigte das Telefonat am Abend."
    ents = _ents(text, [("Nordpress", "ORG", "org:nordpress")])
    (ev,) = by_type(run(text, "de", ents), "CALL")
    assert ev.participants == []
    text = "The Green Party confirmed the raid on Tuesday."
    ents = _ents(text, [("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "CRIME")
    assert ev.participants == []


def test_coordinated_subject_of_an_event_noun_takes_part_as_a_whole():
    text = "Karl Adler, Anna Lind and Green Party managers Max Roth and Eva Berg all face individual charges."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Anna Lind", "PER", "per:lind"),
                        ("Green Party", "ORG", "org:green"), ("Max Roth", "PER", "per:roth"), ("Eva Berg", "PER", "per:berg")])
    (ev,) = by_type(run(text, "en", ents), "CRIME")
    assert {p.key for p in ev.participants} == {"per:adler", "per:lind", "per:roth", "per:berg"}


def test_singular_title_subject_refers_to_the_last_named_person():
    text = "Karl Adler war selbst Bewerber der Partei.\nDer Senator aus Nordland zog sich im März zurück."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Nordland", "LOC", "loc:nordland")])
    (ev,) = by_type(run(text, "de", ents), "OTHER")
    assert [p.key for p in ev.participants] == ["per:adler"]
    text = "Karl Adler war selbst Bewerber der Partei.\nDie Abgeordneten kehrten am Montag zurück."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler")])
    (ev,) = by_type(run(text, "de", ents), "OTHER")
    assert ev.participants == []


def test_fronted_gegen_names_the_target_of_an_event_noun():
    text = "Die Bürgermeisterin Anna Lind ist abgesetzt worden.\nGegen die Politikerin sind zugleich Ermittlungen eingeleitet worden."
    ents = _ents(text, [("Anna Lind", "PER", "per:lind")])
    crimes = by_type(run(text, "de", ents), "CRIME")
    assert [(p.key, p.role) for p in crimes[0].participants] == [("per:lind", "target")]
    text = "Gegen die Blaue Partei wurden Ermittlungen eingeleitet."
    ents = _ents(text, [("Blaue Partei", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "de", ents), "CRIME")
    assert [p.key for p in ev.participants] == ["org:blue"]


def test_reporter_in_an_inverted_reporting_clause_is_no_party_to_the_event():
    text = "Zwei Redakteure seien am Montag festgenommen worden, berichtete die Zeitschrift Nordblatt."
    ents = _ents(text, [("Nordblatt", "ORG", "org:nordblatt")])
    (ev,) = by_type(run(text, "de", ents), "CRIME")
    assert ev.participants == []
    text = "Karl Adler was arrested on Monday, the Green Party said."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "CRIME")
    assert [p.key for p in ev.participants] == ["per:adler"]


def test_speaker_of_a_reporting_verb_before_the_event_is_no_party_to_it():
    text = "The Green Party confirmed Karl Adler was arrested on Monday."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "CRIME")
    assert [p.key for p in ev.participants] == ["per:adler"]
    # a pronoun subject after the verb refers back to the speaker
    text = "Karl Adler has said he will stand down at the next election."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler")])
    (ev,) = by_type(run(text, "en", ents), "RESIGNATION")
    assert [p.key for p in ev.participants] == ["per:adler"]


def test_de_demanded_noun_without_article_is_no_event():
    text = "Karl Adler forderte Verhandlungen über einen internationalen Pakt."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler")])
    assert by_type(run(text, "de", ents), "NEGOTIATION") == []


def test_it_after_an_organisations_announcement_refers_to_it():
    text = "The Green Alliance has also announced that it will start accession talks with Nordland in April."
    ents = _ents(text, [("Green Alliance", "ORG", "org:green"), ("Nordland", "LOC", "loc:nordland")])
    (ev,) = by_type(run(text, "en", ents), "NEGOTIATION")
    assert {p.key for p in ev.participants} == {"org:green", "loc:nordland"}


def test_country_right_after_with_wins_over_a_later_organisation():
    text = "The plan to open formal talks with Nordland came despite a Green Party demand."
    ents = _ents(text, [("Nordland", "LOC", "loc:nordland"), ("Green Party", "ORG", "org:green")])
    (ev,) = by_type(run(text, "en", ents), "NEGOTIATION")
    assert [p.key for p in ev.participants] == ["loc:nordland"]

def test_counted_habitual_and_modifier_nouns_are_no_events():
    text = ("Taxes rose before the last six elections.\nThe ministers have regular meetings.\n"
            "The election campaign began on Monday.\nThe war crimes tribunal opened.")
    assert run(text, "en", []) == []
    text = "Die Partei verlor zwei Wahlen.\nDie Minister haben regelmäßige Treffen."
    assert run(text, "de", []) == []
    text = "Karl Adler hailed the talks deal."
    events = run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "MEETING") == [] and [e.trigger.text for e in by_type(events, "AGREEMENT")] == ["deal"]


def test_demanded_infinitives_and_precautions_are_no_events():
    text = ("She asked for the troops to be pulled out.\nHe appealed for the prisoners to be freed.\n"
            "Troops are ready in case an evacuation becomes necessary.")
    assert by_type(run(text, "en", []), "OTHER") == []
    text = "Die Demonstranten forderten unter anderem die Freilassung der Gefangenen."
    assert by_type(run(text, "de", []), "OTHER") == []
    text = "Die Truppen stehen bereit für den Fall einer Evakuierung."
    assert by_type(run(text, "de", []), "OTHER") == []
    text = "Im Fall des Anschlags ermittelt die Polizei."
    assert by_type(run(text, "de", []), "ATTACK")


def test_de_other_senses_of_wahl_and_getroffen():
    text = ("Ich wäre nicht die richtige Wahl für ihn, sagte Karl Adler.\n"
            "Der Polizist wurde nach Angaben der Polizei drei Mal am Arm getroffen.")
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "ELECTION") == [] and by_type(events, "MEETING") == []


def test_person_attacking_in_words_is_no_attack():
    text = "Fox attacks Blair over taxes"
    ents = _ents(text, [("Fox", "PER", "per:fox"), ("Blair", "PER", "per:blair")])
    assert by_type(run(text, "en", ents), "ATTACK") == []
    text = "Rebels attacked the town."
    assert by_type(run(text, "en", []), "ATTACK")


def test_decision_verb_over_an_event_noun_reports_only_that_event():
    text = "Das Gericht hatte einen Haftbefehl gegen Karl Adler beschlossen."
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "LEGISLATION") == [] and by_type(events, "CRIME")
    text = "Das Parlament hat das Gesetz beschlossen."
    assert by_type(run(text, "de", []), "LEGISLATION")
    text = "Der Rat hat nach dem Treffen die Reform beschlossen.\nThe cabinet approved the plan at its meeting."
    assert len(by_type(run(text, "de", []), "LEGISLATION")) == 1
    assert by_type(run(text.split("\n")[1], "en", []), "LEGISLATION")
    text = "The council approved the deal on Monday."
    assert by_type(run(text, "en", []), "LEGISLATION") == []


@pytest.mark.parametrize("lang,text,etype,trigger", [
    ("en", "Karl Adler attended a party meeting in Leeds.", "MEETING", "attended"),
    ("en", "Ruritania has put its forces on standby.", "OTHER", "put its forces on standby"),
    ("en", "The party came to power in 1997.", "OTHER", "came to power"),
    ("de", "Er hatte einen unabhängigen Staat ausgerufen.", "OTHER", "ausgerufen"),
    ("de", "Die Rebellen zwangen den Präsidenten zur Flucht nach Ruritanien.", "OTHER", "Flucht"),
    ("en", "An alliance of Ruritania and Freedonia will lead the effort.", "AGREEMENT", "alliance"),
    ("de", "Ein Bündnis zwischen den Blauen und den Roten gilt als möglich.", "AGREEMENT", "Bündnis"),
    ("de", "Die Gruppe plant einen Fackelzug durch die Innenstadt.", "PROTEST", "Fackelzug"),
    ("en", "Two men are being questioned over the theft.", "CRIME", "questioned"),
    ("en", "She praised the court for overruling the government.", "CRIME", "overruling"),
    ("de", "Der Minister will den Botschafter ins Außenministerium zitieren.", "SANCTION", "zitieren"),
    ("de", "Die Kommission hat ein Prüfverfahren gegen Ruritanien eröffnet.", "OTHER", "Prüfverfahren"),
    ("de", "Hintergrund ist die anhaltende Gewalt in der Stadt.", "ATTACK", "Gewalt"),
    ("de", "Die Miliz soll Senfgas eingesetzt haben.", "ATTACK", "eingesetzt"),
    ("en", "He was given the health portfolio in 1997.", "APPOINTMENT", "given"),
])
def test_new_trigger_vocabulary(lang, text, etype, trigger):
    assert trigger in [e.trigger.text for e in by_type(run(text, lang, []), etype)]


def test_new_vocabulary_statuses():
    (ev,) = by_type(run("Hintergrund ist die anhaltende Gewalt in der Stadt.", "de", []), "ATTACK")
    assert ev.status == "ongoing"
    (ev,) = by_type(run("Two men are being questioned over the theft.", "en", []), "CRIME")
    assert ev.status == "ongoing"
    (ev,) = by_type(run("He was given the health portfolio.", "en", []), "APPOINTMENT")
    assert ev.status == "occurred"


def test_de_dated_object_of_an_infinitive_is_a_planned_event():
    text = "Adler sagte zu, ihm zu helfen, die Wahl am 8. November zu gewinnen."
    t = _time(text, "8. November", "XXXX-11-08", None, None)
    (ev,) = by_type(run(text, "de", [], [t]), "ELECTION")
    assert ev.status == "planned" and ev.time.value == "XXXX-11-08"
    text = "Sie bemühten sich, eine Einigung zu erreichen."
    assert by_type(run(text, "de", []), "AGREEMENT") == []


@pytest.mark.parametrize("lang,text,etype,trigger", [
    ("de", "Er gab Ruritanien Mitschuld beim Ausbruch des Krieges.", "ATTACK", "Ausbruch"),
    ("en", "Prices rose after the outbreak of war.", "ATTACK", "outbreak"),
    ("de", "Der Polizist konnte das Feuer aber erwidern.", "ATTACK", "Feuer aber erwidern"),
    ("en", "Soldiers opened fire on the crowd.", "ATTACK", "opened fire"),
    ("en", "The president broke an 18-month ceasefire with the rebels.", "OTHER", "broke an 18-month ceasefire"),
    ("de", "Der Botschafter wird seinen Posten voraussichtlich im Sommer räumen.", "RESIGNATION", "Posten voraussichtlich im Sommer räumen"),
    ("de", "Der Botschafter blieb der Vorstellung des Berichts fern.", "PROTEST", "blieb der Vorstellung des Berichts fern"),
    ("en", "The minister has returned from his diplomatic mission to the Middle East.", "VISIT", "mission"),
])
def test_more_trigger_vocabulary(lang, text, etype, trigger):
    events = run(text, lang, [])
    assert trigger in [e.trigger.text for e in by_type(events, etype)]
    assert by_type(events, "AGREEMENT") == []


def test_counts_of_episodic_events_and_generic_vocabulary_stay_apart():
    text = "There were only four arrests on Sunday."
    assert by_type(run(text, "en", []), "CRIME")
    text = "Kilroy attacked with slurry"
    assert by_type(run(text, "en", _ents(text, [("Kilroy", "PER", "per:k")])), "ATTACK")
    text = "Der Film handelt von sexueller Gewalt an Universitäten."
    assert by_type(run(text, "de", []), "ATTACK") == []
    text = "Britain has a strong alliance with the US.\nThis has all the signs of Karl Adler overruling colleagues."
    events = run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "AGREEMENT") == [] and by_type(events, "CRIME") == []


def test_release_on_bail_belongs_to_the_arrest_not_a_release_event():
    text = "Nine men have been arrested and freed on bail."
    events = run(text, "en", [])
    assert by_type(events, "OTHER") == [] and by_type(events, "CRIME")
    text = "Er wurde gegen Kaution freigelassen."
    assert by_type(run(text, "de", []), "OTHER") == []

# -- status and time rules (helper h5) ---------------------------------------------------------


def _status_of(events, type_):
    return [e.status for e in by_type(events, type_)]


def test_month_may_is_no_hedge():
    text = "The vote took place on 5 May."
    assert _status_of(run(text, "en", []), "ELECTION") == ["occurred"]
    text = "The vote may take place soon."
    assert _status_of(run(text, "en", []), "ELECTION") == ["possible"]


def test_event_noun_after_before_or_ahead_of_is_still_to_come():
    text = "Ahead of the election, Ann Lee met Tom Park."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["planned"]
    text = "Kurz vor der Wahl traf Anna Roth den Minister Karl Adler."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna"), ("Karl Adler", "PER", "per:karl")])
    assert _status_of(run(text, "de", ents), "ELECTION") == ["planned"]
    # the pluperfect puts the "before" in the past
    text = "Ann Lee had criticised Tom Park before the election."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["occurred"]


def test_visitor_expected_somewhere_is_a_scheduled_visit():
    text = "Präsident Karl Adler wird am Sonntag zu einem Besuch in Wien erwartet."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl"), ("Wien", "LOC", "loc:wien")])
    assert _status_of(run(text, "de", ents), "VISIT") == ["planned"]


def test_status_cue_inside_a_noun_phrase_qualifies_only_its_noun():
    text = "Tausende haben in Wien gegen mögliche Wahlen protestiert."
    events = run(text, "de", _ents(text, [("Wien", "LOC", "loc:wien")]))
    assert _status_of(events, "PROTEST") == ["occurred"]
    assert _status_of(events, "ELECTION") == ["possible"]
    text = "Kurz nach Beginn der Offensive ist Präsident Karl Adler aus dem Exil zurückgekehrt."
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:karl")]))
    assert _status_of(events, "OTHER") == ["occurred"]
    assert _status_of(events, "ATTACK") == ["ongoing"]
    text = "Ann Lee met Tom Park the next day."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "MEETING") == ["occurred"]


def test_present_copula_before_the_trigger_reports_a_state_in_progress():
    text = "Officials confirmed British troops are on standby in the region."
    assert _status_of(run(text, "en", []), "OTHER") == ["ongoing"]
    text = "Ann Lee is on a visit to Kenya."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Kenya", "LOC", "loc:kenya")])
    assert _status_of(run(text, "en", ents), "VISIT") == ["ongoing"]


def test_gerund_after_a_preposition_is_not_in_progress():
    text = "Before visiting Paris, Ann Lee spoke to reporters."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Paris", "LOC", "loc:paris")])
    assert _status_of(run(text, "en", ents), "VISIT") == ["occurred"]


def test_seitdem_opens_a_clause_of_its_own():
    text = "Die Stadt dient seit Monaten als Hauptstadt, seitdem die Rebellen die Stadt Sanaa unter ihre Kontrolle gebracht haben."
    events = run(text, "de", _ents(text, [("Sanaa", "LOC", "loc:sanaa")]))
    assert _status_of(events, "ATTACK") == ["occurred"]


def test_past_tense_verb_takes_modal_cues_from_its_left_only():
    text = "Both sides agreed to reopen embassies and said they planned to meet again."
    assert _status_of(run(text, "en", []), "AGREEMENT") == ["occurred"]
    text = "Both sides could have agreed to reopen embassies."
    assert _status_of(run(text, "en", []), "AGREEMENT") == ["possible"]


def test_german_verb_final_statement_after_future_auxiliary_is_planned():
    text = "Am Dienstag wird die Bezirkschefin Anna Roth bekanntgeben, ob sie erneut kandidiert."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna")])
    assert _status_of(run(text, "de", ents), "STATEMENT") == ["planned"]
    text = "Wir werden kämpfen, sagte Anna Roth."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna")])
    assert _status_of(run(text, "de", ents), "STATEMENT") == ["occurred"]


def test_relative_past_expressions_mark_a_noun_as_past():
    text = "Five unions will hold talks with Ann Lee.\nAnn Lee held a meeting with the unions last week."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann")])
    assert sorted(_status_of(run(text, "en", ents), "MEETING")) == ["occurred", "planned"]


def test_invitations_announce_planned_events():
    text = "Die Einladung zur Pressekonferenz kam am Montag."
    assert _status_of(run(text, "de", []), "PRESS_CONFERENCE") == ["planned"]
    text = "Es sorgte für Aufregung, dass auch die Blaue Partei zu einem Pressegespräch in die Bar lud."
    ents = _ents(text, [("Blaue Partei", "ORG", "org:blue")])
    assert {e.status for e in run(text, "de", ents) if e.type in ("PRESS_CONFERENCE", "MEETING")} == {"planned"}


def test_since_a_date_does_not_date_the_event():
    text = "Bei den Kämpfen in der Provinz wurden seit 2003 Tausende getötet."
    t = _time(text, "2003", "2003", dt.date(2003, 1, 1), dt.date(2003, 12, 31))
    events = by_type(run(text, "de", [], [t]), "ATTACK")
    assert events and all(e.time is None for e in events)


def test_a_date_right_after_another_event_noun_is_that_events():
    text = "The managers went on trial last week over the rail crash in 2000."
    t = _time(text, "2000", "2000", dt.date(2000, 1, 1), dt.date(2000, 12, 31))
    events = run(text, "en", [], [t])
    (trial,) = by_type(events, "CRIME")
    (crash,) = by_type(events, "ACCIDENT")
    assert trial.time is None and crash.time is not None and crash.time.value == "2000"
    # a setting of the event shares its date
    text = "Offiziell nominiert werden soll Karl Adler auf dem Parteitag im Juli."
    t = _time(text, "Juli", "XXXX-07", None, None)
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:karl")]), [t])
    (nomination,) = by_type(events, "APPOINTMENT")
    assert nomination.time is not None and nomination.time.value == "XXXX-07"


def test_wo_clause_keeps_the_main_clause_date():
    text = "Im Jahr 2010 folgte ein Haftbefehl wegen der Lage in der Provinz, wo seit Jahren Menschen getötet wurden."
    t = _time(text, "2010", "2010", dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    (attack,) = by_type(run(text, "de", [], [t]), "ATTACK")
    assert attack.time is None


def test_a_span_of_years_is_no_event_date():
    text = "Karl Adler hatte im April 2010 seinen Vorgänger Max Berg (2004-2010) im Amt abgelöst."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl"), ("Max Berg", "PER", "per:max")])
    april = _time(text, "April 2010", "2010-04", dt.date(2010, 4, 1), dt.date(2010, 4, 30))
    start = text.index("2004")
    y0 = TimeExpr(start=start, end=start + 4, text="2004", type="DATE", value="2004",
                  earliest=dt.date(2004, 1, 1), latest=dt.date(2004, 12, 31))
    y1 = TimeExpr(start=start + 5, end=start + 9, text="2010", type="DATE", value="2010",
                  earliest=dt.date(2010, 1, 1), latest=dt.date(2010, 12, 31))
    (ev,) = by_type(run(text, "de", ents, [april, y0, y1]), "APPOINTMENT")
    assert ev.time is not None and ev.time.value == "2010-04"


def test_german_present_tense_with_a_day_is_scheduled():
    text = "Einleitung.\nAm 27. September wählt Oberösterreich den Landtag neu."
    t = _time(text, "27. September", "XXXX-09-27", None, None)
    events = run(text, "de", _ents(text, [("Oberösterreich", "LOC", "loc:ooe")]), [t])
    assert _status_of(events, "ELECTION") == ["planned"]
    text = "Einleitung.\nAm Dienstag ist Außenminister Karl Adler in Warschau zu Besuch."
    t = _time(text, "Dienstag", "XXXX-WXX-2", None, None)
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:karl"), ("Warschau", "LOC", "loc:warschau")]), [t])
    assert _status_of(events, "VISIT") == ["planned"]
    # a reported perfect ("hätten … beschlagnahmt") is past
    text = "Einleitung.\nDie Polizisten hätten am Montag Waffen beschlagnahmt, teilten die Behörden mit."
    t = _time(text, "Montag", "XXXX-WXX-1", None, None)
    assert _status_of(run(text, "de", [], [t]), "CRIME") == ["occurred"]


def test_a_hedge_before_a_dated_event_noun_governs_another_verb():
    text = "Up to a million workers could take part in a strike set for 23 March."
    t = _time(text, "23 March", "XXXX-03-23", None, None)
    assert _status_of(run(text, "en", [], [t]), "PROTEST") == ["planned"]
    text = "Die Blaue Partei könnte bei der Wahl am 11. Oktober viele Stimmen verlieren."
    t = _time(text, "11. Oktober", "XXXX-10-11", None, None)
    events = run(text, "de", _ents(text, [("Blaue Partei", "ORG", "org:blue")]), [t])
    assert _status_of(events, "ELECTION") == ["planned"]
    # a hedge after the noun is its own: "the election, widely expected on 5 May"
    text = "The budget sets the battleground for the election, widely expected on 5 May."
    t = _time(text, "5 May", "XXXX-05-05", None, None)
    assert _status_of(run(text, "en", [], [t]), "ELECTION") == ["expected"]


def test_merged_irrealis_event_takes_the_status_of_its_dated_mention():
    text = ("The budget sets the battleground for the election, widely expected on 5 May.\n"
            "The bill would then return to parliament after the election.")
    t = _time(text, "5 May", "XXXX-05-05", None, None)
    assert _status_of(run(text, "en", [], [t]), "ELECTION") == ["expected"]


def test_the_next_election_is_a_forecast():
    text = "Ann Lee has said she will stand down at the next election."
    events = run(text, "en", _ents(text, [("Ann Lee", "PER", "per:ann")]))
    assert _status_of(events, "ELECTION") == ["expected"]
    assert _status_of(events, "RESIGNATION") == ["planned"]


def test_dative_plural_of_anschlag_is_a_trigger():
    text = "Die Schließungen folgten nach den Terroranschlägen und den Anschlägen Mitte November."
    t = _time(text, "Mitte November", "XXXX-11", None, None)
    events = by_type(run(text, "de", [], [t]), "ATTACK")
    assert events and events[0].time is not None and events[0].time.value == "XXXX-11"


def test_reporting_clause_has_its_own_status_cues():
    text = "Sie wird kandidieren, erklärte Anna Roth am Dienstag bei der Pressekonferenz nach der Sitzung."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "PRESS_CONFERENCE") == ["occurred"]
    text = "Anna Roth meinte bei einer Pressekonferenz, sie wird erneut kandidieren."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "PRESS_CONFERENCE") == ["occurred"]


def test_german_reported_future_werde_is_planned():
    text = "Der Prozess werde am Donnerstag vor dem Landgericht eröffnet, berichtete die Zeitung."
    assert _status_of(run(text, "de", []), "CRIME") == ["planned"]


def test_noun_in_a_temporal_phrase_takes_only_the_phrases_cues():
    text = "Nur einen Tag nach dem Start direkter Friedensgespräche hat die Delegation ihre Teilnahme ausgesetzt."
    assert _status_of(run(text, "de", []), "NEGOTIATION") == ["ongoing"]
    text = "Mr Blair said he would step down before the coming general election."
    ents = _ents(text, [("Blair", "PER", "per:blair")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["planned"]
    # a gerund clause or a unit of time ends the phrase
    text = "Ann Lee will tour a school before chairing a meeting of the council."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann")])
    assert _status_of(run(text, "en", ents), "MEETING") == ["planned"]
    text = "Vor drei Wochen waren Ermittlungen gegen mehrere Stadträte aufgenommen worden."
    assert _status_of(run(text, "de", []), "CRIME") == ["ongoing"]


def test_vor_that_is_not_temporal_does_not_make_an_event_planned():
    text = "Vor dem Hintergrund der Anschläge hat die Regierung drei Vereine verboten."
    assert _status_of(run(text, "de", []), "ATTACK") == ["occurred"]
    text = "Im Dezember warnte der Präsident angesichts der Spannungen vor einem Bürgerkrieg in Polen."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")
    text = "The archbishop appealed for more time before the war started."
    assert _status_of(run(text, "en", []), "ATTACK") == ["occurred"]


def test_present_tense_rule_needs_a_copula_and_a_day_not_since():
    text = "Einleitung.\nDie Partei ist bei der Landtagswahl am 27. September auf 18 Prozent abgesackt."
    t = _time(text, "27. September", "XXXX-09-27", None, None)
    assert _status_of(run(text, "de", [], [t]), "ELECTION") == ["occurred"]
    text = "Einleitung.\nDie Minister beraten seit Samstag in Addis Abeba."
    t = _time(text, "Samstag", "XXXX-WXX-6", None, None)
    assert _status_of(run(text, "de", [], [t]), "MEETING") != ["planned"]


def test_cue_after_zu_before_a_verb_is_not_in_a_noun_phrase():
    text = "Anna Roth hat gute Chancen, gewählt zu werden."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "ELECTION") == ["planned"]


def test_german_passive_present_participle_is_no_planned_statement():
    text = "Die Pflicht wird in der Erinnerung des Ressorts betont."
    assert _status_of(run(text, "de", []), "STATEMENT") == ["occurred"]


def test_past_participle_after_an_auxiliary_takes_the_whole_clauses_cues():
    text = "The plan, to be adopted soon, may cut taxes."
    assert _status_of(run(text, "en", []), "LEGISLATION") != ["occurred"]


def test_widely_predicted_is_a_forecast():
    text = "With the election widely predicted for May, MPs warned the chancellor."
    assert _status_of(run(text, "en", []), "ELECTION") == ["expected"]


def test_flight_from_or_already_before_an_event_does_not_make_it_planned():
    text = "Zehntausende Menschen haben sich vor den Kämpfen um die Stadt in den Norden geflüchtet."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")
    text = "Die Tempel wurden teilweise bereits vor dem Krieg beschädigt."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")


def test_inverted_participle_is_no_present_copula():
    text = "Einleitung.\nDeutlich gestiegen ist dem Bericht vom Donnerstag zufolge der Anteil der Gewalttaten."
    t = _time(text, "Donnerstag", "XXXX-WXX-4", None, None)
    assert "planned" not in _status_of(run(text, "de", [], [t]), "ATTACK")
