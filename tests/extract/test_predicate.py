"""Reading an event's predicate from its trigger's clause (invented sentences and names)."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.extract.predicate import PredicateReader
from graphbuilder.graph import build_graph
from graphbuilder.labels import LabelParticipant as P
from graphbuilder.labels import Predicate, event_label
from graphbuilder.models import (Document, EntityMention, EventMention, Extraction, Participant, Sentence,
                                 Span)


def reader_at(lang: str, text: str, trigger: str,
              names: dict[str, str] | None = None) -> tuple[PredicateReader, Span, list[str]]:
    """A reader of the one-sentence ``text``, the span of ``trigger`` (its first occurrence) and the
    keys of ``names`` (name -> key of participants named in the text)."""
    mentions = [(text.index(n), text.index(n) + len(n), k) for n, k in (names or {}).items()]
    reader = PredicateReader(text, lang, [Sentence(start=0, end=len(text), text=text, index=0)], mentions)
    i = text.index(trigger)
    return reader, Span(start=i, end=i + len(trigger), text=trigger), [k for *_x, k in mentions]


def read(lang: str, text: str, trigger: str, names: dict[str, str] | None = None, more=()) -> Predicate | None:
    """The predicate of ``trigger`` (its first occurrence); ``names``: name -> key of participants
    named in the text; ``more``: participants named elsewhere."""
    reader, span, keys = reader_at(lang, text, trigger, names)
    return reader.read(0, span, keys + [x.key for x in more])


def label(lang, text, trigger, names=None, status="occurred", etype="OTHER", more=()):
    """The label of ``trigger``'s event with the participants ``names`` (and ``more``, named elsewhere)."""
    pred = read(lang, text, trigger, names, more)
    parts = [P(k, n) for n, k in (names or {}).items()] + list(more)
    return event_label(etype, status, parts, None, lang, pred)


def test_german_separable_verb_is_joined_to_its_particle_and_split_again():
    text = "Die Firma Nordlicht stellte am Montag zwei neue Kameras vor."
    p = read("de", text, "stellte", {"Nordlicht": "org:nordlicht"})
    assert (p.kind, p.lemma, p.particle, p.obj, p.subj_key) == ("verb", "stellen", "vor", "Kameras", "org:nordlicht")
    assert label("de", text, "stellte", {"Nordlicht": "org:nordlicht"}) == "Nordlicht stellt Kameras vor"
    assert label("de", text, "stellte", {"Nordlicht": "org:nordlicht"}, "planned") == "Nordlicht soll Kameras vorstellen"


def test_german_subordinate_clause_negation_and_joined_particle():
    text = "Es blieb still, weil Ina Alt die Kameras nicht vorstellte."
    p = read("de", text, "vorstellte", {"Ina Alt": "per:ina-alt"})
    assert (p.lemma, p.particle, p.negated, p.obj) == ("stellen", "vor", True, "Kameras")
    assert label("de", text, "vorstellte", {"Ina Alt": "per:ina-alt"}) == "Ina Alt stellt Kameras nicht vor"


def test_german_subject_after_the_verb_and_irregular_plural():
    text = "Im Mai verließen die ersten Busse das Depot."
    p = read("de", text, "verließen")
    assert (p.subj, p.obj, p.plural) == ("Busse", "Depot", True)
    assert label("de", text, "verließen") == "Busse verlassen Depot"
    assert label("de", "Im Mai verließ der erste Bus das Depot.", "verließ") == "Bus verlässt Depot"


def test_german_case_cues_decide_subject_and_object():
    assert read("de", "Eine Anfrage der Zeitung lehnt er ab.", "lehnt").obj == "Anfrage"  # "er" is the subject
    p = read("de", "Zehn Rennen hat Ina Alt bisher absolviert.", "absolviert", {"Ina Alt": "per:ina-alt"})
    assert p.subj_key == "per:ina-alt" and p.obj == "Rennen"  # a plural phrase is no subject of "hat"


def test_german_passive_and_planned_passive():
    text = "Am Dienstag wurde der Vertrag in Vardø unterzeichnet."
    p = read("de", text, "unterzeichnet")
    assert (p.kind, p.subj, p.form) == ("passive", "Vertrag", "unterzeichnet")
    assert label("de", "Die Brücke soll im Sommer eröffnet werden.", "eröffnet", status="planned") == (
        "Brücke soll eröffnet werden")
    assert label("de", "Die Brücke wurde nicht eröffnet.", "eröffnet") == "Brücke nicht eröffnet"


def test_german_event_noun_with_its_complement():
    assert label("de", "Nach der Gründung des Vereins traten viele bei.", "Gründung") == "Gründung des Vereins"
    assert label("de", "Die Niederlage gegen Nordlicht schmerzte.", "Niederlage", {"Nordlicht": "org:nordlicht"}) == (
        "Niederlage gegen Nordlicht")


def test_english_subject_object_and_irregular_past():
    text = "The Halvard board launched a new campaign against smoking."
    assert label("en", text, "launched") == "Board launches campaign"
    assert label("en", "Nordwind Ltd withdrew its offer on Monday.", "withdrew", {"Nordwind Ltd": "org:nordwind"}) == (
        "Nordwind Ltd withdraws offer")
    assert label("en", "Ole Berg left the party in May.", "left", {"Ole Berg": "per:ole-berg"}) == "Ole Berg leaves party"
    # a noun phrase a verb follows is a reported clause's subject, not the object
    assert read("en", "The firm said Ole Berg would resign.", "said", {"Ole Berg": "per:ole-berg"}).obj_key == ""


def test_english_negation_passive_and_nouns():
    assert label("en", "Ole Berg did not sign the treaty.", "sign", {"Ole Berg": "per:ole-berg"}) == (
        "Ole Berg does not sign treaty")
    assert label("en", "A new bridge was opened in Vardø by the mayor.", "opened") == "Bridge opened"
    assert label("en", "The figures released in May showed a rise.", "released") == "Figures released"
    assert label("en", "The collapse of the bank shocked traders.", "collapse") == "Collapse of bank"


def test_participants_named_elsewhere_in_the_clause_do_not_act():
    names = {"Ina Alt": "per:ina-alt", "Ole Berg": "per:ole-berg"}
    text = "He overtook Ina Alt and Ole Berg on the last lap."
    assert label("en", text, "overtook", names) == "Event involving Ina Alt and Ole Berg"
    text = "Nordwind and Halvard launched a joint fund."
    both = {"Nordwind": "org:nordwind", "Halvard": "org:halvard"}
    elsewhere = [P("per:ina-alt", "Ina Alt")]  # a participant of another clause
    assert label("en", text, "launched", both, more=elsewhere) == "Nordwind and Halvard launch fund"


def test_graph_stores_the_predicate_and_keeps_ids():
    text = "Die Firma Nordlicht stellte am Montag zwei neue Kameras vor."
    i = text.index("stellte")
    j = text.index("Nordlicht")
    ex = Extraction(
        document=Document(id="inv-pred", text=text, published=dt.date(2031, 3, 5)), language="de",
        sentences=[Sentence(start=0, end=len(text), text=text, index=0)],
        entities=[EntityMention(start=j, end=j + 9, text="Nordlicht", label="ORG", key="org:nordlicht",
                                name="Nordlicht", sentence=0)],
        events=[EventMention(key="e1", type="OTHER", trigger=Span(start=i, end=i + 7, text="stellte"), sentence=0,
                             participants=[Participant(key="org:nordlicht")])])
    batch = build_graph(ex)
    event = next(n for n in batch.nodes if n.label == "Event")
    report = next(r for r in batch.relationships if r.type == "REPORTED_IN")
    assert event.props["label"] == report.props["label"] == "Nordlicht stellt Kameras vor"
    assert Predicate.from_prop(event.props["predicate"]) == Predicate.from_prop(report.props["predicate"])
    assert event.id == build_graph(ex.model_copy(update={"events": [ev.model_copy() for ev in ex.events]})).nodes[
        [n.label for n in batch.nodes].index("Event")].id


@pytest.mark.parametrize("lang, text, trigger", [
    ("de", "Das Bild wurde per Post geschickt, das Paket entwickelt und gefaltet.", "gefaltet"),
    ("en", "Survey figures.", "Survey"),
])
def test_clauses_without_a_readable_predicate_give_none_or_a_generic_label(lang, text, trigger):
    assert label(lang, text, trigger) in ("Ereignis (Beteiligte nicht erkannt)", "Event (participants not identified)")


def test_a_singular_pronoun_never_stands_for_several_participants():
    text = "Im Mai verkaufte er das Haus."
    both = [P("per:ina-alt", "Ina Alt"), P("per:ole-berg", "Ole Berg")]

    def pred(parts):
        reader, span, _keys = reader_at("de", text, "verkaufte")
        return reader.read(0, span, [x.key for x in parts])

    assert event_label("OTHER", "occurred", both, None, "de", pred(both)) == "Ereignis mit Ina Alt und Ole Berg"
    assert event_label("OTHER", "occurred", both[:1], None, "de", pred(both[:1])) == "Ina Alt verkauft Haus"
    # glued punctuation ("0:0") does not end the clause: the negation before it counts
    assert read("de", "Es blieb still, weil Nordlicht nicht über ein 0:0 hinauskam.", "hinauskam").negated


def test_an_indefinite_subject_is_no_participant():
    names = {"Nordbund": "org:nordbund"}
    text = "In Vardø wählt man Nordbund, in Tromsø Südbund."
    assert label("de", text, "wählt", names, more=[P("org:suedbund", "Südbund")]) == "Ereignis mit Nordbund und Südbund"


def test_german_case_animacy_and_adjunct_cues():
    # "um-" is separable when the participle shows it; "als …" is no subject
    p = read("de", "Als Konsequenz hat Nordlicht seine Abteilung umgebaut.", "umgebaut", {"Nordlicht": "org:nordlicht"})
    assert (p.lemma, p.particle, p.subj_key, p.obj) == ("bauen", "um", "org:nordlicht", "Abteilung")
    assert label("de", "Als Konsequenz hat Nordlicht seine Abteilung umgebaut.", "umgebaut",
                 {"Nordlicht": "org:nordlicht"}) == "Nordlicht baut Abteilung um"
    # a person in the middle field acts on a thing before the auxiliary
    p = read("de", "Die Software hat Ina Alt allein entwickelt.", "entwickelt", {"Ina Alt": "per:ina-alt"})
    assert p.subj_key == "per:ina-alt" and p.obj == "Software"
    # an accusative article never opens the subject
    assert read("de", "Einen eigenen Preis bekam der Film.", "bekam").subj == "Film"
    # a capitalised verb taken for a noun is no subject ("Kann der …")
    assert read("de", "Die Frage ist: Kann der Streit beendet werden?", "beendet").subj == "Streit"


def test_english_numbers_measures_and_headline_nouns():
    p = read("en", "About 280,000 jobs a year have been created in Vardø since 2000.", "created")
    assert (p.kind, p.subj, p.plural) == ("passive", "jobs", True)
    assert read("en", "Nordwind added only 146,000 jobs in May.", "added").obj == "jobs"
    # a word after an adjective is a noun even when tagged as a verb: no "X closes"
    assert read("en", "Halvard warns of Kazakh close", "close").kind == "noun"


def test_german_attributive_participles_and_adjectives_after_a_noun():
    p = read("de", "Die am Mittwoch vorgestellten Pläne überraschten.", "vorgestellten")
    assert (p.kind, p.form, p.subj) == ("passive", "vorgestellt", "Pläne")
    assert read("de", "Der Song verdeutlicht alte Erinnerungen.", "verdeutlicht").kind == "verb"  # no ending: a verb
    p = read("de", "Es heißt, dass der Konzern extrem genaue Daten sammelt.", "sammelt")
    assert (p.subj, p.obj) == ("Konzern", "Daten")


def test_english_passive_needs_a_participle_and_objects_are_no_measures():
    p = read("en", "Nordwind is to merge its two boards.", "merge", {"Nordwind": "org:nordwind"})
    assert p.kind == "verb" and p.obj == "boards"
    assert label("en", "Nordwind is to merge its two boards.", "merge", {"Nordwind": "org:nordwind"}, "planned") == (
        "Nordwind to merge boards")
    assert read("en", "Rates went up five times from November.", "went up").obj == ""
    assert read("en", "The bureau found the economy still faced risks.", "found").obj == ""
    # no subject found and several candidates: none of them is named as the actor
    names = {"Nordwind": "org:nordwind", "Halvard": "org:halvard"}
    text = "Nordwind, the biggest firm, touched a peak while Halvard fell."
    assert label("en", text, "touched", names) == "Event involving Nordwind and Halvard"


def test_negated_adjectives_and_elliptical_participles():
    text = "Milliarden an nicht gedeckten Krediten wollen Prüfer entdeckt haben."
    p = read("de", text, "entdeckt")
    assert not p.negated and p.obj != "Krediten"
    assert read("de", "Wo der Wagen steht, ist es still, die Straße abgesperrt.", "abgesperrt") is None


def test_an_infinitive_takes_no_subject_from_the_phrase_before_it():
    p = read("en", "The firm fought requirements to impose fees on its shares.", "impose")
    assert p.subj == "" and p.obj == "fees"


def test_a_participle_after_an_object_is_a_reduced_relative():
    p = read("en", "Firms face the cost of meeting new rules imposed since the crash.", "imposed")
    assert (p.kind, p.subj) == ("passive", "rules")


# ---------------------------------------------------------------------------- statements (session 11)

def content(lang: str, text: str, trigger: str, names: dict[str, str] | None = None) -> Predicate | None:
    """The reported clause of the speech verb ``trigger``."""
    reader, span, keys = reader_at(lang, text, trigger, names)
    return reader.content(0, span, keys)


def statement(lang, text, trigger, names=None, speaker=None):
    """The label of a statement whose speaker is ``speaker`` (a name of ``names``)."""
    pred = read(lang, text, trigger, names)
    parts = [P(k, n, "speaker" if n == speaker else "target") for n, k in (names or {}).items()]
    return event_label("STATEMENT", "occurred", parts, None, lang, pred,
                       lambda: content(lang, text, trigger, names))


def test_by_default_a_named_speaker_is_the_label_and_the_clause_speaks_only_without_one():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("de", "Ina Alt sagte, die Regierung plane eine Steuerreform.", "sagte", alt, "Ina Alt") == (
        "Erklärung von Ina Alt")
    assert statement("en", "Ina Alt said the council would cut its fares.", "said", alt, "Ina Alt") == (
        "Statement by Ina Alt")
    # no named speaker: the speech verb's subject noun and what it said
    assert statement("en", "The new ferry has been delayed, the operator said.", "said") == "Operator: ferry delayed"
    assert statement("de", "Jedes Rennen ist ein Finale, sagte der Trainer.", "sagte") == "Trainer: Rennen ist Finale"


@pytest.mark.usefixtures("content_with_speaker")
def test_a_statement_says_what_was_said_after_the_speech_verb():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("de", "Ina Alt sagte, die Regierung plane eine Steuerreform.", "sagte", alt, "Ina Alt") == (
        "Ina Alt: Regierung plant Steuerreform")
    assert statement("de", "Ina Alt erklärte am Montag, dass der Stausee geleert werde.", "erklärte", alt, "Ina Alt") == (
        "Ina Alt: Stausee geleert")
    assert statement("en", "Ina Alt said the council would cut its fares.", "said", alt, "Ina Alt") == (
        "Ina Alt: council to cut fares")
    assert statement("en", "Ina Alt told reporters that the new bridge was unsafe.", "told", alt, "Ina Alt") == (
        "Ina Alt: bridge is unsafe")
    # "getting worse" is a copula with its adjective; quotes and a perfect "had" inside the clause are read through
    assert statement("en", "Ina Alt said the harbour was getting busier.", "said", alt, "Ina Alt") == (
        "Ina Alt: harbour is busier")
    assert statement("en", 'The mayor said the harbour had "slowed down in May".', "said") == "Mayor: harbour slows down"


@pytest.mark.usefixtures("content_with_speaker")
def test_a_statement_says_what_was_said_before_the_speech_verb():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("de", "Die Preise steigen im Mai nicht, sagte Ina Alt.", "sagte", alt, "Ina Alt") == (
        "Ina Alt: Preise steigen nicht")
    assert statement("de", "Jedes Rennen ist ein Finale, sagte der Trainer.", "sagte") == "Trainer: Rennen ist Finale"
    assert statement("en", '"The harbour plan is too expensive," said Ina Alt.', "said", alt, "Ina Alt") == (
        "Ina Alt: harbour plan is expensive")
    assert statement("en", "The new ferry has been delayed, the operator said.", "said") == "Operator: ferry delayed"
    # "wir" / "we" in the reported clause is the speaker
    assert statement("de", "Wir werden die Preise senken, sagte Ina Alt.", "sagte", alt, "Ina Alt") == (
        "Ina Alt soll Preise senken")
    assert statement("en", "Halvard said it was setting up a new fund.", "said", {"Halvard": "org:halvard"}, "Halvard") == (
        "Halvard sets up fund")


def test_a_speech_verb_with_content_keeps_its_own_predicate_and_say_verbs_never_stand_alone():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("de", "Ina Alt fordert den Rücktritt des Bürgermeisters.", "fordert", alt, "Ina Alt") == (
        "Ina Alt fordert Rücktritt")
    # nothing readable was said: the type's template, never "Ina Alt sagt"
    assert statement("de", "Das sagte Ina Alt.", "sagte", alt, "Ina Alt") == "Erklärung von Ina Alt"
    assert statement("en", "The firm said so.", "said") == "Statement by firm"  # its subject noun speaks
    # a modal the headline cannot say ("wolle"), a conditional clause: no content
    assert content("de", "Ina Alt sagte, sie wolle das Haus verkaufen.", "sagte", alt) is None
    assert content("en", "Ina Alt said that, if it rained, the race would stop.", "said", alt).lemma == "stop"


def test_reported_clause_mood_and_stored_property_round_trip():
    c = content("en", "Ina Alt said the council may close the library.", "said", {"Ina Alt": "per:ina-alt"})
    assert (c.lemma, c.obj, c.subj, c.mood) == ("close", "library", "council", "possible")
    p = read("en", "Ina Alt said the council may close the library.", "said", {"Ina Alt": "per:ina-alt"})
    from dataclasses import replace

    stored = replace(p, content=replace(c, speaker="mayor"))
    back = Predicate.from_prop(stored.to_prop())
    assert back == stored and back.content.mood == "possible" and back.content.speaker == "mayor"
    assert Predicate.from_prop(p.to_prop()) == p  # a predicate without a reported clause is stored as before


def test_reflexive_particle_verbs_keep_their_prepositional_object_and_transitive_verbs_need_an_object():
    assert label("de", "Die Versammlung spricht sich klar für den Neubau der Schule aus.", "spricht") == (
        "Versammlung spricht sich für Neubau aus")
    # a reflexive or transitive verb without any object says too little: the generic label instead
    assert label("de", "Der neue Bahnhof präsentiert sich modern.", "präsentiert") == "Ereignis (Beteiligte nicht erkannt)"
    assert label("en", "The authorities arrested on Monday.", "arrested") == "Event (participants not identified)"
    # an intransitive verb stands alone; a headline participle is read as a passive
    assert label("de", "Die Preise steigen.", "steigen") == "Preise steigen"
    assert label("de", "Neue Pläne für den Hafen veröffentlicht.", "veröffentlicht") == "Pläne veröffentlicht"


def test_an_event_noun_without_complement_takes_the_verb_it_is_the_subject_of():
    assert label("de", "Der Prozess findet im Mai in Vardø statt.", "Prozess") == "Prozess findet statt"
    assert label("en", "The deal was thrown out by the court.", "deal") == "Deal thrown out"
    assert label("en", "The merger would create a large group.", "merger") == "Merger creates group"
    # not when the noun is an object or the verb an attribute, nor a verb that says no more than the noun
    assert read("en", "Both men face charges for their alleged fraud.", "charges").kind == "noun"
    assert read("en", "The announcement comes as no surprise.", "announcement").kind == "noun"


def test_a_planned_event_noun_keeps_its_noun_its_verb_is_the_status():
    reader, span, _keys = reader_at("en", "Another meeting is planned for May.", "meeting")
    assert reader.read(0, span, [], status="planned").kind == "noun"
    assert reader.read(0, span, []).kind == "passive"  # (as if it had happened: "Meeting planned")


@pytest.mark.usefixtures("content_with_speaker")
def test_a_copula_with_a_prepositional_phrase_and_the_speaker_as_its_subject():
    halvard = {"Halvard": "org:halvard"}
    assert statement("en", "Halvard said it was currently in talks with a rival.", "said", halvard, "Halvard") == (
        "Halvard is in talks")
    # with an adjective or a noun, "it" is the matter, not the speaker
    assert statement("en", "Halvard said it was unfair.", "said", halvard, "Halvard") == "Statement by Halvard"
    assert statement("en", "Halvard said it was a matter for May.", "said", halvard, "Halvard") == "Statement by Halvard"


def test_light_verbs_say_nothing_alone_but_a_plural_reflexive_is_reciprocal():
    assert label("en", "The results came on Monday.", "came") == "Event (participants not identified)"
    assert label("de", "Die Ergebnisse kommen am Montag.", "kommen") == "Ereignis (Beteiligte nicht erkannt)"
    assert label("de", "Die Staatschefs treffen sich im Mai.", "treffen") == "Staatschefs treffen sich"


def test_a_say_verbs_object_is_what_was_said_unless_it_is_who_is_told():
    assert statement("de", "Der Trainer erklärte am Montag seinen Rücktritt.", "erklärte") == "Trainer erklärt Rücktritt"
    assert statement("de", "Der Trainer sagte der Zeitung nichts.", "sagte") == "Erklärung von Trainer"
    assert statement("en", "The minister told the newspaper nothing.", "told") == "Statement by minister"


@pytest.mark.usefixtures("content_with_speaker")
def test_english_speech_verbs_take_a_clause_without_that():
    assert statement("en", "The firm warned its profits would fall.", "warned") == "Firm: profits to fall"
    assert statement("en", "Halvard confirmed the council had approved the plan.", "confirmed", {"Halvard": "org:halvard"},
                     "Halvard") == "Halvard: council approves plan"
    # an object of the verb itself is no clause: "rejected an offer from …"
    assert content("en", "Halvard rejected an offer from a rival on Monday.", "rejected", {"Halvard": "org:halvard"}) is None


def test_coordinated_german_infinitives_share_the_subject_after_the_finite_verb():
    text = "Eigentlich wollte Nordlicht in den Hafen ziehen und ein neues Lager bauen."
    p = read("de", text, "bauen", {"Nordlicht": "org:nordlicht"})
    assert (p.subj_key, p.obj) == ("org:nordlicht", "Lager")


def test_more_prepositions_link_an_event_noun_to_its_complement():
    assert label("de", "Später folgt die Ausweitung auf alle Filialen.", "Ausweitung") == "Ausweitung auf alle Filialen"
    assert label("en", "The firms held talks about a merger.", "talks") == "Talks about merger"


@pytest.mark.usefixtures("content_with_speaker")
def test_a_copulas_adjective_stands_near_it_and_we_are_the_speaker():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("de", "Wir sind bisher sehr zufrieden, sagte Ina Alt.", "sagte", alt, "Ina Alt") == "Ina Alt ist zufrieden"
    assert statement("de", "Das Interesse ist in diesem Stadium groß, sagte Ina Alt.", "sagte", alt, "Ina Alt") == (
        "Ina Alt: Interesse ist groß")
    assert content("en", "Ina Alt said revenues were up 10% year-on-year.", "said", alt) is None


@pytest.mark.usefixtures("content_with_speaker")
def test_speech_frames_and_numbers_after_mehr_als():
    # "so" frames what was said only at the end of its sentence
    assert statement("de", "Die Regierung plane eine Reform, so der Minister.", "so") == "Minister: Regierung plant Reform"
    assert content("de", "Die Regel gilt, so auch die Formel als Ausdruck, seit Jahren.", "so") is None
    # "mehr als 500 Menschen" is a subject, not an adjunct
    assert statement("de", "Ina Alt berichtet weiter, mehr als 500 Menschen teilten die Meldung.", "berichtet",
                     {"Ina Alt": "per:ina-alt"}, "Ina Alt") == "Ina Alt: Menschen teilen Meldung"


@pytest.mark.usefixtures("content_with_speaker")
def test_english_no_negates_and_be_takes_its_own_negation():
    alt = {"Ina Alt": "per:ina-alt"}
    assert statement("en", "Ina Alt said the town no longer needs the ferry.", "said", alt, "Ina Alt") == (
        "Ina Alt: town does not need ferry")
    assert statement("en", "Ina Alt said the plan was not fair.", "said", alt, "Ina Alt") == "Ina Alt: plan is not fair"


def test_a_speech_noun_reads_the_clause_its_that_opens_and_the_speaker_stands_by_the_verb():
    text = "Halvard claims that Nordwind is obliged to buy the unit."
    c = content("en", text, "claims")
    assert (c.kind, c.subj, c.speaker) == ("passive", "Nordwind", "Halvard")
    assert content("en", "The announcement comes as Nordwind said it was in talks.", "announcement") is None
    # the speech verb's subject stands right by it: not "Shares" for "the firm warned"
    assert content("en", "Shares in Halvard have tumbled after the firm warned it could run out of cash.",
                   "warned").speaker == ""


def test_a_finite_verb_tagged_as_an_adjective_is_no_attributive_participle_and_particle_verbs_need_their_object():
    p = read("de", "Das kündigte Regierungssprecher Ole Berg am Montag in Vardø an.", "kündigte", {"Ole Berg": "per:ole-berg"})
    assert p is None or p.kind != "passive"  # "kündigte" has no participle form: never "Ole Berg kündigt" as a passive
    assert label("de", "Die Stadt nahm am Montag auf.", "nahm") == "Ereignis (Beteiligte nicht erkannt)"  # "aufnehmen" needs an object


def test_events_without_participants_are_said_by_their_clause():
    # a pronoun subject: the verb's object and participle, not "(Urheber nicht erkannt)"
    assert statement("de", "Am Abend sprach sie das Thema Hafenausbau an.", "sprach") == "Hafenausbau angesprochen"
    assert statement("en", "They have all denied any wrongdoing.", "denied") == "Wrongdoing denied"
    assert label("de", "Gestern beschloss er die Steuererhöhung.", "beschloss") == "Steuererhöhung beschlossen"
    assert label("en", "Later he rejected the offer.", "rejected") == "Offer rejected"
    # without an object the pronoun's verb says too little
    assert label("en", "Then he died.", "died") == "Event (participants not identified)"
    # the clause's own noun subject, a passive patient; planned: before the status's own templates
    assert label("en", "The singer died.", "died") == "Singer dies"
    assert label("en", "More than 4,000 pupils voted in the poll.", "voted", etype="ELECTION") == "Pupils vote"
    assert label("de", "Im Frühjahr werden die Räte neu gewählt.", "gewählt", status="planned", etype="ELECTION") == (
        "Räte sollen gewählt werden")
    assert label("en", "The bakery sealed a deal.", "deal", etype="AGREEMENT") == "Bakery seals deal"
    assert label("en", "Later it approved the deal.", "deal", etype="AGREEMENT") == "Deal approved"
    # not a deal the bakery made: an infinitive, a gerund, a German verb whose infinitive follows
    assert label("en", "The mayor urged the bakery to reject the deal.", "deal", etype="AGREEMENT") == (
        "Agreement (parties not identified)")
    assert label("en", "The town started a buying spree.", "spree") != "Spree buyinged"
    assert label("de", "Der Bäcker ließ eine Klage prüfen.", "Klage", etype="CRIME") == "Straf- oder Justizfall"


def test_the_speaker_of_a_statement_without_participants_is_its_subject_noun():
    assert statement("de", "Die Ärzte haben mir gesagt, dass die Behandlung wirkt.", "gesagt") == (
        "Ärzte: Behandlung wirkt")
    assert statement("en", '"The bridge is closed," said the spokesman.', "said") == "Spokesman: bridge is closed"
    assert statement("de", "Die Lage sei ernst und unklar, sagte der Trainer.", "sagte") == "Trainer: Lage ist ernst"
    # nothing readable said: the speaker at least
    assert statement("de", "Wir hatten viel Glück und einen guten Torwart, sagte der Trainer.", "sagte") == (
        "Erklärung von Trainer")
    # who is told is no speaker
    assert statement("de", "Die Brücke ist gesperrt, sagte er der Zeitung.", "sagte") == "Erklärung: Brücke gesperrt"


def snippet(lang: str, text: str, trigger: str, max_words: int | None = None) -> str | None:
    reader, span, _keys = reader_at(lang, text, trigger)
    return reader.snippet(0, span) if max_words is None else reader.snippet(0, span, max_words=max_words)


@pytest.mark.parametrize("lang, text, trigger, expected", [
    # the trigger's clause, without the next clause
    ("de", "Ein Wachmann hielt den Einbrecher fest, der zuvor zwei Fenster eingeschlagen hatte.", "hielt",
     "Ein Wachmann hielt den Einbrecher fest"),
    # a clause too short to say anything is read within its sentence, quote marks dropped
    ("de", "„Die Pläne sind vom Tisch“, hieß es.", "hieß", "Die Pläne sind vom Tisch, hieß es"),
    ("en", "\"We will not sign this,\" the union said.", "said", "We will not sign this, the union said"),
    # a clause opening with its verb follows on from the words before it; its particle stays
    ("de", "Die Frist sei längst abgelaufen, teilte die Behörde am Abend mit.", "teilte",
     "Die Frist sei längst abgelaufen, teilte die Behörde am Abend mit"),
    # what a verb says or finds follows in its complement
    ("en", "The sales figures also suggest that demand for tablets is slowing.", "suggest",
     "The sales figures also suggest that demand for tablets is slowing"),
    # a long clause is cut around the trigger, before a preposition rather than inside a phrase
    ("en", "Officers said a driver was detained on Friday after a van was left burning outside the depot at dawn.",
     "detained", "Officers said a driver was detained on Friday …"),
    ("en", "And the hearing was adjourned.", "hearing", "the hearing was adjourned"),
    # a relative clause opens with what it refers to, also an object relative clause
    ("en", "The prize went to Tarek Olm, who beat his co-star Jorn Valdek in the final.", "beat",
     "Tarek Olm, who beat his co-star Jorn Valdek in the final"),
    ("en", "Kelvaro chairman Olaf Brennich, who died in 1987, founded the firm.", "died",
     "Kelvaro chairman Olaf Brennich, who died in 1987"),
    ("en", "The talks ended with a new plan, which the union signed on Monday.", "signed",
     "a new plan, which the union signed on Monday"),
    ("de", "Der Verband Olmbach, der am Montag seine Klage zurückzog, ist zufrieden.", "Klage",
     "Der Verband Olmbach, der am Montag seine Klage zurückzog"),
    # a verb after an aside opens with the subject before the aside (subject-verb-object languages)
    ("en", "The firm, which has run two shops in Olmbach since 1982, will announce the new site later.", "announce",
     "The firm … will announce the new site later"),
    ("en", "Kelvaro - whose boats are used by the navy - will unveil the Vantra in Olmbach.", "unveil",
     "Kelvaro … will unveil the Vantra in Olmbach"),
    ("en", "The bakery, Brennhof, was sold in May for 3m euros.", "sold", "The bakery … was sold in May for 3m euros"),
])
def test_snippet_quotes_the_triggers_clause_in_the_articles_words(lang, text, trigger, expected):
    assert snippet(lang, text, trigger) == expected


def test_snippet_in_a_verb_second_language_reads_no_aside_before_a_verb():
    # German: a verb after a comma opens an inverted clause ("…, wird …"), read with the words before it
    text = "Die Firma, die seit 1982 zwei Läden in Olmbach hat, wird den neuen Sitz später bekannt geben."
    assert not snippet("de", text, "bekannt").startswith("Die Firma …")


def test_snippet_of_a_verb_after_a_fronted_phrase_quotes_nothing_before_it():
    # "In Olmbach, …" is no subject: the clause after its comma stands alone
    text = "In Olmbach, the council will vote on the new bridge next week."
    assert snippet("en", text, "vote") == "the council will vote on the new bridge next week"
    # an "-ing" form after a comma opens no finite clause whose subject stands before an aside
    text = "Last year, the firm sold its studio, merging it with a rival in Olmbach."
    assert snippet("en", text, "merging").startswith("merging it")


@pytest.mark.parametrize("lang, text, trigger, start", [
    # ", die Polizei …" and a personal pronoun open a main clause, no relative one: nothing is
    # quoted before them
    ("de", "Die Straße war gesperrt, die Polizei nahm zwei Männer am Bahnhof fest.", "nahm", "die Polizei nahm"),
    ("de", "Sie lag zwei Wochen im Spital, er begann dort einen langen Bericht zu schreiben.", "Bericht", "er begann"),
    ("en", "In recent months, they have protested against the new tax plans of the council.", "protested", "they have"),
])
def test_snippet_of_a_main_clause_after_a_comma_quotes_no_antecedent(lang, text, trigger, start):
    assert snippet(lang, text, trigger).startswith(start)


def test_snippet_for_named_participants_may_quote_them_as_a_relative_clauses_antecedent():
    text = "The prize went to Tarek Olm, who beat his co-star in the final."
    reader, span, keys = reader_at("en", text, "beat", {"Tarek Olm": "per:olm"})
    assert reader.snippet(0, span, keys).startswith("Tarek Olm, who beat")


def test_snippet_keeps_the_trigger_and_marks_both_cuts():
    text = "Gestern haben in der kleinen Stadt am Fluss sehr viele wütende Bauern mit Traktoren gegen die neuen Regeln protestiert."
    words = snippet("de", text, "Bauern", max_words=6)
    assert words.startswith("… ") and words.endswith(" …") and "Bauern" in words  # ("Gestern haben" names no one)
    reader, _span, _keys = reader_at("de", text, "Bauern")
    assert reader.snippet(0, Span(start=len(text) + 5, end=len(text) + 9, text="Demo")) is None  # not in the sentence


def test_snippet_cut_before_a_verb_final_trigger_keeps_the_subject():
    text = "Die Feuerwehr hatte den Brand in der alten Scheune am Ortsrand von Olmbach am Montag mit drei Zügen bekämpft."
    words = snippet("de", text, "bekämpft")
    assert words.startswith("Die Feuerwehr hatte … ") and words.endswith("bekämpft")
    # the words around the trigger are those it had without the opening
    assert words.split(" … ")[1] == snippet_without_head("de", text, "bekämpft").removeprefix("… ")
    # a participant named only in the words the cut leaves out is not quoted
    reader, span, keys = reader_at("de", text, "bekämpft", {"Brand": "org:brand"})  # (a name, for the test)
    assert reader.snippet(0, span, keys) is None
    reader, span, keys = reader_at("de", text, "bekämpft", {"Feuerwehr": "org:fw"})
    assert reader.snippet(0, span, keys).startswith("Die Feuerwehr hatte … ")
    # an opening without a noun or name ("Sie hatte") says nothing: the cut stays as it was
    text = text.replace("Die Feuerwehr", "Sie")
    assert snippet("de", text, "bekämpft") == snippet_without_head("de", text, "bekämpft")


def snippet_without_head(lang: str, text: str, trigger: str) -> str | None:
    """The snippet as it is without keeping a cut clause's opening (``CUT_KEEPS_HEAD`` off)."""
    from graphbuilder.extract import predicate

    old, predicate.CUT_KEEPS_HEAD = predicate.CUT_KEEPS_HEAD, False
    try:
        return snippet(lang, text, trigger)
    finally:
        predicate.CUT_KEEPS_HEAD = old


_SALE = "Nach langem Streit verkaufte die Firma Borna ihre alte Mühle an einen Investor."


def _sale(trigger: str) -> tuple[PredicateReader, Span]:
    """A reader of an invented sentence naming the firm org:borna, and the span of ``trigger`` in it."""
    reader, span, _keys = reader_at("de", _SALE, trigger, {"Borna": "org:borna"})
    return reader, span


def test_snippet_for_named_participants_must_quote_one_of_them():
    reader, span = _sale("verkaufte")
    assert "Firma Borna" in reader.snippet(0, span, ["org:borna"])
    assert reader.snippet(0, span, ["org:acme"]) is None  # a participant named elsewhere: no quote


def test_generic_label_of_named_participants_becomes_their_clause():
    reader, span = _sale("Streit")
    parts = [P("org:borna", "Borna", "participant")]
    quoted = event_label("OTHER", "occurred", parts, None, "de", None, snippet=lambda: reader.snippet(0, span, ["org:borna"]))
    assert quoted.startswith("Sonstiges – „") and "Borna" in quoted
    assert event_label("OTHER", "occurred", parts, None, "de", None, snippet=lambda: None) == "Ereignis mit Borna"


def test_a_genitive_attribute_after_an_aside_in_brackets_is_not_the_subject():
    # the prefield is one phrase: "Ina Alt vom Wanderverband (WVB) der Gemeinde Talberg"; its head acts
    names = {"Ina Alt": "per:ina-alt", "WVB": "org:wvb", "Talberg": "loc:talberg"}
    text = "Ina Alt vom Wanderverband (WVB) der Gemeinde Talberg stellte am Montag neue Karten vor."
    p = read("de", text, "stellte", names)
    assert (p.subj_key, p.obj) == ("per:ina-alt", "Karten")
    # without the aside, as before
    p = read("de", "Ina Alt vom Wanderverband der Gemeinde Talberg stellte neue Karten vor.", "stellte",
             {"Ina Alt": "per:ina-alt", "Talberg": "loc:talberg"})
    assert p.subj_key == "per:ina-alt"


@pytest.mark.parametrize("participle, infinitive", [
    ("ausgeknipst", "ausknipsen"), ("gesegelt", "segeln"), ("gerechnet", "rechnen"), ("gewandert", "wandern"),
    ("gegessen", None), ("gestern", None), ("geknipst", "knipsen"),
])
def test_a_regular_participle_the_dictionary_lacks_gives_its_infinitive(participle: str, infinitive: str | None) -> None:
    from graphbuilder.extract.predicate import _participle_infinitive
    from graphbuilder.labels import rules_for

    assert _participle_infinitive(participle, rules_for("de").grammar) == infinitive


@pytest.mark.parametrize("text, trigger, expected", [
    ("Olaf Brennich ist beim Publikum gefloppt.", "gefloppt", "Olaf Brennich gefloppt"),
    ("Die 2019 gegründete Stiftung von Olaf Brennich kaufte ein Haus.", "gegründete", "Stiftung gegründet"),
])
def test_an_unknown_participle_is_not_inflected_as_a_present_verb(text: str, trigger: str, expected: str) -> None:
    # the lemmatiser returns these forms as they are: no "geflopptet", "gegründetet"
    got = label("de", text, trigger, {"Olaf Brennich": "per:olaf-brennich"}) or ""
    assert expected in got and not got.split()[-1].endswith("tet")


def test_a_finite_verb_beginning_with_ge_stays_finite() -> None:
    # "genehmigte" is the past of "genehmigen", no participle "ge-nehmig-t"
    got = label("de", "Die Stadt Olmbach genehmigte den Antrag von Olaf Brennich.", "genehmigte",
                {"Olaf Brennich": "per:olaf-brennich", "Olmbach": "loc:olmbach"})
    assert got == "Olmbach genehmigt Antrag"
