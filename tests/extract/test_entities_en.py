"""English NER with the same extractor."""

from graphbuilder.extract.entities import RuleEntityExtractor
from graphbuilder.keys import entity_key
from graphbuilder.models import Sentence


def run(text: str):
    return RuleEntityExtractor().extract(
        text, "en", [Sentence(start=0, end=len(text), text=text, index=0)])


def test_titles_possessives_and_orgs() -> None:
    text = ("Secretary of State Antony Blinken met Russia's foreign minister Sergei Lavrov in "
            "Stockholm. Blinken's aides said the OSCE talks were tense.")
    mentions, roles = run(text)
    got = {(m.text, m.label) for m in mentions if not m.derived}
    assert {("Antony Blinken", "PER"), ("Sergei Lavrov", "PER"), ("Stockholm", "LOC"),
            ("OSCE", "ORG"), ("Blinken", "PER")} <= got
    blinken = [m for m in mentions if "Blinken" in m.text]
    assert {m.key for m in blinken} == {"per:antony-blinken"}
    assert blinken[0].role == "Secretary of State"
    lavrov = next(m for m in mentions if m.text == "Sergei Lavrov")
    assert lavrov.role_org == "loc:russia"
    assert {(r.person, r.org) for r in roles} == {("per:sergey-lavrov", "loc:russia")}


def test_english_and_german_spellings_share_keys() -> None:
    en, _ = run("Sergey Lavrov spoke in Moscow.")
    de, _ = RuleEntityExtractor().extract(
        "Sergej Lawrow sprach in Moskau.", "de",
        [Sentence(start=0, end=31, text="Sergej Lawrow sprach in Moskau.", index=0)])
    assert [m.key for m in en] == [m.key for m in de] == ["per:sergey-lavrov", "loc:moscow"]


def test_company_legal_forms() -> None:
    mentions, _ = run("Shares of Northwind Traders Inc. rose while Contoso Ltd fell.")
    orgs = {m.text: m.key for m in mentions if m.label == "ORG"}
    assert orgs == {"Northwind Traders Inc.": "org:northwind-traders", "Contoso Ltd": "org:contoso"}


def test_possessive_outside_span_and_article_inside() -> None:
    text = ("The Ministry said Northwind Traders Inc.'s plant near the Danube was closed by "
            "the OSCE.")
    mentions, _ = run(text)
    got = {m.text: m.key for m in mentions if not m.derived}
    assert "Northwind Traders Inc." in got
    assert got.get("the OSCE") == entity_key("ORG", "OSCE")
    assert "the Danube" not in got or got["the Danube"] == entity_key("LOC", "Danube")


def test_article_stays_outside_when_the_name_modifies_a_noun() -> None:
    mentions, _ = run("Analysts said the OSCE mission ended.")
    assert [m.text for m in mentions if m.label == "ORG"] == ["OSCE"]


def test_english_capitalised_runs() -> None:
    text = ("Passengers of Air Zembla landed at Kelvara International Airport on Monday, "
            "where budget airline Travexa and Vostrel Grimwald signed with Siemens Commercial "
            "Airplanes. Oslo's Fenwick Tower was closed.")
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got["Air Zembla"] == "ORG"
    assert got["Kelvara International Airport"] == "LOC"
    assert got["Travexa"] == "ORG"
    assert got["Vostrel Grimwald"] == "ORG"
    assert got["Siemens Commercial Airplanes"] == "ORG"
    assert got["Fenwick Tower"] == "LOC" and got["Oslo"] == "LOC"
    assert "Monday" not in got
    keys = {m.text: m.key for m in mentions}
    assert keys["Siemens Commercial Airplanes"] == entity_key("ORG", "Siemens")


def test_english_runs_stop_at_titles_and_persons() -> None:
    text = "Investors cheered as Siemens Chief Executive Officer Helga Brandt spoke."
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Siemens") == "ORG"
    assert got.get("Helga Brandt") == "PER"


def test_dotted_acronyms_and_names_opening_a_sentence() -> None:
    text = "Travexa cut fares. Flights to the U.S. resumed in the U.K. on Monday, Travexa said."
    mentions, _ = run(text)
    got = [(m.text, m.label, m.key) for m in mentions if not m.derived]
    assert ("the U.S.", "LOC", entity_key("LOC", "US")) in got
    assert ("the U.K.", "LOC", entity_key("LOC", "UK")) in got
    assert [t for t, label, _ in got if label == "ORG"] == ["Travexa", "Travexa"]
    assert "Flights" not in {t for t, _, _ in got}


def test_titles_inside_person_spans_but_not_in_keys() -> None:
    text = "Critics said Senator Helga Brandt and Mr. Olund Varga disagreed, Varga said."
    mentions, _ = run(text)
    people = {m.text: (m.key, m.name) for m in mentions if m.label == "PER"}
    assert people["Senator Helga Brandt"] == ("per:helga-brandt", "Helga Brandt")
    assert "Mr. Olund Varga" in people
    assert people["Mr. Olund Varga"][0] == people["Varga"][0] == "per:olund-varga"


def test_english_titles_are_whole_words_and_legal_forms_extend_names() -> None:
    text = ("Yesterday the Senate Banking Committee questioned Northwind Motors Corp. and "
            "Zentrix Co. staff.")
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("the Senate Banking Committee") == "ORG"
    assert got.get("Northwind Motors Corp.") == "ORG"
    assert "Committee" not in got


def test_english_person_and_company_shapes() -> None:
    text = ("Government Procurement Office fines Douglas Aircraft. The deal was signed by "
            "Mr. Lee Tsai Kuo and Adam Air, said Helga Brandt.")
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Government Procurement Office") == "ORG"
    assert got.get("Douglas Aircraft") == "ORG"
    assert got.get("Adam Air") == "ORG"
    assert got.get("Mr. Lee Tsai Kuo") == "PER"
    assert got.get("Helga Brandt") == "PER"


def test_first_names_that_are_also_words_and_surnames_that_are_places() -> None:
    text = "Mark Tollhammer resigned. Pia Angers said Tollhammer erred, said Angers."
    mentions, _ = run(text)
    got = [(m.text, m.label, m.key) for m in mentions if not m.derived]
    assert ("Mark Tollhammer", "PER", "per:mark-tolhamer") in got
    assert ("Tollhammer", "PER", "per:mark-tolhamer") in got
    assert got[-1] == ("Angers", "PER", "per:pia-angers")


def test_english_runs_take_legal_forms_and_ampersands() -> None:
    text = ("Yesterday Zentrix Aerospace & Marine NV and Korvell Inc. hired Wells Fenwick "
            "Management.")
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Zentrix Aerospace & Marine NV") == "ORG"
    assert got.get("Korvell Inc.") == "ORG"
    assert got.get("Wells Fenwick Management") == "ORG"


def test_dictionary_words_and_model_codes_are_no_names() -> None:
    text = ("Yesterday Travexa ordered ten Zentrix Z380 jets. Shares of Travexa rose as the "
            "Korvex-led group bought Earth Voyager kits.")
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Travexa") == "ORG"
    assert not any(t.startswith("Yesterday") or "Z380" in t or t.endswith("-led")
                   or t == "Shares" for t in got)


def test_lowercase_place_heads_and_article_before_a_city_state_pair() -> None:
    text = "Jets left Grimsworth airport after the Oslo, Norway summit; the GAO upheld it."
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Grimsworth airport") == "LOC"
    assert got.get("Oslo, Norway") == "LOC" and got.get("Norway") == "LOC"
    assert not any(t.startswith("the Oslo") for t in got)
    assert got.get("the GAO") == "ORG"


def test_descriptive_phrase_and_name_are_both_mentions() -> None:
    text = ("Staff of German airline Quellhansa met aircraft manufacturer, Borvex, and "
            "Presiding Judge Martin Kessel in central Oslo. The talks with Borvex went well.")
    mentions, _ = run(text)
    got = {m.text: m for m in mentions if not m.derived}
    assert got["German airline Quellhansa"].key == got["Quellhansa"].key != ""
    assert got["German airline Quellhansa"].nested and not got["Quellhansa"].nested
    assert got["Martin Kessel"].nested and not got["Presiding Judge Martin Kessel"].nested
    # one mention per entity occurrence once nested ones are skipped
    plain = [m for m in mentions if not m.nested and not m.derived]
    assert all(a.end <= b.start for a, b in zip(plain, plain[1:]))
    assert got["aircraft manufacturer, Borvex"].label == "ORG" and "Borvex" in got
    assert got["Presiding Judge Martin Kessel"].key == got["Martin Kessel"].key
    assert "central Oslo" in got and got["Oslo"].label == "LOC"
    assert "Staff of German airline Quellhansa" not in got
    starts = [m.start for m in mentions]
    assert starts == sorted(starts)


def test_no_descriptor_across_a_verb_or_preposition() -> None:
    mentions, _ = run("The deal with maker Borvex was signed by Tom Kessel.")
    texts = {m.text for m in mentions}
    assert "maker Borvex" in texts and "deal with maker Borvex" not in texts
    assert not any(t.endswith("Tom Kessel") and t != "Tom Kessel" for t in texts)


def test_organisation_cue_before_a_name_of_common_words() -> None:
    mentions, _ = run("Sales rose at electronics retailer Best Fold while rival Korvex fell.")
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Best Fold") == "ORG"


def test_of_names_are_typed_by_the_head_before_of() -> None:
    text = "Officials of the Ministry of Defence met the Bank of Zembla near the Gulf of Korvia."
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("the Ministry of Defence") == "ORG"
    assert got.get("the Bank of Zembla") == "ORG"
    assert got.get("the Gulf of Korvia") == "LOC"


def test_ampersand_acronyms_web_names_and_place_modifiers() -> None:
    text = 'Q&Z Corp sued. "Zentrix.com quoted Brandt," she said of downtown Oslo.'
    mentions, _ = run(text)
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Q&Z Corp") == "ORG"
    assert got.get("Zentrix.com") == "ORG"
    assert got.get("downtown Oslo") == "LOC"


def test_person_cue_nouns_and_titles_after_first_names() -> None:
    text = ("Voters backed challenger Tobin Quarry, and German Chancellor Helga Brandt "
            "congratulated Quarry.")
    mentions, _ = run(text)
    got = {m.text: (m.label, m.key) for m in mentions if not m.derived}
    assert got["Tobin Quarry"][0] == "PER"
    assert got["Quarry"] == ("PER", got["Tobin Quarry"][1])
    assert "German Chancellor" not in got
    assert got["Chancellor Helga Brandt"][0] == "PER"


def test_told_names_a_listener_not_a_speaker() -> None:
    mentions, _ = run("The coach told Zentrix Sports he would stay.")
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Zentrix Sports") == "ORG"


def test_country_code_opens_an_organisation_name() -> None:
    mentions, _ = run("He joined the US Coast Guard before meeting the US President.")
    got = {m.text: (m.label, m.key) for m in mentions if not m.derived}
    assert got["the US Coast Guard"] == ("ORG", entity_key("ORG", "United States Coast Guard"))
    assert got["US"][0] == "LOC"


def test_possessive_phrase_and_city_before_a_region_are_nested_mentions() -> None:
    text = ("Planes landed at Norway's Trollvik International Airport. The plant in Quarrytown, "
            "Alabama grew, said Borvex Airlines.")
    mentions, _ = run(text)
    got = {m.text: m for m in mentions if not m.derived}
    outer = got["Norway's Trollvik International Airport"]
    assert outer.label == "LOC" and outer.key == got["Trollvik International Airport"].key
    assert got["Quarrytown, Alabama"].label == "LOC" and "Alabama" in got
    assert "Quarrytown, Alabama" in [m.text for m in mentions if m.label == "LOC"]
    assert not any(t.startswith("The plant") for t in got)


def test_capitalised_the_before_an_organisation_is_also_a_nested_mention() -> None:
    mentions, _ = run("The Quarvix Group's label sued. The NATO and Borvex Records signed.")
    got = {m.text: m for m in mentions if not m.derived}
    assert got["The Quarvix Group"].key == got["Quarvix Group"].key
    assert got["The NATO"].key == got["NATO"].key == "org:nato"


def test_unknown_word_before_a_country_is_an_organisation() -> None:
    mentions, _ = run("Crews of Quarvix Indonesia Flight 200 and staff in Indonesia were praised.")
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("Quarvix Indonesia") == "ORG" and got.get("Indonesia") == "LOC"
    mentions, _ = run("Officials from Bank Indonesia and the Government Indonesia office met.")
    assert "Government Indonesia" not in {m.text for m in mentions}  # a dictionary word


def test_sentence_initial_acronym_as_subject_is_an_organisation() -> None:
    mentions, _ = run("Sales rose. QXR said the figures were good. NOTE: none.")
    got = {m.text: m.label for m in mentions if not m.derived}
    assert got.get("QXR") == "ORG" and "NOTE" not in got


def test_a_title_after_a_demonym_is_not_part_of_a_name():
    from graphbuilder.extract.entities import RuleEntityExtractor
    from graphbuilder.sentences import split_sentences

    text = "German Foreign Minister Johanna Berger has called off her visit."
    mentions, roles = RuleEntityExtractor().extract(text, "en", split_sentences(text))
    people = {m.key for m in mentions if m.label == "PER"}
    assert len(people) == 1
    assert [(r.title, r.org) for r in roles] == [("Foreign Minister", "loc:germany")]


def test_unknown_two_word_names_with_person_evidence() -> None:
    # lowercase title before the name; a surname with "Mr" elsewhere in the text
    mentions, _ = run("Kenyan president Odhiambo Wekesa spoke first. Tendai Mabhena, of the "
                      "aid group, joined later. Mr Mabhena said the talks went well.")
    per = {m.text for m in mentions if m.label == "PER" and not m.derived}
    assert {"Odhiambo Wekesa", "Tendai Mabhena"} <= per


def test_arabic_article_in_english_names() -> None:
    mentions, _ = run("President Omar al-Raschid said the border would reopen.")
    assert "Omar al-Raschid" in {m.text for m in mentions if m.label == "PER"}


def test_german_function_word_as_english_surname() -> None:
    mentions, _ = run("Rabbi Walter Hier, founder of the centre, said the talks failed.")
    assert "Walter Hier" in {m.text for m in mentions if m.label == "PER"}


def test_a_name_with_its_acronym_in_brackets_is_also_a_nested_mention() -> None:
    from graphbuilder.extract.ner.model import CrfEntityExtractor
    from graphbuilder.sentences import split_sentences

    text = ("Talvorn Aerospace Systems NV (TAS) won the order. The Velmark Institute ( VI ) and "
            "Brask Holdings (in Oslo) did not.")
    for extractor in (CrfEntityExtractor(), None):
        mentions, _ = (extractor.extract(text, "en", split_sentences(text)) if extractor
                       else run(text))
        got = {m.text: m for m in mentions if not m.derived}
        name = next(m for m in mentions if m.text.startswith("Talvorn") and not m.nested)
        outer = got[name.text + " (TAS"]
        assert outer.nested and outer.key == name.key and outer.label == name.label
        # only an acronym closing right after the bracket counts, never other bracketed words
        assert not any(t.endswith("(in") or t.endswith("( VI") for t in got)
