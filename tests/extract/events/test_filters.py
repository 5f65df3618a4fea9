"""Mentions that are no events: hypothetical, negated, demanded, generic, other senses."""

from __future__ import annotations

import pytest

from event_helpers import _ents, run, by_type


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


def test_demanded_events_and_law_as_modifier_are_no_events():
    text = "Karl Adler appealed for the release of Maria Berg.\nShe spoke to law students about the rule of law."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "en", ents)
    assert by_type(events, "OTHER") == [] and by_type(events, "LEGISLATION") == []
    text = "Die Partei lehnte die Forderung nach exklusiven Verhandlungen ab."
    assert by_type(run(text, "de", []), "NEGOTIATION") == []
    text = "The parliament passed the law on Monday."
    assert by_type(run(text, "en", []), "LEGISLATION")


def test_de_infinitive_objects_and_historic_war_names_are_no_events():
    text = ("Karl Adler sagte, es sei wichtig, eine Einigung mit Maria Berg zu erreichen.\n"
            "Im Zweiten Weltkrieg war die Stadt besetzt.\nDie Partei hat eine Einigung mit Maria Berg erzielt.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "de", ents)
    assert [e.trigger.start for e in by_type(events, "AGREEMENT")] == [text.rindex("Einigung")]
    assert by_type(events, "ATTACK") == []


def test_de_demanded_noun_without_article_is_no_event():
    text = "Karl Adler forderte Verhandlungen über einen internationalen Pakt."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler")])
    assert by_type(run(text, "de", ents), "NEGOTIATION") == []


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


@pytest.mark.parametrize("text", [
    "Fox attacks Blair over taxes",
    "Karl Adler has attacked the colonial powers, saying they exploited Africa.",
    "The union also attacked the government's plans for pensions.",
    "Karl Adler attacked Maria Berg for failing to act.",
])
def test_attacks_in_words_are_statements(text):
    ents = _ents(text, [("Fox", "PER", "per:fox"), ("Blair", "PER", "per:blair"), ("Karl Adler", "ORG", "org:a"),
                        ("Maria Berg", "PER", "per:b")])
    events = run(text, "en", ents)
    assert by_type(events, "ATTACK") == [] and by_type(events, "STATEMENT")


def test_passive_headline_attack_on_a_poster_is_no_statement():
    text = "Labour attacked on Howard poster"
    ents = _ents(text, [("Labour", "ORG", "org:labour"), ("Howard", "PER", "per:howard")])
    assert by_type(run(text, "en", ents), "STATEMENT") == []


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


def test_im_gespraech_mit_an_outlet_is_an_interview_not_a_meeting():
    text = "Die Reform sei gescheitert, sagte Karl Adler im Gespräch mit dem Tagblatt."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Tagblatt", "ORG", "org:tagblatt")])
    evs = run(text, "de", ents)
    assert not by_type(evs, "MEETING")
    assert by_type(evs, "STATEMENT")


def test_adjectival_elected_and_appointed_are_no_events():
    text = "Powers would go to elected local councils, with 270 elected members and 87 appointed members."
    assert [e.type for e in run(text, "en", []) if e.type in ("ELECTION", "APPOINTMENT")] == []
    text = "Tom Reed was elected in 1997 and appointed minister in 2001."
    assert {e.type for e in run(text, "en", [])} >= {"ELECTION", "APPOINTMENT"}


def test_english_background_war_and_fought_campaigns_are_no_attacks():
    text = ("Karl Adler resigned over the Gulf war.\nHe opposed the war on drugs.\n"
            "Hunger, war and disease hit the region.\nThe campaign the parties are fighting is dull.\n"
            "The charity works to fight poverty.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert by_type(run(text, "en", ents), "ATTACK") == []
    text = "Rebels attacked the town on Monday."
    assert by_type(run(text, "en", []), "ATTACK")


def test_striking_a_deal_is_an_agreement_not_a_strike():
    text = "Karl Adler is expected to strike a similar trade pact with Maria Berg."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "en", ents)
    assert by_type(events, "PROTEST") == [] and by_type(events, "AGREEMENT")


def test_wanted_events_and_our_correspondent_are_no_events():
    text = "Karl Adler wants house arrest for the suspects."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert by_type(run(text, "en", ents), "CRIME") == []
    text = "The deal is likely to collapse, our political correspondent added."
    assert by_type(run(text, "en", []), "STATEMENT") == []


def test_verb_first_conditional_sentence_supposes_its_events():
    text = "Sollten die Rebellen die Stadt einnehmen, werde es neue Sanktionen gegen das Land geben, sagte Karl Adler."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    events = run(text, "de", ents)
    assert by_type(events, "SANCTION") == [] and by_type(events, "STATEMENT")
    text = "Should the talks fail, the union will strike."
    assert by_type(run(text, "en", []), "NEGOTIATION") == [] and by_type(run(text, "en", []), "MEETING") == []


def test_negated_triggers_are_no_events():
    text = "Karl Adler ist nicht zurückgetreten.\nMaria Berg wurde nicht mehr gewählt."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "de", ents)
    assert by_type(events, "RESIGNATION") == [] and by_type(events, "ELECTION") == []
    text = "The ministry has not agreed a settlement.\nThe suspects would not be freed."
    events = run(text, "en", [])
    assert by_type(events, "AGREEMENT") == [] and by_type(events, "OTHER") == []
    text = "Karl Adler ist nicht nur zurückgetreten, er verlässt auch die Partei."
    assert by_type(run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")])), "RESIGNATION")


def test_english_verbs_in_other_senses_are_no_events():
    text = ("The council must deal with the backlog.\nThe plan fails to meet their needs.\n"
            "The idea was ruled out.\nUniversities may charge fees of up to £3,000.\n"
            "Many schools signed up for the scheme.\nCritics called the poster deeply offensive.\n"
            "Everyone has the right to a fair trial.\nKarl Adler was put in charge of election planning.\n"
            "I am in full agreement with him.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert [e.type for e in run(text, "en", ents) if e.type != "STATEMENT"] == []


def test_de_other_senses_choice_process_candidacy_and_condemnation():
    text = ("Karl Adler ist als Nachfolger im Gespräch.\nDas Land steht vor der Wahl: Reform oder Stillstand.\n"
            "Es gibt keine andere Wahl, als zu sparen.\nDer politische Prozess verläuft langsam.")
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    assert run(text, "de", ents) == []
    text = "Karl Adler hat den Anschlag auf das Krankenhaus scharf verurteilt."
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "CRIME") == [] and by_type(events, "STATEMENT")
    text = "Karl Adler wurde zu zehn Jahren Haft verurteilt."
    assert by_type(run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")])), "CRIME")


def test_events_made_to_depend_on_a_following_condition_are_no_events():
    text = "Talks with the rebels will begin only if they lay down their arms."
    assert [e for e in run(text, "en", []) if e.type in ("MEETING", "NEGOTIATION")] == []
    text = "Es werde erst wieder verhandelt, wenn die Rebellen die Waffenruhe einhielten, sagte Karl Adler."
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert by_type(events, "NEGOTIATION") == [] and by_type(events, "STATEMENT")
