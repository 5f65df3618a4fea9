"""English rules of the temporal tagger, on hand-written sentences."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.extract.temporal import RuleTemporalTagger

REF = dt.date(2021, 12, 2)  # a Thursday
TAGGER = RuleTemporalTagger()


def tag(text: str, ref: dt.date | None = REF, language: str = "en") -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER.tag(text, language, ref)]


def one(text: str, ref: dt.date | None = REF):
    found = TAGGER.tag(text, "en", ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, expected", [
    ("The talks took place on December 2, 2021.", ("December 2, 2021", "DATE", "2021-12-02")),
    ("The talks took place on Dec. 2, 2021.", ("Dec. 2, 2021", "DATE", "2021-12-02")),
    ("The talks took place on 2 December 2021.", ("2 December 2021", "DATE", "2021-12-02")),
    ("The deal closed in July 2020.", ("July 2020", "DATE", "2020-07")),
    ("The company was founded in 1998.", ("1998", "DATE", "1998")),
    ("Prices rose in the 1990s.", ("the 1990s", "DATE", "199")),
    ("The filing is dated 2021-11-30.", ("2021-11-30", "DATE", "2021-11-30")),
])
def test_absolute_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert tag(text) == [expected]


def test_us_numeric_dates_are_month_first() -> None:
    assert one("It was signed on 12/2/2021.").value == "2021-12-02"
    assert one("It was signed on 25/12/2021.").value == "2021-12-25"  # 25 cannot be a month


@pytest.mark.parametrize("text, value", [
    ("He met Lavrov yesterday.", "2021-12-01"),
    ("She arrives tomorrow.", "2021-12-03"),
    ("Talks resumed last week.", "2021-W47"),
    ("Elections will be held next month.", "2022-01"),
    ("Sales fell last year.", "2020"),
    ("The vote is planned for this year.", "2021"),
])
def test_relative_dates(text: str, value: str) -> None:
    assert one(text).value == value


@pytest.mark.parametrize("text, expected", [
    # a weekday with a clear part of the day is a TIME (TIMEX3 guidelines, MEANTIME)
    ("The ferry sank on Tuesday morning.", ("Tuesday morning", "TIME", "2021-11-30TMO")),
    ("The jury returned on Tuesday afternoon.", ("Tuesday afternoon", "TIME", "2021-11-30TAF")),
    ("The mayor spoke on Tuesday evening.", ("Tuesday evening", "TIME", "2021-11-30TEV")),
    # "night" after a weekday is evening or night: the day only
    ("The barn burned on Tuesday night.", ("Tuesday night", "DATE", "2021-11-30")),
])
def test_weekday_with_a_part_of_the_day(text: str, expected: tuple[str, str, str]) -> None:
    assert tag(text) == [expected]


def test_weekday_follows_the_tense_of_the_clause() -> None:
    assert one("Blinken met Lavrov on Tuesday.").value == "2021-11-30"
    assert one("Blinken will meet Lavrov on Tuesday.").value == "2021-12-07"


@pytest.mark.parametrize("text, value, mod", [
    ("Output is expected to rise in early 2022.", "2022", "START"),
    ("Sales rose in late November.", "2021-11", "END"),
    ("Prices climbed at the end of 1994.", "1994", "END"),
])
def test_parts_carry_a_mod(text: str, value: str, mod: str) -> None:
    t = one(text)
    assert (t.value, t.mod) == (value, mod)


def test_quarters_and_seasons() -> None:
    assert one("Profit rose in the third quarter.").value == "2021-Q3"
    assert one("Revenue fell in the first quarter of 2020.").value == "2020-Q1"
    assert one("Construction starts in the spring of 2022.").value == "2022-SP"


def test_vague_expressions_get_intervals() -> None:
    t = one("A summit is planned in the coming days.")
    assert (t.value, t.vague) == ("FUTURE_REF", True)
    assert (t.earliest, t.latest) == (REF + dt.timedelta(days=1), REF + dt.timedelta(days=10))
    t = one("The minister resigned recently.")
    assert (t.value, t.vague) == ("PAST_REF", True) and t.latest < REF
    assert one("Currently there are no plans.").value == "PRESENT_REF"


def test_times() -> None:
    found = TAGGER.tag("On Dec. 5 the ceremony begins at 8 p.m.", "en", REF)
    assert [(t.text, t.value) for t in found] == [("Dec. 5", "2021-12-05"), ("8 p.m.", "2021-12-05T20:00")]


def test_durations_and_sets() -> None:
    assert tag("The strike lasted three days.") == [("three days", "DURATION", "P3D")]
    assert tag("The flight takes two hours.") == [("two hours", "DURATION", "PT2H")]
    assert tag("The paper is published daily.") == [("daily", "SET", "P1D")]


@pytest.mark.parametrize("text", [
    "You may leave now if you like.".replace(" now", ""),  # "may" the verb
    "The army will march to the border.",                    # "march" the verb
    "I am sure they can come.",                              # "am" is not a.m.
    "About 2000 people attended.",                           # a count, not a year
])
def test_traps(text: str) -> None:
    assert tag(text) == []


def test_may_the_month() -> None:
    assert one("The law took effect in May.").value == "2021-05"
    assert one("It ends May 5.").value in ("2021-05-05", "2022-05-05")


def test_without_reference_date_nothing_is_invented() -> None:
    assert one("They met on December 2.", ref=None).value == "XXXX-12-02"
    t = one("They met yesterday.", ref=None)
    assert t.value.startswith("XXXX") and t.earliest is None


def test_unknown_language_falls_back_to_english_rules() -> None:
    assert tag("Le 12/02/2021 ... on March 3, 2020", language="fr")[-1] == ("March 3, 2020", "DATE", "2020-03-03")


def test_vague_refs_are_not_read_inside_adjectives_or_relative_clauses() -> None:
    assert tag("The now-defunct airline sold its fleet.") == []
    assert tag("The soon-to-open bridge was inspected.") == []
    assert tag("His most recent film flopped.") == []
    assert tag("She resigned soon after the vote.") == []
    assert tag("The bridge will open soon.") == [("soon", "DATE", "FUTURE_REF")]
    assert tag("The plant is now closed.") == [("now", "DATE", "PRESENT_REF")]


def test_universal_time_zone_marks_the_value_with_z() -> None:
    assert tag("The rocket lifted off at 14:05 UTC.") == [("14:05 UTC", "TIME", "2021-12-02T14:05Z")]
    assert tag("Polls close at 9 p.m. GMT.") == [("9 p.m. GMT", "TIME", "2021-12-02T21:00Z")]
    assert tag("The shop opens at 14:05.") == [("14:05", "TIME", "2021-12-02T14:05")]


@pytest.mark.parametrize("text, span, value", [
    ("The repairs took two and a half years.", "two and a half years", "P2.5Y"),
    ("The hearing lasted 3 1/2 hours.", "3 1/2 hours", "PT3H30M"),
    ("The speech lasted an hour and a half.", "an hour and a half", "PT1H30M"),
    ("The strike lasted half an hour.", "half an hour", "PT30M"),
])
def test_half_units_in_durations(text: str, span: str, value: str) -> None:
    assert [(t.text, t.value) for t in TAGGER.tag(text, "en", REF)] == [(span, value)]


def test_unspecified_decades_are_counted_in_years() -> None:
    assert tag("It ended a decades-long feud.") == [("decades-long", "DURATION", "PXY")]


@pytest.mark.parametrize("text, span, value", [
    ("Prices doubled over the past decade.", "the past decade", "P10Y"),
    ("The town changed a lot over the years.", "over the years", "PXY"),
    ("Profits rose in the last half of 2019.", "the last half of 2019", "2019-H2"),
    ("Sales jumped in the final quarter of 2020.", "the final quarter of 2020", "2020-Q4"),
    ("The vote is at midday.", "midday", "2021-12-02T12:00"),
])
def test_spans_and_periods(text: str, span: str, value: str) -> None:
    assert [(t.text, t.value) for t in TAGGER.tag(text, "en", REF)] == [(span, value)]


def test_last_decade_stays_a_calendar_decade() -> None:
    assert one("Inflation was low in the last decade.").value == "201"


@pytest.mark.parametrize("text, span, value", [
    ("He will stay two more weeks.", "two more weeks", "P2W"),
    ("The loan runs for an additional year.", "an additional year", "P1Y"),
    ("After a day-long meeting they left.", "day-long", "P1D"),
    ("It was a decades-long dispute.", "decades-long", "PXY"),
])
def test_duration_phrasings(text: str, span: str, value: str) -> None:
    assert [(t.text, t.value) for t in TAGGER.tag(text, "en", REF)] == [(span, value)]


def test_ages_are_not_durations() -> None:
    assert tag("A 44-year-old man was arrested.") == []


def test_following_and_previous_units_follow_the_period_last_named() -> None:
    found = tag("The firm was founded in 1995. The following year it went public.")
    assert found[-1] == ("The following year", "DATE", "1996")
    found = tag("Talks began in March 2019. The following month they collapsed.")
    assert found[-1] == ("The following month", "DATE", "2019-04")
    assert tag("Sales beat the previous year.") == [("the previous year", "DATE", "2020")]  # no context: now


def test_previous_weekday_counts_back_from_the_day_last_named() -> None:
    found = tag("Shares fell on Friday, Nov. 26. They had risen the previous Friday.")
    assert found[-1] == ("the previous Friday", "DATE", "2021-11-19")


def test_the_day_before_a_clause_is_not_a_date() -> None:
    assert tag("He was seen in Ohio the day before police raided the house.") == []
    text = "The plant closed on Nov. 29. The day before, workers had protested."
    assert tag(text)[-1] == ("The day before", "DATE", "2021-11-28")


def test_fiscal_units_with_a_relative_word() -> None:
    assert tag("Profit will rise in the current fiscal year.") == [("the current fiscal year", "DATE", "2021")]
    assert tag("Sales fell in the last financial quarter.") == [("the last financial quarter", "DATE", "2021-Q3")]


def test_the_next_morning_is_the_day_after_the_one_named() -> None:
    text = "He was arrested on Nov. 20. He appeared in court the next morning."
    assert tag(text)[-1] == ("the next morning", "DATE", "2021-11-21")


def test_high_noon_is_an_idiom() -> None:
    assert tag("For the party it was high noon.") == []
    assert tag("The vote starts at noon.") == [("noon", "TIME", "2021-12-02T12:00")]


def test_the_weekend_in_an_early_week_paper_is_the_one_just_past() -> None:
    monday = dt.date(2021, 11, 29)
    assert one("Over the weekend, the mayor toured the site.", monday).value == "2021-W47-WE"
    assert one("Traders sold ahead of the weekend.", monday).value == "2021-W48-WE"
    assert one("Over the weekend, the museum is open.").value == "2021-W48-WE"  # Thursday: the next one


@pytest.mark.parametrize("text, value", [
    ("Talks in Hollin resume on Monday.", "2021-12-06"),
    ("The Hollin vote is on Monday.", "2021-12-06"),
    ("The Hollin fair opens Saturday.", "2021-12-04"),
    ("The shops in Hollin would not open on Sunday anyway.", "2021-11-28"),
    ("The Hollin talks resumed on Monday.", "2021-11-29"),
])
def test_scheduled_present_places_a_weekday_ahead(text: str, value: str) -> None:
    """A present-tense schedule verb right before a weekday ("resume on Monday", "is on
    Monday") looks ahead; a negated or past one does not."""
    found = RuleTemporalTagger().tag(text, "en", dt.date(2021, 12, 2))
    assert [t.value for t in found] == [value]
