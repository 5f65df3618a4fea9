"""Within-article event coreference: which mentions form one event, ABOUT and BEFORE links."""

from __future__ import annotations

import datetime as dt

from event_helpers import _ents, _time, run, by_type, _status_of


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


def test_statements_of_one_speaker_far_apart_are_separate_occasions():
    lines = ["Plans in Ruritania.", "Karl Adler said the plan was good."] + ["The weather was fine."] * 2 + [
        "Maria Berg said it was not."] + ["The weather was fine."] * 2 + ["Karl Adler said last year the plan was bad."]
    text = "\n".join(lines)
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    assert len(by_type(run(text, "en", ents), "STATEMENT")) == 3
    close = "Karl Adler said the plan was good.\nKarl Adler added that it was cheap."
    assert len(by_type(run(close, "en", _ents(close, [("Karl Adler", "PER", "per:karl-adler")])), "STATEMENT")) == 1


def test_headline_event_is_a_mention_of_the_first_body_event():
    text = "Talks held on Ruritania\nKarl Adler and Maria Berg held talks on Monday.\nOther talks were held by Hans Ott."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    meetings = by_type(run(text, "en", ents), "MEETING")
    assert len(meetings) == 2
    first = next(e for e in meetings if {p.key for p in e.participants} == {"per:a", "per:b"})
    assert any(m.start == 0 for m in first.mentions + [first.trigger])


def test_later_noun_mention_corefers_unless_participants_disagree():
    text = ("Karl Adler resigned on Monday.\nThe weather was fine.\nHis resignation surprised many.\n"
            "Maria Berg was arrested.\nHans Ott was arrested too.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    events = run(text, "en", ents)
    assert len(by_type(events, "RESIGNATION")) == 1
    assert len(by_type(events, "CRIME")) == 2  # verbs with other participants stay apart


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


def test_having_participle_statement_keeps_the_sentence_speaker_as_an_earlier_occasion():
    text = 'The Blue Party said it was glad Karl Adler had been "shamed" into going, having earlier criticised the plan.'
    ents = _ents(text, [("Blue Party", "ORG", "org:blue"), ("Karl Adler", "PER", "per:a")])
    events = sorted(by_type(run(text, "en", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert len(events) == 2
    assert [(p.key, p.role) for p in events[1].participants] == [("org:blue", "speaker")]


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


def test_release_on_bail_belongs_to_the_arrest_not_a_release_event():
    text = "Nine men have been arrested and freed on bail."
    events = run(text, "en", [])
    assert by_type(events, "OTHER") == [] and by_type(events, "CRIME")
    text = "Er wurde gegen Kaution freigelassen."
    assert by_type(run(text, "de", []), "OTHER") == []


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


def test_merged_irrealis_event_takes_the_status_of_its_dated_mention():
    text = ("The budget sets the battleground for the election, widely expected on 5 May.\n"
            "The bill would then return to parliament after the election.")
    t = _time(text, "5 May", "XXXX-05-05", None, None)
    assert _status_of(run(text, "en", [], [t]), "ELECTION") == ["expected"]
