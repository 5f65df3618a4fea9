"""Document-type profiles, reference-time tracking and generic "heute"/"today" (issue 13,
items 1-3), on invented sentences in both languages."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from graphbuilder.extract import temporal
from graphbuilder.extract.temporal import RuleTemporalTagger, load_language, validate_language_file

REF = dt.date(2021, 12, 2)  # a Thursday
TAGGER = RuleTemporalTagger()


def values(text: str, lang: str, ref: dt.date | None = REF, **kw: str) -> list[str]:
    return [t.value for t in TAGGER.tag(text, lang, ref, **kw)]


@pytest.mark.parametrize("lang, text", [
    ("de", "Heute gibt es im Tal kaum noch Köhler."),
    ("de", "Davon lebt Wiesbach bis heute."),
    ("de", "Wie wir heute wissen, war der Plan falsch."),
    ("en", "Even today, few charcoal burners work in the valley."),
])
def test_generic_today_is_the_present(lang: str, text: str) -> None:
    assert values(text, lang) == ["PRESENT_REF"]


@pytest.mark.parametrize("lang, text", [
    ("de", "Heute beginnt in Lunz das Ziegenfest."),
    ("en", "Today the goat fair opens in Oakbury."),
])
def test_specific_today_is_the_document_day(lang: str, text: str) -> None:
    assert values(text, lang) == ["2021-12-02"]


def test_narrative_profile_reads_present_tense_today_as_generic() -> None:
    text = "Heute arbeiten im Tal nur zwei Köhler."
    assert values(text, "de", document_type="news") == ["2021-12-02"]
    assert values(text, "de", document_type="narrative") == ["PRESENT_REF"]


@pytest.mark.parametrize("lang, text", [
    ("de", "Im März 1992 zog Quastl nach Wiesbach. Am 5. März begann er in der Mühle."),
    ("en", "In March 1992 Prendle moved to Oakbury. On 5 March he began at the mill."),
])
def test_story_date_anchors_later_partial_dates_in_narrative(lang: str, text: str) -> None:
    assert values(text, lang, document_type="narrative")[-1] == "1992-03-05"


def test_story_time_ends_when_the_text_returns_to_now() -> None:
    text = ("Im März 1992 zog Quastl nach Wiesbach. Gestern feierte er Geburtstag. "
            "Am 5. März war er beim Bürgermeister.")
    assert values(text, "de", document_type="narrative")[-1] == "2021-03-05"


def test_stated_period_frames_a_later_weekday_in_narrative() -> None:
    text = "In der Woche vom 3. Mai 1999 war Quastl in Lunz. Am Mittwoch traf er den Abt."
    assert values(text, "de", document_type="narrative") == ["1999-W18", "1999-05-05"]
    text = "In the week of 3 May 1999 Prendle was in Oakbury. On Wednesday he met the abbot."
    assert values(text, "en", document_type="narrative")[-1] == "1999-05-05"


def test_news_profile_keeps_the_document_date_for_weekdays() -> None:
    text = "In der Woche vom 3. Mai 1999 war Quastl in Lunz. Am Mittwoch traf er den Abt."
    assert values(text, "de", document_type="news")[-1] == "2021-12-01"


def test_without_reference_date_no_year_is_invented() -> None:
    assert values("Am Mittwoch traf Quastl den Abt. Heute ist Markt.", "de", None) == [
        "XXXX-WXX-3", "XXXX-XX-XX"]
    assert values("On 5 March Prendle met the abbot.", "en", None) == ["XXXX-03-05"]


def test_document_type_is_chosen_from_the_text() -> None:
    lang = load_language("de")
    history = ("Die Mühle entstand im Jahr 1712. Im Jahr 1788 brannte sie ab, seit 1801 steht der "
               "Neubau, um 1866 kam die Eisenbahn.")
    news = "Am Mittwoch beschloss der Rat von Wiesbach den Haushalt 2022. Gestern tagte er erneut."
    sel = temporal._select(temporal._candidates(history, lang))
    assert temporal.choose_document_type(lang, sel, REF) == "narrative"
    sel = temporal._select(temporal._candidates(news, lang))
    assert temporal.choose_document_type(lang, sel, REF) == "news"


def test_unknown_document_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown document type 'poetry'"):
        TAGGER.tag("Heute.", "de", REF, document_type="poetry")


def test_language_file_with_unknown_key_is_refused() -> None:
    raw = tomllib.loads((temporal.DATA_DIR / "de" / "temporal.toml").read_text("utf-8"))
    raw["settings"]["ago_readng"] = "date"
    with pytest.raises(ValueError, match=r"de\.toml.*'ago_readng'"):
        validate_language_file(raw, "data/temporal/de.toml")
    raw = tomllib.loads((temporal.DATA_DIR / "en" / "temporal.toml").read_text("utf-8"))
    raw["rule"][0]["patern"] = "x"
    with pytest.raises(ValueError, match=r"en\.toml.*'patern'"):
        validate_language_file(raw, "data/temporal/en.toml")
    raw = tomllib.loads((temporal.DATA_DIR / "en" / "temporal.toml").read_text("utf-8"))
    raw["profile"]["news"]["todya"] = "generic"
    with pytest.raises(ValueError, match=r"'todya' in \[profile\.news\]"):
        validate_language_file(raw, "data/temporal/en.toml")


@pytest.mark.parametrize("lang, text", [
    ("de", "Früher lebten in Quellbach vor allem Köhler. Heute pendeln die meisten nach Lunz."),
    ("de", "1950 hatte Quellbach 300 Einwohner, heute sind es 4000."),
    ("en", "Once a mining village, Hollin today lives from tourism."),
    ("en", "In 1950 Hollin had 300 residents; today it has 4,000."),
])
def test_today_set_against_the_past_is_the_present(lang: str, text: str) -> None:
    assert values(text, lang, document_type="news")[-1] == "PRESENT_REF"


@pytest.mark.parametrize("lang, text", [
    ("de", "Der Rat tagte früher im Rathaus. Heute wird er im Saal tagen."),
    ("de", "Die Wahl 2019 war knapp. Heute stimmt der Rat erneut ab."),
    ("en", "Once the council has met, the fair opens. Today the council meets."),
    ("en", "The 2019 vote was close. Today the council votes again."),
])
def test_today_of_the_news_stays_the_document_day(lang: str, text: str) -> None:
    assert values(text, lang, document_type="news")[-1] == "2021-12-02"


@pytest.mark.parametrize("text", [
    "Hollin Mills today launched a new loom.",
    "We're seeing today what the Hollin council wanted.",
    "Here is today's quiz from Hollin.",
])
def test_narrative_keeps_a_deictic_today_on_the_document_day(text: str) -> None:
    assert values(text, "en", document_type="narrative") == ["2021-12-02"]


def test_narrative_reads_a_present_tense_today_as_generic() -> None:
    assert values("Today Hollin lives from tourism.", "en", document_type="narrative") == ["PRESENT_REF"]


def test_a_text_without_a_day_of_the_news_cycle_needs_fewer_far_years() -> None:
    lang = load_language("de")
    essay = ("Fenske kam 1961 nach Quellbach. 1975 übernahm er die Mühle, "
             "seit 2020 führt sie seine Tochter.")
    news = essay + " Am Mittwoch feierte er Geburtstag."  # the same years, and a day
    sel = temporal._select(temporal._candidates(essay, lang))
    assert temporal.choose_document_type(lang, sel, REF) == "narrative"
    sel = temporal._select(temporal._candidates(news, lang))
    assert temporal.choose_document_type(lang, sel, REF) == "news"


def test_list_items_are_dated_from_the_document_not_the_story() -> None:
    text = "Im März 1992 zog Quastl nach Wiesbach.\nTermine:\n- 5. März: Empfang im Rathaus"
    assert values(text, "de", document_type="narrative")[-1] == "2022-03-05"
    text = "Im März 1992 zog Quastl nach Wiesbach. Am 5. März begann er in der Mühle."
    assert values(text, "de", document_type="narrative")[-1] == "1992-03-05"


def test_new_context_rules_invent_no_year_without_a_reference_date() -> None:
    text = ("In der Nacht auf Sonntag brannte es. 1990 zog Fenske weg. Im Jahr darauf starb er. "
            "Zwei Tage später regnete es. Von Montag bis Freitag blieb Quastl.")
    assert values(text, "de", None) == ["XXXX-WXX-6TNI", "1990", "1991", "XXXX-XX-XX", "XXXX-WXX-1", "XXXX-WXX-5"]


@pytest.mark.parametrize("lang, text, value", [
    ("de", "Im Sommer ist es in Quellbach immer heiß.", "XXXX-SU"),
    ("de", "Am Sonntag öffnet das Museum meist erst spät.", "XXXX-WXX-7"),
    ("en", "In summer Hollin is usually full.", "XXXX-SU"),
    ("en", "On Sunday the Hollin museum usually opens late.", "XXXX-WXX-7"),
    ("de", "Im Sommer wird in Quellbach gebaut.", "2022-SU"),
    ("en", "On Sunday the Hollin museum opened late.", "2021-11-28"),
])
def test_a_habit_makes_a_season_or_weekday_generic(lang: str, text: str, value: str) -> None:
    assert values(text, lang) == [value]


def test_next_day_counts_from_the_day_named_last() -> None:
    text = "Am 9. November 1989 brannte die Mühle in Quellbach. Am nächsten Tag kam die Presse."
    assert values(text, "de")[-1] == "1989-11-10"
    assert values("Tags darauf kam die Presse nach Quellbach.", "de") == ["2021-12-03"]


def test_a_season_follows_the_story_year_in_narrative() -> None:
    text = "Im Frühjahr 1990 wählte Quellbach. Im Sommer kam die neue Brücke."
    assert values(text, "de", document_type="narrative")[-1] == "1990-SU"
    assert values(text, "de", document_type="news")[-1] != "1990-SU"


def test_an_interview_is_recognised_by_its_speaker_tags() -> None:
    lang = load_language("de")
    text = ("Fenske leitet die Mühle in Quellbach. BLATT: Wie geht es der Mühle? Fenske: Gut. "
            "BLATT: Und heute? Fenske: Heute mahlen wir nur noch Dinkel. BLATT: Seit wann?")
    sel = temporal._select(temporal._candidates(text, lang))
    assert temporal.choose_document_type(lang, sel, REF, text) == "interview"
    assert temporal.choose_document_type(lang, sel, REF) == "news"  # without the text: no tags
    assert "PRESENT_REF" in values(text, "de")


def test_the_interview_profile_keeps_partial_dates_on_the_document_year() -> None:
    text = "Im März 1992 zog Quastl nach Wiesbach. Am 5. März begann er in der Mühle."
    assert values(text, "de", document_type="interview")[-1] == "2021-03-05"


@pytest.mark.parametrize("lang, text", [
    ("de", "Seit 1987 wächst der Ort Wiesbach. Im Mai wurde die Brücke eröffnet."),
    ("en", "Oakbury has grown since 1987. In May the bridge was opened."),
])
def test_a_year_after_since_does_not_become_the_story_time(lang: str, text: str) -> None:
    # "seit 1987" / "since 1987" runs up to now: May is this year's (or last), not 1987's
    assert values(text, lang, document_type="narrative")[1] in ("2021-05", "2020-05")


@pytest.mark.parametrize("text, value", [
    # a tense cue in a complement after the weekday governs that clause, not the weekday's
    ("The council issued a statement Wednesday saying the bridge will reopen.", "2021-12-01"),
    # "next to" is a place
    ("A fire broke out in the shed next to the mill on Wednesday.", "2021-12-01"),
    # a plan overtaken in the past
    ("The offer had been scheduled to expire at midnight Tuesday.", "2021-11-30T24:00"),
    # a schedule verb with an adverb in between still points ahead
    ("The two mayors meet separately Monday with the governor.", "2021-12-06"),
    # deferral verbs point ahead
    ("Officials postponed until Monday morning any decision on the bridge.", "2021-12-06TMO"),
])
def test_english_tense_cues_for_weekdays(text: str, value: str) -> None:
    assert values(text, "en") == [value]


@pytest.mark.parametrize("lang, text", [
    ("de", "Im März 1998 zog die Familie nach Lunz. Jetzt lebt sie in Graz. Im Mai beginnt das Fest."),
    ("en", "In March 1998 the family moved to Lunz. Now they live in Graz. In May the fair begins."),
])
def test_now_brings_a_narrative_back_from_the_story_time(lang: str, text: str) -> None:
    found = values(text, lang, document_type="narrative")
    assert found[0] == "1998-03" and found[-1] in ("2021-05", "2022-05")


def test_a_diary_keeps_its_week_while_weekdays_follow() -> None:
    text = ("In der Woche vom 3. Mai 1999 war das Wetter in Lunz schlecht. Am Montag regnete es. "
            "Am Dienstag schneite es. Dann kam der Wind. Am Mittwoch stürmte es.")
    assert values(text, "de", document_type="narrative") == ["1999-W18", "1999-05-03", "1999-05-04", "1999-05-05"]


def test_a_week_named_long_before_no_longer_frames_a_weekday() -> None:
    text = ("In the week of 3 May 1999 the weather in Oakbury was poor. The river rose. "
            "The bridge closed. The mayor left. On Wednesday the fair opened.")
    assert values(text, "en", document_type="narrative")[-1] != "1999-05-05"
