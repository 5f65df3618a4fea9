"""Compositional grammar of the temporal tagger (issue 13, item 4), both languages, on invented
sentences: TimeML conventions, decades/centuries in words, compound and fractional durations,
clock words, habitual sets, historic years, upper-case months, and the filters for ages, counts
and names that contain time words."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.extract.temporal import RuleTemporalTagger

REF = dt.date(2021, 12, 2)  # a Thursday
TAGGER = RuleTemporalTagger()


def tag(text: str, lang: str, ref: dt.date | None = REF) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in TAGGER.tag(text, lang, ref)]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Vor drei Jahren zog die Familie Quastl nach Wiesbach.", ("drei Jahren", "DURATION", "P3Y")),
    ("en", "Three years ago the Prendle family moved to Oakbury.", ("Three years", "DURATION", "P3Y")),
    ("en", "The barn burned two weeks ago.", ("two weeks", "DURATION", "P2W")),
])
def test_ago_is_a_duration_with_the_interval_it_points_at(lang: str, text: str, expected: tuple) -> None:
    found = TAGGER.tag(text, lang, REF)
    assert [(t.text, t.type, t.value) for t in found] == [expected]
    assert found[0].earliest is not None and found[0].earliest.year in (2018, 2021)


def test_vague_ago_is_a_vague_duration() -> None:
    assert tag("Vor wenigen Tagen brannte die Scheune.", "de") == [("wenigen Tagen", "DURATION", "PXD")]


def test_ago_without_reference_date_invents_no_year() -> None:
    found = TAGGER.tag("Vor drei Jahren zog die Familie Quastl nach Wiesbach.", "de", None)
    assert [(t.type, t.value, t.earliest) for t in found] == [("DURATION", "P3Y", None)]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Die Kapelle Lunz wurde in den Achtzigerjahren gebaut.", ("den Achtzigerjahren", "DATE", "198")),
    ("de", "In den Neunzigern war der Hof Brenntal noch bewohnt.", ("den Neunzigern", "DATE", "199")),
    ("de", "Mitte der Siebziger Jahre kam die Wende für Ferlach.", ("Mitte der Siebziger Jahre", "DATE", "197")),
    ("de", "Im neunzehnten Jahrhundert lebten im Tal nur Köhler.", ("neunzehnten Jahrhundert", "DATE", "18")),
    ("en", "The Glimmer mill was built in the eighties.", ("the eighties", "DATE", "198")),
    ("en", "In the nineteenth century only charcoal burners lived there.", ("the nineteenth century", "DATE", "18")),
])
def test_decades_and_centuries_in_words(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


def test_decade_words_after_a_possessive_are_an_age() -> None:
    assert tag("Mrs Quilby is in her eighties.", "en") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Er saß drei Jahre und vier Monate in Haft.", ("drei Jahre und vier Monate", "DURATION", "P3Y4M")),
    ("de", "Die Sitzung dauerte zwei Stunden und 20 Minuten.", ("zwei Stunden und 20 Minuten", "DURATION", "PT2H20M")),
    ("de", "Ein halbes Jahr lang wartete sie auf Post.", ("Ein halbes Jahr", "DURATION", "P6M")),
    ("de", "Sie wartete eine halbe Stunde.", ("eine halbe Stunde", "DURATION", "PT30M")),
    ("en", "He served three years and four months in prison.", ("three years and four months", "DURATION", "P3Y4M")),
    ("en", "She waited half a year for a reply.", ("half a year", "DURATION", "P6M")),
])
def test_compound_and_fractional_durations(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


@pytest.mark.parametrize("lang, text, value", [
    ("de", "Die Probe beginnt um halb neun.", "2021-12-02T08:30"),
    ("de", "Um Viertel nach acht abends kam der Bus.", "2021-12-02T20:15"),
    ("de", "Gegen Viertel vor zehn schloss der Laden.", "2021-12-02T09:45"),
    ("en", "The rehearsal starts at half past eight in the evening.", "2021-12-02T20:30"),
    ("en", "The shop closed at quarter to ten.", "2021-12-02T09:45"),
])
def test_clock_words(lang: str, text: str, value: str) -> None:
    assert [(t.type, t.value) for t in TAGGER.tag(text, lang, REF)] == [("TIME", value)]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Nachts ist es in Wiesbach still.", ("Nachts", "SET", "XXXX-XX-XXTNI")),
    ("de", "Jedes Jahr kommen Wanderer nach Lunz.", ("Jedes Jahr", "SET", "P1Y")),
    ("de", "Jeden Morgen füttert sie die Ziegen.", ("Jeden Morgen", "SET", "XXXX-XX-XXTMO")),
    ("en", "Every morning she feeds the goats.", ("Every morning", "SET", "XXXX-XX-XXTMO")),
])
def test_habitual_sets(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


def test_part_of_day_after_a_clock_time_is_no_set() -> None:
    assert [t[1] for t in tag("Er kam um 3 Uhr morgens.", "de")] == ["TIME"]


@pytest.mark.parametrize("lang, text, values", [
    ("de", "Die Burg Falkenreuth wurde um 1230 erbaut und 1170 erstmals erwähnt.", ["1230", "1170"]),
    ("en", "Castle Wrenholt was built around 1230.", ["1230"]),
    ("de", "Am 3. MÄRZ wählt Wiesbach.", ["2022-03-03"]),
    ("en", "Oakbury votes on 3 MARCH 2022.", ["2022-03-03"]),
])
def test_historic_years_and_upper_case_months(lang: str, text: str, values: list[str]) -> None:
    assert [t[2] for t in tag(text, lang)] == values


def test_end_of_next_year_is_next_year() -> None:
    assert tag("Ende nächsten Jahres soll die Brücke fertig sein.", "de") == [
        ("Ende nächsten Jahres", "DATE", "2022")]
    assert TAGGER.tag("Ende nächsten Jahres soll die Brücke fertig sein.", "de", REF)[0].mod == "END"


@pytest.mark.parametrize("lang, text", [
    ("de", "Kinder bis 15 Jahre zahlen im Freibad Lunz nichts."),
    ("de", "Jugendliche unter 18 Jahren dürfen nicht hinein."),
    ("de", "Davon 2000 aus dem Nachbartal."),
    ("en", "Children up to 15 years travel free on the Oakbury line."),
    ("en", "She told the Radio Glimmer Today programme she was happy."),
    ("en", "Clocks go forward when British Summer Time begins."),
    ("en", "She spoke on the Sunday Show of Radio Glimmer."),
])
def test_ages_counts_and_names_are_no_times(lang: str, text: str) -> None:
    assert [t for t in tag(text, lang) if t[1] in ("DATE", "DURATION", "TIME")] == [] or \
        all(t[0] not in ("Today", "Summer", "Sunday", "15 Jahre", "18 Jahren", "15 years", "2000")
            for t in tag(text, lang))


def test_a_weekday_before_a_name_of_person_is_still_a_date() -> None:
    assert [t[2] for t in tag("On Sunday Ms Prendle said nothing.", "en")] == ["2021-11-28"]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Das Dorf Quellbach wurde 1348 von der Pest heimgesucht.", [("1348", "DATE", "1348")]),
    ("de", "1871 bekam Quellbach einen Bahnhof.", [("1871", "DATE", "1871")]),
    ("de", "Die Kapelle entstand 1210 und wurde 1480 erweitert.", [("1210", "DATE", "1210"), ("1480", "DATE", "1480")]),
    ("en", "The Hollin priory was founded 1132 by monks.", [("1132", "DATE", "1132")]),
    ("en", "1848 brought unrest to Hollin.", [("1848", "DATE", "1848")]),
])
def test_historic_years_in_running_text(lang: str, text: str, expected: list) -> None:
    assert tag(text, lang) == expected


@pytest.mark.parametrize("lang, text", [
    ("de", "Insgesamt kamen 1350 Besucher nach Quellbach."),
    ("de", "Davon 1450 aus dem Nachbartal."),
    ("de", "Das steht auf Seite 1432 der Chronik."),
    ("de", "Zwischen 1200 und 1500 Menschen kamen."),
    ("de", "Es kamen 1350 bis 1400 Gäste."),
    ("en", "A total of 1990 visitors came to Hollin."),
    ("en", "Some 1350 pilgrims walked to Hollin."),
    ("en", "The note is on page 1432 of the register."),
])
def test_counts_pages_and_ranges_are_no_years(lang: str, text: str) -> None:
    assert [t for t in tag(text, lang) if t[1] == "DATE"] == []


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Im späten 18. Jahrhundert wuchs Quellbach.", ("späten 18. Jahrhundert", "17", "END")),
    ("de", "Anfang des 19. Jahrhunderts kam die Bahn.", ("Anfang des 19. Jahrhunderts", "18", "START")),
    ("de", "Ende der 1980er Jahre zog Fenske weg.", ("Ende der 1980er Jahre", "198", "END")),
    ("en", "In the mid-19th century the railway reached Hollin.", ("the mid-19th century", "18", "MID")),
    ("en", "In the early twentieth century Hollin grew.", ("the early twentieth century", "19", "START")),
])
def test_parts_of_centuries_and_decades(lang: str, text: str, expected: tuple) -> None:
    found = TAGGER.tag(text, lang, REF)
    assert [(t.text, t.value, t.mod) for t in found] == [expected]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Zweimal im Jahr tagt der Rat von Quellbach.", ("Zweimal im Jahr", "SET", "P1Y")),
    ("de", "Jeden zweiten Tag fährt ein Bus nach Quellbach.", ("Jeden zweiten Tag", "SET", "P2D")),
    ("de", "An Wochenenden ist das Museum voll.", ("Wochenenden", "SET", "XXXX-WXX-WE")),
    ("de", "Jahrhundertelang gehörte das Tal dem Kloster.", ("Jahrhundertelang", "DURATION", "PXCE")),
    ("de", "Ein Vierteljahrhundert lang regierte Fenske.", ("Ein Vierteljahrhundert", "DURATION", "P25Y")),
    ("en", "Twice a year the Hollin council meets.", ("Twice a year", "SET", "P1Y")),
    ("en", "Every other day a bus leaves for Hollin.", ("Every other day", "SET", "P2D")),
    ("en", "At weekends the museum is packed.", ("weekends", "SET", "XXXX-WXX-WE")),
    ("en", "He ruled Hollin for a quarter of a century.", ("a quarter of a century", "DURATION", "P25Y")),
])
def test_frequencies_habits_and_long_spans(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


def test_the_fall_of_something_is_no_season() -> None:
    assert tag("1989 saw the fall of the old regime in Hollin.", "en") == [("1989", "DATE", "1989")]
    assert tag("In the fall of 1989 the regime fell.", "en")[0][2] == "1989-FA"


def test_a_past_season_in_december_is_this_years() -> None:
    assert [t[2] for t in tag("Im Frühjahr wurde in Quellbach gewählt.", "de")] == ["2021-SP"]
    assert [t[2] for t in tag("Im Winter wird in Quellbach gewählt.", "de")] == ["2022-WI"]


def test_a_compound_with_today_is_a_name() -> None:
    assert tag("Der Heute-Show-Moderator lachte.", "de") == []


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "For decades the Hollin parties have argued about pensions.", [("decades", "DURATION", "PXY")]),
    ("en", "Over the past twenty years Hollin has changed.", [("the past twenty years", "DURATION", "P20Y")]),
    ("de", "Über die letzten zwei Jahre hat sich Quellbach verändert.", [("die letzten zwei Jahre", "DURATION", "P2Y")]),
    ("de", "Übernächste Woche beginnt der Prozess gegen Fenske.", [("Übernächste Woche", "DATE", "2021-W50")]),
    ("en", "She has three children, aged 4, 7 and 12 years.", []),
])
def test_vague_spans_prepositions_and_age_lists(lang: str, text: str, expected: list) -> None:
    assert tag(text, lang) == expected


def test_over_before_a_number_is_still_more_than() -> None:
    found = TAGGER.tag("The Hollin strike lasted over two weeks.", "en", REF)
    assert [(t.text, t.value, t.mod) for t in found] == [("two weeks", "P2W", "MORE_THAN")]


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Hollin shares fell to a level not seen in 58 years.", ("58 years", "DURATION", "P58Y")),
    ("en", "It was the first time in 20 years that Hollin won.", ("20 years", "DURATION", "P20Y")),
    ("en", "It was the biggest slide in a month.", ("a month", "DURATION", "P1M")),
    ("en", "The Hollin bridge will reopen in two years.", ("two years", "DATE", "2023")),
    ("de", "Quellbach baute die Brücke in zwei Jahren.", ("zwei Jahren", "DURATION", "P2Y")),
    ("de", "Zum ersten Mal in 20 Jahren gewann Quellbach.", ("20 Jahren", "DURATION", "P20Y")),
    ("de", "Wer weiß, ob der Hype nicht in zwei Jahren vorbei ist.", ("zwei Jahren", "DATE", "2023")),
])
def test_in_n_units_is_a_span_after_superlatives_negated_perfects_and_in_the_past(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


@pytest.mark.parametrize("lang, text", [
    ("en", "It was the worst day for Hollin since Black Monday in 1987."),
    ("de", "Am Schwarzen Freitag 1929 brach die Börse in Quellbach ein."),
])
def test_named_days_are_no_weekdays(lang: str, text: str) -> None:
    assert [t[2] for t in tag(text, lang)] in (["1987"], ["1929"])


def test_the_last_month_of_the_year_is_no_last_month() -> None:
    assert tag("Im letzten Monat des Jahres kommt die neue Kamera.", "de") == []


def test_wont_is_no_past() -> None:
    assert [t[2] for t in tag("In five years' time I won't be in Hollin.", "en")] == ["2026"]


@pytest.mark.parametrize("lang, text, value", [
    ("en", "Fenske was arrested on Feb. 3 and released two days later.", "2021-02-05"),
    ("en", "In 1990 Fenske left Hollin. Three years later he returned.", "1993"),
    ("de", "Am 3. Mai kam Fenske an, zwei Tage später ging er.", "2021-05-05"),
])
def test_later_and_earlier_count_from_the_day_or_year_named_last(lang: str, text: str, value: str) -> None:
    assert tag(text, lang)[-1][2] == value


def test_later_without_an_anchor_stays_unspecified() -> None:
    assert tag("Zwei Tage später ging Fenske.", "de") == [("Zwei Tage später", "DATE", "XXXX-XX-XX")]
    assert tag("It arrives three days later than planned.", "en") == []


def test_later_counts_from_a_month_but_not_a_day_from_a_year() -> None:
    assert tag("Im Jänner testete die Gemeinde eine Pumpe und einen Monat später eine zweite.", "de")[-1][2] == "2021-02"
    assert tag("1945 kam Fenske nach Quellbach. Fünf Tage später ging er.", "de")[-1][2] == "XXXX-XX-XX"


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Das hat Fenske schon vor Jahren gesagt.", ("Jahren", "DURATION", "PXY")),
    ("de", "Binnen Wochen war Quellbach leer.", ("Wochen", "DURATION", "PXW")),
    ("en", "Hollin was empty within weeks.", ("weeks", "DURATION", "PXW")),
    ("en", "The Hollin trial could take months.", ("months", "DURATION", "PXM")),
])
def test_bare_plural_units_after_a_preposition_are_vague_durations(lang: str, text: str, expected: tuple) -> None:
    assert tag(text, lang) == [expected]


@pytest.mark.parametrize("lang, text, expected", [
    ("de", "Fenske hat den ganzen Tag gearbeitet.", [("den ganzen Tag", "DURATION", "P1D")]),
    ("de", "Jahr für Jahr kommen mehr Gäste nach Quellbach.", [("Jahr für Jahr", "SET", "P1Y")]),
    ("en", "Year after year more visitors come to Hollin.", [("Year after year", "SET", "P1Y")]),
    ("de", "In der Nacht auf Sonntag brannte die Scheune.", [("In der Nacht auf Sonntag", "TIME", "2021-11-27TNI")]),
    ("de", "Fenske kam gegen Mitternacht.", [("Mitternacht", "TIME", "2021-12-02T24:00")]),
    ("de", "Von Montag bis Freitag ist das Amt offen.", [("Montag", "DATE", "2021-11-29"), ("Freitag", "DATE", "2021-12-03")]),
    ("en", "The Hollin strike lasted from Monday through Friday.", [("Monday", "DATE", "2021-11-29"), ("Friday", "DATE", "2021-12-03")]),
])
def test_whole_units_habits_nights_and_weekday_ranges(lang: str, text: str, expected: list) -> None:
    assert tag(text, lang) == expected


def test_the_year_after_counts_from_the_year_named_last() -> None:
    assert tag("1990 zog Fenske nach Quellbach. Im Jahr darauf starb er.", "de")[-1] == (
        "Im Jahr darauf", "DATE", "1991")
    assert tag("Im Jahr darauf starb Fenske.", "de") == [("Im Jahr darauf", "DATE", "XXXX")]


def test_a_kind_of_day_between_number_and_unit() -> None:
    assert tag("Hollin shares lost 9% in the last seven trading days.", "en") == [
        ("the last seven trading days", "DURATION", "P7D")]


def test_german_kinds_of_day_are_units() -> None:
    assert tag("Die Quellbach-Aktie verlor in den letzten sieben Handelstagen 9 Prozent.", "de") == [
        ("den letzten sieben Handelstagen", "DURATION", "P7D")]


@pytest.mark.parametrize("lang, text, ref, value", [
    ("en", "Hollin farmers are set to protest at the spring fair.", dt.date(2005, 3, 16), "2005-SP"),
    ("en", "Hollin farmers will protest in the spring.", dt.date(2005, 5, 20), "2006-SP"),
    ("de", "Im Sommer wurde in Quellbach gewählt.", dt.date(2021, 7, 20), "2021-SU"),
    ("de", "Im Sommer wurde in Quellbach gewählt.", dt.date(2021, 6, 5), "2020-SU"),
])
def test_the_current_season_is_this_years_unless_just_begun_or_nearly_over(
        lang: str, text: str, ref: dt.date, value: str) -> None:
    assert [t.value for t in TAGGER.tag(text, lang, ref)] == [value]


@pytest.mark.parametrize("lang, text, expected", [
    # a month or season after "each"/"jeden" is a habit, not this year's
    ("en", "Shepherds drive the flocks down each October.", [("each October", "SET", "XXXX-10")]),
    ("en", "Every winter the Tarrow pass is closed.", [("Every winter", "SET", "XXXX-WI")]),
    ("de", "Jeden Oktober treiben die Hirten die Herden ins Tal.", [("Jeden Oktober", "SET", "XXXX-10")]),
    ("de", "Jeden Winter ist der Tarrowpass gesperrt.", [("Jeden Winter", "SET", "XXXX-WI")]),
    # bare plural + ago: a vague duration, as "vor Jahren"
    ("en", "Only weeks ago the Hollin mill was for sale.", [("weeks", "DURATION", "PXW")]),
    ("de", "Noch vor Wochen stand die Mühle in Quellbach zum Verkauf.", [("Wochen", "DURATION", "PXW")]),
    # "couple of" counts two
    ("en", "Over the next couple of years Oakbury will build a school.",
     [("the next couple of years", "DURATION", "P2Y")]),
    # the week of a named day
    ("en", "The Prendle trial is set for the week of March 7.", [("the week of March 7", "DATE", "2022-W10")]),
    ("de", "Der Prozess gegen Quastl ist für die Woche vom 7. März angesetzt.",
     [("die Woche vom 7. März", "DATE", "2022-W10")]),
])
def test_habitual_months_vague_ago_couples_and_weeks_of_a_day(lang: str, text: str, expected: list) -> None:
    assert tag(text, lang) == expected


@pytest.mark.parametrize("lang, text, value", [
    # a deadline preposition points ahead when no verb says otherwise
    ("en", "The Hollin tenants have until Tuesday to reply.", "2021-12-07"),
    ("en", "Forms must be returned by Tuesday.", "2021-12-07"),
    ("de", "Die Mieter in Quellbach haben bis Dienstag Zeit.", "2021-12-07"),
    ("de", "Die Anträge müssen bis spätestens Dienstag eingehen.", "2021-12-07"),
    # ... but a past verb still wins
    ("en", "The Hollin mill stayed closed until Tuesday.", "2021-11-30"),
    ("de", "Die Mühle in Quellbach war bis Dienstag geschlossen.", "2021-11-30"),
])
def test_deadline_prepositions_point_ahead(lang: str, text: str, value: str) -> None:
    assert [t.value for t in TAGGER.tag(text, lang, REF)] == [value]


@pytest.mark.parametrize("lang, text, value", [
    # the past of an inserted relative clause does not date the main clause's weekday
    ("de", "Der Bürgermeister, der gestern zurücktrat, fliegt am Sonntag nach Tarrow.", "2021-12-05"),
    ("en", "The sale, which had been expected, is part of a plan to repay the Hollin loan by February.",
     "2022-02"),
    # a participle before "by" is passive, not a past tense ("a group led by ...")
    ("en", "A group led by Hollin Bank extends its loans through January.", "2022-01"),
    # present-tense schedule verbs point ahead
    ("en", "The Oakbury ferry leaves on Sunday.", "2021-12-05"),
])
def test_tense_cues_of_other_clauses_and_participles(lang: str, text: str, value: str) -> None:
    assert [t.value for t in TAGGER.tag(text, lang, REF)][-1] == value


@pytest.mark.parametrize("lang, text", [
    # a lower-case time word capitalised inside a sentence is part of a title or name
    ("en", "The minister told Radio Glimmer's Today the plan was sound."),
    ("en", "He wrote a column for the Daily Courant in Oakbury."),
    ("en", "The interview appeared in Gardening Weekly last month."),
    ("en", "The fly-half Tom Noon kicked two penalties."),
    ("en", "Their old hit It's Now or Never is back in the charts."),
    ("en", "The band played Prendle Midnight Express songs."),
    ("en", "The Tarrow Institute for the Future published a report."),
    ("en", "She won the Oakbury Book of the Year prize."),
    # a capitalised season before a name, a weekday inside a newspaper or show title
    ("en", "The town bid for the Winter Olympics in Tarrow."),
    ("en", "The film My Summer of Prendle opened in Oakbury."),
    ("en", "He told the Sunday Courant that he would stay."),
    ("en", "She spoke on Radio Glimmer's Sunday Live programme."),
    # a capitalised word before a holiday makes another name ("Father Christmas")
    ("en", "The children wrote to Grandfather Christmas in Oakbury."),
    ("de", "Die Sendung Heute konkret berichtete über Quellbach."),
    ("de", "Der Tarrower Frühling wurde 1968 niedergeschlagen."),
    ("de", "Die Abgeordnete Maria Winter trat in Quellbach zurück."),
])
def test_names_with_time_words_are_no_times(lang: str, text: str) -> None:
    assert [t for t in tag(text, lang) if t[0] not in ("1968", "last month")] == []


@pytest.mark.parametrize("lang, text, expected", [
    # ... but a capitalised word at the start of a sentence or quotation is still a time
    ("en", 'He said: "Today we vote on the Oakbury bridge."', [("Today", "DATE", "2021-12-02")]),
    ("en", "Shops were busy. Tonight they close early.", [("Tonight", "TIME", "2021-12-02TNI")]),
    # British style capitalises seasons and centuries: a date unless a name follows
    ("en", "The Hollin deal should close by Spring 2022.", [("Spring 2022", "DATE", "2022-SP")]),
    ("en", "The Hollin mill was built in the 19th Century.", [("the 19th Century", "DATE", "18")]),
    ("de", "Heute beginnt in Quellbach das Fest.", [("Heute", "DATE", "2021-12-02")]),
])
def test_time_words_at_a_sentence_start_stay_times(lang: str, text: str, expected: list) -> None:
    assert tag(text, lang) == expected


@pytest.mark.parametrize("text, expected", [
    # "am Morgen" is the morning, not "morgen" (tomorrow)
    ("Der Bürgermeister sagte am Morgen, die Brücke bleibe zu.", [("Morgen", "TIME", "2021-12-02TMO")]),
    ("Was seit dem Morgen in Quellbach geschah, ist unklar.", [("Morgen", "TIME", "2021-12-02TMO")]),
    ("Sie feierten, als gäbe es kein Morgen.", []),
    ("Morgen kommt der Bürgermeister nach Quellbach.", [("Morgen", "DATE", "2021-12-03")]),
])
def test_german_morgen_noun_and_adverb(text: str, expected: list) -> None:
    assert tag(text, "de") == expected
