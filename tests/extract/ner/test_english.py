"""English post-processing of the CRF's name spans and MEANTIME-style nested spans (invented
sentences and names)."""

from graphbuilder.extract.entities import RuleEntityExtractor
from graphbuilder.extract.ner.english import consistent_labels, legal_dot, possessive_split
from graphbuilder.extract.ner.model import CrfEntityExtractor
from graphbuilder.sentences import split_sentences

LEGAL = RuleEntityExtractor().lex.legal_forms


def span(text: str, name: str, label: str, conf: float = 0.9, nth: int = 0
         ) -> tuple[int, int, str, float]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return (start, start + len(name), label, conf)


def test_a_legal_form_abbreviation_keeps_its_dot() -> None:
    text = "Velmora Ltd. signed. Brask Holdings. Pell Corp said so."
    got = legal_dot(text, [span(text, "Velmora Ltd", "ORG"), span(text, "Brask Holdings", "ORG"),
                           span(text, "Pell Corp", "ORG")], LEGAL)
    assert [text[s:e] for s, e, _l, _c in got] == ["Velmora Ltd.", "Brask Holdings", "Pell Corp"]
    # only organisations, and never a lone abbreviation
    text = "Inc. was gone. Anna Co. left."
    assert legal_dot(text, [span(text, "Inc", "ORG"), span(text, "Anna Co", "PER")], LEGAL) == [
        span(text, "Inc", "ORG"), span(text, "Anna Co", "PER")]


def test_one_name_is_a_person_or_not_throughout_an_article() -> None:
    text = "Trevanta cut jobs. Trevanta said on Monday that Trevanta would grow."
    spans = [span(text, "Trevanta", "PER", 0.55), span(text, "Trevanta", "ORG", 0.9, 1),
             span(text, "Trevanta", "ORG", 0.8, 2)]
    assert [lab for _s, _e, lab, _c in consistent_labels(text, spans)] == ["ORG"] * 3
    # a place that stands for a team or a government stays as tagged (metonymy is real)
    text = "Delvaro beat Kestring in Delvaro."
    spans = [span(text, "Delvaro", "ORG"), span(text, "Delvaro", "LOC", 0.95, 1)]
    assert consistent_labels(text, spans) == spans


def test_a_name_ends_before_a_possessive_when_its_first_part_is_a_name_alone() -> None:
    text = ("Quorvex cut jobs. Quorvex's Orbital Works and Quorvex's new plant stay open, "
            "said Quorvex's Office of Flight Safety.")
    spans = [span(text, "Quorvex", "ORG"), span(text, "Quorvex's Orbital Works", "ORG"),
             span(text, "Quorvex's new plant", "ORG"),
             span(text, "Quorvex's Office of Flight Safety", "ORG")]
    got = [(text[s:e], lab) for s, e, lab, _c in possessive_split(text, spans)]
    assert got == [("Quorvex", "ORG"), ("Quorvex", "ORG"), ("Orbital Works", "ORG"),
                   ("Quorvex", "ORG"), ("Quorvex", "ORG"), ("Office of Flight Safety", "ORG")]
    # what follows a person's possessive is not that person; one dictionary word is no name
    text = "Mara Quell met Tovin. Tovin's Blackreach and the Velmark Board's Office agreed."
    spans = [span(text, "Mara Quell", "PER"), span(text, "Tovin", "PER"),
             span(text, "Tovin's Blackreach", "PER"), span(text, "Velmark Board", "ORG"),
             span(text, "Velmark Board's Office", "ORG")]
    got = [text[s:e] for s, e, _l, _c in possessive_split(text, spans)]
    assert got == ["Mara Quell", "Tovin", "Tovin", "Velmark Board", "Velmark Board"]
    # a name that holds a possessive keeps it when its first part is never a name alone
    text = "The Velden People's Party won in Velden's north."
    spans = [span(text, "Velden People's Party", "ORG"), span(text, "Velden", "LOC", nth=1)]
    assert possessive_split(text, spans) == spans


def test_owner_title_and_name_is_a_nested_mention() -> None:
    text = "Zentrolux Corp. Chairman Rick Wagner said the Zentrolux plant would close."
    mentions, _roles = CrfEntityExtractor().extract(text, "en", split_sentences(text))
    person = next(m for m in mentions if m.text == "Rick Wagner" and not m.nested)
    nested = {m.text: m for m in mentions if m.nested}
    assert "Zentrolux Corp. Chairman Rick Wagner" in nested
    assert nested["Zentrolux Corp. Chairman Rick Wagner"].key == person.key
    assert any(m.text == "Zentrolux Corp." and m.label == "ORG" and not m.nested for m in mentions)


def test_owner_with_legal_form_and_lowercase_role_is_a_nested_mention() -> None:
    text = "Brellford Ltd. chief executive Anna Vostrikova said the plant would stay open."
    mentions, _roles = CrfEntityExtractor().extract(text, "en", split_sentences(text))
    assert any(m.nested and m.label == "PER"
               and m.text == "Brellford Ltd. chief executive Anna Vostrikova" for m in mentions)
    assert any(m.text == "Anna Vostrikova" and not m.nested for m in mentions)
