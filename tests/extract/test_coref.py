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


def _tokens(doc: str) -> tuple[list[str], list[tuple[int, int]]]:
    import re

    found = list(re.finditer(r"\w+(?:-\w+)*|[^\w\s]", doc))
    return [m.group() for m in found], [m.span() for m in found]


def _sentence_of(doc: str):  # noqa: ANN202 - a test helper
    ends = [i for i, ch in enumerate(doc) if ch == "."]
    return lambda pos: sum(e < pos for e in ends)


def _repeated(doc: str, ms: list[EntityMention], lang: str = "de") -> list[tuple[str, str, str]]:
    tokens, spans = _tokens(doc)
    out = resolve_coreference(ms, doc, lang, tokens, spans, _sentence_of(doc))
    return [(m.text, m.label, m.key) for m in out]


def test_a_recognised_name_repeated_unlabelled_is_a_mention_of_it() -> None:
    doc = "Die Kelvaro Holding meldete Gewinne. Laut Kelvaro Holding steigt der Umsatz. Die Orvenbank bleibt."
    out = _repeated(doc, [mention("Kelvaro Holding", doc, "ORG"), mention("Orvenbank", doc, "ORG")])
    assert [t for t, _l, _k in out] == ["Kelvaro Holding", "Kelvaro Holding", "Orvenbank"]
    assert out[0][1:] == out[1][1:] == ("ORG", out[0][2])


@pytest.mark.parametrize("doc, ms", [
    # a German common noun named once as a firm is no name elsewhere
    ("Die Post erhöht die Preise. Jeder Brief mit der Post kostet mehr.", [("Post", "ORG")]),
    # one string, two labels in the article: no sense to repeat
    ("Tarvik liegt am Meer. Tarvik siegte. Dann kam Tarvik.", [("Tarvik", "LOC"), ("Tarvik", "ORG", 1)]),
    # part of a longer name (a capitalised word that is no noun after it), a number after it
    ("Die Kelvaro tagte. Beim Kelvaro Open und mit Kelvaro 100 gab es Streit.", [("Kelvaro", "ORG")]),
    # a two-letter word that is no acronym
    ("Der Verband Xo tagte. Xo ist auch ein Wort.", [("Xo", "ORG")]),
])
def test_no_repeat_where_the_words_may_be_something_else(doc: str, ms: list) -> None:
    given = [mention(m[0], doc, m[1], m[2] if len(m) > 2 else 0) for m in ms]
    out = _repeated(doc, given)
    assert len(out) == len(given)


def test_names_are_repeated_in_german_only() -> None:
    doc = "The Kelvaro Holding grew. Analysts like Kelvaro Holding."
    out = _repeated(doc, [mention("Kelvaro Holding", doc, "ORG")], "en")
    assert len(out) == 1


def test_an_acronym_and_a_sure_person_repeat_an_unsure_person_not() -> None:
    doc = "Die EU und Jorvina tagten. Jorvina sprach, die EU nicht. Steamix lief. Auf Steamix gab es Spiele."
    sure = mention("Jorvina", doc)
    sure.confidence = 0.97
    unsure = mention("Steamix", doc)
    unsure.confidence = 0.4
    out = _repeated(doc, [mention("EU", doc, "ORG"), sure, unsure])
    assert [(t, l) for t, l, _k in out] == [("EU", "ORG"), ("Jorvina", "PER"), ("Jorvina", "PER"), ("EU", "ORG"),
                                            ("Steamix", "PER")]
