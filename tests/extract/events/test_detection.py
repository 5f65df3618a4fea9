"""Event triggers and types: vocabulary per language, compounds, separable verbs, determinism."""

from __future__ import annotations

import pytest

from event_helpers import _ents, _time, run, by_type


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


def test_deterministic():
    text = "Gespräche zwischen Karl Adler und Maria Berg finden bald statt. Adler sagte, es gehe voran."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    assert run(text, "de", ents) == run(text, "de", ents)


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


def test_de_separable_particle_patterns_match_and_need_the_clause_end():
    text = "Karl Adler warf der Regierung Versagen vor.\nDie Demonstranten warfen Steine vor dem Gebäude."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.trigger.text == "warf" and [p.key for p in ev.participants] == ["per:karl-adler"]


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


def test_relative_clause_ends_at_its_comma():
    text = "Karl Adler, der von Maria Berg ernannt worden war, traf am Montag Hans Ott."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c")])
    events = run(text, "de", ents)
    (app,) = by_type(events, "APPOINTMENT")
    assert "per:c" not in {p.key for p in app.participants}


def test_de_hyphenated_compound_heads_are_triggers():
    text = "Der Gaza-Krieg und das Nato-Gipfeltreffen prägten das Jahr."
    events = run(text, "de", [])
    assert {(e.type, e.trigger.text) for e in events} == {("ATTACK", "Gaza-Krieg"), ("MEETING", "Nato-Gipfeltreffen")}


def test_english_accession_and_formal_talks_are_negotiations():
    text = "The Union will start accession talks with Freedonia in April."
    ents = _ents(text, [("Union", "ORG", "org:u"), ("Freedonia", "LOC", "loc:f")])
    assert [e.type for e in run(text, "en", ents)] == ["NEGOTIATION"]


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


def test_dative_plural_of_anschlag_is_a_trigger():
    text = "Die Schließungen folgten nach den Terroranschlägen und den Anschlägen Mitte November."
    t = _time(text, "Mitte November", "XXXX-11", None, None)
    events = by_type(run(text, "de", [], [t]), "ATTACK")
    assert events and events[0].time is not None and events[0].time.value == "XXXX-11"


@pytest.mark.parametrize("lang,text,etype,trigger", [
    ("de", "Die Opposition hat einen Misstrauensantrag gegen die Regierung gestellt.", "OTHER", "Misstrauensantrag"),
    ("de", "Ruritanien annektierte im Frühjahr die Halbinsel.", "OTHER", "annektierte"),
    ("de", "Die Botschaft in der Hauptstadt wird am Montag wiedereröffnet.", "OTHER", "wiedereröffnet"),
    ("de", "Der Premier kündigte eine Ausweitung des Militäreinsatzes an.", "OTHER", "Ausweitung"),
    ("de", "Der Dissident verließ 1997 seine Heimat.", "OTHER", "verließ 1997 seine Heimat"),
    ("de", "Der Abschuss des Kampfjets hat die Spannungen verschärft.", "ATTACK", "Abschuss"),
    ("de", "Bei Artillerieeinschlägen gab es Tote.", "ATTACK", "Artillerieeinschlägen"),
    ("de", "Die Beschlagnahme der Zeitung löste Kritik aus.", "CRIME", "Beschlagnahme"),
    ("en", "The opposition tabled a no-confidence motion on Monday.", "OTHER", "no-confidence motion"),
    ("en", "Both sides plan to reopen their embassies next year.", "OTHER", "reopen"),
    ("en", "The annexation of the peninsula was condemned.", "OTHER", "annexation"),
    ("en", "The fighter jet was shot down over the border.", "ATTACK", "shot down"),
    ("en", "The massacre shocked the world.", "ATTACK", "massacre"),
    ("en", "The minister spent two days in Ruritania.", "VISIT", "spent two days in"),
    ("en", "Ministers clashed during the Commons debate on Thursday.", "MEETING", "debate"),
])
def test_other_attack_crime_vocabulary(lang, text, etype, trigger):
    assert trigger in [e.trigger.text for e in by_type(run(text, lang, []), etype)]


def test_adjectival_annexed_participle_is_no_event():
    assert not by_type(run("Auf der annektierten Halbinsel fiel der Strom aus.", "de", []), "OTHER")


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "Chancellor Karl Adler has offered £960m to the vaccine scheme.", "offered"),
    ("en", "Karl Adler has pledged to pay 10% of the debt bill.", "pledged"),
    ("de", "Karl Adler hat 50 Millionen Euro für den Wiederaufbau angeboten.", "angeboten"),
])
def test_pledge_of_money_is_other_not_statement(lang, text, trigger):
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler")])
    evs = run(text, lang, ents)
    (ev,) = [e for e in evs if e.trigger.text == trigger]
    assert ev.type == "OTHER"
    assert {p.key for p in ev.participants} == {"per:karl-adler"}
    # a pledge without money stays a statement
    evs = run("Karl Adler has pledged to fight poverty.", "en", _ents("Karl Adler has pledged to fight poverty.", [("Karl Adler", "PER", "per:karl-adler")]))
    assert [e.type for e in evs if e.trigger.text == "pledged"] == ["STATEMENT"]


@pytest.mark.parametrize("lang,text,trigger", [
    ("de", "Am Montag waren Tausende gegen die Regierung auf die Straße gegangen.", "auf die Straße gegangen"),
    ("de", "Tausende gingen am Montag in Wien auf die Straße.", "gingen"),
    ("en", "Thousands took to the streets of the capital on Monday.", "took to the streets"),
])
def test_going_to_the_streets_is_a_protest(lang, text, trigger):
    assert trigger in [e.trigger.text for e in by_type(run(text, lang, []), "PROTEST")]


def _types(text, lang):
    return [(e.type, e.trigger.text) for e in run(text, lang, [])]


@pytest.mark.parametrize("lang,text,expected", [
    # a vote of MPs or a parliament is a legislative act; its object noun is the same event
    ("en", "Some 40 Labour MPs voted against the bill on Tuesday.", [("LEGISLATION", "voted")]),
    ("en", "Maria Berg will vote against the government.", [("LEGISLATION", "vote")]),
    ("de", "Der Senat hat über das Gesetz abgestimmt.", [("LEGISLATION", "abgestimmt")]),
    ("de", "Der Senat hat das Gesetz abgesegnet.", [("LEGISLATION", "abgesegnet")]),
    # a parliament or council electing a government or a person appoints it
    ("de", "Bei der Wahl der neuen Landesregierung gab es Streit.", [("APPOINTMENT", "Wahl")]),
    ("de", "Danach wählt der Gemeinderat seinen Nachfolger.", [("APPOINTMENT", "wählt")]),
    ("de", "Am Sonntag wählt Bayern den Landtag neu.", [("ELECTION", "wählt")]),
    ("en", "Voters voted for the Greens in large numbers.", [("ELECTION", "voted")]),
    # taking over an office
    ("en", "Britain took over the presidency of the EU in July.", [("APPOINTMENT", "took over")]),
    ("de", "Die Ministerin übernahm im Mai den Vorsitz der Partei.", [("APPOINTMENT", "übernahm")]),
    ("de", "Ihr Stellvertreter solle das Regierungsamt vorübergehend übernehmen.",
     [("APPOINTMENT", "Regierungsamt vorübergehend übernehmen")]),
    # lifting or extending sanctions, breaking off relations
    ("en", "The EU plans to lift the arms embargo on Ruritania.", [("SANCTION", "lift")]),
    ("de", "Die EU verlängerte die Sanktionen gegen Ruritanien.", [("SANCTION", "verlängerte")]),
    ("de", "Damals hatte Washington die diplomatischen Beziehungen zu Ruritanien abgebrochen.",
     [("SANCTION", "Beziehungen zu Ruritanien abgebrochen")]),
    ("en", "In 1961 Washington broke off diplomatic relations with Ruritania.", [("SANCTION", "broke")]),
    # a decision to act is no law
    ("de", "Am Dienstag beschloss die Regierung, sich an dem Einsatz zu beteiligen.", [("OTHER", "beschloss")]),
])
def test_context_decides_institutional_types(lang, text, expected):
    assert _types(text, lang) == expected


@pytest.mark.parametrize("lang,text", [
    ("en", "Tom Reed dismissed the claims as nonsense."),          # rejects, does not sack
    ("en", "A YouGov poll in the Daily Herald suggested most backed the plan."),  # opinion poll
    ("en", "Labour extended its opinion poll lead."),
    ("en", "The council had to pick up the bill."),                # money, no law
    ("en", "The foreign debt bill of poor countries is huge."),
    ("en", "British citizens are included after the law lords ruled on it."),
    ("de", "In Abstimmung mit dem Koalitionspartner wurden Beschlüsse gefasst."),
])
def test_other_senses_of_institutional_triggers_are_no_events(lang, text):
    assert [e.type for e in run(text, lang, []) if e.type in ("RESIGNATION", "ELECTION", "LEGISLATION")] == []


def test_dismissal_of_a_person_stays_a_resignation():
    assert _types("The minister was dismissed on Monday.", "en") == [("RESIGNATION", "dismissed")]


@pytest.mark.parametrize("text,trigger", [
    ("The Home Office has also voiced concern about the delays.", "voiced"),
    ("Teachers have expressed doubts about the new tests.", "expressed"),
    ("Karl Adler questioned how the scheme would be paid for.", "questioned"),
    ("The Greens outlined their plans for rail on Monday.", "outlined"),
    ("The minister defended the decision to close the school.", "defended"),
    ("The Liberals gave more details about their tax proposals.", "gave more details"),
    ("The ministry dismissed the report as nonsense.", "dismissed"),
    ("For his part, the chancellor insists his only motive was the party.", "insists"),
    ("Karl Adler dismissed claims of a split.", "dismissed"),
])
def test_en_speech_acts_of_concern_defence_and_dismissal(text, trigger):
    events = run(text, "en", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert trigger in [e.trigger.text for e in by_type(events, "STATEMENT")]
    assert by_type(events, "RESIGNATION") == []


@pytest.mark.parametrize("text", [
    "Teenagers questioned for a survey knew little.",
    "The poll, which questioned 1,500 adults, found little support.",
    "The views expressed by the backbenchers were clear.",
    "Concern has been expressed about the plan.",
    "The party has been accused of racism.",
    "Under the proposed changes, judges could quash the orders.",
    "The reported feud between the two men has worried donors.",
    "The tsunami caused 140,000 confirmed deaths.",
    "That is all I can say at this stage.",
    "It is hard to say whether the plan will work.",
    "The minister refused to say whether he would stay.",
    "She was confirmed as party leader in May.",
])
def test_en_passive_and_attributive_speech_participles_are_no_statements(text):
    assert by_type(run(text, "en", []), "STATEMENT") == []


def test_en_dismissal_from_office_stays_a_resignation():
    text = "The club dismissed its manager on Monday."
    assert by_type(run(text, "en", []), "RESIGNATION") and by_type(run(text, "en", []), "STATEMENT") == []


@pytest.mark.parametrize("text,trigger", [
    ("Die Beschuldigten weisen die Vorwürfe zurück.", "weisen"),
    ("Der Minister wies die Kritik am Montag entschieden zurück.", "wies"),
    ("Die Partei hat den Bericht zurückgewiesen.", "zurückgewiesen"),
    ("Ruritanien unterstellt den Nachbarn, einen Angriff zu planen.", "unterstellt"),
    ("Die Regierung bestreitet jede Beteiligung.", "bestreitet"),
    ("Der Täter gestand die Tat am Freitag.", "gestand"),
    ("Der Angreifer habe gestanden, sagte die Polizei.", "gestanden"),
    ("Karl Adler berichtet auf seinem Blog, dass er angerufen wurde.", "berichtet"),
    ("Es müsse sich etwas ändern, deponierte der Kammerpräsident im Gespräch.", "deponierte"),
    ("Auch der Präsident drängte am Rande des Gipfels auf eine Lösung.", "drängte"),
    ("Die Regierung hat sich bereiterklärt, Flüchtlinge aufzunehmen.", "bereiterklärt"),
    ("Beide Seiten machen sich gegenseitig für die Eskalation verantwortlich.", "machen"),
    ("Ruritanien warf Freedonien daraufhin die Vernachlässigung seiner Pflichten zum Schutz der Gräber vor.", "warf"),
    ("Die Sperre endete am Morgen, gab der Gouverneur der Provinz, Karl Adler, bekannt.", "gab"),
])
def test_de_speech_acts_of_rejection_denial_report_and_blame(text, trigger):
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:a")]))
    assert trigger in [e.trigger.text for e in by_type(events, "STATEMENT")]


@pytest.mark.parametrize("text", [
    "Wie berichtet, sieht der Entwurf Strafen vor.",
    "Die Behörden sind direkt dem Finanzministerium unterstellt.",
    "Vier internationale Wettkämpfe bestreitet er im Jahr.",
    "Er ist während seiner Zeit beim Heer an der Grenze gestanden.",
    "Die Firma bietet Kurse für Anfänger an.",
    "Der Präsident war 2010 mit 80 Prozent der Stimmen in seinem Amt bestätigt worden.",
])
def test_de_other_senses_of_new_speech_verbs_are_no_statements(text):
    assert by_type(run(text, "de", []), "STATEMENT") == []


@pytest.mark.parametrize("lang,text,trigger", [
    ("en", "The chancellor has offered £960m over 15 years to the scheme.", "offered"),
    ("en", "Ruritania has pledged to pay 10% of the debt bill.", "pledged"),
])
def test_pledges_of_money_are_other_events_not_statements(lang, text, trigger):
    events = run(text, lang, [])
    assert trigger in [e.trigger.text for e in by_type(events, "OTHER")]
    assert by_type(events, "STATEMENT") == []


def test_pledge_without_money_stays_a_statement():
    assert by_type(run("The minister pledged to cut waiting lists.", "en", []), "STATEMENT")


def test_de_separable_speech_verbs_reach_over_double_spaces():
    for text, trigger in (("Für die Lage machen sich  Armee und Rebellen gegenseitig verantwortlich.", "machen"),
                          ("Die Regierung kündigte  am Montag  Reformen an.", "kündigte")):
        assert trigger in [e.trigger.text for e in by_type(run(text, "de", []), "STATEMENT")]


@pytest.mark.parametrize("text,trigger", [
    ("Die Partei fordert eine Senkung der Steuern.", "fordert"),
    ("Das sei falsch, meint der Politologe.", "meint"),
    ("Die Armutskonferenz warnt in einer Aussendung vor Kürzungen.", "warnt"),
    ("Am Wahlabend versprach der Präsident mehr Transparenz.", "versprach"),
    ("Der Minister verwies auf eine Umfrage.", "verwies"),
    ("Der Generalsekretär lobte die Anstrengungen der Bevölkerung.", "lobte"),
    ("Das sei noch offen, ergänzte der Landeshauptmann.", "ergänzte"),
    ("Die Zeitung fügte hinzu, dass der Plan gescheitert sei.", "fügte"),
])
def test_de_present_tense_and_follow_up_speech_verbs(text, trigger):
    assert trigger in [e.trigger.text for e in by_type(run(text, "de", []), "STATEMENT")]


def test_en_whose_clause_is_a_relative_clause_before_the_speech_verb():
    text = "Maria Berg, whose husband was shot by Tom Reed in 1990, confirmed the party would vote against it."
    ents = _ents(text, [("Tom Reed", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    st = by_type(run(text, "en", ents), "STATEMENT")
    assert [{p.key: p.role for p in e.participants} for e in st] == [{"per:b": "speaker"}]
