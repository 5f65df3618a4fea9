"""The gazetteer's integer automaton answers like an automaton storing (phrase, flags) tuples."""

from __future__ import annotations

import pickle

import ahocorasick

from graphbuilder.extract.entities import PhraseAutomaton

ENTRIES = {
    "Korvania": {"LOC=loc:korvania", "FIRST?"},
    "Korvania Bank": {"ORG=org:korvania-bank"},
    "Ada": {"FIRST"},
    "korvanisch": {"DERIV=loc:korvania"},
}
TEXT = "Ada sah die Korvania Bank, korvanisch und groß, in Korvania."


def _reference() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for phrase, kinds in ENTRIES.items():
        auto.add_word(phrase, (phrase, tuple(tuple(k.partition("=")[::2]) for k in sorted(kinds))))
    auto.make_automaton()
    return auto


def test_matches_like_an_object_automaton_and_after_pickling() -> None:
    expected = list(_reference().iter_long(TEXT))
    auto = PhraseAutomaton(ENTRIES)
    assert list(auto.iter_long(TEXT)) == expected
    assert list(pickle.loads(pickle.dumps(auto)).iter_long(TEXT)) == expected
    assert ("Korvania", (("FIRST?", ""), ("LOC", "loc:korvania"))) in [v for _, v in expected]
