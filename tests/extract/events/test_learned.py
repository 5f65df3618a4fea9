"""The learned event extractor: token features, BIO tags, trigger spans, role features, the registry.

All sentences and names are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphbuilder import registry
from graphbuilder.evaluation.events import GoldDoc, GoldEvent, GoldSpan
from graphbuilder.extract.events import RuleEventExtractor
from graphbuilder.extract.events.learned import LearnedEventExtractor
from graphbuilder.extract.events.learned.extractor import MODELS_DIR, role_model_path, trigger_model_path
from graphbuilder.extract.events.learned.features import sentence_features, tokenize, word_features
from graphbuilder.training.events import bio_tags

from event_helpers import REF, _ents, _sentences, toy_classifier


def test_tokens_keep_hyphen_compounds_and_split_punctuation():
    text = "Die EU-Kommission tagte, sagte Ferdinand Quell."
    words = [text[s:e] for s, e in tokenize(text, 0, len(text))]
    assert words == ["Die", "EU-Kommission", "tagte", ",", "sagte", "Ferdinand", "Quell", "."]


def test_word_features_carry_lemma_compound_head_and_shape():
    feats = set(word_features("Drohnenangriffe", "de"))
    assert "w=drohnenangriffe" in feats
    assert "s6=griffe" in feats  # the compound head
    assert "cap" in feats and "sh=Xx" in feats
    assert any(f.startswith("lem=") for f in feats)
    assert "hp=kommission" in word_features("EU-Kommission", "de")


def test_sentence_features_mark_lexicon_quote_name_and_headline():
    text = 'Quell sagte: "Wir verhandeln weiter."'
    toks = tokenize(text, 0, len(text))
    feats = sentence_features(text, "de", toks, is_title=True, lexicon=[(6, 11, "STATEMENT:V")],
                              kept=[(6, 11, "STATEMENT")], entities=[(0, 5, "PER")])
    words = [text[s:e] for s, e in toks]
    said = feats[words.index("sagte")]
    assert "lex=STATEMENT:V" in said and "rule=STATEMENT" in said and "title" in said
    assert "-1ent=PER" in said
    assert "inq" in feats[words.index("verhandeln")] and "inq" not in said
    assert "ent=PER" in feats[0]


def test_bio_tags_cover_trigger_and_mentions():
    text = "Gipfel in Lorburg. Die Minister trafen sich am Montag."
    ev = GoldEvent(id="e1", type="MEETING", trigger=GoldSpan(32, 38, "trafen"), status="occurred",
                   mentions=[GoldSpan(0, 6, "Gipfel")])
    doc = GoldDoc(doc_id="x", corpus="invented", lang="de", text=text, events=[ev])
    toks = tokenize(text, 0, len(text))
    tags = bio_tags(doc, toks)
    words = [text[s:e] for s, e in toks]
    assert tags[words.index("Gipfel")] == "B-MEETING"
    assert tags[words.index("trafen")] == "B-MEETING"
    assert tags.count("O") == len(tags) - 2


def test_learned_component_is_registered():
    assert "learned" in registry.names("events")
    assert registry.get("events", "learned") is LearnedEventExtractor


def test_without_models_it_falls_back_to_the_rule_triggers(tmp_path: Path):
    text = "Die Außenministerin Mara Velden traf am Montag ihren Amtskollegen Ivo Brandt in Lorburg."
    ents = _ents(text, [("Mara Velden", "PER", "per:velden"), ("Ivo Brandt", "PER", "per:brandt"),
                        ("Lorburg", "LOC", "loc:lorburg")])
    args = (text, "de", _sentences(text), ents, [], [], REF)
    rules = RuleEventExtractor().extract(*args)
    learned = LearnedEventExtractor(models_dir=tmp_path).extract(*args)
    assert [(e.type, e.trigger.text, {p.key for p in e.participants}) for e in learned] == \
           [(e.type, e.trigger.text, {p.key for p in e.participants}) for e in rules]
    assert rules  # the sentence has a meeting


def test_recorder_sees_every_sentence_with_one_feature_list_per_token():
    text = "Die Regierung trat zurück.\nKalo Ferrin kritisierte den Beschluss."
    seen = []
    LearnedEventExtractor(recorder=lambda s, toks, feats: seen.append((s.index, len(toks), len(feats)))).extract(
        text, "de", _sentences(text), _ents(text, [("Kalo Ferrin", "PER", "per:ferrin")]), [], [], REF)
    assert [i for i, _n, _m in seen] == [0, 1]
    assert all(n == m and n > 0 for _i, n, m in seen)


shipped = pytest.mark.skipif(not (trigger_model_path("de").exists() and trigger_model_path("en").exists()
                                  and role_model_path().exists()),
                             reason=f"no shipped event models in {MODELS_DIR}")


@shipped
def test_shipped_models_tag_a_plain_statement_and_its_speaker():
    text = "Der Bürgermeister Tomas Kerbel kritisierte am Dienstag die Pläne der Landesregierung scharf."
    ents = _ents(text, [("Tomas Kerbel", "PER", "per:kerbel")])
    events = LearnedEventExtractor().extract(text, "de", _sentences(text), ents, [], [], REF)
    stmt = [e for e in events if e.type == "STATEMENT"]
    assert stmt and stmt[0].trigger.text == "kritisierte"
    assert [(p.key, p.role) for p in stmt[0].participants] == [("per:kerbel", "speaker")]


@shipped
def test_the_detector_drops_a_rule_lexicon_candidate_only_at_its_own_threshold():
    text = "Der Bürgermeister Tomas Kerbel kritisierte am Dienstag die Pläne der Landesregierung scharf."
    ents = _ents(text, [("Tomas Kerbel", "PER", "per:kerbel")])
    args = (text, "de", _sentences(text), ents, [], [], REF)
    every = frozenset({"tag", "rule", "both"})

    def triggers(**options):
        return [e.trigger.text for e in LearnedEventExtractor(**options).extract(*args)]

    assert "kritisierte" in triggers()  # by default only the tagger's own candidates may be dropped
    assert "kritisierte" in triggers(detector_sources=every, detector_drop_rule=1.01)
    assert "kritisierte" not in triggers(detector_sources=every, detector_drop_rule=0.0)
    assert "kritisierte" in triggers(detector_sources=frozenset({"tag"}), detector_drop_rule=0.0)


@shipped
def test_shipped_models_find_an_english_arrest():
    text = "Police arrested Dan Morrow in Eastport on Friday after a raid on his office."
    ents = _ents(text, [("Dan Morrow", "PER", "per:morrow"), ("Eastport", "LOC", "loc:eastport")])
    events = LearnedEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert any(e.type == "CRIME" and e.trigger.text in ("arrested", "raid") for e in events)


class _StubTagger:
    """Tags the given words with the given labels (marginal 1.0), everything else ``O``."""

    def __init__(self, tags: dict[str, str]) -> None:
        self.tags = tags
        self.last: list[str] = []

    def labels(self):
        return ["O", *sorted(set(self.tags.values()))]

    def tag(self, feats):
        words = [f.split("=", 1)[1] for fs in feats for f in fs if f.startswith("w=")]
        self.last = [self.tags.get(w, "O") for w in words]
        return self.last

    def marginal(self, label, i):
        return 1.0 if self.last[i] == label else 0.0


def _with_stub(tags: dict[str, str]) -> LearnedEventExtractor:
    ext = LearnedEventExtractor()
    ext.taggers.cache["de"] = _StubTagger(tags)
    return ext


def test_a_rule_trigger_keeps_its_type_where_the_tagger_overlaps_it():
    text = "Die Kanzlerin Lea Sommer führte am Montag ein Telefonat mit Ivo Brandt."
    ents = _ents(text, [("Lea Sommer", "PER", "per:sommer"), ("Ivo Brandt", "PER", "per:brandt")])
    events = _with_stub({"telefonat": "B-STATEMENT"}).extract(text, "de", _sentences(text), ents, [], [], REF)
    assert [(e.type, e.trigger.text) for e in events] == [("CALL", "Telefonat")]


def test_the_tagger_adds_a_trigger_the_lexicon_does_not_know():
    text = "Der Verein Nordhilfe verschenkte am Montag zweihundert Fahrräder an Schulen in Lorburg."
    ents = _ents(text, [("Nordhilfe", "ORG", "org:nordhilfe"), ("Lorburg", "LOC", "loc:lorburg")])
    args = (text, "de", _sentences(text), ents, [], [], REF)
    assert RuleEventExtractor().extract(*args) == []
    events = _with_stub({"verschenkte": "B-OTHER"}).extract(*args)
    assert [(e.type, e.trigger.text, e.status) for e in events] == [("OTHER", "verschenkte", "occurred")]
    assert {p.key for p in events[0].participants} == {"org:nordhilfe"}


def test_a_broken_model_file_is_named_in_the_error(tmp_path: Path):
    bad = tmp_path / "events-de-triggers.crfsuite"
    bad.write_bytes(b"not a model")
    text = "Ferdinand Quell sagte am Montag, er trete zurück."
    ext = LearnedEventExtractor(models_dir=tmp_path)
    with pytest.raises(ValueError, match="events-de-triggers.crfsuite"):
        ext.extract(text, "de", _sentences(text), _ents(text, [("Ferdinand Quell", "PER", "per:quell")]), [], [], REF)


def _role_features(text: str, names: list[tuple[str, str, str]], lang: str = "de") -> dict[str, list[str]]:
    """Candidate features of the first event mention of ``text`` (rule triggers), by entity key."""
    from graphbuilder.extract.events.learned.roles import candidate_features

    seen: dict[str, list[str]] = {}

    class Recorder(LearnedEventExtractor):
        def _fill(self, ctx, men, sent, in_quote):
            super()._fill(ctx, men, sent, in_quote)
            if not seen:
                seen.update(candidate_features(ctx, men, sent.start, sent.end))

    none = Path("/nonexistent")
    Recorder(trigger_models={"de": none, "en": none, "roles": none}).extract(
        text, lang, _sentences(text), _ents(text, names), [], [], REF)
    return seen


def test_role_features_tell_the_inverted_speaker_from_a_name_in_what_was_said():
    text = "Der Hafen von Moravik werde geschlossen, sagte Ministerin Ilka Dornbach am Montag."
    feats = _role_features(text, [("Moravik", "LOC", "loc:moravik"), ("Ilka Dornbach", "PER", "per:dornbach")])
    speaker, place = feats["per:dornbach"], feats["loc:moravik"]
    assert "right_after_trigger" in speaker and "side=a" in speaker
    assert "side=b" in place and "punct_between|side=b" in place and "right_after_trigger" not in place
    assert any(f.startswith("tw=sagen|") for f in speaker)


def test_role_features_see_a_closer_competitor_and_a_clause_opening_name():
    text = "Tarek Olm said Vera Lind had met Sam Ruiz in Corlay."
    feats = _role_features(text, [("Tarek Olm", "PER", "per:olm"), ("Vera Lind", "PER", "per:lind"),
                                  ("Sam Ruiz", "PER", "per:ruiz"), ("Corlay", "LOC", "loc:corlay")], "en")
    assert "sentence_initial" in feats["per:olm"] and "sentence_initial" not in feats["per:ruiz"]


def test_role_path_features_name_the_parse_relation_between_trigger_and_name():
    names = [("Tarek Olm", "PER", "per:olm"), ("Vera Lind", "PER", "per:lind"), ("Corlay", "LOC", "loc:corlay"),
             ("Sam Ruiz", "PER", "per:ruiz")]
    met = _role_features("Tarek Olm met Vera Lind in Corlay on Monday.", names[:3], "en")
    assert "dp=nsubj^" in met["per:olm"] and "dp=obj^" in met["per:lind"]  # subject and object of the verb
    assert "dp=obl:in^" in met["loc:corlay"]  # a place: an oblique with its preposition
    visit = _role_features("Vera Lind's visit to Corlay was cancelled by Sam Ruiz.", names, "en")
    assert any(f.startswith("dp=nmod:poss") for f in visit["per:lind"])  # whose visit
    assert "dp=nmod:to^" in visit["loc:corlay"]
    # German has no parse: no path features
    assert not any(f.startswith("dp=") for f in _role_features("Tarek Olm traf Vera Lind in Corlay.", names[:3])["per:olm"])


def test_the_role_classifier_revises_participants_only_in_its_languages(monkeypatch):
    from graphbuilder.extract.events.learned import extractor as learned

    calls: list[str] = []
    monkeypatch.setattr(learned, "decide", lambda tagger, ctx, men, *a: calls.append(ctx.language) or {})
    for text, lang in (("Tarek Olm met Vera Lind in Corlay on Monday.", "en"),
                       ("Tarek Olm traf Vera Lind am Montag in Corlay.", "de")):
        LearnedEventExtractor().extract(text, lang, _sentences(text), _ents(text, [
            ("Tarek Olm", "PER", "per:olm"), ("Vera Lind", "PER", "per:lind"), ("Corlay", "LOC", "loc:corlay")]), [], [], REF)
    assert calls and set(calls) == set(learned.ROLE_LANGUAGES) == {"en"}


def test_role_labels_come_from_the_gold_event_the_own_mention_overlaps():
    from graphbuilder.evaluation.events import GoldParticipant

    text = "Kalo Ferrin kritisierte den Beschluss."
    gold = [GoldEvent(id="e1", type="STATEMENT", trigger=GoldSpan(12, 23, "kritisierte"), status="occurred",
                      participants=[GoldParticipant(0, 11, "Kalo Ferrin", "PER", "speaker")]),
            GoldEvent(id="e2", type="MEETING", trigger=GoldSpan(0, 38, text), status="occurred")]
    got: list[str] = []
    none = Path("/nonexistent")
    LearnedEventExtractor(trigger_models={"de": none, "en": none, "roles": none}, role_labels=gold,
                          role_recorder=lambda feats, role: got.append(role)).extract(
        text, "de", _sentences(text), _ents(text, [("Kalo Ferrin", "PER", "per:ferrin")]), [], [], REF)
    assert got == ["speaker"]  # labelled by the STATEMENT, not by the MEETING of another family


def test_attribute_breakdown_counts_what_fails_among_detected_events():
    from graphbuilder.evaluation.events import GoldParticipant
    from graphbuilder.models import Document, EntityMention, EventMention, Extraction, Participant, Span
    from graphbuilder.training.events import Prepared, attribute_breakdown

    text = "Kalo Ferrin traf Mira Quast. Ferrin sagte nichts."
    ents = [EntityMention(start=0, end=11, text="Kalo Ferrin", label="PER", key="per:ferrin"),
            EntityMention(start=17, end=27, text="Mira Quast", label="PER", key="per:quast"),
            EntityMention(start=29, end=35, text="Ferrin", label="PER", key="per:ferrin")]
    gold = GoldDoc(doc_id="d", corpus="x", lang="de", text=text, events=[
        GoldEvent(id="e1", type="MEETING", trigger=GoldSpan(12, 16, "traf"), status="occurred",
                  participants=[GoldParticipant(0, 11, "Kalo Ferrin"), GoldParticipant(17, 27, "Mira Quast")]),
        GoldEvent(id="e2", type="STATEMENT", trigger=GoldSpan(36, 41, "sagte"), status="occurred",
                  participants=[GoldParticipant(29, 35, "Ferrin", "PER", "speaker")])])
    events = [EventMention(key="a", type="MEETING", status="occurred", trigger=Span(start=12, end=16, text="traf"),
                           sentence=0, participants=[Participant(key="per:ferrin", role="participant")]),
              EventMention(key="b", type="STATEMENT", status="planned", trigger=Span(start=36, end=41, text="sagte"),
                           sentence=1, participants=[Participant(key="per:ferrin", role="speaker")])]
    ex = Extraction(document=Document(id="d", text=text), language="de", entities=ents, events=events)
    out = attribute_breakdown([Prepared(gold, ex)], {"d": ex})
    assert out["detected"] == 2 and out.get("full", 0) == 0
    assert out["only_participants"] == 1 and out["missed_not_chosen"] == 1
    assert out["only_status"] == 1 and out.get("extra", 0) == 0


def test_pos_features_join_a_separable_particle_to_its_verb():
    from graphbuilder.extract.events.learned.features import pos_context

    words = "Die Ministerin kündigte am Freitag neue Gespräche an , die bald beginnen .".split()
    pos = ["DET", "NOUN", "VERB", "ADP", "PROPN", "ADJ", "NOUN", "ADP", "PUNCT", "PRON", "ADV", "VERB", "PUNCT"]
    feats = pos_context(words, pos, "de", [None] * len(words))
    assert "sep=ankündigen" in feats[2]
    assert "ptkvz" in feats[7]
    assert not any(f.startswith("sep=") for f in feats[11])  # its clause has no particle
    assert "pos=VERB" in feats[2] and "-1pos=NOUN" in feats[2] and "1pos=ADP" in feats[2]


def test_pos_features_mark_names_numbers_and_auxiliaries_near_a_word():
    from graphbuilder.extract.events.learned.features import pos_context

    words = "Ten protesters were arrested near Valmont .".split()
    pos = ["NUM", "NOUN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    ents = [None, None, None, None, None, "LOC", None]
    arrested = pos_context(words, pos, "en", ents)[3]
    assert {"auxbefore", "nearnum", "nearent=LOC", "lp=arrest|VERB"} <= set(arrested)
    assert "auxbefore" not in pos_context(words, pos, "en", ents)[1]


def test_statements_of_one_speaker_merge_only_within_the_gap():
    from graphbuilder.extract.events.learned.extractor import merge_statements
    from graphbuilder.models import EventMention, Participant, Span

    def stmt(key: str, start: int, sentence: int, speaker: str | None) -> EventMention:
        parts = [Participant(key=speaker, role="speaker")] if speaker else []
        return EventMention(key=key, type="STATEMENT", trigger=Span(start=start, end=start + 4, text="said"),
                            sentence=sentence, participants=parts)

    events = [stmt("e0", 0, 0, "per:a"), stmt("e1", 50, 1, None), stmt("e2", 90, 2, "per:a"),
              stmt("e3", 400, 9, "per:a")]
    events[3] = events[3].model_copy(update={"about": ["e2"]})
    merged = merge_statements(events, speaker_gap=3, unnamed_gap=1, far_gap=0)
    assert [e.key for e in merged] == ["e0", "e3"]
    assert [m.start for m in merged[0].mentions] == [50, 90]
    assert merged[1].about == ["e0"]  # a reference to a merged statement points to its host
    assert merge_statements(events, speaker_gap=0, unnamed_gap=0, far_gap=0) == events


def _stmt(key: str, start: int, sentence: int, speaker: str | None, **update):
    from graphbuilder.models import EventMention, Participant, Span

    parts = [Participant(key=speaker, role="speaker")] if speaker else []
    ev = EventMention(key=key, type="STATEMENT", trigger=Span(start=start, end=start + 4, text="said"),
                      sentence=sentence, participants=parts)
    return ev.model_copy(update=update) if update else ev


def test_statements_of_one_speaker_further_apart_are_one_occasion_unless_another_is_marked():
    from graphbuilder.extract.events.learned.extractor import merge_statements
    from graphbuilder.models import Participant

    far = [_stmt("e0", 0, 0, "per:a"), _stmt("e1", 400, 9, "per:a")]
    assert [e.key for e in merge_statements(far, speaker_gap=5, unnamed_gap=1, far_gap=10)] == ["e0"]
    assert [e.key for e in merge_statements(far, speaker_gap=5, unnamed_gap=1, far_gap=8)] == ["e0", "e1"]
    # another day or time in its clause ("last week he said"), an earlier-occasion cue
    assert len(merge_statements(far, 5, 1, far_gap=10, marked=frozenset({(400, 404)}))) == 2
    # another status ("is expected to announce"), another place, a medium or addressee of its own
    planned = [far[0], _stmt("e1", 400, 9, "per:a", status="planned")]
    assert len(merge_statements(planned, 5, 1, far_gap=10)) == 2
    placed = [far[0], _stmt("e1", 400, 9, "per:a", location="loc:elsewhere")]
    assert len(merge_statements(placed, 5, 1, far_gap=10)) == 2
    told = [far[0], _stmt("e1", 400, 9, "per:a", participants=[Participant(key="per:a", role="speaker"),
                                                                Participant(key="org:radio", role="participant")])]
    assert len(merge_statements(told, 5, 1, far_gap=10)) == 2
    # another speaker never joins
    other = [far[0], _stmt("e1", 400, 9, "per:b")]
    assert len(merge_statements(other, 5, 1, far_gap=10)) == 2


def test_a_statement_marking_another_occasion_stays_apart_also_close_by(monkeypatch):
    from graphbuilder.extract.events.learned import extractor as X

    near = [_stmt("e0", 0, 0, "per:a"), _stmt("e1", 100, 2, "per:a")]
    monkeypatch.setattr(X, "MERGE_NEAR_OCCASION", True)
    assert len(X.merge_statements(near, 5, 1, far_gap=0)) == 1
    # "… but on Wednesday he said": a time of its own is another occasion
    assert len(X.merge_statements(near, 5, 1, far_gap=0, marked=frozenset({(100, 104)}))) == 2
    monkeypatch.setattr(X, "MERGE_NEAR_OCCASION", False)
    assert len(X.merge_statements(near, 5, 1, far_gap=0, marked=frozenset({(100, 104)}))) == 1


def _invented_wordnet(tmp_path, monkeypatch, lang: str, rows: dict[str, str]) -> None:
    import gzip

    from graphbuilder.extract.events.learned import features as F

    with gzip.open(tmp_path / f"wordnet-{lang}.tsv.gz", "wt", encoding="utf-8") as fh:
        for lem, classes in rows.items():
            fh.write(f"{lem}\t{classes}\n")
    monkeypatch.setattr(F, "LEXICON_DIR", tmp_path)
    F.wordnet_table.cache_clear()
    F.lexical_classes.cache_clear()
    monkeypatch.setattr(F, "WORDNET_FEATURES", True)


@pytest.fixture
def _clear_wordnet_caches():
    from graphbuilder.extract.events.learned import features as F

    yield
    F.wordnet_table.cache_clear()
    F.lexical_classes.cache_clear()


def test_wordnet_classes_appear_for_the_word_its_compound_head_and_neighbours(tmp_path, monkeypatch, _clear_wordnet_caches):
    _invented_wordnet(tmp_path, monkeypatch, "de", {"blimmung": "n.act,n.event", "zorgen": "v.motion,v.social"})
    text = "Die Quarzblimmung zorgen Ferdinand Quell."
    toks = tokenize(text, 0, len(text))
    words = [text[s:e] for s, e in toks]
    feats = sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[], entities=[])
    head = feats[words.index("Quarzblimmung")]
    assert "wn=n.act" in head and "wn=n.event" in head and "wnn1=n.act" in head  # by the compound head
    verb = feats[words.index("zorgen")]
    assert "wn=v.social" in verb and "wnv1=v.motion" in verb
    assert "-1wnn1=n.act" in verb and "1wnv1=v.motion" in head
    assert not any(f.startswith(("wn=", "wnv1=", "wnn1=")) for f in feats[words.index("Die")])  # unknown word
    assert "1wnn1=n.act" in feats[words.index("Die")]


def test_wordnet_features_are_absent_when_switched_off_or_without_a_table(tmp_path, monkeypatch, _clear_wordnet_caches):
    from graphbuilder.extract.events.learned import features as F

    _invented_wordnet(tmp_path, monkeypatch, "de", {"zorgen": "v.motion"})
    text = "Sie zorgen heute."
    toks = tokenize(text, 0, len(text))
    assert F.wordnet_table("en") == {}  # no English table in the invented directory
    assert not any(f.startswith("wn=") for f in sentence_features(text, "en", toks, is_title=False, lexicon=[], kept=[],
                                                                  entities=[])[1])
    monkeypatch.setattr(F, "WORDNET_FEATURES", False)
    assert not any("wn" in f for f in sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[],
                                                        entities=[])[1])


def test_shipped_english_wordnet_table_loads_with_verb_and_noun_classes(_clear_wordnet_caches):
    from graphbuilder.extract.events.learned import features as F

    F.wordnet_table.cache_clear()
    table = F.wordnet_table("en")
    assert len(table) > 30_000
    classes = {c for row in table.values() for c in row}
    assert {"v.communication", "v.motion", "n.act", "n.event"} <= classes
    assert all(c[:2] in ("v.", "n.") for c in classes)
    assert all(k == k.lower() and " " not in k for k in table)


def test_status_labels_come_from_the_gold_event_the_own_mention_overlaps():
    text = "Die Ministerin Lia Torm wird am Freitag zu einem Besuch nach Valdora reisen."
    start = text.index("Besuch")
    gold = [GoldEvent(id="e1", type="VISIT", trigger=GoldSpan(start, start + 6, "Besuch"), status="planned")]
    got: list[tuple[list[str], str]] = []
    none = Path("/nonexistent")
    LearnedEventExtractor(trigger_models={"de": none, "en": none, "roles": none, "status": none}, role_labels=gold,
                          status_recorder=lambda feats, status: got.append((feats, status))).extract(
        text, "de", _sentences(text), _ents(text, [("Lia Torm", "PER", "per:torm"), ("Valdora", "LOC", "loc:valdora")]),
        [], [], REF)
    assert [s for _f, s in got] == ["planned"]
    feats = got[0][0]
    assert "type=VISIT" in feats and "rule=planned" in feats and "L1=einem" in feats and "R=reisen" in feats


def test_status_classifier_decides_only_when_sure(tmp_path: Path):
    # a toy model: "soon" before the trigger means possible, otherwise occurred
    toy_classifier(tmp_path / "status.crfsuite", [(["rule=occurred", "L=soon"], "possible"),
                                                  (["rule=occurred", "L=then"], "occurred")])
    none = tmp_path / "none.crfsuite"
    models = {"de": none, "en": none, "roles": none, "status": tmp_path / "status.crfsuite"}
    text = "Mayor Rolf Kent will soon visit Eastport."
    ents = _ents(text, [("Rolf Kent", "PER", "per:kent"), ("Eastport", "LOC", "loc:eastport")])
    ev = LearnedEventExtractor(trigger_models=models).extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in ev if e.type == "VISIT"] == ["possible"]
    # below the required probability the rules' status stands
    ev = LearnedEventExtractor(trigger_models=models, status_min=1.01).extract(text, "en", _sentences(text), ents, [], [], REF)
    rules = RuleEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in ev if e.type == "VISIT"] == [e.status for e in rules if e.type == "VISIT"] == ["planned"]


@shipped
def test_shipped_status_model_keeps_a_plain_past_event_occurred():
    from graphbuilder.extract.events.learned.extractor import status_model_path

    assert status_model_path().exists()
    text = "Police arrested Dan Morrow in Eastport on Friday."
    ents = _ents(text, [("Dan Morrow", "PER", "per:morrow"), ("Eastport", "LOC", "loc:eastport")])
    events = LearnedEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in events if e.type == "CRIME"] == ["occurred"]


@pytest.fixture
def _invented_clusters(tmp_path, monkeypatch):
    """An invented cluster table for German (word, c64, c256, c1024); caches cleared around the test."""
    import gzip

    from graphbuilder.extract.events.learned import features as F

    with gzip.open(tmp_path / "clusters-de.tsv.gz", "wt", encoding="utf-8") as fh:
        fh.write("# invented\nZorgung\t3\t30\t300\nquarzen\t4\t40\t400\nheute\t5\t50\t500\n")

    def clear() -> None:
        for fn in (F.cluster_table, F.word_clusters, F.cluster_features):
            fn.cache_clear()

    monkeypatch.setattr(F, "CLUSTER_DIR", tmp_path)
    monkeypatch.setattr(F, "CLUSTER_FEATURES", True)
    clear()
    yield
    clear()


def test_cluster_ids_come_from_the_word_or_its_compound_head_and_reach_the_neighbours(_invented_clusters):
    text = "Die Blendzorgung quarzen heute."
    toks = tokenize(text, 0, len(text))
    words = [text[s:e] for s, e in toks]
    feats = sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[], entities=[])
    noun = feats[words.index("Blendzorgung")]
    assert {"c64=3", "c256=30", "c1024=300"} <= set(noun)  # by the compound head "Zorgung"
    verb = feats[words.index("quarzen")]
    assert "c1024=400" in verb and "-1c256=30" in verb and "1c256=50" in verb
    assert not any(f.startswith("c64=") for f in feats[0])  # "Die" is not in the table
    assert "1c256=30" in feats[0]


def test_cluster_features_are_absent_when_switched_off(_invented_clusters, monkeypatch):
    from graphbuilder.extract.events.learned import features as F

    monkeypatch.setattr(F, "CLUSTER_FEATURES", False)
    text = "Sie quarzen heute."
    toks = tokenize(text, 0, len(text))
    assert not any("c256=" in f for tok in sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[],
                                                             entities=[]) for f in tok)


def test_shipped_cluster_tables_cover_both_languages():
    from graphbuilder.extract.events.learned import features as F

    F.cluster_table.cache_clear()
    for lang in ("de", "en"):
        table = F.cluster_table(lang)
        assert len(table) > 10_000
        assert all(len(ids) == 3 for ids in table.values())


def test_context_features_mark_dates_and_names_near_a_word(monkeypatch):
    from graphbuilder.extract.events.learned import features as F

    monkeypatch.setattr(F, "CONTEXT_FEATURES", True)
    text = "Am Montag quarzte Ferdinand Quell in Lorburg lange."
    toks = tokenize(text, 0, len(text))
    words = [text[s:e] for s, e in toks]
    feats = sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[],
                              entities=[(18, 33, "PER"), (37, 44, "LOC")], times=[(3, 9, "DATE")])
    verb = feats[words.index("quarzte")]
    assert "stime=DATE" in verb and "ntime=DATE" in verb and "nent=PER" in verb and "nent=LOC" in verb
    assert "intime" in feats[words.index("Montag")] and "intime" not in verb
    plain = sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[], entities=[])
    assert not any(f.startswith(("stime=", "ntime=", "nent=")) for f in plain[words.index("quarzte")])
    monkeypatch.setattr(F, "CONTEXT_FEATURES", False)
    off = sentence_features(text, "de", toks, is_title=False, lexicon=[], kept=[],
                            entities=[(18, 33, "PER")], times=[(3, 9, "DATE")])
    assert not any(f.startswith(("stime=", "ntime=", "nent=", "intime")) for tok in off for f in tok)


def test_loose_statement_merging_matches_a_shorter_form_of_the_speakers_name():
    from graphbuilder.extract.events.learned.extractor import merge_statements, same_speakers
    from graphbuilder.models import EventMention, Participant, Span

    assert same_speakers(frozenset({"per:quell"}), frozenset({"per:ferdinand-quell"}))
    assert not same_speakers(frozenset({"per:quell"}), frozenset({"org:quell"}))
    assert not same_speakers(frozenset({"per:quell"}), frozenset({"per:quell", "org:lorbank"}))
    assert not same_speakers(frozenset(), frozenset())

    def stmt(key: str, start: int, sentence: int, speaker: str) -> EventMention:
        return EventMention(key=key, type="STATEMENT", trigger=Span(start=start, end=start + 4, text="said"),
                            sentence=sentence, participants=[Participant(key=speaker, role="speaker")])

    events = [stmt("e0", 0, 0, "per:ferdinand-quell"), stmt("e1", 60, 2, "per:quell")]
    assert len(merge_statements(events, speaker_gap=3, unnamed_gap=0)) == 2  # exact speakers only
    merged = merge_statements(events, speaker_gap=3, unnamed_gap=0, loose=True)
    assert [e.key for e in merged] == ["e0"]
    assert [p.key for p in merged[0].participants] == ["per:ferdinand-quell"]  # the short form is not added
    assert [m.start for m in merged[0].mentions] == [60]
    # a headline's short form hosts the body's full name: the fuller form names the speaker
    events = [stmt("e0", 0, 0, "per:quell"), stmt("e1", 60, 2, "per:ferdinand-quell"), stmt("e2", 200, 4, "per:ferdinand-quell")]
    merged = merge_statements(events, speaker_gap=3, unnamed_gap=0, loose=True, far_gap=0)
    assert [e.key for e in merged] == ["e0"]
    assert [p.key for p in merged[0].participants] == ["per:ferdinand-quell"]
    # bodies are never shorter forms of one another ("Lorbank" and "Lorbank Workers Union")
    assert not same_speakers(frozenset({"org:lorbank"}), frozenset({"org:lorbank-workers-union"}))


# --- lemma trigger prior and the second-stage detector (issue 12) --------------------------------


def _seq(pairs: list[tuple[str, str]]) -> tuple[list[list[str]], list[str]]:
    """A training sequence from (lemma, BIO tag) pairs (features as the tagger records them)."""
    return [["b", f"w={lem}", f"lem={lem}"] for lem, _ in pairs], [tag for _, tag in pairs]


def test_trigger_prior_counts_rate_type_and_compound_heads(tmp_path: Path):
    from graphbuilder.extract.events.learned.features import TriggerPrior

    seqs = [_seq([("quellbund", "O"), ("zerwuppen", "B-ATTACK")]),
            _seq([("zerwuppen", "B-ATTACK"), ("quellbund", "O")]),
            _seq([("zerwuppen", "O"), ("quellbund", "O"), ("lorfall", "B-OTHER")])]
    prior = TriggerPrior.count(seqs, "de")
    assert prior.rows["zerwuppen"] == (3, 2, {"ATTACK": 2})
    assert prior.features("zerwuppen") == ("pr=4|2", "prt=ATTACK|4")  # 2 of 3, seen 3 times
    assert prior.features("quellbund") == ("pr=0|2",)  # seen 3 times, never a trigger
    assert prior.features("gipfelzerwuppen") == ("prh=4|2", "prht=ATTACK|4")  # by its compound head
    assert prior.features("unbekannt") == ("pr=unk",)
    path = prior.write(tmp_path / "p.tsv.gz")
    again = TriggerPrior.read(path, "de")
    assert again.rows == prior.rows
    assert again.write(tmp_path / "q.tsv.gz").read_bytes() == path.read_bytes()  # deterministic file


def test_prior_is_jackknifed_an_article_never_sees_its_own_triggers():
    from graphbuilder.training.events import Prepared, prior_sequences

    def prep(doc_id: str, lem: str) -> Prepared:
        gold = GoldDoc(doc_id=doc_id, corpus="invented", lang="de", text="", events=[])
        p = Prepared(gold, None)  # type: ignore[arg-type]
        p.sequences = [_seq([(lem, "B-OTHER")])]
        return p

    # every article has its own invented trigger lemma: from the other articles it is unknown
    seqs = prior_sequences([prep(f"d{i}", f"wort{i}x") for i in range(12)], "de", k=3)
    assert len(seqs) == 12
    assert all("pr=unk" in feats[0] for feats, _ in seqs)


def test_detector_labels_an_untagged_token_an_event_only_where_it_adds_one():
    from graphbuilder.training.events import label_candidates

    recs = [(["a"], 0, "tag"),     # found: gold event 0
            (["b"], 0, "extra"),   # another token of event 0: adding it would split the event
            (["c"], 1, "extra"),   # the first to reach event 1, which nothing found reaches
            (["d"], 1, "extra"),   # a second token of event 1
            (["e"], -1, "rule"),   # no gold event
            (["f"], 0, "both")]    # a found candidate keeps its gold type
    labels = [lab for _, lab in label_candidates(recs, ["MEETING", "OTHER"])]
    assert labels == ["MEETING", "O", "OTHER", "O", "O", "MEETING"]


def test_detector_decides_by_its_probabilities(tmp_path: Path):
    import pycrfsuite

    from graphbuilder.extract.events.learned.detector import decide
    from graphbuilder.training.events import train_detector

    pairs = [(["src=tag", "p=9"], "ATTACK")] * 20 + [(["src=tag", "p=1"], "O")] * 20 + \
            [(["src=extra", "p=8"], "OTHER")] * 20 + [(["src=extra", "p=2"], "O")] * 20
    path = train_detector(pairs, tmp_path / "det.crfsuite")
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    assert decide(tagger, ["src=tag", "p=9"], "tag", 0.5, 0.5) == (True, "ATTACK")
    assert decide(tagger, ["src=tag", "p=1"], "tag", 0.5, 0.5)[0] is False
    assert decide(tagger, ["src=extra", "p=8"], "extra", 0.5, 0.5) == (True, "OTHER")
    assert decide(tagger, ["src=extra", "p=2"], "extra", 0.5, 0.5)[0] is False
    assert decide(tagger, ["src=tag", "p=1"], "tag", 1.01, 0.5)[0] is True  # never drops at drop > 1


@shipped
@pytest.mark.parametrize("lang,text,name,trigger,etype", [
    ("de", "Der Bürgermeister Tomas Kerbel kritisierte am Dienstag die Pläne der Landesregierung scharf.",
     "Tomas Kerbel", "kritisierte", "STATEMENT"),
    ("en", "Police arrested Dan Morrow in Eastport on Friday after a raid on his office.",
     "Dan Morrow", "arrested", "CRIME"),
])
def test_shipped_second_stage_detector_keeps_plain_events(lang: str, text: str, name: str, trigger: str, etype: str):
    from graphbuilder.extract.events.learned.extractor import detector_model_path

    if not detector_model_path().exists():
        pytest.skip("no shipped second-stage detector")
    ents = _ents(text, [(name, "PER", "per:x")])
    events = LearnedEventExtractor(detector=True).extract(text, lang, _sentences(text), ents, [], [], REF)
    assert any(e.type == etype and e.trigger.text == trigger for e in events)


def test_detector_candidates_are_recorded_with_their_gold_event(tmp_path: Path):
    """Training: every candidate of the second stage reaches the recorder with the index of the
    gold event it overlaps (-1: none) and its source."""
    text = "Die Ministerin Vera Lind traf am Montag Tomas Kerbel. Danach sagte Lind, das Treffen sei gut gewesen."
    ents = _ents(text, [("Vera Lind", "PER", "per:vera-lind"), ("Tomas Kerbel", "PER", "per:tomas-kerbel"),
                        ("Lind", "PER", "per:vera-lind")])
    start = text.index("traf")
    gold = [GoldEvent(id="e1", type="MEETING", trigger=GoldSpan(start, start + 4, "traf"), status="occurred")]
    if not trigger_model_path("de").exists():
        pytest.skip("no shipped trigger tagger")
    seen: list[tuple[int, str]] = []
    events = LearnedEventExtractor(role_labels=gold, detector_recorder=lambda f, gi, src: seen.append((gi, src))).extract(
        text, "de", _sentences(text), ents, [], [], REF)
    assert (0, "both") in seen or (0, "tag") in seen or (0, "rule") in seen
    assert all(src in ("tag", "rule", "both", "extra") for _, src in seen)
    assert any(e.trigger.text == "traf" for e in events)  # recording never drops a candidate


def _toy_status_model(path: Path, pairs: list[tuple[list[str], str]]) -> Path:
    return toy_classifier(path, pairs)


def test_rules_cancelled_status_stands_over_the_status_classifier(tmp_path: Path, monkeypatch):
    """An explicit cancellation cue of the clause is grammar: the classifier never replaces it
    (``STATUS_KEEP``), whatever it learned; other statuses it still revises."""
    from graphbuilder.extract.events.learned import extractor as X

    none = tmp_path / "none.crfsuite"
    status = _toy_status_model(tmp_path / "status.crfsuite", [(["rule=cancelled"], "planned"),
                                                              (["rule=occurred"], "possible")])
    models = {"de": none, "en": none, "roles": none, "status": status}
    text = "Mayor Rolf Kent has called off his visit to Eastport."
    ents = _ents(text, [("Rolf Kent", "PER", "per:kent"), ("Eastport", "LOC", "loc:eastport")])
    rules = RuleEventExtractor().extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in rules if e.type == "VISIT"] == ["cancelled"]
    ev = LearnedEventExtractor(trigger_models=models).extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in ev if e.type == "VISIT"] == ["cancelled"]
    monkeypatch.setattr(X, "STATUS_KEEP", frozenset())
    ev = LearnedEventExtractor(trigger_models=models).extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in ev if e.type == "VISIT"] == ["planned"]  # the toy classifier, unchecked
    # a status the grammar reads otherwise is still the classifier's
    text = "Mayor Rolf Kent visited Eastport."
    ents = _ents(text, [("Rolf Kent", "PER", "per:kent"), ("Eastport", "LOC", "loc:eastport")])
    ev = LearnedEventExtractor(trigger_models=models).extract(text, "en", _sentences(text), ents, [], [], REF)
    assert [e.status for e in ev if e.type == "VISIT"] == ["possible"]


@pytest.mark.parametrize("lang,text,cue,trigger", [
    ("en", "Mayor Rolf Kent called off his visit to Eastport, which had been planned for Monday.", "planned", "visit"),
    ("de", "Bürgermeister Rolf Kent sagte seinen Besuch in Ostport ab, der für Montag geplant war.", "geplant", "Besuch"),
])
def test_a_status_cue_tagged_alone_is_no_event(tmp_path: Path, monkeypatch, lang: str, text: str, cue: str,
                                               trigger: str):
    """A word the grammar reads as another event's status ("planned", "geplant") is no event of its
    own when only the tagger found it (``STATUS_CUE_NOT_EVENT``; the cues are data in
    ``data/events/<lang>.toml``)."""
    import pycrfsuite

    from graphbuilder.extract.events.learned import extractor as X

    ents = _ents(text, [("Rolf Kent", "PER", "per:kent")])
    toks = tokenize(text, 0, len(text))
    feats = sentence_features(text, lang, toks, is_title=False, lexicon=[], kept=[], entities=[])
    words = [text[a:b] for a, b in toks]
    tags = ["B-OTHER" if w == cue else "B-VISIT" if w == trigger else "O" for w in words]
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(20):  # a toy tagger that tags the cue as an event
        trainer.append(feats, tags)
    trainer.set_params({"c2": 0.01, "max_iterations": 50, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / f"{lang}.crfsuite"))
    none = tmp_path / "none.crfsuite"
    models = {lang: tmp_path / f"{lang}.crfsuite", "roles": none, "status": none, "detector": none}

    def triggers() -> list[str]:
        ev = LearnedEventExtractor(trigger_models=models, detector=False).extract(
            text, lang, _sentences(text), ents, [], [], REF)
        return [w for e in ev for w in (e.trigger.text, *(m.text for m in e.mentions))]

    assert cue not in triggers() and trigger in triggers()
    monkeypatch.setattr(X, "STATUS_CUE_NOT_EVENT", False)
    assert cue in triggers()  # the toy tagger's event, unchecked
