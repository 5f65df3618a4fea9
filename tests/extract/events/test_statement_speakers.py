"""Session 12: statement speakers and media (invented sentences; each rule is a module flag)."""

from __future__ import annotations

import pytest

from graphbuilder.extract.events import participants

from event_helpers import _ents, run, by_type


def _parts(text: str, lang: str, spec, derived=()) -> list[dict[str, str]]:
    events = sorted(by_type(run(text, lang, _ents(text, spec, derived)), "STATEMENT"), key=lambda e: e.trigger.start)
    return [{p.key: p.role for p in ev.participants} for ev in events]


@pytest.mark.parametrize("wide", [True, False])
def test_wider_source_phrases_of_an_impersonal_speech_verb(monkeypatch, wide):
    monkeypatch.setattr(participants, "WIDE_IMPERSONAL_SOURCE", wide)
    text = ("Man prüfe das, hieß es dazu aus dem Büro des Landesrats Karl Adler.\n"
            "Aus dem Verkehrsressort von Eva Berg hieß es am Montag, man warte ab.\n"
            "Die Frist laufe, hieß es vonseiten der Kammer Nordland.\n"
            "Aus Nordbund-Kreisen verlautete, dass zwei Helfer verletzt wurden.\n"
            "Man prüfe alles, hieß es aus Korlin.\n"
            "Von der Regierung hieß es, man prüfe.")
    spec = [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Kammer Nordland", "ORG", "org:k"),
            ("Nordbund", "ORG", "org:nb"), ("Korlin", "LOC", "loc:korlin")]
    parts = _parts(text, "de", spec, derived=("Nordbund",))
    if wide:
        assert parts == [{"per:a": "speaker"}, {"per:b": "speaker"}, {"org:k": "speaker"}, {"org:nb": "speaker"}, {}, {}]
    else:
        assert parts and all(p == {} for p in parts)  # no speaker named


def test_an_inquiry_before_the_source_is_skipped_and_its_medium_takes_part():
    text = "Das sei falsch, hieß es auf Nordpress-Anfrage aus dem Büro von Eva Berg."
    parts = _parts(text, "de", [("Eva Berg", "PER", "per:b"), ("Nordpress", "ORG", "org:np")], derived=("Nordpress",))
    assert parts == [{"per:b": "speaker", "org:np": "participant"}]


@pytest.mark.parametrize("on", [True, False])
def test_a_dative_medium_after_a_pronoun_subject_takes_part(monkeypatch, on):
    monkeypatch.setattr(participants, "DATIVE_AFTER_PRONOUN", on)
    text = "Karl Adler traf Eva Berg.\nDie Lage sei ernst, sagte er der Zeitung Nordpress."
    parts = _parts(text, "de", [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Nordpress", "ORG", "org:np")])
    assert parts[-1].get("org:np") == ("participant" if on else None)
    assert "speaker" not in {parts[-1].get("org:np")}


@pytest.mark.parametrize("on", [True, False])
def test_a_medium_in_an_inquiry_compound_takes_part(monkeypatch, on):
    monkeypatch.setattr(participants, "OUTLET_COMPOUNDS", on)
    text = "Eva Berg bestätigte auf Nordpress-Anfrage den Termin."
    parts = _parts(text, "de", [("Eva Berg", "PER", "per:b"), ("Nordpress", "ORG", "org:np")], derived=("Nordpress",))
    assert parts == [{"per:b": "speaker", "org:np": "participant"} if on else {"per:b": "speaker"}]


@pytest.mark.parametrize("on", [True, False])
def test_the_medium_of_a_programme_a_statement_is_made_on_takes_part(monkeypatch, on):
    monkeypatch.setattr(participants, "PROGRAMME_OUTLETS", on)
    text = ("Ken Bell insisted on Northcast Radio 7's Morning programme that the plan was sound.\n"
            "Jill Cole said on Monday the plan on Tarnby's agenda was late.")
    spec = [("Ken Bell", "PER", "per:kb"), ("Northcast Radio", "ORG", "org:nr"), ("Jill Cole", "PER", "per:jc"),
            ("Tarnby", "ORG", "org:t")]
    parts = _parts(text, "en", spec)
    assert parts[0] == ({"per:kb": "speaker", "org:nr": "participant"} if on else {"per:kb": "speaker"})
    assert parts[1] == {"per:jc": "speaker"}  # a name before a common noun other than a programme: no medium


def test_telling_a_medium_makes_it_a_participant_not_the_speaker():
    text = "Jill Cole rejected the claim, telling the Northcast Courier that it was false."
    parts = _parts(text, "en", [("Jill Cole", "PER", "per:jc"), ("Northcast Courier", "ORG", "org:nc")])
    assert all(p.get("org:nc") != "speaker" for p in parts)
    assert any(p.get("org:nc") == "participant" for p in parts)


@pytest.mark.parametrize("on", [True, False])
def test_the_agent_of_a_bare_participle_speaks(monkeypatch, on):
    from graphbuilder.extract.events import structure

    monkeypatch.setattr(structure, "PARSE_BARE_AGENT", on)
    text = "Foreign workers will need a test under plans unveiled by the Tarnby Party on Monday."
    parts = _parts(text, "en", [("Tarnby Party", "ORG", "org:tp")])
    assert parts == [{"org:tp": "speaker"} if on else {}]


@pytest.mark.parametrize("on", [True, False])
def test_a_medium_after_the_verb_is_dative_when_the_prefield_holds_the_subject(monkeypatch, on):
    monkeypatch.setattr(participants, "DATIVE_AFTER_SUBJECT", on)
    text = "Karl Adler traf Eva Berg.\nEine Sprecherin sagte der Zeitung Nordpress, der Plan sei gut."
    spec = [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Nordpress", "ORG", "org:np")]
    assert _parts(text, "de", spec)[-1] == ({"org:np": "participant"} if on else {"org:np": "speaker"})
    text = "Am Montag sagte der Sender Nordfunk, der Plan sei gut."
    assert _parts(text, "de", [("Nordfunk", "ORG", "org:nf")]) == [{"org:nf": "speaker"}]  # the subject


@pytest.mark.parametrize("on", [True, False])
def test_a_fronted_dative_medium_is_no_speaker(monkeypatch, on):
    monkeypatch.setattr(participants, "DATIVE_FRONTED", on)
    text = "Karl Adler traf Eva Berg.\nDem Sender Nordfunk sagte die Sprecherin, der Plan sei gut."
    spec = [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Nordfunk", "ORG", "org:nf")]
    assert _parts(text, "de", spec)[-1] == ({"org:nf": "participant"} if on else {"org:nf": "speaker"})


@pytest.mark.parametrize("on", [True, False])
def test_an_apposition_before_an_auxiliary_keeps_its_named_subject(monkeypatch, on):
    monkeypatch.setattr(participants, "APPOSED_AUXILIARY", on)
    text = "At the time Lord Tom Wolfe, the Tarnby Chief Judge, had said the reduction was rare."
    spec = [("Lord Tom Wolfe", "PER", "per:w"), ("Tarnby Chief Judge", "ORG", "org:tcj")]
    assert _parts(text, "en", spec) == [{"per:w": "speaker"} if on else {"org:tcj": "speaker"}]


@pytest.mark.parametrize("on", [True, False])
def test_a_pronoun_after_the_verb_refers_to_the_person_introducing_the_quote(monkeypatch, on):
    monkeypatch.setattr(participants, "PRONOUN_INTRODUCER", on)
    text = ("Eva Berg sagte, der Plan sei gut.\n"
            "Skeptisch blieb hingegen die Kanzlerin Anna Roth: Das werde nichts, sagte sie am Abend.")
    spec = [("Eva Berg", "PER", "per:b"), ("Anna Roth", "PER", "per:r")]
    assert _parts(text, "de", spec)[-1] == ({"per:r": "speaker"} if on else {"per:b": "speaker"})


@pytest.mark.parametrize("on", [True, False])
def test_a_pronoun_prefers_the_previous_sentence_subject_to_the_last_speaker(monkeypatch, on):
    monkeypatch.setattr(participants, "PRONOUN_PREVIOUS_SUBJECT", on)
    text = ('Ann Roe said the plan was late.\nKen Hale was worried about the plan.\nHe warned: "It is wrong."')
    spec = [("Ann Roe", "PER", "per:r"), ("Ken Hale", "PER", "per:h")]
    parts = _parts(text, "en", spec)
    assert parts[-1] == ({"per:h": "speaker"} if on else {"per:r": "speaker"})


@pytest.mark.parametrize("on", [True, False])
def test_he_and_she_refer_to_a_person_not_a_speaking_organisation(monkeypatch, on):
    monkeypatch.setattr(participants, "PRONOUN_PERSONS", on)
    monkeypatch.setattr(participants, "PRONOUN_PREVIOUS_SUBJECT", False)
    text = ('Tom Bell met Ann Roe in Leeds.\nThe Tarnby Party said the plan was late.\nHe said: "It is wrong."')
    spec = [("Tom Bell", "PER", "per:b"), ("Ann Roe", "PER", "per:r"), ("Tarnby Party", "ORG", "org:tp"),
            ("Leeds", "LOC", "loc:l")]
    parts = _parts(text, "en", spec)
    assert ("org:tp" not in parts[-1]) == on


@pytest.mark.parametrize("on", [True, False])
def test_more_german_media_cues(monkeypatch, on):
    monkeypatch.setattr(participants, "MORE_OUTLET_CUES", on)
    text = ("Das sei falsch, sagte Karl Adler in der Nordfunk-Pressestunde.\n"
            "Die Frist laufe, sagte Eva Berg zur Nordpress.")
    spec = [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Nordfunk", "ORG", "org:nf"),
            ("Nordpress", "ORG", "org:np")]
    parts = _parts(text, "de", spec, derived=("Nordfunk",))
    assert parts == ([{"per:a": "speaker", "org:nf": "participant"}, {"per:b": "speaker", "org:np": "participant"}]
                     if on else [{"per:a": "speaker"}, {"per:b": "speaker"}])


@pytest.mark.parametrize("on", [True, False])
def test_the_name_after_by_or_von_speaks_for_a_statement_noun(monkeypatch, on):
    monkeypatch.setattr(participants, "NOUN_AGENT", on)
    text = "Ann Roe met Tom Bell.\nThe next big speech from Ken Hale will be closely examined."
    spec = [("Ann Roe", "PER", "per:r"), ("Tom Bell", "PER", "per:b"), ("Ken Hale", "PER", "per:h")]
    assert (_parts(text, "en", spec)[-1] == {"per:h": "speaker"}) == on
    text = "Karl Adler traf Eva Berg.\nDie Erklärung von Innenministerin Anna Roth stieß auf Widerstand."
    spec = [("Karl Adler", "PER", "per:a"), ("Eva Berg", "PER", "per:b"), ("Anna Roth", "PER", "per:r")]
    assert _parts(text, "de", spec)[-1] == {"per:r": "speaker"}  # (German: also the rules' nearest name)


@pytest.mark.parametrize("on", [True, False])
def test_an_apposed_subject_after_a_fronted_phrase_naming_someone(monkeypatch, on):
    monkeypatch.setattr(participants, "FRONTED_PP_NAMES", on)
    text = "Tom Bell met Ann Roe.\nIn reply to Mr Bell's comments, Ken Hale, leader of the Tarnby Group, said the plan was wrong."
    spec = [("Tom Bell", "PER", "per:b"), ("Mr Bell", "PER", "per:b"), ("Ann Roe", "PER", "per:r"),
            ("Ken Hale", "PER", "per:h"), ("Tarnby Group", "ORG", "org:tg")]
    speakers = {k for p in _parts(text, "en", spec) for k, r in p.items() if r == "speaker"}
    assert ("org:tg" not in speakers) == on and ("per:h" in speakers) == on
