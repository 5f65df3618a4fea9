"""Event participants: speakers, targets, partners, hosts, locations, pronouns and titles."""

from __future__ import annotations

from graphbuilder.models import EntityMention, RoleFact

import pytest

import datetime as dt

from event_helpers import _ents, _time, run, by_type, _relative_free


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


def test_location_from_locative_preposition():
    text = "Tom Reed met Ivan Petrov in Geneva."
    ents = _ents(text, [("Tom Reed", "PER", "per:reed"), ("Ivan Petrov", "PER", "per:petrov"),
                        ("Geneva", "LOC", "loc:geneva")])
    (ev,) = by_type(run(text, "en", ents), "MEETING")
    assert ev.location == "loc:geneva"
    assert "loc:geneva" not in {p.key for p in ev.participants}


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


def test_interview_outlet_is_a_participant_not_the_speaker():
    text = "Das sei ein Fehler, sagte Karl Adler bei Radio Nord am Sonntag."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Radio Nord", "ORG", "org:radio-nord")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {(p.key, p.role) for p in ev.participants} == {("per:karl-adler", "speaker"), ("org:radio-nord", "participant")}
    text = "Karl Adler told Radio Nord that the plan was dead."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Radio Nord", "ORG", "org:radio-nord")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {(p.key, p.role) for p in ev.participants} == {("per:karl-adler", "speaker"), ("org:radio-nord", "participant")}


@pytest.mark.parametrize("lang, text, place", [
    ("en", "Tom Reed said on Monday that the bridge in Halvorsund was unsafe.", None),  # what was said
    ("de", "Tom Reed sagte am Montag in Norvik, die Brücke in Halvorsund sei marode.", "loc:norvik"),  # where
])
def test_statement_place_stands_by_its_speech_verb(lang, text, place):
    ents = _ents(text, [("Tom Reed", "PER", "per:reed"), ("Halvorsund", "LOC", "loc:halvorsund"),
                        ("Norvik", "LOC", "loc:norvik")])
    (ev,) = by_type(run(text, lang, ents), "STATEMENT")
    assert ev.location == place


def test_place_behind_a_locative_phrase_is_location_not_participant():
    text = "Tausende haben in der ukrainischen Hauptstadt Kiew protestiert."
    ents = _ents(text, [("Kiew", "LOC", "loc:kyiv")])
    (ev,) = by_type(run(text, "de", ents), "PROTEST")
    assert ev.participants == [] and ev.location == "loc:kyiv"


def test_unnamed_sources_are_statements_without_speaker():
    text = "Karl Adler traf Maria Berg.\nDas Treffen sei gut gewesen, sagte ein Sprecher am Montag.\nDie Lage sei ruhig, hieß es aus Regierungskreisen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    statements = by_type(run(text, "de", ents), "STATEMENT")
    assert statements and all(e.participants == [] for e in statements)
    text = "Karl Adler will visit Ruritania, it has been announced."
    (ev,) = by_type(run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")])), "STATEMENT")
    assert ev.participants == []


def test_a_source_phrase_after_an_impersonal_speech_verb_names_the_speaker():
    text = ("Die Preise steigen weiter, hieß es in einer Erklärung der Gewerkschaft Verdal.\n"
            "Das Kind sei wohlauf, heißt es seitens der Pressestelle des Klinikums Oberau.\n"
            "Die Lage sei ruhig, hieß es am Abend in Korlin.")
    ents = _ents(text, [("Gewerkschaft Verdal", "ORG", "org:verdal"), ("Klinikums Oberau", "ORG", "org:oberau"),
                        ("Korlin", "LOC", "loc:korlin")])
    events = sorted(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert [[(p.key, p.role) for p in e.participants] for e in events] == [
        [("org:verdal", "speaker")], [("org:oberau", "speaker")], []]
    text = "New rules apply from June, it was announced by the Tarnby Council."
    (ev,) = by_type(run(text, "en", _ents(text, [("Tarnby Council", "ORG", "org:tarnby")])), "STATEMENT")
    assert [(p.key, p.role) for p in ev.participants] == [("org:tarnby", "speaker")]


def test_country_speaks_only_as_the_first_words_of_its_clause():
    text = "Der Gerichtshof hatte Freedonia zuvor aufgerufen, den Mann zu verhaften."
    ents = _ents(text, [("Freedonia", "LOC", "loc:freedonia")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert all(p.role != "speaker" for p in ev.participants)


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


def test_press_conference_is_given_by_the_speaker_and_possessors_are_not_participants():
    text = "Das sei gut, erklärte Karl Adler bei der Pressekonferenz nach der Sitzung mit Maria Berg."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    (pc,) = by_type(run(text, "de", ents), "PRESS_CONFERENCE")
    assert [(p.key, p.role) for p in pc.participants] == [("per:a", "speaker")]
    text = "Maria Berg criticised Karl Adler's policies during a lecture tour."
    ents = _ents(text, [("Maria Berg", "PER", "per:b"), ("Karl Adler's", "PER", "per:a")])
    (visit,) = by_type(run(text, "en", ents), "VISIT")
    assert [p.key for p in visit.participants] == ["per:b"]


def test_party_spokesman_speaks_for_the_party():
    text = "A Blue Party spokesman said the plan had failed."
    ents = _ents(text, [("Blue Party", "ORG", "org:blue")])
    (ev,) = by_type(run(text, "en", ents), "STATEMENT")
    assert [(p.key, p.role) for p in ev.participants] == [("org:blue", "speaker")]


def test_clause_initial_country_after_a_conjunction_speaks():
    text = "But Freedonia said the talks had failed."
    (ev,) = by_type(run(text, "en", _ents(text, [("Freedonia", "LOC", "loc:f")])), "STATEMENT")
    assert [p.key for p in ev.participants] == ["loc:f"]


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


def test_noun_fallback_actor_is_not_a_later_subject_of_the_sentence():
    text = "Nur einen Tag nach Beginn einer Offensive gegen die Milizen im Süden ist Präsident Karl Adler zurückgekehrt."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (ev,) = by_type(run(text, "de", ents), "ATTACK")
    assert ev.participants == []
    close = "Die Blaue Partei kritisierte die Vereidigung Karl Adlers scharf."
    ents = _ents(close, [("Blaue Partei", "ORG", "org:blue"), ("Karl Adlers", "PER", "per:a")])
    (ev,) = by_type(run(close, "de", ents), "APPOINTMENT")
    assert [p.key for p in ev.participants] == ["per:a"]


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


def test_agent_after_the_genitive_owner_takes_part():
    # "die Annexion der Krim durch Russland": Russia acts, Crimea is what it happens to
    text = "Die Spannungen folgen der Annexion der Halbinsel Ruritanien durch Borduria."
    ents = _ents(text, [("Ruritanien", "LOC", "loc:ruritania"), ("Borduria", "LOC", "loc:borduria")])
    (ev,) = by_type(run(text, "de", ents), "OTHER")
    assert {p.key: p.role for p in ev.participants} == {"loc:ruritania": "subject", "loc:borduria": "participant"}


def test_toured_place_is_no_host_of_a_visit():
    text = "Karl Adler, on a week-long tour of Africa, said debts must go."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Africa", "LOC", "loc:africa")])
    (ev,) = by_type(run(text, "en", ents), "VISIT")
    assert {p.key for p in ev.participants} == {"per:karl-adler"}


@pytest.mark.parametrize("lang,text", [
    ("en", "Karl Adler has signed a debt relief deal with Ruritania on Monday."),
    ("de", "Karl Adler verteidigte das Atomabkommen mit Ruritanien."),
])
def test_agreement_partner_after_with_is_a_party(lang, text):
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Ruritania", "LOC", "loc:ruritania"),
                        ("Ruritanien", "LOC", "loc:ruritania")])
    evs = by_type(run(text, lang, ents), "AGREEMENT")
    assert evs and all("loc:ruritania" in {p.key for p in ev.participants} for ev in evs)


def test_sanctioned_party_after_on_or_gegen_is_the_target():
    text = "The Union imposed its arms ban on Ruritania in 1989."
    ents = _ents(text, [("Union", "ORG", "org:union"), ("Ruritania", "LOC", "loc:ruritania")])
    ev = by_type(run(text, "en", ents), "SANCTION")
    assert [{p.key: p.role for p in e.participants} for e in ev] == [{"org:union": "participant", "loc:ruritania": "target"}]
    text = "Der Rat hat die Strafmaßnahmen gegen Ruritanien verhängt."
    ents = _ents(text, [("Rat", "ORG", "org:rat"), ("Ruritanien", "LOC", "loc:ruritanien")])
    ev = by_type(run(text, "de", ents), "SANCTION")
    assert [{p.key: p.role for p in e.participants} for e in ev] == [{"org:rat": "participant", "loc:ruritanien": "target"}]
    # a place after another preposition is no target: "gegen Politiker ins Ministerium zitiert"
    text = "Der Botschafter war wegen der Verbote gegen Politiker ins Nordländer Außenministerium zitiert worden."
    ents = _ents(text, [("Nordländer Außenministerium", "ORG", "org:am")])
    ev = by_type(run(text, "de", ents), "SANCTION")
    assert ev and all(p.role != "target" for e in ev for p in e.participants)


def test_subject_before_an_apposition_speaks_not_the_name_inside_it():
    en = ("Anna Kolb, director of the pressure group Fair Rights, said the plans were unfair.\n"
          "Tom Hale, speaking at a joint news conference with the Danish Cabinet, stressed this point.")
    ents = _ents(en, [("Anna Kolb", "PER", "per:kolb"), ("Fair Rights", "ORG", "org:fair"),
                      ("Tom Hale", "PER", "per:hale"), ("Danish Cabinet", "ORG", "org:cabinet")])
    speakers = {p.key for e in by_type(run(en, "en", ents), "STATEMENT") for p in e.participants if p.role == "speaker"}
    assert speakers == {"per:kolb", "per:hale"}
    de = "Lena Roth, einst Diplomatin bei der UNO, heute Dozentin der Fairen Liga, warnte vor Eile."
    ents = _ents(de, [("Lena Roth", "PER", "per:roth"), ("UNO", "ORG", "org:uno"), ("Fairen Liga", "ORG", "org:liga")])
    (st,) = by_type(run(de, "de", ents), "STATEMENT")
    assert {p.key for p in st.participants if p.role == "speaker"} == {"per:roth"}


def test_name_in_apposition_speaks_not_the_organisation_before_it():
    text = "Der Chefredakteur der Zeitung Morgenblatt, Karl Adler, warnte vor Zensur."
    ents = _ents(text, [("Morgenblatt", "ORG", "org:mb"), ("Karl Adler", "PER", "per:adler")])
    (st,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key for p in st.participants if p.role == "speaker"} == {"per:adler"}


def test_german_interview_media_in_conversations_follow_up_questions_and_zum():
    text = ("Das sei unklar, sagt er im Gespräch mit dem Nordblatt.\n"
            "Es gebe kein Geld, sagte Karl Adler auf Nachfrage des Nordblatt.\n"
            "Die Schulen müssen das verantworten, sagt eine Sprecherin zum Nordblatt.")
    parts = []
    for line in text.split("\n"):
        (ev,) = by_type(run(line, "de", _ents(line, [(n, l, k) for n, l, k in (("Karl Adler", "PER", "per:a"),
                                                                                ("Nordblatt", "ORG", "org:nb")) if n in line])), "STATEMENT")
        parts.append({p.key: p.role for p in ev.participants})
    assert [p.get("org:nb") for p in parts] == ["participant"] * 3
    assert "speaker" not in parts[2].values()  # an unnamed spokeswoman, not the medium, speaks


def test_statement_placed_in_a_newspaper_names_it_but_not_a_paper_in_the_content():
    en = "A Vox poll in the Daily Courier Times suggested most voters were undecided."
    ents = _ents(en, [("Vox", "ORG", "org:vox"), ("the Daily Courier Times", "ORG", "org:times")])
    (st,) = by_type(run(en, "en", ents), "STATEMENT")
    assert {p.key: p.role for p in st.participants} == {"org:vox": "speaker", "org:times": "participant"}
    en = "Karl Adler said his resignation followed reports in the Daily Courier Times."
    ents = _ents(en, [("Karl Adler", "PER", "per:a"), ("the Daily Courier Times", "ORG", "org:times")])
    (st,) = by_type(run(en, "en", ents), "STATEMENT")
    assert {p.key for p in st.participants} == {"per:a"}
    de = "In der Nordtaler Zeitung sagte Karl Adler zuletzt, man sei einig."
    ents = _ents(de, [("Nordtaler Zeitung", "ORG", "org:nz"), ("Karl Adler", "PER", "per:a")])
    (st,) = by_type(run(de, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in st.participants} == {"per:a": "speaker", "org:nz": "participant"}
    de = "Man sei einig, sagte Karl Adler in der Nordtaler Zeitung."
    ents = _ents(de, [("Karl Adler", "PER", "per:a"), ("Nordtaler Zeitung", "ORG", "org:nz")])
    (st,) = by_type(run(de, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in st.participants} == {"per:a": "speaker", "org:nz": "participant"}


def test_addressee_of_an_appeal_in_richtung_is_its_target():
    text = "Man solle das Gespräch suchen, appellierte Eva Berg in Richtung Karl Adler."
    ents = _ents(text, [("Eva Berg", "PER", "per:b"), ("Karl Adler", "PER", "per:a")])
    (st,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in st.participants} == {"per:b": "speaker", "per:a": "target"}


def test_noun_in_a_time_phrase_takes_no_actor_from_the_main_clause():
    text = "Karl Adler lifted the curfew imposed on the region after the Westbrook massacre."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (attack,) = by_type(run(text, "en", ents), "ATTACK")
    assert attack.participants == []
    text = "Minister Karl Adler sicherte dem Land Rückhalt nach dem Anschlag in der Hauptstadt zu."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    (attack,) = by_type(run(text, "de", ents), "ATTACK")
    assert attack.participants == []


def test_country_right_after_a_target_preposition_is_the_target_and_the_subject_still_acts():
    text = "Die Weltbank hat ein Prüfverfahren gegen Ungarn eröffnet."
    ents = _ents(text, [("Weltbank", "ORG", "org:wb"), ("Ungarn", "LOC", "loc:hu")])
    (ev,) = by_type(run(text, "de", ents), "OTHER")
    assert sorted((p.key, p.role) for p in ev.participants) == [("loc:hu", "target"), ("org:wb", "participant")]
    # a place deeper in the phrase only locates it
    text = "Bei einer Razzia gegen eine Bande in Neapel wurden Banknoten sichergestellt."
    ents = _ents(text, [("Neapel", "LOC", "loc:na")])
    (ev,) = by_type(run(text, "de", ents), "CRIME")
    assert ev.participants == []


def test_description_speaker_prefers_the_person_named_with_that_title_or_an_apposition():
    text = ("Auch Premier Hans Roth hat sich geäußert.\n"
            "Das sei gut, sagte Karl Adler.\n"
            "Er solle nach Hause gehen, meinte der Premier.")
    ents = _ents(text, [("Hans Roth", "PER", "per:c"), ("Karl Adler", "PER", "per:a")])
    ev = next(e for e in run(text, "de", ents) if "meinte" in [e.trigger.text] + [m.text for m in e.mentions])
    assert {p.key: p.role for p in ev.participants} == {"per:c": "speaker"}
    text = ("Das sei gut, sagte Karl Adler.\n"
            "Es gibt keinen Zweifel, sagte der demokratische Fraktionsführer im Senat, Hans Roth.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    ev = max(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in ev.participants} == {"per:c": "speaker"}


def test_pronoun_before_the_verb_continues_its_own_sentence_subject():
    text = ("Das sei ein langer Weg, sagte Eva Berg.\n"
            "Karl Adler freute sich über das Klima, wenngleich auch er betonte, dass es schwer werde.")
    ents = _ents(text, [("Eva Berg", "PER", "per:b"), ("Karl Adler", "PER", "per:a")])
    ev = max(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert {p.key: p.role for p in ev.participants} == {"per:a": "speaker"}
    # after the verb the opening is what was said, not the speaker
    text = "Das sei gut, sagte Eva Berg.\nKarl Adler habe gelogen, sagte sie."
    ents = _ents(text, [("Eva Berg", "PER", "per:b"), ("Karl Adler", "PER", "per:a")])
    ev = max(by_type(run(text, "de", ents), "STATEMENT"), key=lambda e: e.trigger.start)
    assert ev.participants[0].key == "per:b"


def test_pronoun_object_is_not_a_possessor_and_named_genitive_owner_still_speaks():
    text = ("Karl Adler said the plans clashed with Hans Roth's prediction.\n"
            "But Eva Berg accused him of scoring cheap points.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c"), ("Eva Berg", "PER", "per:b")])
    ev = next(e for e in run(text, "en", ents) if e.trigger.text == "accused")
    assert {p.key: p.role for p in ev.participants} == {"per:b": "speaker", "per:a": "target"}
    text = "Nach wie vor gelte die Erklärung des ehemaligen sowjetischen Präsidenten Karl Adler, der die Schuld anerkannte."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    ev = next(e for e in run(text, "de", ents) if e.trigger.text == "Erklärung")
    assert {p.key for p in ev.participants} == {"per:a"}


def test_english_name_after_a_verb_without_inversion_is_never_the_speaker():
    text = "He warned the Blue Party that attacking Karl Adler had brought it trouble before."
    ents = _ents(text, [("Blue Party", "ORG", "org:blue"), ("Karl Adler", "PER", "per:a")])
    ev = next(e for e in run(text, "en", ents) if e.type == "STATEMENT")
    assert "speaker" not in {p.role for p in ev.participants if p.key == "org:blue"}


def test_de_oblique_or_bracketed_name_next_to_the_verb_is_not_the_speaker():
    text = "Nordland hat vor der Gefahr durch Gruppen wie dem Blauen Bund (BB) gewarnt."
    ents = _ents(text, [("Nordland", "LOC", "loc:n"), ("Blauen Bund", "ORG", "org:bb"), ("BB", "ORG", "org:bb")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants} == {"loc:n": "speaker"}
    # an abbreviation in brackets after a plain noun still speaks
    text = "Die Welthandelsorganisation (WTO) sagt Nordland hohe Kosten voraus."
    ents = _ents(text, [("WTO", "ORG", "org:wto"), ("Nordland", "LOC", "loc:n")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in ev.participants}.get("org:wto") == "speaker"


def test_a_pronoun_subject_after_an_adverbial_takes_the_previous_subject():
    # "Later he will visit …": not clause-initial, no named actor in the sentence
    text = ("Governor Alan Brisk opened the new bridge in Fernfield on Monday.\n"
            "Later he will visit a school in the valley.")
    ents = _ents(text, [("Alan Brisk", "PER", "per:brisk"), ("Fernfield", "LOC", "loc:fernfield")])
    visits = by_type(run(text, "en", ents), "VISIT")
    assert visits and [p.key for p in visits[0].participants] == ["per:brisk"]


def test_a_german_pronoun_after_the_finite_verb_gives_the_press_conference_its_speaker():
    text = ("Die Kandidatin Vera Lindholm hat ihre Bewerbung eingereicht.\n"
            "Am Sonntag startete sie ihre Kampagne mit einer Pressekonferenz.")
    ents = _ents(text, [("Vera Lindholm", "PER", "per:lindholm")])
    pcs = by_type(run(text, "de", ents), "PRESS_CONFERENCE")
    assert pcs and [(p.key, p.role) for p in pcs[0].participants] == [("per:lindholm", "speaker")]


def test_a_pronoun_meeting_a_named_partner_adds_its_antecedent():
    # "where he met X": the partner alone is half the meeting
    text = ("Minister Omar Falk arrived in Norland on Sunday.\n"
            "He flew in from Sudria, where he met President Ilse Varga.")
    ents = _ents(text, [("Omar Falk", "PER", "per:falk"), ("Ilse Varga", "PER", "per:varga"),
                        ("Norland", "LOC", "loc:norland"), ("Sudria", "LOC", "loc:sudria")])
    meetings = by_type(run(text, "en", ents), "MEETING")
    assert meetings and {p.key for p in meetings[0].participants} == {"per:falk", "per:varga"}


def test_a_pronoun_governed_by_a_preposition_is_no_subject():
    from graphbuilder.extract.events.participants import subject_pronoun
    from graphbuilder.extract.events.common import ExtractionContext, Mention
    from graphbuilder.extract.events.lexicon import load_lexicon
    from graphbuilder.models import Span

    text = "Voters with him protested."
    ctx = ExtractionContext(text, load_lexicon("en"), "en", None, [], [], [], [])
    start = text.index("protested")
    men = Mention("PROTEST", True, Span(start=start, end=start + 9, text="protested"), 0, (0, len(text)))
    assert subject_pronoun(ctx, men) is None
    text2 = "Then he protested."
    ctx2 = ExtractionContext(text2, load_lexicon("en"), "en", None, [], [], [], [])
    s2 = text2.index("protested")
    assert subject_pronoun(ctx2, Mention("PROTEST", True, Span(start=s2, end=s2 + 9, text="protested"), 0,
                                         (0, len(text2)))) == "he"


@pytest.mark.parametrize("lang,text,spec", [
    ("en", "Anna Marlow, Peter Quist and Lena Horvath said they would appeal.",
     [("Anna Marlow", "PER", "per:marlow"), ("Peter Quist", "PER", "per:quist"), ("Lena Horvath", "PER", "per:horvath")]),
    ("en", "The Harbour Party and the Green League said on Monday the plan was wrong.",
     [("Harbour Party", "ORG", "org:harbour"), ("Green League", "ORG", "org:green")]),
    ("de", "Die Uferpartei und die Grüne Liga kritisierten am Montag den Plan.",
     [("Uferpartei", "ORG", "org:harbour"), ("Grüne Liga", "ORG", "org:green")]),
])
def test_coordinated_subjects_of_a_speech_verb_all_speak(lang, text, spec):
    (st,) = by_type(run(text, lang, _ents(text, spec)), "STATEMENT")
    assert {p.key for p in st.participants} == {key for _s, _l, key in spec}
    assert {p.role for p in st.participants} == {"speaker"}


@pytest.mark.parametrize("text", [
    "Tom Baxley met Karl Ostrand and Mira Venn said the talks went well.",  # a list ending an earlier clause
    "In a letter to Tom Baxley and Karl Ostrand, Mira Venn said the talks went well.",  # governed by a preposition
])
def test_names_coordinated_outside_the_subject_do_not_speak(text):
    ents = _ents(text, [("Tom Baxley", "PER", "per:baxley"), ("Karl Ostrand", "PER", "per:ostrand"),
                        ("Mira Venn", "PER", "per:venn")])
    speakers = {p.key for e in by_type(run(text, "en", ents), "STATEMENT") for p in e.participants if p.role == "speaker"}
    assert speakers == {"per:venn"}


@pytest.mark.parametrize("text", [
    "In reply to the report, Anna Marlow, leader of the Harbour Party group in the council, said the figures were wrong.",
    "On Monday, Anna Marlow, the Harbour Party's finance spokeswoman, said the figures were wrong.",
])
def test_apposed_subject_after_a_fronted_phrase_speaks(text):
    ents = _ents(text, [("Anna Marlow", "PER", "per:marlow"), ("Harbour Party", "ORG", "org:harbour")])
    (st,) = by_type(run(text, "en", ents), "STATEMENT")
    assert [(p.key, p.role) for p in st.participants] == [("per:marlow", "speaker")]


def test_possessor_of_an_event_noun_is_its_subject():
    text = "The ruling came a day after Tom Baxley's resignation."
    events = run(text, "en", _ents(text, [("Tom Baxley", "PER", "per:baxley")]))
    (res,) = by_type(events, "RESIGNATION")
    assert [(p.key, p.role) for p in res.participants] == [("per:baxley", "subject")]


def test_possessor_of_another_noun_is_not_a_participant():
    text = "The ruling came a day after Tom Baxley's lawyer announced the resignation."
    events = run(text, "en", _ents(text, [("Tom Baxley", "PER", "per:baxley")]))
    assert all(not e.participants for e in by_type(events, "RESIGNATION"))


def test_coordinated_objects_of_an_accusation_are_all_targets():
    text = "Mira Venn angrily criticised Tom Baxley and Karl Ostrand on Monday."
    ents = _ents(text, [("Mira Venn", "PER", "per:venn"), ("Tom Baxley", "PER", "per:baxley"),
                        ("Karl Ostrand", "PER", "per:ostrand")])
    (st,) = by_type(run(text, "en", ents), "STATEMENT")
    assert {(p.key, p.role) for p in st.participants} == {
        ("per:venn", "speaker"), ("per:baxley", "target"), ("per:ostrand", "target")}


@pytest.mark.parametrize("lang,text", [
    ("en", "But Anna Marlow of the Harbour Alliance has questioned how the police will cope."),
    ("de", "Anna Marlow von der Hafenallianz kritisierte den Plan am Montag scharf."),
])
def test_organisation_of_a_named_person_is_no_speaker(lang, text):
    org = "Harbour Alliance" if lang == "en" else "Hafenallianz"
    ents = _ents(text, [("Anna Marlow", "PER", "per:marlow"), (org, "ORG", "org:harbour")])
    (st,) = by_type(run(text, lang, ents), "STATEMENT")
    assert ("per:marlow", "speaker") in {(p.key, p.role) for p in st.participants}
    assert ("org:harbour", "speaker") not in {(p.key, p.role) for p in st.participants}


def test_a_name_in_apposition_to_an_organisation_is_not_a_coordinated_speaker():
    text = "Chefredakteur der Zeitung Morgenblatt, Tom Baxley, warnte vor dem Gesetz."
    ents = _ents(text, [("Morgenblatt", "ORG", "org:morgenblatt"), ("Tom Baxley", "PER", "per:baxley")])
    speakers = {p.key for e in by_type(run(text, "de", ents), "STATEMENT") for p in e.participants if p.role == "speaker"}
    assert speakers == {"per:baxley"}


@pytest.mark.parametrize("lang,text,speaker", [
    # German marks the addressee by the dative: after the speaker's apposition and a time, or right
    # after an unnamed subject; English names it as the object of "told"
    ("de", "Das sei nicht geplant, sagte Karl Adler, Sprecher der Nordbahn, am Montag der Nachrichtenagentur Ostpress.", "per:adler"),
    ("de", "Die Lage sei ernst, sagte ein Polizeisprecher dem Rundfunksender Ostpress.", None),
    ("de", "Karl Adler hat dem Nachrichtenmagazin Ostpress bestätigt, dass der Plan aufgegeben wurde.", "per:adler"),
    ("en", "The plan was dead, Karl Adler, a spokesman for the Nordbahn, told the news agency Ostpress on Monday.", "per:adler"),
])
def test_medium_addressed_by_a_statement_takes_part_and_does_not_speak(lang, text, speaker):
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Nordbahn", "ORG", "org:nb"), ("Ostpress", "ORG", "org:op")])
    times = [_time(text, "am Montag", "2023-03-13", dt.date(2023, 3, 13), dt.date(2023, 3, 13))] if "am Montag" in text else []
    (st,) = by_type(run(text, lang, ents, times), "STATEMENT")
    parts = {p.key: p.role for p in st.participants}
    assert parts.get("org:op") == "participant"
    assert [k for k, r in parts.items() if r == "speaker"] == ([speaker] if speaker else [])


@pytest.mark.parametrize("text,role", [
    ("Das Militär habe Ziele angegriffen, meldete der Nachrichtensender Ostpress am Sonntag.", "speaker"),  # the subject
    ("Das sei ein Fehler, sagte Karl Adler nach einem Treffen mit dem Sender Ostpress.", None),  # governed by "mit"
])
def test_a_medium_in_the_nominative_or_after_a_preposition_is_not_addressed(text, role):
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Ostpress", "ORG", "org:op")])
    (st,) = by_type(run(text, "de", ents), "STATEMENT")
    assert {p.key: p.role for p in st.participants}.get("org:op") == role


@pytest.mark.parametrize("lang,text,names,noun,actor", [
    # the name opening the clause is the subject of the verb whose object is the event noun
    ("de", "Nordland hatte im Januar seinen vierten Atomtest bekanntgegeben.", [("Nordland", "LOC", "loc:n")], "OTHER", "loc:n"),
    ("en", "Nordland has launched attacks on positions of the Blue Front.",
     [("Nordland", "LOC", "loc:n"), ("Blue Front", "ORG", "org:bf")], "ATTACK", "loc:n"),
    # German verb second: the subject right after the finite verb, behind a fronted phrase
    ("de", "Am Montag hat die Linkspartei Nordbund Verhandlungen mit der Südpartei aufgenommen.",
     [("Nordbund", "ORG", "org:n"), ("Südpartei", "ORG", "org:s")], "NEGOTIATION", "org:n"),
    ("en", "The Green League has opened negotiations with the Blue Party.",
     [("Green League", "ORG", "org:n"), ("Blue Party", "ORG", "org:s")], "NEGOTIATION", "org:n"),
])
def test_subject_of_the_clause_acts_in_its_event_noun(lang, text, names, noun, actor):
    (ev,) = by_type(run(text, lang, _ents(text, names)), noun)
    assert actor in {p.key for p in ev.participants}


@pytest.mark.parametrize("lang,text", [
    ("de", "Nordland protestierte am Montag gegen den Atomtest."),  # the noun in a phrase
    ("en", "Nordland protested against the deployment of troops."),
    ("de", "Laut Nordland hat das Militär seinen vierten Atomtest vorbereitet."),  # a source, not the subject
])
def test_subject_of_the_clause_is_no_actor_of_a_noun_in_a_phrase(lang, text):
    nouns = [e for e in run(text, lang, _ents(text, [("Nordland", "LOC", "loc:n")]))
             if e.trigger.text in ("deployment", "Atomtest")]
    assert nouns and all("loc:n" not in {p.key for p in e.participants} for e in nouns)


@pytest.mark.parametrize("lang,text", [
    # a name further left is no actor of an event noun just for being the nearest name: it must be
    # the clause's subject of a verb taking the noun as its object
    ("en", "Karl Adler made the claim in a heated debate on the terror bill."),
    ("de", "Karl Adler sprach im Landtag lange über das neue Gesetz."),
    ("de", "Karl Adler hat in der hitzigen Debatte über den Gesetzentwurf das Wort ergriffen."),
])
def test_nearest_name_far_left_of_an_event_noun_is_no_actor(lang, text):
    (ev,) = [e for e in run(text, lang, _ents(text, [("Karl Adler", "PER", "per:a")])) if e.type == "LEGISLATION"]
    assert ev.participants == []


@pytest.mark.parametrize("lang,text,noun", [
    ("en", "Karl Adler was paid for a book about his resignation from the cabinet.", "RESIGNATION"),
    ("de", "Karl Adler sprach am Montag über seinen Rücktritt.", "RESIGNATION"),
    ("en", "Karl Adler arrived in Nordstadt.\nDuring his visit he met the mayor.", "VISIT"),
    ("de", "Karl Adler kam am Montag in Nordstadt an.\nBei seinem Besuch traf er Tom Reed.", "VISIT"),
])
def test_possessive_determiner_before_an_event_noun_names_its_person(lang, text, noun):
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Tom Reed", "PER", "per:r"), ("Nordstadt", "LOC", "loc:n")])
    events = [e for e in by_type(run(text, lang, ents), noun)]
    assert events and all("per:a" in {p.key for p in e.participants} for e in events)


def test_possessive_determiner_refers_to_a_person_not_to_a_speaking_organisation():
    text = "Die Nordpresse berichtete über den Fall.\nEin Lehrer ist an seinen Verletzungen nach dem Anschlag gestorben."
    ents = _ents(text, [("Nordpresse", "ORG", "org:np")])
    assert all("org:np" not in {p.key for p in e.participants} for e in run(text, "de", ents) if e.type != "STATEMENT")


@pytest.mark.parametrize("lang,text", [
    # the accused is a target also when nobody is named as the accuser
    ("en", "Other parties have accused the Blue Party of making uncosted promises."),
    ("de", "Das Militär des Nachbarlandes drohte Nordland am Samstag mit Konsequenzen."),
])
def test_accused_object_of_an_unnamed_speaker_is_a_target(lang, text):
    name, label = ("Blue Party", "ORG") if lang == "en" else ("Nordland", "LOC")
    (st,) = by_type(run(text, lang, _ents(text, [(name, label, "org:bp")])), "STATEMENT")
    assert {p.key: p.role for p in st.participants} == {"org:bp": "target"}


@pytest.fixture
def _descriptions(monkeypatch):
    """The description-speaker rules (off by default: see the model card, session 10)."""
    from graphbuilder.extract.events import participants as P

    monkeypatch.setattr(P, "DESCRIBED_SPEAKERS", True)


def _speakers_of(events, word):
    (ev,) = [e for e in events if e.type == "STATEMENT" and (e.trigger.text == word or any(m.text == word for m in e.mentions))]
    return {p.key for p in ev.participants if p.role == "speaker"}


def test_a_described_person_speaks_as_the_holder_of_the_title(_descriptions):
    text = ("Home Secretary Tom Varley met farmers in Dunmore.\n"
            "The home secretary later warned that prices would rise.")
    ents = _ents(text, [("Tom Varley", "PER", "per:varley"), ("Dunmore", "LOC", "loc:dunmore")])
    assert _speakers_of(run(text, "en", ents), "warned") == {"per:varley"}
    # another title is another person: "the shadow home secretary" is not the home secretary
    text = ("Home Secretary Tom Varley met farmers in Dunmore.\n"
            "The shadow home secretary warned that prices would rise.")
    ents = _ents(text, [("Tom Varley", "PER", "per:varley"), ("Dunmore", "LOC", "loc:dunmore")])
    assert _speakers_of(run(text, "en", ents), "warned") != {"per:varley"}


def test_a_name_inside_a_description_is_an_attribute_not_the_speaker(_descriptions):
    text = ("Ann Holt met farmers in Dunmore.\n"
            "\"It is a scandal,\" the Greenleaf spokesman added after the meeting.")
    ents = _ents(text, [("Ann Holt", "PER", "per:holt"), ("Dunmore", "LOC", "loc:dunmore"),
                        ("Greenleaf", "PER", "per:greenleaf")])
    assert _speakers_of(run(text, "en", ents), "added") == {"per:holt"}
    # a name in apposition, or the possessor of a spokesman, is named by the other rules
    text = "\"It is a scandal,\" the party leader Ann Holt said."
    ents = _ents(text, [("Ann Holt", "PER", "per:holt")])
    assert _speakers_of(run(text, "en", ents), "said") == {"per:holt"}


def test_a_german_described_person_speaks_fronted_or_inverted(_descriptions):
    text = ("Landeschef Karl Adler traf die Bauern in Nordtal.\n"
            "Der Landeschef kritisierte danach die Pläne.")
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Nordtal", "LOC", "loc:nordtal")])
    assert _speakers_of(run(text, "de", ents), "kritisierte") == {"per:adler"}
    text = ("Karl Adler traf die Bauern in Nordtal.\n"
            "Wir brauchen mehr Zeit, sagte der Grünland-Vorsitzende.")
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Nordtal", "LOC", "loc:nordtal"),
                        ("Grünland", "ORG", "org:gruenland")], derived=("Grünland",))
    assert _speakers_of(run(text, "de", ents), "sagte") == {"per:adler"}


def test_a_described_organisation_or_its_report_speaks_as_the_one_named_before(_descriptions):
    text = ("The Coastal Review Commission published its figures on Monday.\n"
            "The commission said the rules were unclear.")
    ents = _ents(text, [("Coastal Review Commission", "ORG", "org:crc")])
    assert _speakers_of(run(text, "en", ents), "said") == {"org:crc"}
    text = ("Die Gewerkschaft Nordbau legte am Montag Zahlen vor.\n"
            "Die Gewerkschaft kritisierte die Pläne der Regierung.")
    ents = _ents(text, [("Gewerkschaft Nordbau", "ORG", "org:nordbau")])
    assert _speakers_of(run(text, "de", ents), "kritisierte") == {"org:nordbau"}
    # a body named in the phrase itself is left to the named rules ("die Nordbau-Gewerkschaft")
    text = "The Greenleaf party said the rules were unclear."
    ents = _ents(text, [("Greenleaf", "ORG", "org:greenleaf")])
    assert _speakers_of(run(text, "en", ents), "said") == {"org:greenleaf"}


def test_a_described_spokesperson_speaks_for_the_organisation_that_spoke_last(_descriptions):
    text = ("The Coastal League said the plan was late.\n"
            "Farmers in Dunmore were angry.\n"
            "\"We will not take part,\" the spokesman added.")
    ents = _ents(text, [("Coastal League", "ORG", "org:league"), ("Dunmore", "LOC", "loc:dunmore")])
    assert _speakers_of(run(text, "en", ents), "added") == {"org:league"}
    # any other person noun needs a person: "the teacher" is not the league
    text = text.replace("the spokesman added", "the teacher added")
    assert _speakers_of(run(text, "en", ents), "added") != {"org:league"}



# ---------------------------------------------------------------------------- session 11: participants from structure

def _structure_off(monkeypatch):
    from graphbuilder.extract.events import structure

    for flag in ("PARSE_SPEAKERS", "INVERTED_SUBJECTS", "AS_REPORTED"):
        monkeypatch.setattr(structure, flag, False)


def _all_speakers(events):
    return {p.key for e in events if e.type == "STATEMENT" for p in e.participants if p.role == "speaker"}


@pytest.mark.parametrize("text, spec, speakers", [
    # a long apposition between the subject and the verb; the object is no speaker
    ("Ann Roe, former minister and now a commissioner, warned the Herald to stay away from the plan.",
     [("Ann Roe", "PER", "per:roe"), ("Herald", "ORG", "org:herald")], {"per:roe"}),
    # the agent of a passive speech verb
    ("The plan was criticised by Tom Bell on Monday.", [("Tom Bell", "PER", "per:bell")], {"per:bell"}),
    # a participle clause speaks for the subject of the verb it depends on
    ("Later, Dr Moss praised the work of Ms Pell, saying he liked it.",
     [("Dr Moss", "PER", "per:moss"), ("Ms Pell", "PER", "per:pell")], {"per:moss"}),
])
def test_english_speaker_is_the_named_subject_in_the_dependency_parse(text, spec, speakers):
    ents = _ents(text, spec)
    assert _all_speakers(run(text, "en", ents)) == speakers


def test_english_description_subject_is_left_to_the_rules():
    # the parse names nobody ("the spokesman for X"): the proxy rule makes X the speaker
    text = "A spokeswoman for Maria Berg said nothing had changed."
    ents = _ents(text, [("Maria Berg", "PER", "per:berg")])
    assert _all_speakers(run(text, "en", ents)) == {"per:berg"}


@pytest.mark.parametrize("text, spec, derived, speakers", [
    # a person apposed to the description after the verb
    ("Das sagte der Sprecher der Kommission für Frieden (KFF), Hans Ober, am Montag.",
     [("Kommission für Frieden", "ORG", "org:kff"), ("KFF", "ORG", "org:kff"), ("Hans Ober", "PER", "per:ober")],
     (), {"per:ober"}),
    # an unnamed head of a named group: the group speaks, not a name of the reported clause
    ("Die Kirche Blau sei gesund, sagte der Chef der Gruppe Blauer Stern.",
     [("Blauer Stern", "ORG", "org:stern"), ("Kirche Blau", "ORG", "org:kirche")], (), {"org:stern"}),
    # coordinated media after the verb
    ("Das Land Nordia werde nicht zahlen, berichteten die Zeitungen Nordblatt und Südpost am Montag.",
     [("Nordblatt", "ORG", "org:nordblatt"), ("Südpost", "ORG", "org:suedpost"), ("Nordia", "LOC", "loc:nordia")],
     (), {"org:nordblatt", "org:suedpost"}),
    # a person named after a compound title beats the organisation inside it
    ("Der Plan sei falsch, sagte Nordbank-Chef Said Bello am Montag.",
     [("Nordbank", "ORG", "org:nordbank"), ("Said Bello", "PER", "per:bello")], ("Nordbank",), {"per:bello"}),
])
def test_german_inverted_subject_after_the_speech_verb_speaks(monkeypatch, text, spec, derived, speakers):
    ents = _ents(text, spec, derived=derived)
    assert _all_speakers(run(text, "de", ents)) == speakers
    if "Said Bello" not in text:  # (the rules alone take that one too)
        _structure_off(monkeypatch)  # the part-of-speech rules alone choose another name
        assert _all_speakers(run(text, "de", ents)) != speakers


def test_german_reporter_of_a_medium_speaks_for_it():
    text = "Es sei zu Streit gekommen, berichtete eine Südfunk-Reporterin am Montag."
    ents = _ents(text, [("Südfunk", "ORG", "org:suedfunk")], derived=("Südfunk",))
    assert _all_speakers(run(text, "de", ents)) == {"org:suedfunk"}


def test_german_subject_of_wie_berichtete_speaks(monkeypatch):
    text = "Wie der Radiosender Bergfunk 77 am Mittwoch berichtete, stieg der Schaden in Tirol auf Herbert Lange."
    ents = _ents(text, [("Bergfunk 77", "ORG", "org:bergfunk"), ("Tirol", "LOC", "loc:tirol"),
                        ("Herbert Lange", "PER", "per:lange")])
    assert _all_speakers(run(text, "de", ents)) == {"org:bergfunk"}


def test_german_addressed_medium_after_an_inverted_subject_does_not_speak():
    text = "Das sei falsch, sagte ein Sprecher der Partei Grün dem Sender Nordfunk."
    ents = _ents(text, [("Partei Grün", "ORG", "org:gruen"), ("Nordfunk", "ORG", "org:nordfunk")])
    assert "org:nordfunk" not in _all_speakers(run(text, "de", ents))


def test_english_sentence_whose_other_names_are_possessors_is_not_parsed(monkeypatch):
    """A genitive name is never the parse's speaker, so it does not make the sentence worth parsing."""
    from graphbuilder.extract.events import structure

    parsed = []
    real = structure.parsed_sentence
    monkeypatch.setattr(structure, "parsed_sentence", lambda ctx, s0, s1: parsed.append(s0) or real(ctx, s0, s1))
    spec = [("Tom Bell", "PER", "per:bell"), ("Ann Roe's", "PER", "per:roe")]
    text = "Tom Bell said Ann Roe's plan was wrong."
    assert _all_speakers(run(text, "en", _ents(text, spec))) == {"per:bell"}
    assert parsed == []
    text = "Tom Bell said Ann Roe was wrong."  # a name in its plain form: parsed
    assert _all_speakers(run(text, "en", _ents(text, [spec[0], ("Ann Roe", "PER", "per:roe")]))) == {"per:bell"}
    assert parsed


def test_german_genitive_after_an_event_noun_is_its_argument_not_a_possessor():
    # "der Rücktritt Karl Adlers": the genitive after the event noun names who resigns; before
    # another noun ("Karl Adlers Sprecher") it is a possessor and takes no part
    def genitive(text: str) -> list[EntityMention]:
        start = text.index("Karl Adlers")
        return [EntityMention(start=start, end=start + 11, text="Karl Adlers", label="PER",
                              key="per:adler", name="Karl Adler")]

    text = "Die Opposition verlangte am Montag den Rücktritt Karl Adlers."
    (res,) = by_type(run(text, "de", genitive(text)), "RESIGNATION")
    assert [p.key for p in res.participants] == ["per:adler"]
    text = "Karl Adlers Sprecher bestätigte am Montag den Rücktritt."
    assert all(not e.participants for e in by_type(run(text, "de", genitive(text)), "RESIGNATION"))
