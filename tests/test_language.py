"""Tests for graphbuilder.language."""

import pytest

from graphbuilder.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Der Außenminister hat am Montag erklärt, dass die Gespräche fortgesetzt werden.", "de"),
        ("The foreign minister said on Monday that the talks would continue next week.", "en"),
        ("Le ministre a déclaré que les discussions se poursuivront dans la semaine.", "other:fr"),
        ("El ministro dijo que las conversaciones continuarán la próxima semana.", "other:es"),
        ("Il ministro ha detto che i colloqui continueranno la prossima settimana.", "other:it"),
        ("De minister zei dat de gesprekken volgende week worden voortgezet.", "other:nl"),
        ("Министр заявил, что переговоры будут продолжены на следующей неделе.", "other:ru"),
        ("Міністр заявив, що переговори продовжаться наступного тижня.", "other:uk"),
    ],
)
def test_detects_language(text: str, expected: str) -> None:
    lang, confidence = detect_language(text)
    assert lang == expected
    assert 0.3 < confidence <= 1.0


def test_unknown_or_empty() -> None:
    assert detect_language("") == ("other:und", 0.0)
    assert detect_language("12345 67 89") == ("other:und", 0.0)
    assert detect_language("Merhaba dünya, bugün hava çok güzel.")[0] == "other:und"


def test_short_headline_gets_a_low_confidence_guess() -> None:
    lang, confidence = detect_language("Kanzler trifft Präsidentin")
    assert lang == "de" and confidence <= 0.3


def test_mixed_text_follows_the_majority_and_is_deterministic() -> None:
    text = "Die Regierung sagte, dass sie die Sanktionen verlängern werde. " * 3 + "The end."
    assert detect_language(text) == detect_language(text)
    assert detect_language(text)[0] == "de"
