"""German rules of the temporal tagger, on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.extract.temporal import RuleTemporalTagger, interval
from graphbuilder.models import Sentence

REF = dt.date(2021, 12, 2)  # a Thursday
TAGGER = RuleTemporalTagger()


def tag(text: str, ref: dt.date | None = REF) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER.tag(text, "de", ref)]


def one(text: str, ref: dt.date | None = REF):
    found = TAGGER.tag(text, "de", ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("Das Treffen fand am 2. Dezember 2021 statt.", ("2. Dezember 2021", "DATE", "2021-12-02")),
    ("Das Treffen fand am 02.12.2021 statt.", ("02.12.2021", "DATE", "2021-12-02")),
    ("Gewählt wird am 13.4. im ganzen Land.", ("13.4.", "DATE", "2022-04-13")),
    ("Der Vertrag lief im Dezember 2020 aus.", ("Dezember 2020", "DATE", "2020-12")),
    ("Die Firma wurde im Jahr 1998 gegründet.", ("Jahr 1998", "DATE", "1998")),
    ("Seit 2019 ist er im Amt.", ("2019", "DATE", "2019")),
    ("Das war in den 1990er Jahren.", ("den 1990er Jahren", "DATE", "199")),
])
def test_absolute_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert tag(text) == [expected]


@pytest.mark.parametrize("text, value", [
    ("Gestern traf er Lawrow.", "2021-12-01"),
    ("Heute beginnt der Gipfel.", "2021-12-02"),
    ("Morgen reist sie ab.", "2021-12-03"),
    ("Die Preise steigen in drei Wochen.", "2021-W51"),
    ("Vergangene Woche gab es Gespräche.", "2021-W47"),
    ("Nächsten Monat wird gewählt.", "2022-01"),
    ("Heuer gab es wenig Schnee.", "2021"),
    ("Im Vorjahr war das anders.", "2020"),
])
def test_relative_dates(text: str, value: str) -> None:
    assert one(text).value == value


def test_weekday_follows_the_tense_of_the_clause() -> None:
    assert one("Am Dienstag hatte er mit Blinken gesprochen.").value == "2021-11-30"
    assert one("Am Dienstag wird er mit Blinken sprechen.").value == "2021-12-07"


def test_time_anchored_to_the_date_of_the_sentence() -> None:
    found = TAGGER.tag("Am 5. Dezember beginnt das Fest um 20 Uhr.", "de", REF)
    assert [(t.text, t.value) for t in found] == [("5. Dezember", "2021-12-05"),
                                                   ("20 Uhr", "2021-12-05T20:00")]
    assert found[1].type == "TIME"


@pytest.mark.parametrize("text, value, mod", [
    ("Anfang Januar soll es losgehen.", "2022-01", "START"),
    ("Mitte März 2022 ist Schluss.", "2022-03", "MID"),
    ("Ende 2021 läuft das Programm aus.", "2021", "END"),
])
def test_parts_carry_a_mod(text: str, value: str, mod: str) -> None:
    t = one(text)
    assert (t.value, t.mod) == (value, mod)


def test_season_and_quarter() -> None:
    assert one("Im Frühjahr 2022 soll gebaut werden.").value == "2022-SP"
    assert one("Im dritten Quartal stieg der Umsatz.").value == "2021-Q3"


def test_vague_future_interval() -> None:
    t = one("Ein Treffen ist in naher Zukunft geplant.")
    assert (t.value, t.vague) == ("FUTURE_REF", True)
    assert t.earliest == REF + dt.timedelta(days=1) and t.latest > t.earliest
    t = one("In den nächsten Tagen wird entschieden.")
    assert (t.value, t.vague) == ("FUTURE_REF", True)
    assert (t.earliest, t.latest) == (REF + dt.timedelta(days=1), REF + dt.timedelta(days=10))


def test_present_and_past_refs() -> None:
    assert one("Derzeit gibt es keine Pläne.").value == "PRESENT_REF"
    assert one("Er hatte kürzlich gekündigt.").value == "PAST_REF"


def test_durations_and_sets() -> None:
    assert tag("Die Verhandlungen dauerten drei Tage.") == [("drei Tage", "DURATION", "P3D")]
    assert tag("Der Flug dauert zwei Stunden.") == [("zwei Stunden", "DURATION", "PT2H")]
    assert tag("Die Zeitung erscheint täglich.") == [("täglich", "SET", "P1D")]
    assert tag("Er trainiert jeden Montag.") == [("jeden Montag", "SET", "XXXX-WXX-1")]


@pytest.mark.parametrize("text", [
    "Er kam mit dem Zug.",                # "mit" is not Mittwoch
    "Rund 1.000 Menschen demonstrierten.",  # not a year
    "2000 Menschen kamen zur Kundgebung.",  # a count, not a year
    "Der Saal hat 1500 Plätze.",
])
def test_traps(text: str) -> None:
    assert tag(text) == []


def test_without_reference_date_nothing_is_invented() -> None:
    assert one("Am 2. Dezember trafen sie sich.", ref=None).value == "XXXX-12-02"
    t = one("Gestern trafen sie sich.", ref=None)
    assert t.value.startswith("XXXX") and t.earliest is None
    assert one("Nächsten Monat wird gewählt.", ref=None).value == "XXXX-XX"


def test_offsets_sentences_and_no_overlap() -> None:
    text = "Am Montag sprachen sie. Am 3. Dezember 2021 reisen sie ab."
    sentences = [Sentence(start=0, end=23, text=text[:23], index=0),
                 Sentence(start=24, end=len(text), text=text[24:], index=1)]
    found = TAGGER.tag(text, "de", REF, sentences)
    assert [t.sentence for t in found] == [0, 1]
    for t in found:
        assert text[t.start:t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_interval_conventions() -> None:
    assert interval("2021-12") == (dt.date(2021, 12, 1), dt.date(2021, 12, 31))
    assert interval("2021-W48") == (dt.date(2021, 11, 29), dt.date(2021, 12, 5))
    assert interval("2021-W48-WE") == (dt.date(2021, 12, 4), dt.date(2021, 12, 5))
    assert interval("2021-Q1") == (dt.date(2021, 1, 1), dt.date(2021, 3, 31))
    assert interval("2021-SU") == (dt.date(2021, 6, 1), dt.date(2021, 8, 31))
    assert interval("199") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert interval("PAST_REF") == (None, None)
    day = one("Das Treffen fand am 2. Dezember 2021 statt.")
    assert (day.earliest, day.latest) == (REF, REF)


@pytest.mark.parametrize("text", ["vor 1.000.000 Tagen", "in 99999 Jahren", "Am 31.2.2021", "Q5 2021", ""])
@pytest.mark.parametrize("ref", [REF, None, dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_out_of_calendar_input_does_not_crash(text: str, ref: dt.date | None) -> None:
    for t in TAGGER.tag(text, "de", ref):
        assert text[t.start:t.end] == t.text


def test_weak_past_verbs_place_a_weekday_in_the_past() -> None:
    """Regular past forms ("öffnete", "lehnten … ab") are a past cue; a present plural of a
    t-stem ("statten … ab") and subjunctives ("hätte") are not."""
    tagger = RuleTemporalTagger()
    ref = dt.date(2021, 12, 2)  # a Thursday

    def day(text: str) -> str:
        return tagger.tag(text, "de", ref)[0].value

    assert day("Am Sonntag öffnete das Museum Quellbach erst spät.") == "2021-11-28"
    assert day("Am Samstag lehnten sie den Antrag der Gemeinde ab.") == "2021-11-27"
    assert day("Am Samstag statten sie Quellbach einen Besuch ab.") == "2021-12-04"
