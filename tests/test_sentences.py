"""Tests for graphbuilder.sentences."""

import pytest

from graphbuilder.models import Span
from graphbuilder.sentences import split_sentences


def texts(text: str, **kw) -> list[str]:
    return [s.text for s in split_sentences(text, **kw)]


def test_german_abbreviations_dates_and_ordinals_do_not_split() -> None:
    text = (
        "Am 2. Dezember traf Dr. Weber u. a. den Minister in St. Gallen. "
        "Der 3. Platz ging z. B. an Nr. 7. Das war am 2. 12. so geplant. Danach ging er."
    )
    assert texts(text) == [
        "Am 2. Dezember traf Dr. Weber u. a. den Minister in St. Gallen.",
        "Der 3. Platz ging z. B. an Nr. 7.",
        "Das war am 2. 12. so geplant.",
        "Danach ging er.",
    ]


def test_english_abbreviations_initials_and_questions() -> None:
    text = "Mr. Lee flew to the U.S. capital on Jan. 5. J. R. R. Tolkien wrote it. Was it true? Yes."
    assert texts(text) == [
        "Mr. Lee flew to the U.S. capital on Jan. 5.",
        "J. R. R. Tolkien wrote it.",
        "Was it true?",
        "Yes.",
    ]


def test_quote_ends_sentence_but_not_before_reporting_clause() -> None:
    text = 'Sie sagte: "Wir kommen morgen." Dann ging sie. "Kommt ihr?", fragte er. „Ja.“ Gut.'
    assert texts(text) == [
        'Sie sagte: "Wir kommen morgen."',
        "Dann ging sie.",
        '"Kommt ihr?", fragte er.',
        "„Ja.“",
        "Gut.",
    ]


def test_year_at_sentence_end_splits() -> None:
    assert texts("Die Zahl stieg im Jahr 2019. Danach fiel sie.") == [
        "Die Zahl stieg im Jahr 2019.", "Danach fiel sie."
    ]


def test_headlines_and_line_breaks() -> None:
    text = "Politik\n\nMinister reist nach Kiew\n\nDer Minister reiste ab. Er kam an.\nEin Bildtext ohne Punkt\nNeuer Satz."
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Politik", "Minister reist nach Kiew", "Der Minister reiste ab.", "Er kam an.",
        "Ein Bildtext ohne Punkt", "Neuer Satz.",
    ]
    assert [s.is_title for s in sents] == [True, True, False, False, False, False]
    assert [s.index for s in sents] == list(range(6))


def test_offsets_refer_to_text_and_markdown_heading_is_stripped() -> None:
    text = "# Gipfel in Genf\n\n  Die Gespräche begannen.  Sie endeten spät."
    sents = split_sentences(text)
    assert sents[0].text == "Gipfel in Genf" and sents[0].is_title
    for s in sents:
        assert text[s.start:s.end] == s.text


def test_hard_wrapped_paragraph_is_joined() -> None:
    text = (
        "The minister said on Tuesday that the government would\n"
        "present a new bill to parliament before the summer recess\n"
        "and that talks with the opposition had already started.\n"
    )
    assert len(split_sentences(text)) == 1


def test_lowercase_continuation_line_is_joined() -> None:
    assert len(split_sentences("Die Regierung will\nmehr Geld ausgeben.")) == 1


def test_skip_spans_drop_and_trim_sentences() -> None:
    text = "Der Gipfel beginnt.\nGipfelbild Foto: Agentur\n\nLesen Sie auch: Anderes"
    credit = text.index("Foto:")
    skip = [Span(start=credit, end=credit + len("Foto: Agentur"), text="Foto: Agentur"),
            Span(start=text.index("Lesen"), end=len(text), text="Lesen Sie auch: Anderes")]
    assert texts(text, skip=skip) == ["Der Gipfel beginnt.", "Gipfelbild"]


def test_empty_text() -> None:
    assert split_sentences("") == [] and split_sentences("  \n\n ") == []


def test_ordinal_before_typical_noun_or_in_brackets() -> None:
    text = "Er starb im frühen 19. Jahrhundert. Strafbar erst ab dem vollendeten 14. Lebensjahr. Sieg (2. Etappe) in Rom."
    assert len(split_sentences(text)) == 3


def test_first_line_headline_without_blank_line() -> None:
    sents = split_sentences("Regierung stürzt\nDas Parlament hat der Regierung das Vertrauen entzogen. Neuwahlen folgen.")
    assert [s.is_title for s in sents] == [True, False, False]


def test_list_numbers_and_bullets() -> None:
    text = "Die Forderungen:\n1. Neuwahlen im Herbst\n2. Ein Ende der Sanktionen\n- Mehr Geld für Schulen"
    assert texts(text) == ["Die Forderungen:", "1. Neuwahlen im Herbst", "2. Ein Ende der Sanktionen", "- Mehr Geld für Schulen"]


def test_camel_case_brand_starts_sentence_and_version_numbers_end_one() -> None:
    assert texts("Apple showed new software. iCloud will launch in June. It runs on version 10.4. The rest is old.") == [
        "Apple showed new software.", "iCloud will launch in June.", "It runs on version 10.4.", "The rest is old."
    ]


@pytest.mark.eval
def test_meantime_sentence_boundaries() -> None:
    """Boundary F1 against MEANTIME's sentence numbers (text rebuilt from its tokens)."""
    import glob
    import os

    root = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "meantime-en-dev")
    files = sorted(glob.glob(os.path.join(root, "*", "*.xml")))
    if not files:
        pytest.skip("../shared/eval/meantime-en-dev not available")
    from lxml import etree

    tp = fp = fn = 0
    for path in files:
        text, gold, prev_sent, glue, in_quote = "", set(), None, True, False
        for tok in etree.parse(path).getroot().iter("token"):
            sent, word = int(tok.get("sentence")), tok.text or ""
            word = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}.get(word, word)
            closing_quote = word == '"' and in_quote
            if prev_sent is not None and sent != prev_sent:
                if prev_sent <= 1:
                    text += "\n"  # headline and dateline are lines of their own
                else:
                    gold.add(len(text))
                    text += " "
            elif not glue and word not in {".", ",", ";", ":", "!", "?", ")", "%", "'s", "n't"} and not closing_quote:
                text += " "
            glue = word in {"(", "$"} or (word == '"' and not in_quote)
            if word == '"':
                in_quote = not in_quote
            text += word
            prev_sent = sent
        body = text.find("\n", text.find("\n") + 1)
        pred = {s.end for s in split_sentences(text)[:-1] if s.end > body}
        gold = {b for b in gold if b > body}
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 > 0.97, (tp, fp, fn)


def test_more_german_ordinals_and_abbreviations() -> None:
    text = (
        "Er ernannte den späteren 1. Earl zum Captain. Funde aus dem 2./3. Jahrhundert sind selten. "
        "Nötig sind mind. 5 Stimmen und max. 8 Gegenstimmen. Kinder unter 18. The rest."
    )
    assert texts(text) == [
        "Er ernannte den späteren 1. Earl zum Captain.", "Funde aus dem 2./3. Jahrhundert sind selten.",
        "Nötig sind mind. 5 Stimmen und max. 8 Gegenstimmen.", "Kinder unter 18.", "The rest.",
    ]


@pytest.mark.eval
def test_germeval_sentence_boundaries() -> None:
    """GermEval 2014 dev sentences ending in . ! ? glued 20 at a time: boundaries recovered."""
    import os

    path = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "eval", "germeval2014-dev", "NER-de-dev.tsv")
    if not os.path.exists(path):
        pytest.skip("../shared/eval/germeval2014-dev not available")
    sentences, current = [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            if not line.strip():
                if current:
                    sentences.append(_detokenise(current))
                current = []
                continue
            current.append(line.split("\t")[1])
    sentences = [s for s in sentences if s.rstrip('"“»)').endswith((".", "!", "?"))]
    found = missed = 0
    for i in range(0, len(sentences), 20):
        text, gold = "", set()
        for j, sentence in enumerate(sentences[i:i + 20]):
            if j:
                gold.add(len(text))
                text += " "
            text += sentence
        pred = {s.end for s in split_sentences(text)}
        found += len(gold & pred)
        missed += len(gold - pred)
    assert found / (found + missed) > 0.97


def _detokenise(tokens: list[str]) -> str:
    out, glue, in_quote = "", True, False
    for word in tokens:
        closing = word == '"' and in_quote
        if not glue and word not in {".", ",", ";", ":", "!", "?", ")", "“", "%"} and not closing:
            out += " "
        glue = word in {"(", "„", "$"} or (word == '"' and not in_quote)
        if word == '"':
            in_quote = not in_quote
        out += word
    return out


def test_windows_line_endings() -> None:
    text = "Wahl in Prag\r\n\r\nDie Wahl beginnt. Sie endet morgen.\r\nFoto ohne Punkt\r\n"
    sents = split_sentences(text)
    assert [s.text for s in sents] == ["Wahl in Prag", "Die Wahl beginnt.", "Sie endet morgen.", "Foto ohne Punkt"]
    assert sents[0].is_title and not sents[1].is_title
