"""German NER on hand-written sentences."""

import pytest

from graphbuilder.extract.entities import RuleEntityExtractor
from graphbuilder.models import EntityMention, Sentence
from graphbuilder.registry import get


@pytest.fixture(scope="module")
def extractor() -> RuleEntityExtractor:
    return RuleEntityExtractor()


def run(extractor: RuleEntityExtractor, text: str):
    return extractor.extract(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])


def names(mentions: list[EntityMention], label: str) -> list[str]:
    return [m.text for m in mentions if m.label == label and not m.derived]


def test_registered_by_name() -> None:
    assert get("entities", "rules") is RuleEntityExtractor


def test_persons_places_and_derived_adjectives(extractor: RuleEntityExtractor) -> None:
    text = ("Der ukrainische Präsident Wolodymyr Selenskyj traf in Kiew den polnischen "
            "Regierungschef Mateusz Morawiecki.")
    mentions, roles = run(extractor, text)
    assert names(mentions, "PER") == ["Wolodymyr Selenskyj", "Mateusz Morawiecki"]
    assert names(mentions, "LOC") == ["Kiew"]
    derived = [m for m in mentions if m.derived]
    assert [(m.text, m.key) for m in derived] == [("ukrainische", "loc:ukraine"),
                                                 ("polnischen", "loc:poland")]
    assert ("Präsident", "loc:ukraine") in {(r.title, r.org) for r in roles}
    assert ("Regierungschef", "loc:poland") in {(r.title, r.org) for r in roles}
    for m in mentions:
        assert text[m.start:m.end] == m.text


def test_compound_prefix_gives_role_org(extractor: RuleEntityExtractor) -> None:
    text = "Am Abend erklärte US-Verteidigungsminister Lloyd Austin, die Gespräche gingen weiter."
    mentions, roles = run(extractor, text)
    austin = next(m for m in mentions if m.label == "PER")
    assert austin.text == "Lloyd Austin"
    assert austin.role == "Verteidigungsminister" and austin.role_org == "loc:united-states"
    us = next(m for m in mentions if m.derived)
    assert us.text == "US" and us.key == "loc:united-states"
    assert len(roles) == 1 and roles[0].person == austin.key


def test_surname_and_genitive_resolve_to_full_name(extractor: RuleEntityExtractor) -> None:
    text = ("Kanzler Olaf Scholz reiste nach Paris. Dort lobte Scholz die Zusammenarbeit. "
            "Scholz' Berater und Scholzens Team? Nein: Scholzs Sprecher schwieg.")
    mentions, _ = run(extractor, text)
    persons = [m for m in mentions if m.label == "PER"]
    assert len(persons) >= 2
    assert {m.key for m in persons} == {"per:olaf-shols"}
    assert {m.name for m in persons} == {"Olaf Scholz"}


def test_capitalised_nouns_are_not_names(extractor: RuleEntityExtractor) -> None:
    text = ("Die Regierung beschloss am Montag eine Reform der Rente, weil die Lage im Norden "
            "schwierig bleibt und die Zusammenarbeit stockt.")
    mentions, roles = run(extractor, text)
    assert [m for m in mentions if not m.derived] == []
    assert roles == []


def test_organisations(extractor: RuleEntityExtractor) -> None:
    text = ("Die Organisation für wirtschaftliche Zusammenarbeit und Entwicklung (OECD) "
            "senkte ihre Prognose. Auch die Brandt & Söhne GmbH und der Konzern Vantorex "
            "äußerten sich, ebenso die Universität Heidelberg.")
    mentions, _ = run(extractor, text)
    orgs = names(mentions, "ORG")
    assert "Organisation für wirtschaftliche Zusammenarbeit und Entwicklung" in orgs
    assert "OECD" in orgs
    assert "Vantorex" in orgs
    assert "Brandt & Söhne GmbH" in orgs
    assert "Universität Heidelberg" in orgs
    oecd = {m.key for m in mentions if m.label == "ORG" and "OECD" in m.text
            or m.text.startswith("Organisation")}
    assert len(oecd) == 1


def test_unknown_place_after_preposition(extractor: RuleEntityExtractor) -> None:
    text = "Der Unfall ereignete sich bei Oberwiesenthalingen kurz nach Mitternacht."
    mentions, _ = run(extractor, text)
    assert names(mentions, "LOC") == ["Oberwiesenthalingen"]


def test_sentence_indices(extractor: RuleEntityExtractor) -> None:
    text = "Angela Merkel sprach. Danach redete Emmanuel Macron in Brüssel."
    sentences = [Sentence(start=0, end=21, text=text[:21], index=0),
                 Sentence(start=22, end=len(text), text=text[22:], index=1)]
    mentions, _ = extractor.extract(text, "de", sentences)
    assert [(m.text, m.sentence) for m in mentions] == [
        ("Angela Merkel", 0), ("Emmanuel Macron", 1), ("Brüssel", 1)]


def test_unknown_capitalised_words_that_are_no_nouns(extractor: RuleEntityExtractor) -> None:
    text = ("Die Entscheidung kritisierte Wrzesniewski scharf. Zabrowski erklärte am Montag, "
            "die Zahlen seien falsch. Immerhin blieb es ruhig.")
    mentions, _ = run(extractor, text)
    assert [(m.text, m.label) for m in mentions] == [("Wrzesniewski", "PER"),
                                                     ("Zabrowski", "PER")]


def test_enumeration_shares_the_type_of_a_known_place(extractor: RuleEntityExtractor) -> None:
    text = "Betroffen sind die Orte Hamburg, Kollmar und Wirlitz."
    mentions, _ = run(extractor, text)
    assert [(m.text, m.label) for m in mentions] == [
        ("Hamburg", "LOC"), ("Kollmar", "LOC"), ("Wirlitz", "LOC")]


def test_guessed_names_keep_one_type_per_document(extractor: RuleEntityExtractor) -> None:
    text = "Das Fest fand in Wirlitz statt. Später lobte man Wirlitz für die Organisation."
    mentions, _ = run(extractor, text)
    assert [(m.text, m.label) for m in mentions] == [("Wirlitz", "LOC"), ("Wirlitz", "LOC")]
    assert len({m.key for m in mentions}) == 1


def test_rank_words_stay_in_role_titles():
    from graphbuilder.extract.entities import RuleEntityExtractor
    from graphbuilder.sentences import split_sentences

    x = RuleEntityExtractor()
    for text, lang, title in (
        ("Der stellvertretende polnische Außenminister Jan Kowalski sagte das.", "de", "stellvertretender Außenminister"),
        ("Polish Deputy Foreign Minister Jan Kowalski said so.", "en", "Deputy Foreign Minister"),
    ):
        _mentions, roles = x.extract(text, lang, split_sentences(text))
        assert [(r.title, r.org) for r in roles] == [(title, "loc:poland")]


def test_genitive_of_an_adjective_organisation(extractor: RuleEntityExtractor) -> None:
    mentions, _ = run(extractor, "Die Jury des Hessischen Rundfunks lobte das Buch.")
    assert [(m.text, m.label) for m in mentions if not m.derived] == [
        ("Hessischen Rundfunks", "ORG")]


def test_english_name_after_a_german_organisation_cue(extractor: RuleEntityExtractor) -> None:
    mentions, _ = run(extractor, "Die Fluggesellschaft Blue Harbor übernahm die Strecke.")
    assert ("Blue Harbor", "ORG") in [(m.text, m.label) for m in mentions]


def test_name_adjective_and_institution_noun_is_an_organisation(extractor) -> None:
    mentions, _ = run(extractor, "Der Oberste Gerichtshof und die Europäische Fußball-Union "
                                 "tagten im Bayerischen Staatsministerium für Unterricht und Kultus.")
    orgs = names(mentions, "ORG")
    assert "Oberste Gerichtshof" in orgs and "Europäische Fußball-Union" in orgs
    assert "Bayerischen Staatsministerium für Unterricht und Kultus" in orgs
    mentions, _ = run(extractor, "Große Gerichte tagen. Das ist gut.")
    assert names(mentions, "ORG") == []  # sentence-initial adjective is no name


def test_club_names_with_numbers_and_slashes(extractor) -> None:
    mentions, _ = run(extractor, "Er spielte beim TSV Quelbach/Lahn, bei der SG 01 Quelbach "
                                 "und beim FC Carl Zeiss Quelbach.")
    orgs = names(mentions, "ORG")
    assert {"TSV Quelbach/Lahn", "SG 01 Quelbach", "FC Carl Zeiss Quelbach"} <= set(orgs)


def test_inflected_and_hyphenated_cues_and_quoted_names(extractor) -> None:
    text = ("Die Pop-Band Quarvix traf den Gründer des Technologie-Konzerns Borvexa, "
            "las das Magazin „The Quill“ und fuhr ein Auto der Marke QVAR.")
    orgs = names(run(extractor, text)[0], "ORG")
    assert {"Quarvix", "Borvexa", "The Quill", "QVAR"} <= set(orgs)


def test_institution_head_and_unknown_name(extractor) -> None:
    mentions, _ = run(extractor, "Die Klassen der Realschule Quarvingen sammelten im Kraftwerk "
                                 "Xalbek/Fenne.")
    orgs = names(mentions, "ORG")
    assert "Realschule Quarvingen" in orgs and "Kraftwerk Xalbek/Fenne" in orgs
    mentions, _ = run(extractor, "Die Realschule Turnhalle wächst.")
    assert "Realschule Turnhalle" not in names(mentions, "ORG")  # a common noun is no name


def test_town_and_founding_year_is_a_club(extractor) -> None:
    orgs = names(run(extractor, "Das Spiel gegen Hannover 96 endete 2:1.")[0], "ORG")
    assert orgs == ["Hannover 96"]
    mentions, _ = run(extractor, "In Hamburg 25 Menschen verletzt, in Bonn 12 Uhr.")
    assert names(mentions, "ORG") == [] and "Hamburg" in names(mentions, "LOC")


def test_fuer_chain_runs_over_english_words_and_a_genitive_place(extractor) -> None:
    text = ("Er lehrt an der Hochschule für Technik und Wirtschaft des Saarlandes und am "
            "Institut für Corporate Governance; das Institut für Zeitgeschichte der Stadt lädt ein.")
    orgs = names(run(extractor, text)[0], "ORG")
    assert "Hochschule für Technik und Wirtschaft des Saarlandes" in orgs
    assert "Institut für Corporate Governance" in orgs
    assert "Institut für Zeitgeschichte" in orgs  # "der Stadt" is no part of the name


def test_newspaper_self_reference_in_capitals_is_the_standard(extractor: RuleEntityExtractor) -> None:
    text = "Das sei offen, sagte die Ministerin im Gespräch mit dem STANDARD."
    mentions, _ = run(extractor, text)
    assert [(m.text, m.key) for m in mentions if m.label == "ORG"] == [("STANDARD", "org:standard")]


def test_town_name_used_as_surname_is_a_person(extractor: RuleEntityExtractor) -> None:
    # "Nakamura" is also a small Japanese town; the title marks it as a surname in this text
    text = ("Ministerpräsident Nakamura reist am Montag nach Berlin. "
            "Die Lage sei ernst, sagte Nakamura am Abend.")
    mentions, _ = run(extractor, text)
    naka = [m for m in mentions if m.text == "Nakamura"]
    assert len(naka) == 2 and {m.label for m in naka} == {"PER"}


def test_patronymic_and_arabic_article_stay_in_the_name(extractor: RuleEntityExtractor) -> None:
    text = ("Botschafter Pawel Andrejewitsch Kusnezow traf Präsident Omar al-Raschid. "
            "Julija Petrowna Sokolowa kam später.")
    mentions, _ = run(extractor, text)
    assert {"Pawel Andrejewitsch Kusnezow", "Omar al-Raschid",
            "Julija Petrowna Sokolowa"} <= set(names(mentions, "PER"))
