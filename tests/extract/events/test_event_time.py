"""Event time from the event's own clause (invented sentences, the whole pipeline): the time
attached to the trigger, never one attached to another event or part of a name; without one the
article's date is only a marked fallback: "before report date" for an event told in the past or
perfect, "report date" for statements and the present."""

from __future__ import annotations

import datetime as dt

import pytest

from graphbuilder.graph import BEFORE_REPORT, REPORT_DATE, build_graph, event_time
from graphbuilder.models import Document
from graphbuilder.pipeline import Pipeline

PUBLISHED = dt.date(2023, 3, 16)  # a Thursday


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


def _events(pipe: Pipeline, text: str, lang: str):
    ex = pipe.process(Document(id="t", text=text, published=PUBLISHED), language=lang)
    return ex, [(ev, event_time(ev, PUBLISHED)) for ev in ex.events]


def _by_trigger(events, word: str):
    found = [(ev, t) for ev, t in events
             if word in {ev.trigger.text, *(m.text for m in ev.mentions)}]
    assert found, [ev.trigger.text for ev, _ in events]
    return found[0]


def test_de_fronted_weekday_dates_the_verb(pipe):
    _, evs = _events(pipe, "Am Montag traf Kanzlerin Anna Wetzlar den Präsidenten Tomas Orlik in Graz.", "de")
    ev, t = _by_trigger(evs, "traf")
    assert ev.time_source == "clause" and t["start"] == "2023-03-13" and t["precision"] == "day"


def test_en_attached_weekday_dates_the_verb(pipe):
    _, evs = _events(pipe, "Foreign minister Anna Wetzlar met her counterpart Tomas Orlik on Tuesday.", "en")
    ev, t = _by_trigger(evs, "met")
    assert t["start"] == "2023-03-14" and t["precision"] == "day"


def test_de_date_of_a_preceding_meeting_is_not_the_statements(pipe):
    # "nach dem Treffen am 2. März": the meeting's date; the statement has none of its own
    _, evs = _events(pipe, "Nach dem Treffen am 2. März erklärte Anna Wetzlar, die Gespräche seien gut gewesen.", "de")
    meeting, mt = _by_trigger(evs, "Treffen")
    assert mt["start"] == "2023-03-02"
    stmt, st = _by_trigger(evs, "erklärte")
    assert st["start"] != "2023-03-02" and st["precision"] == BEFORE_REPORT  # "erklärte": told in the past


def test_en_time_of_one_conjunct_does_not_date_the_other(pipe):
    _, evs = _events(pipe, "Norland proposed a freeze last week and Ostmark has begun its own moratorium.", "en")
    ev, t = _by_trigger(evs, "moratorium")
    assert t["precision"] != "week" and t["time_text"] != "last week"


def test_en_programme_name_is_not_a_date(pipe):
    text = "Tomas Orlik told BBC Radio 4's Today programme that the vote had been a mistake."
    ex, evs = _events(pipe, text, "en")
    ev, t = _by_trigger(evs, "told")
    assert t["time_text"] != "Today" and t["precision"] == BEFORE_REPORT  # "told": on or before the article's day


def test_en_year_modifying_a_noun_does_not_date_the_verb(pipe):
    text = "Anna Wetzlar announced that the ministry had reached its 2019 target earlier this month."
    _, evs = _events(pipe, text, "en")
    ev, t = _by_trigger(evs, "announced")
    assert t["time_text"] != "2019"


@pytest.mark.parametrize("text,lang", [
    ("Anna Wetzlar traf sich mit Tomas Orlik in Graz.", "de"),
    ("Anna Wetzlar hat sich mit Tomas Orlik in Graz getroffen.", "de"),
    ("Anna Wetzlar met Tomas Orlik in Graz.", "en"),
    ("Anna Wetzlar has met Tomas Orlik in Graz.", "en"),
])
def test_past_event_without_own_time_lies_before_the_report_date(pipe, text, lang):
    # told in the past or perfect, no time: some time up to the article's date, not on it
    ex, evs = _events(pipe, text, lang)
    ev, t = evs[0]
    assert ev.status == "occurred" and ev.time is None and ev.time_source == "tense"
    assert t["precision"] == BEFORE_REPORT and t["start"] is None and t["end"] == PUBLISHED.isoformat()
    batch = build_graph(ex)
    (node,) = [n for n in batch.nodes if n.label == "Event"]
    assert node.props["precision"] == BEFORE_REPORT and node.props.get("time_text") is None
    assert not [r for r in batch.relationships if r.type == "ON_DATE"]  # not piled on the article's day


@pytest.mark.parametrize("text,lang", [
    ("Später traf sich Anna Wetzlar mit Tomas Orlik in Graz.", "de"),
    ("Auch Anna Wetzlar unterzeichnete das Abkommen mit Tomas Orlik.", "de"),
    ("Later Anna Wetzlar also met Tomas Orlik in Graz.", "en"),
    ("Anna Wetzlar recently met Tomas Orlik in Graz.", "en"),  # "recently": a time with no date to place
])
def test_a_verb_whose_own_form_is_past_lies_before_the_report_date(pipe, text, lang):
    # "später", "auch", "also" keep a clause from being a story's reference time, not from
    # being told in the past: the verb's own form ("traf", "unterzeichnete", "met") says so
    ex, evs = _events(pipe, text, lang)
    ev, t = evs[0]
    assert ev.status == "occurred" and ev.time is None and ev.time_source == "tense"
    assert t["precision"] == BEFORE_REPORT


@pytest.mark.parametrize("text,lang", [
    ("Anna Wetzlar trifft sich mit Tomas Orlik in Graz.", "de"),
    ("Anna Wetzlar hätte Tomas Orlik in Graz getroffen.", "de"),
])
def test_present_or_counterfactual_is_not_read_as_done_before_the_report(pipe, text, lang):
    ex, evs = _events(pipe, text, lang)
    assert evs and all(ev.time_source != "tense" for ev, _ in evs)


@pytest.mark.parametrize("text,lang", [
    ("Seit Jahren kritisiert Anna Wetzlar die Regierung in Graz.", "de"),  # a standing claim
    ("Anna Wetzlar always says that the situation in Graz is calm.", "en"),
    ("Anna Wetzlar says in Graz the situation was calm.", "en"),  # no mark of reported words
    ("Die Kämpfe um Morvenau dauern an.", "de"),
    ("The summit in Graz is important.", "en"),  # a noun in a present clause
])
def test_statement_or_present_without_own_time_is_reported_on(pipe, text, lang):
    # a statement in the present that is no reported utterance (habitual, durative, or without
    # a mark of the words it reports), an ongoing event or a noun in a present clause is
    # reported on the article's day (marked, not "day")
    ex, evs = _events(pipe, text, lang)
    assert evs
    for ev, t in evs:
        if ev.time is None and ev.status in ("occurred", "ongoing"):
            assert ev.time_source == "article" and t["precision"] == REPORT_DATE and t["start"] == PUBLISHED.isoformat()


@pytest.mark.parametrize("text,lang,trigger", [
    ("Anna Wetzlar sagte in Graz, die Lage sei ruhig.", "de", "sagte"),
    ("Anna Wetzlar hat in Graz erklärt, die Lage sei ruhig.", "de", "erklärt"),
    ("Die Lage sei ruhig, hatte Anna Wetzlar in Graz betont.", "de", "betont"),
    ("Tomas Orlik zufolge habe Anna Wetzlar gesagt, die Lage sei ruhig.", "de", "gesagt"),
    ("Anna Wetzlar rief die Regierung in Graz zur Ruhe auf.", "de", "rief"),
    ("Anna Wetzlar nannte die Lage in Graz ruhig.", "de", "nannte"),
    ("Anna Wetzlar hatte damals erklärt, die Lage sei ruhig.", "de", "erklärt"),  # a time with no date to place
    ("Anna Wetzlar said in Graz the situation will stay calm.", "en", "said"),
    ("Anna Wetzlar has told reporters in Graz the situation is calm.", "en", "told"),
    ("The situation is calm, Anna Wetzlar insisted in Graz.", "en", "insisted"),
    ("The party's Anna Wetzlar said there were too many loopholes.", "en", "said"),  # a possessive, no "is"
    ('"This is not the answer to our problems," said Anna Wetzlar.', "en", "said"),  # "to" of the quote
])
def test_statement_told_in_the_past_lies_on_or_before_the_report_date(pipe, text, lang, trigger):
    # the statement's own verb in the simple past or perfect (not the tense of the quote):
    # it was made on or before the article's date, no day of its own
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.type == "STATEMENT" and ev.status == "occurred" and ev.time is None and ev.time_source == "tense"
    assert t["precision"] == BEFORE_REPORT and t["start"] is None and t["end"] == PUBLISHED.isoformat()
    assert not [r for r in build_graph(ex).relationships if r.type == "ON_DATE"]


@pytest.mark.parametrize("text,lang", [
    ("Anna Wetzlar warnt vor Unruhen in Graz\nAnna Wetzlar hat in Graz vor Unruhen gewarnt. "
     "Die Lage sei ernst, sagte Anna Wetzlar.", "de"),
    ("Anna Wetzlar warns of unrest in Graz\nAnna Wetzlar warned of unrest in Graz. "
     "The situation is serious, Anna Wetzlar said.", "en"),
])
def test_a_headline_in_the_present_does_not_hold_back_a_statement_told_in_the_past(pipe, text, lang):
    ex, evs = _events(pipe, text, lang)
    said = [(ev, t) for ev, t in evs if ev.type == "STATEMENT" and ev.time is None]
    assert said and all(ev.time_source == "tense" and t["precision"] == BEFORE_REPORT for ev, t in said)


@pytest.mark.parametrize("text,lang,trigger", [
    ("Am Dienstag wird Anna Wetzlar in Graz bekanntgeben, ob die Lage ruhig sei.", "de", "bekanntgeben"),
    ("Anna Wetzlar will tell reporters in Graz the situation is calm.", "en", "tell"),
])
def test_a_statement_still_to_come_is_never_dated_on_or_before_the_report(pipe, text, lang, trigger):
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.status != "occurred" and ev.time_source != "tense" and t["precision"] not in (BEFORE_REPORT, REPORT_DATE)


def test_without_a_reference_date_there_is_no_tense_reading(pipe):
    ex = pipe.process(Document(id="t", text="Anna Wetzlar met Tomas Orlik in Graz."), language="en")
    assert all(ev.time_source != "tense" for ev in ex.events)


@pytest.mark.parametrize("text,lang", [
    ("Anna Wetzlar wird Tomas Orlik in Graz treffen.", "de"),
    ("Anna Wetzlar will meet Tomas Orlik in Graz.", "en"),
    ("Anna Wetzlar will meet Tomas Orlik in Graz on Monday.", "en"),
])
def test_planned_event_never_dated_on_or_before_the_report(pipe, text, lang):
    ex, evs = _events(pipe, text, lang)
    for ev, t in evs:
        if ev.status in ("planned", "expected", "possible"):
            assert t["start"] is None or t["start"] > PUBLISHED.isoformat()
            assert t["precision"] != REPORT_DATE


def test_en_time_as_a_clause_subject_does_not_date_the_statement(pipe):
    text = 'Next year will be "make or break" for poorer countries Tomas Orlik will say as he sets out his goals.'
    _, evs = _events(pipe, text, "en")
    ev, t = _by_trigger(evs, "say")
    assert ev.time_source != "clause" and t["time_text"] != "Next year"


@pytest.mark.parametrize("text,lang,word,not_text", [
    ("Auf der Seite der Partei wurde am Montag nach der Landtagswahl ein Bild veröffentlicht.", "de", "Landtagswahl", "Montag"),
    ("Tomas Orlik quit as minister last week after being told of the findings.", "en", "told", "last week"),
    ("Before he left for Norland on Tuesday the minister told reporters he was confident.", "en", "told", "Tuesday"),
    ("Anna Wetzlar kritisierte unter Hinweis auf ein Urteil vom 28. Februar die Regierung.", "de", "kritisierte", "28. Februar"),
])
def test_time_on_the_other_side_of_a_sequence_does_not_date_the_event(pipe, text, lang, word, not_text):
    _, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, word)
    assert t["time_text"] != not_text


def test_de_fronted_sequence_phrase_ends_at_the_finite_verb(pipe):
    text = "Zwei Tage nach der abgesagten Reise hat Anna Wetzlar am Mittwoch mit Tomas Orlik telefoniert."
    _, evs = _events(pipe, text, "de")
    ev, t = _by_trigger(evs, "telefoniert")
    assert t["time_text"] == "Mittwoch" and t["start"] == "2023-03-15"


@pytest.mark.parametrize("text,lang,word,not_text", [
    ("Während die Regierung das Ergebnis vom Donnerstag lobte, kündigte die Opposition Widerstand an.", "de", "lobte", "Donnerstag"),
    ("Tomas Orlik was told that this was not an offence under the Fishing Act 2019.", "en", "told", "2019"),
])
def test_year_or_date_of_another_noun_does_not_date_the_event(pipe, text, lang, word, not_text):
    _, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, word)
    assert t["time_text"] != not_text


@pytest.mark.parametrize("text,lang,word,not_text", [
    ("In a new book, Anna Wetzlar says Tomas Orlik warned the minister on 7 March 2019 that the plan was illegal.",
     "en", "says", "7 March 2019"),
    ("Der Beschuss werde fortgesetzt, erklärte Regierungschef Tomas Orlik am Donnerstag.", "de", "Beschuss", "Donnerstag"),
])
def test_time_beyond_another_events_verb_does_not_date_the_event(pipe, text, lang, word, not_text):
    _, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, word)
    assert t["time_text"] != not_text


def test_en_possessive_time_dates_its_noun_not_the_verb(pipe):
    text = "Tomas Orlik said of Tuesday's rally that it had been a turning point."
    _, evs = _events(pipe, text, "en")
    ev, t = _by_trigger(evs, "said")
    assert t["time_text"] != "Tuesday"
    rally, rt = _by_trigger(evs, "rally")
    assert rt["time_text"] == "Tuesday"


def test_en_object_noun_of_a_dated_verb_keeps_the_date():
    # the grammar of time attachment to an object noun, on the rule triggers (the learned
    # tagger may take the verb as the trigger instead)
    text = "Ministers on Monday, 13 March 2023, adopted a new package of sanctions against Ostmark."
    _, evs = _events(Pipeline(events="rules"), text, "en")
    ev, t = _by_trigger(evs, "sanctions")
    assert t["start"] == "2023-03-13"


def test_de_time_word_inside_a_compound_name_is_not_a_date(pipe):
    text = "Die Staatsanwaltschaft sieht von Ermittlungen gegen die Heute-Show ab."
    ex, evs = _events(pipe, text, "de")
    assert all(t["time_text"] != "Heute" for _, t in evs)


def test_en_year_before_the_event_noun_dates_it(pipe):
    """ "the 2004 election": the year modifies the trigger itself; "its 2004 target" (another
    noun) still dates nothing."""
    _, evs = _events(pipe, "Mr Tolland lost the 2004 election in Hollin.", "en")
    ev, t = _by_trigger(evs, "election")
    assert ev.time_source == "clause" and t["start"] == "2004-01-01" and t["precision"] == "year"
    _, evs = _events(pipe, "Its 2004 target was missed, Mr Tolland said on Monday.", "en")
    ev, t = _by_trigger(evs, "said")
    assert t["time_text"] == "Monday"


# -- reference time (the story's last explicit date) ------------------------------------------

def test_de_past_event_without_time_takes_the_story_date(pipe):
    _, evs = _events(pipe, "Im Mai 1994 griffen Rebellen die Stadt Morvenau an. "
                           "Der Bürgermeister wurde verhaftet.", "de")
    ev, t = _by_trigger(evs, "verhaftet")
    assert ev.time_source == "story" and t["start"] == "1994-05-01" and t["end"] == "1994-05-31"
    assert t["precision"] == "month"


def test_en_past_event_without_time_takes_the_story_date(pipe):
    _, evs = _events(pipe, "In April 1997, rebels attacked the border town of Castrelo. "
                           "They burned the market and arrested the mayor.", "en")
    ev, t = _by_trigger(evs, "arrested")
    assert ev.time_source == "story" and t["start"] == "1997-04-01" and t["precision"] == "month"


def test_de_perfect_tense_is_not_the_story_date(pipe):
    # Perfekt ties the event to the time of writing, not to the story's March 1994: some time
    # before the article's date
    _, evs = _events(pipe, "Im Mai 1994 griffen Rebellen die Stadt Morvenau an. "
                           "Der Bürgermeister ist verhaftet worden.", "de")
    ev, t = _by_trigger(evs, "verhaftet")
    assert ev.time_source == "tense" and t["precision"] == BEFORE_REPORT


def test_en_present_perfect_is_not_the_story_date(pipe):
    _, evs = _events(pipe, "In 1999 the army attacked the rebel camp near Tolvana. "
                           "Police have arrested the leader.", "en")
    ev, t = _by_trigger(evs, "arrested")
    assert ev.time_source == "tense" and t["precision"] == BEFORE_REPORT


def test_en_a_time_at_the_article_date_ends_the_story(pipe):
    _, evs = _events(pipe, "In 1999 the army attacked the rebel camp near Tolvana. "
                           "Yesterday the government changed course. Police arrested the leader.", "en")
    ev, t = _by_trigger(evs, "arrested")
    assert ev.time_source == "tense" and t["precision"] == BEFORE_REPORT and t["end"] == PUBLISHED.isoformat()


def test_de_statement_is_not_moved_into_the_story(pipe):
    # a speech act is reported on the article's day, whatever story it tells
    _, evs = _events(pipe, "Im Mai 1994 griffen Rebellen die Stadt Morvenau an. "
                           "Der Gouverneur Karl Ebersfeld erklärte, die Lage sei ruhig.", "de")
    ev, t = _by_trigger(evs, "erklärte")
    assert ev.time_source != "story" and t["start"] != "1994-05-01"


def test_en_story_date_does_not_reach_far_ahead(pipe):
    _, evs = _events(pipe, "In April 1997, rebels attacked the border town of Castrelo. "
                           "Farmers sold their cattle. Prices fell. Traders left the market. "
                           "Police arrested the mayor.", "en")
    ev, t = _by_trigger(evs, "arrested")
    assert ev.time_source != "story"


def test_without_a_reference_date_there_is_no_story_time(pipe):
    ex = pipe.process(Document(id="t", text="In April 1997, rebels attacked the border town of Castrelo. "
                                             "They burned the market and arrested the mayor."), language="en")
    assert all(ev.time_source != "story" for ev in ex.events)


@pytest.mark.parametrize("text,lang,trigger", [
    ("Die Lage sei ruhig, sagt Anna Wetzlar in Graz.", "de", "sagt"),  # the inquit after the quote
    ("Anna Wetzlar sagt in Graz, dass die Lage ruhig sei.", "de", "sagt"),  # opening a dass-clause
    ("In Graz erklärt Anna Wetzlar, die Lage sei ruhig.", "de", "erklärt"),  # … or one in Konjunktiv I
    ("Anna Wetzlar betont: Die Lage ist ruhig.", "de", "betont"),
    ('"The situation is calm," says Anna Wetzlar.', "en", "says"),
    ("Anna Wetzlar says that the situation in Graz is calm.", "en", "says"),
])
def test_a_reportive_present_statement_lies_on_or_before_the_report_date(pipe, text, lang, trigger):
    # the news present of a speech verb that reports words given before: the quotation precedes
    # its report, and the present does not place the saying on the article's day
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.type == "STATEMENT" and ev.status == "occurred" and ev.time is None and ev.time_source == "tense"
    assert t["precision"] == BEFORE_REPORT and t["start"] is None and t["end"] == PUBLISHED.isoformat()


@pytest.mark.parametrize("text,lang,trigger", [
    ("Anna Wetzlar sprach auf einer Konferenz in Graz über die Lage.", "de", "Konferenz"),
    ("In Morvenau gab es einen Anschlag auf die Polizei.", "de", "Anschlag"),  # "es gab"
    ("Bei einem Anschlag in Morvenau wurden drei Polizisten verletzt.", "de", "Anschlag"),
    ("Nach dem Prozess in Graz saß Tomas Orlik drei Jahre im Gefängnis.", "de", "Prozess"),
    ("The summit in Graz ended without a deal.", "en", "summit"),
    ("Three officers were injured in an attack in Morvenau.", "en", "attack"),
])
def test_an_event_noun_takes_the_past_tense_of_its_clause(pipe, text, lang, trigger):
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.status == "occurred" and ev.time is None and ev.time_source == "tense"
    assert t["precision"] == BEFORE_REPORT and t["end"] == PUBLISHED.isoformat()


@pytest.mark.parametrize("text,lang,trigger", [
    ("Anna Wetzlar hat zu einer Konferenz in Graz eingeladen.", "de", "Konferenz"),  # the goal
    ("Die anstehende Konferenz in Graz wurde vorbereitet.", "de", "Konferenz"),  # prospective
    ("Bei einem Sieg in Graz wären die Valdorer aufgestiegen.", "de", "Sieg"),  # counterfactual
    ("Anna Wetzlar hatte eine Klage gegen Tomas Orlik angekündigt.", "de", "Klage"),  # not asserted
    ("Die Opposition versuchte, den Rücktritt von Anna Wetzlar zu erzwingen.", "de", "Rücktritt"),
    ("Anna Wetzlar called for talks in Graz.", "en", "talks"),
    ("No complaint was made against Anna Wetzlar in Graz.", "en", "complaint"),  # negated
    ("Anna Wetzlar welcomed an offered summit in Graz.", "en", "summit"),
    ("The ministers discussed the threat of an attack in Graz.", "en", "attack"),  # a threat, a possibility
    ("Anna Wetzlar betonte die Gefahr eines Anschlags in Graz.", "de", "Anschlags"),
    ("Die Polizei befürchtete einen Anschlag in Graz.", "de", "Anschlag"),  # feared, not done
    ("The critics feared an attack in Graz.", "en", "attack"),
])
def test_a_noun_its_past_clause_does_not_assert_is_not_read_as_done(pipe, text, lang, trigger):
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.time_source != "tense" and t["precision"] != BEFORE_REPORT


@pytest.mark.parametrize("text,lang", [
    ("Nach dem Treffen mit Tomas Orlik hat Anna Wetzlar erklärt, die Lage sei ruhig.\n"
     "Eine solche Erklärung wurde am Montag von Anna Wetzlar abgegeben.", "de"),
    ("After her meeting with Tomas Orlik, Anna Wetzlar said on Monday that the situation was calm.", "en"),
])
def test_a_contact_right_before_its_participants_dated_statement_is_its_occasion(pipe, text, lang):
    # the account of the talks given right after them: the contact takes the statement's day
    ex, evs = _events(pipe, text, lang)
    (meeting,) = [(ev, t) for ev, t in evs if ev.type == "MEETING"]
    (said,) = [(ev, t) for ev, t in evs if ev.type == "STATEMENT"]
    assert said[1]["start"] == "2023-03-13" and said[0].time_source == "clause"
    assert meeting[0].time_source == "occasion" and meeting[1]["start"] == "2023-03-13" and meeting[1]["precision"] == "day"


@pytest.mark.parametrize("text,lang", [
    ("Zwei Tage nach dem Treffen mit Tomas Orlik hat Anna Wetzlar erklärt, die Lage sei ruhig.\n"
     "Eine solche Erklärung wurde am Montag von Anna Wetzlar abgegeben.", "de"),  # a distance named
    ("Nach dem Treffen mit Tomas Orlik hat Anna Wetzlar erklärt, die Lage sei ruhig.", "de"),  # no day
    ("Two days after her meeting with Tomas Orlik, Anna Wetzlar said on Monday that the situation was calm.", "en"),
])
def test_a_contact_is_no_occasion_at_a_distance_or_without_a_dated_statement(pipe, text, lang):
    ex, evs = _events(pipe, text, lang)
    (meeting,) = [(ev, t) for ev, t in evs if ev.type == "MEETING"]
    assert meeting[0].time_source == "tense" and meeting[1]["precision"] == BEFORE_REPORT


@pytest.mark.parametrize("text,lang,trigger", [
    ("Die Täter sollen in Graz drei Polizisten getötet haben.", "de", "getötet"),
    ("Bei dem Anschlag in Morvenau sollen drei Menschen verletzt worden sein.", "de", "Anschlag"),
])
def test_a_reported_past_lies_on_or_before_the_report_date(pipe, text, lang, trigger):
    # "sollen … getötet haben": reportedly done before; its "sollen" is no future
    ex, evs = _events(pipe, text, lang)
    ev, t = _by_trigger(evs, trigger)
    assert ev.status == "occurred" and ev.time_source == "tense" and t["precision"] == BEFORE_REPORT


def test_sollen_with_haben_as_its_main_verb_is_no_reported_past(pipe):
    ex, evs = _events(pipe, "Soll der Staat von dem Abkommen in Graz etwas haben?", "de")
    ev, t = _by_trigger(evs, "Abkommen")
    assert ev.time_source != "tense" and t["precision"] != BEFORE_REPORT
