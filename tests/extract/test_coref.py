"""Within-document coreference on hand-built mentions."""

import pytest

from graphbuilder.extract.coref import resolve_coreference
from graphbuilder.models import EntityMention


def mention(text: str, doc: str, label: str = "PER", nth: int = 0) -> EntityMention:
    start = -1
    for _ in range(nth + 1):
        start = doc.index(text, start + 1)
    return EntityMention(start=start, end=start + len(text), text=text, label=label)


def test_surname_before_and_after_full_name() -> None:
    doc = "Rjabkow sagte, Sergei Rjabkow habe recht. Rjabkows Worte."
    ms = [mention("Rjabkow", doc), mention("Sergei Rjabkow", doc), mention("Rjabkows", doc)]
    out = resolve_coreference(ms, doc, "de")
    assert {m.key for m in out} == {"per:sergey-ryabkov"}
    assert {m.name for m in out} == {"Sergei Rjabkow"}


def test_bare_surnames_are_added_as_mentions() -> None:
    doc = "Antje Vollmer kam. Danach sprach Vollmer lange."
    tokens = doc.replace(".", " ").split()
    spans, pos = [], 0
    for tok in tokens:
        pos = doc.index(tok, pos)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
    out = resolve_coreference([mention("Antje Vollmer", doc)], doc, "de", tokens, spans)
    assert [(m.text, m.key) for m in out] == [("Antje Vollmer", "per:antye-volmer"),
                                             ("Vollmer", "per:antye-volmer")]


def test_honorific_is_no_first_name() -> None:
    # "Mr Quill" is the surname-only form of the one Quill of the text, wherever the full name stands
    doc = "Quill quits. Mr Quill spoke. Later Dorian Quill left. Dr Maren Osk agreed with Mr Quill."
    ms = [mention("Quill", doc), mention("Mr Quill", doc), mention("Dorian Quill", doc),
          mention("Dr Maren Osk", doc), mention("Mr Quill", doc, nth=1)]
    out = resolve_coreference(ms, doc, "en")
    assert {m.key for m in out if "Quill" in m.text} == {out[2].key}
    assert out[3].name == "Maren Osk"


def test_particle_surname_acronym_compound_and_postnominal_letters() -> None:
    # "Van der Quellen" is the surname of "Arno Van der Quellen"; "XYZ-Chef Ormbach" is Ormbach;
    # "Ted Plume MSP" is Ted Plume
    doc = ("Arno Van der Quellen kam. Van der Quellen sprach. Lina Ormbach lachte. "
           "XYZ-Chef Ormbach ging. Ted Plume MSP sagte das. Ted Plume blieb.")
    ms = [mention("Arno Van der Quellen", doc), mention("Van der Quellen", doc, nth=1),
          mention("Lina Ormbach", doc), mention("XYZ-Chef Ormbach", doc),
          mention("Ted Plume MSP", doc), mention("Ted Plume", doc, nth=1)]
    out = resolve_coreference(ms, doc, "de")
    assert out[0].key == out[1].key and out[2].key == out[3].key and out[4].key == out[5].key
    assert len({out[0].key, out[2].key, out[4].key}) == 3


def test_rank_before_a_single_part_stays() -> None:
    doc = "Lord Pellham spoke. Sir Arvid Pellham did not."
    out = resolve_coreference([mention("Lord Pellham", doc), mention("Sir Arvid Pellham", doc)], doc, "en")
    assert out[0].key != out[1].key


def test_distinct_people_stay_apart() -> None:
    doc = "Anna Lawson und Sergej Lawrow trafen sich. Lawrow lachte."
    ms = [mention("Anna Lawson", doc), mention("Sergej Lawrow", doc), mention("Lawrow", doc, nth=1)]
    out = resolve_coreference(ms, doc, "de")
    assert out[0].key != out[1].key
    assert out[2].key == out[1].key


def test_acronym_in_brackets_shares_key() -> None:
    doc = "Die Gesellschaft für Nahrungsforschung (GfN) warnt. Die GfN fordert mehr Geld."
    ms = [mention("Gesellschaft für Nahrungsforschung", doc, "ORG"), mention("GfN", doc, "ORG"),
          mention("GfN", doc, "ORG", nth=1)]
    out = resolve_coreference(ms, doc, "de")
    assert len({m.key for m in out}) == 1
    assert out[0].key == "org:gesellschaft-fur-nahrungsforschung"


def test_known_places_get_alias_keys_and_names() -> None:
    doc = "Moskau und Moscow"
    out = resolve_coreference([mention("Moskau", doc, "LOC"), mention("Moscow", doc, "LOC")],
                              doc, "de")
    assert [(m.key, m.name) for m in out] == [("loc:moscow", "Moscow")] * 2


def test_short_forms_join_the_long_form_in_english() -> None:
    doc = ("The Zephyria Air Force and Quillon Vantrell bid. The ZAF said Quillon would lose; "
           "the Air Force chose Vantrell.")
    ms = [mention("Zephyria Air Force", doc, "ORG"), mention("Quillon Vantrell", doc, "ORG"),
          mention("ZAF", doc, "ORG"), mention("Quillon", doc, "ORG", nth=1),
          mention("Air Force", doc, "ORG", nth=1), mention("Vantrell", doc, "ORG", nth=1)]
    out = resolve_coreference(ms, doc, "en")
    keys = {m.text: m.key for m in out}
    assert keys["ZAF"] == keys["Zephyria Air Force"]
    assert keys["Quillon"] == keys["Quillon Vantrell"] == "org:quillon-vantrell"
    assert keys["Zephyria Air Force"] != keys["Quillon Vantrell"]


def test_name_without_leading_place_joins_the_long_form() -> None:
    doc = "The Norway Coast Guard said the Coast Guard would help."
    ms = [mention("Norway Coast Guard", doc, "ORG"), mention("Coast Guard", doc, "ORG", nth=1)]
    out = resolve_coreference(ms, doc, "en")
    assert out[0].key == out[1].key == "org:norway-coast-guard"


def test_german_genitive_after_an_abstract_noun_is_the_person() -> None:
    # "die Auslieferung X-s": the genitive of the full name, an unknown surname named only so
    doc = "Sie lehnten die Auslieferung Jorn Valdeks ab."
    out = resolve_coreference([mention("Jorn Valdeks", doc)], doc, "de")
    assert (out[0].key, out[0].name) == ("per:yorn-valdek", "Jorn Valdek")


def test_german_genitive_of_an_unknown_surname_named_bare_elsewhere() -> None:
    doc = "Die Klage Jorn Valdeks läuft. Valdek schwieg dazu."
    out = resolve_coreference([mention("Jorn Valdeks", doc), mention("Valdek", doc)], doc, "de")
    assert {m.key for m in out} == {"per:yorn-valdek"}


def test_a_noun_taken_into_a_genitive_name_is_no_first_name() -> None:
    # a span that took the governing noun ("Fotos Valdeks") must not make bare "Valdek" ambiguous
    doc = "Jorn Valdek klagt. Es geht um Fotos Valdeks. Valdek schwieg."
    ms = [mention("Jorn Valdek", doc), mention("Fotos Valdeks", doc), mention("Valdek", doc)]
    out = resolve_coreference(ms, doc, "de")
    assert out[0].key == out[2].key == "per:yorn-valdek"


@pytest.mark.parametrize("doc, name, key", [
    # a person noun before a name is apposition: the -s is the name's own
    ("Der Philosoph Jorn Valdeks sagte das.", "Jorn Valdeks", "per:yorn-valdeks"),
    # one word: a known surname's genitive where the words around say genitive …
    ("Kanzler Grubers Vorschlag fiel durch.", "Grubers", "per:gruber"),
    # … and not where nothing does ("schreibt Grubers in …")
    ("Die Lage bleibe schwierig, schreibt Grubers in einem Bericht.", "Grubers", "per:grubers"),
])
def test_german_name_ending_in_s_read_by_the_words_around(doc: str, name: str, key: str) -> None:
    assert resolve_coreference([mention(name, doc)], doc, "de")[0].key == key
