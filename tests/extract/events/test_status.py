"""Event status and time: cues, tense, hedges, scheduled and reported events, dates of a clause."""

from __future__ import annotations

import pytest

import datetime as dt

from graphbuilder.models import TimeExpr

from event_helpers import REF, _ents, _time, run, by_type, _status_of


def test_de_meeting_between_two_people_is_planned_with_vague_future_time():
    text = "Ein Treffen zwischen Karl Adler und Maria Berg soll in naher Zukunft stattfinden."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl-adler"), ("Maria Berg", "PER", "per:maria-berg")])
    t = _time(text, "in naher Zukunft", "FUTURE_REF", REF + dt.timedelta(days=1), REF + dt.timedelta(days=60), True)
    events = run(text, "de", ents, [t])
    (ev,) = by_type(events, "MEETING")
    assert ev.status == "planned"
    assert {p.key for p in ev.participants} == {"per:karl-adler", "per:maria-berg"}
    assert ev.time is not None and ev.time.value == "FUTURE_REF"


def test_de_past_statement_has_speaker_and_lies_on_or_before_the_article_day():
    text = "Innenministerin Maria Berg erklärte, die Lage sei ernst."
    ents = _ents(text, [("Maria Berg", "PER", "per:maria-berg")])
    (ev,) = by_type(run(text, "de", ents), "STATEMENT")
    assert ev.status == "occurred"
    assert [(p.key, p.role) for p in ev.participants] == [("per:maria-berg", "speaker")]
    assert ev.time is None and ev.time_source == "tense"  # "erklärte": told in the past


def test_future_event_never_gets_a_past_date():
    text = "Karl Adler wird Maria Berg am Montag treffen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    past = _time(text, "am Montag", "2023-03-13", dt.date(2023, 3, 13), dt.date(2023, 3, 13))
    events = run(text, "de", ents, [past])
    (ev,) = by_type(events, "MEETING")
    assert ev.status == "planned"
    assert ev.time is None or ev.time.earliest >= REF


def test_cancelled_and_hedged_status():
    text = ("The visit of Anna Lind to Oslo was cancelled.\n"
            "A meeting between Anna Lind and Per Holm could take place next year.")
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Per Holm", "PER", "per:per-holm"),
                        ("Oslo", "LOC", "loc:oslo")])
    events = run(text, "en", ents)
    assert by_type(events, "VISIT")[0].status == "cancelled"
    assert by_type(events, "MEETING")[0].status == "possible"


def test_de_strong_past_forms_without_e_are_triggers():
    text = "Karl Adler traf in Ruritanien Maria Berg.\nDie Rebellen griffen die Stadt an."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b")])
    events = run(text, "de", ents)
    assert [e.trigger.text for e in by_type(events, "MEETING")] == ["traf"]
    assert [e.trigger.text for e in by_type(events, "ATTACK")] == ["griffen"]


def test_begun_events_are_ongoing_and_announced_ones_planned():
    text = "Die Partei Blau hat am Montag Verhandlungen mit der Partei Rot aufgenommen.\nDie Liga kündigte für Dienstag ein Krisentreffen an."
    ents = _ents(text, [("Partei Blau", "ORG", "org:blau"), ("Partei Rot", "ORG", "org:rot"), ("Liga", "ORG", "org:liga")])
    events = run(text, "de", ents)
    assert by_type(events, "NEGOTIATION")[0].status == "ongoing"
    assert by_type(events, "MEETING")[0].status == "planned"
    text = "Freedonia has begun its own moratorium."
    (ev,) = by_type(run(text, "en", _ents(text, [("Freedonia", "LOC", "loc:f")])), "OTHER")
    assert ev.status == "ongoing"


def test_statement_time_comes_from_the_reporting_clause_not_the_quote():
    text = "Ich werde 2018 gehen, sagte Karl Adler am Freitag."
    ents = _ents(text, [("Karl Adler", "PER", "per:a")])
    y = _time(text, "2018", "2018", dt.date(2018, 1, 1), dt.date(2018, 12, 31))
    (ev,) = by_type(run(text, "de", ents, [y]), "STATEMENT")
    assert ev.time is None


def test_relative_times_without_a_date_do_not_date_an_event():
    text = "Der Rat verschärfte jüngst seine Sanktionen gegen Freedonia."
    ents = _ents(text, [("Rat", "ORG", "org:rat"), ("Freedonia", "LOC", "loc:f")])
    t = _time(text, "jüngst", "PAST_REF", None, None, True)
    (ev,) = by_type(run(text, "de", ents, [t]), "SANCTION")
    assert ev.status == "occurred" and ev.time is None


def test_english_progressive_and_present_verbs_are_ongoing():
    text = "Karl Adler, touring Ruritania, praised the deal.\nMaria Berg arrives in Freedonia for talks.\nHans Ott had visited Ruritania."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Maria Berg", "PER", "per:b"), ("Hans Ott", "PER", "per:c"),
                        ("Ruritania", "LOC", "loc:r"), ("Freedonia", "LOC", "loc:f")])
    visits = {e.trigger.text: e.status for e in by_type(run(text, "en", ents), "VISIT")}
    assert visits == {"touring": "ongoing", "arrives in": "ongoing", "visited": "occurred"}


def test_event_after_nach_or_seit_is_over_even_in_an_ongoing_clause():
    text = "Seit der Parlamentswahl herrscht derzeit Stillstand.\nNach der Wahl haben die Parteien Verhandlungen aufgenommen."
    events = run(text, "de", [])
    assert {e.status for e in by_type(events, "ELECTION")} == {"occurred"}
    assert by_type(events, "NEGOTIATION")[0].status == "ongoing"


def test_future_office_holder_does_not_make_a_past_meeting_planned():
    text = "Karl Adler traf am Mittwoch mit dem künftigen Präsidenten Hans Roth zusammen."
    ents = _ents(text, [("Karl Adler", "PER", "per:a"), ("Hans Roth", "PER", "per:c")])
    (ev,) = by_type(run(text, "de", ents), "MEETING")
    assert ev.status == "occurred"


def test_rejected_plans_do_not_make_a_past_referendum_planned():
    text = "Voters in Nordland rejected plans for a shared border in a referendum."
    (ev,) = by_type(run(text, "en", []), "ELECTION")
    assert ev.status == "occurred"
    planned = "The Blue Party plans to hold a referendum."
    (ev,) = by_type(run(planned, "en", []), "ELECTION")
    assert ev.status == "planned"


def test_after_days_of_protests_the_protests_are_over():
    text = "Nordland had begun evacuating its citizens after days of anti-government demonstrations."
    (ev,) = by_type(run(text, "en", []), "PROTEST")
    assert ev.status == "occurred"


def test_explicit_cancellation_outweighs_default_occurred_mentions():
    text = ("Ministerin Anna Lind hat ihre Reise nach Oslo abgesagt.\n"
            "Die Reise nach Oslo war lange vorbereitet worden.")
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Oslo", "LOC", "loc:oslo")])
    visits = [e for e in run(text, "de", ents) if e.type == "VISIT"]
    assert visits and visits[0].status == "cancelled"


def test_relative_clause_after_an_event_noun_dates_it():
    text = "Minister Anna Lind has called off her visit to Oslo, which had been planned for 18 March 2025."
    ents = _ents(text, [("Anna Lind", "PER", "per:anna-lind"), ("Oslo", "LOC", "loc:oslo")])
    march = _time(text, "18 March 2025", "2025-03-18", dt.date(2025, 3, 18), dt.date(2025, 3, 18))
    (visit,) = [e for e in run(text, "en", ents, [march]) if e.type == "VISIT"]
    assert visit.status == "cancelled" and visit.time is not None and visit.time.value == "2025-03-18"


def test_reduced_relative_participle_is_about_the_name_before_it():
    text = "Karl Adler has appealed for the release of aid worker Anna Lind, kidnapped in Nordland."
    ents = _ents(text, [("Karl Adler", "PER", "per:adler"), ("Anna Lind", "PER", "per:lind"),
                        ("Nordland", "LOC", "loc:nordland")])
    (ev,) = by_type(run(text, "en", ents), "ATTACK")
    assert [(p.key, p.role) for p in ev.participants] == [("per:lind", "target")]


def test_new_vocabulary_statuses():
    (ev,) = by_type(run("Hintergrund ist die anhaltende Gewalt in der Stadt.", "de", []), "ATTACK")
    assert ev.status == "ongoing"
    (ev,) = by_type(run("Two men are being questioned over the theft.", "en", []), "CRIME")
    assert ev.status == "ongoing"
    (ev,) = by_type(run("He was given the health portfolio.", "en", []), "APPOINTMENT")
    assert ev.status == "occurred"


def test_de_dated_object_of_an_infinitive_is_a_planned_event():
    text = "Adler sagte zu, ihm zu helfen, die Wahl am 8. November zu gewinnen."
    t = _time(text, "8. November", "XXXX-11-08", None, None)
    (ev,) = by_type(run(text, "de", [], [t]), "ELECTION")
    assert ev.status == "planned" and ev.time.value == "XXXX-11-08"
    text = "Sie bemühten sich, eine Einigung zu erreichen."
    assert by_type(run(text, "de", []), "AGREEMENT") == []


def test_month_may_is_no_hedge():
    text = "The vote took place on 5 May."
    assert _status_of(run(text, "en", []), "ELECTION") == ["occurred"]
    text = "The vote may take place soon."
    assert _status_of(run(text, "en", []), "ELECTION") == ["possible"]


def test_event_noun_after_before_or_ahead_of_is_still_to_come():
    text = "Ahead of the election, Ann Lee met Tom Park."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["planned"]
    text = "Kurz vor der Wahl traf Anna Roth den Minister Karl Adler."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna"), ("Karl Adler", "PER", "per:karl")])
    assert _status_of(run(text, "de", ents), "ELECTION") == ["planned"]
    # the pluperfect puts the "before" in the past
    text = "Ann Lee had criticised Tom Park before the election."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["occurred"]


def test_visitor_expected_somewhere_is_a_scheduled_visit():
    text = "Präsident Karl Adler wird am Sonntag zu einem Besuch in Wien erwartet."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl"), ("Wien", "LOC", "loc:wien")])
    assert _status_of(run(text, "de", ents), "VISIT") == ["planned"]


def test_status_cue_inside_a_noun_phrase_qualifies_only_its_noun():
    text = "Tausende haben in Wien gegen mögliche Wahlen protestiert."
    events = run(text, "de", _ents(text, [("Wien", "LOC", "loc:wien")]))
    assert _status_of(events, "PROTEST") == ["occurred"]
    assert _status_of(events, "ELECTION") == ["possible"]
    text = "Kurz nach Beginn der Offensive ist Präsident Karl Adler aus dem Exil zurückgekehrt."
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:karl")]))
    assert _status_of(events, "OTHER") == ["occurred"]
    assert _status_of(events, "ATTACK") == ["ongoing"]
    text = "Ann Lee met Tom Park the next day."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Tom Park", "PER", "per:tom")])
    assert _status_of(run(text, "en", ents), "MEETING") == ["occurred"]


def test_present_copula_before_the_trigger_reports_a_state_in_progress():
    text = "Officials confirmed British troops are on standby in the region."
    assert _status_of(run(text, "en", []), "OTHER") == ["ongoing"]
    text = "Ann Lee is on a visit to Kenya."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Kenya", "LOC", "loc:kenya")])
    assert _status_of(run(text, "en", ents), "VISIT") == ["ongoing"]


def test_gerund_after_a_preposition_is_not_in_progress():
    text = "Before visiting Paris, Ann Lee spoke to reporters."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann"), ("Paris", "LOC", "loc:paris")])
    assert _status_of(run(text, "en", ents), "VISIT") == ["occurred"]


def test_seitdem_opens_a_clause_of_its_own():
    text = "Die Stadt dient seit Monaten als Hauptstadt, seitdem die Rebellen die Stadt Sanaa unter ihre Kontrolle gebracht haben."
    events = run(text, "de", _ents(text, [("Sanaa", "LOC", "loc:sanaa")]))
    assert _status_of(events, "ATTACK") == ["occurred"]


def test_past_tense_verb_takes_modal_cues_from_its_left_only():
    text = "Both sides agreed to reopen embassies and said they planned to meet again."
    assert _status_of(run(text, "en", []), "AGREEMENT") == ["occurred"]
    text = "Both sides could have agreed to reopen embassies."
    assert _status_of(run(text, "en", []), "AGREEMENT") == ["possible"]


def test_german_verb_final_statement_after_future_auxiliary_is_planned():
    text = "Am Dienstag wird die Bezirkschefin Anna Roth bekanntgeben, ob sie erneut kandidiert."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna")])
    assert _status_of(run(text, "de", ents), "STATEMENT") == ["planned"]
    text = "Wir werden kämpfen, sagte Anna Roth."
    ents = _ents(text, [("Anna Roth", "PER", "per:anna")])
    assert _status_of(run(text, "de", ents), "STATEMENT") == ["occurred"]


def test_relative_past_expressions_mark_a_noun_as_past():
    text = "Five unions will hold talks with Ann Lee.\nAnn Lee held a meeting with the unions last week."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann")])
    assert sorted(_status_of(run(text, "en", ents), "MEETING")) == ["occurred", "planned"]


def test_invitations_announce_planned_events():
    text = "Die Einladung zur Pressekonferenz kam am Montag."
    assert _status_of(run(text, "de", []), "PRESS_CONFERENCE") == ["planned"]
    text = "Es sorgte für Aufregung, dass auch die Blaue Partei zu einem Pressegespräch in die Bar lud."
    ents = _ents(text, [("Blaue Partei", "ORG", "org:blue")])
    assert {e.status for e in run(text, "de", ents) if e.type in ("PRESS_CONFERENCE", "MEETING")} == {"planned"}


def test_since_a_date_does_not_date_the_event():
    text = "Bei den Kämpfen in der Provinz wurden seit 2003 Tausende getötet."
    t = _time(text, "2003", "2003", dt.date(2003, 1, 1), dt.date(2003, 12, 31))
    events = by_type(run(text, "de", [], [t]), "ATTACK")
    assert events and all(e.time is None for e in events)


def test_wo_clause_keeps_the_main_clause_date():
    text = "Im Jahr 2010 folgte ein Haftbefehl wegen der Lage in der Provinz, wo seit Jahren Menschen getötet wurden."
    t = _time(text, "2010", "2010", dt.date(2010, 1, 1), dt.date(2010, 12, 31))
    (attack,) = by_type(run(text, "de", [], [t]), "ATTACK")
    assert attack.time is None


def test_a_span_of_years_is_no_event_date():
    text = "Karl Adler hatte im April 2010 seinen Vorgänger Max Berg (2004-2010) im Amt abgelöst."
    ents = _ents(text, [("Karl Adler", "PER", "per:karl"), ("Max Berg", "PER", "per:max")])
    april = _time(text, "April 2010", "2010-04", dt.date(2010, 4, 1), dt.date(2010, 4, 30))
    start = text.index("2004")
    y0 = TimeExpr(start=start, end=start + 4, text="2004", type="DATE", value="2004",
                  earliest=dt.date(2004, 1, 1), latest=dt.date(2004, 12, 31))
    y1 = TimeExpr(start=start + 5, end=start + 9, text="2010", type="DATE", value="2010",
                  earliest=dt.date(2010, 1, 1), latest=dt.date(2010, 12, 31))
    (ev,) = by_type(run(text, "de", ents, [april, y0, y1]), "APPOINTMENT")
    assert ev.time is not None and ev.time.value == "2010-04"


def test_german_present_tense_with_a_day_is_scheduled():
    text = "Einleitung.\nAm 27. September wählt Oberösterreich den Landtag neu."
    t = _time(text, "27. September", "XXXX-09-27", None, None)
    events = run(text, "de", _ents(text, [("Oberösterreich", "LOC", "loc:ooe")]), [t])
    assert _status_of(events, "ELECTION") == ["planned"]
    text = "Einleitung.\nAm Dienstag ist Außenminister Karl Adler in Warschau zu Besuch."
    t = _time(text, "Dienstag", "XXXX-WXX-2", None, None)
    events = run(text, "de", _ents(text, [("Karl Adler", "PER", "per:karl"), ("Warschau", "LOC", "loc:warschau")]), [t])
    assert _status_of(events, "VISIT") == ["planned"]
    # a reported perfect ("hätten … beschlagnahmt") is past
    text = "Einleitung.\nDie Polizisten hätten am Montag Waffen beschlagnahmt, teilten die Behörden mit."
    t = _time(text, "Montag", "XXXX-WXX-1", None, None)
    assert _status_of(run(text, "de", [], [t]), "CRIME") == ["occurred"]


def test_a_hedge_before_a_dated_event_noun_governs_another_verb():
    text = "Up to a million workers could take part in a strike set for 23 March."
    t = _time(text, "23 March", "XXXX-03-23", None, None)
    assert _status_of(run(text, "en", [], [t]), "PROTEST") == ["planned"]
    text = "Die Blaue Partei könnte bei der Wahl am 11. Oktober viele Stimmen verlieren."
    t = _time(text, "11. Oktober", "XXXX-10-11", None, None)
    events = run(text, "de", _ents(text, [("Blaue Partei", "ORG", "org:blue")]), [t])
    assert _status_of(events, "ELECTION") == ["planned"]
    # a hedge after the noun is its own: "the election, widely expected on 5 May"
    text = "The budget sets the battleground for the election, widely expected on 5 May."
    t = _time(text, "5 May", "XXXX-05-05", None, None)
    assert _status_of(run(text, "en", [], [t]), "ELECTION") == ["expected"]


def test_the_next_election_is_a_forecast():
    text = "Ann Lee has said she will stand down at the next election."
    events = run(text, "en", _ents(text, [("Ann Lee", "PER", "per:ann")]))
    assert _status_of(events, "ELECTION") == ["expected"]
    assert _status_of(events, "RESIGNATION") == ["planned"]


def test_reporting_clause_has_its_own_status_cues():
    text = "Sie wird kandidieren, erklärte Anna Roth am Dienstag bei der Pressekonferenz nach der Sitzung."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "PRESS_CONFERENCE") == ["occurred"]
    text = "Anna Roth meinte bei einer Pressekonferenz, sie wird erneut kandidieren."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "PRESS_CONFERENCE") == ["occurred"]


def test_german_reported_future_werde_is_planned():
    text = "Der Prozess werde am Donnerstag vor dem Landgericht eröffnet, berichtete die Zeitung."
    assert _status_of(run(text, "de", []), "CRIME") == ["planned"]


def test_noun_in_a_temporal_phrase_takes_only_the_phrases_cues():
    text = "Nur einen Tag nach dem Start direkter Friedensgespräche hat die Delegation ihre Teilnahme ausgesetzt."
    assert _status_of(run(text, "de", []), "NEGOTIATION") == ["ongoing"]
    text = "Mr Blair said he would step down before the coming general election."
    ents = _ents(text, [("Blair", "PER", "per:blair")])
    assert _status_of(run(text, "en", ents), "ELECTION") == ["planned"]
    # a gerund clause or a unit of time ends the phrase
    text = "Ann Lee will tour a school before chairing a meeting of the council."
    ents = _ents(text, [("Ann Lee", "PER", "per:ann")])
    assert _status_of(run(text, "en", ents), "MEETING") == ["planned"]
    text = "Vor drei Wochen waren Ermittlungen gegen mehrere Stadträte aufgenommen worden."
    assert _status_of(run(text, "de", []), "CRIME") == ["ongoing"]


def test_vor_that_is_not_temporal_does_not_make_an_event_planned():
    text = "Vor dem Hintergrund der Anschläge hat die Regierung drei Vereine verboten."
    assert _status_of(run(text, "de", []), "ATTACK") == ["occurred"]
    text = "Im Dezember warnte der Präsident angesichts der Spannungen vor einem Bürgerkrieg in Polen."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")
    text = "The archbishop appealed for more time before the war started."
    assert _status_of(run(text, "en", []), "ATTACK") == ["occurred"]


def test_present_tense_rule_needs_a_copula_and_a_day_not_since():
    text = "Einleitung.\nDie Partei ist bei der Landtagswahl am 27. September auf 18 Prozent abgesackt."
    t = _time(text, "27. September", "XXXX-09-27", None, None)
    assert _status_of(run(text, "de", [], [t]), "ELECTION") == ["occurred"]
    text = "Einleitung.\nDie Minister beraten seit Samstag in Addis Abeba."
    t = _time(text, "Samstag", "XXXX-WXX-6", None, None)
    assert _status_of(run(text, "de", [], [t]), "MEETING") != ["planned"]


def test_cue_after_zu_before_a_verb_is_not_in_a_noun_phrase():
    text = "Anna Roth hat gute Chancen, gewählt zu werden."
    events = run(text, "de", _ents(text, [("Anna Roth", "PER", "per:anna")]))
    assert _status_of(events, "ELECTION") == ["planned"]


def test_german_passive_present_participle_is_no_planned_statement():
    text = "Die Pflicht wird in der Erinnerung des Ressorts betont."
    assert _status_of(run(text, "de", []), "STATEMENT") == ["occurred"]


def test_past_participle_after_an_auxiliary_takes_the_whole_clauses_cues():
    text = "The plan, to be adopted soon, may cut taxes."
    assert _status_of(run(text, "en", []), "LEGISLATION") != ["occurred"]


def test_widely_predicted_is_a_forecast():
    text = "With the election widely predicted for May, MPs warned the chancellor."
    assert _status_of(run(text, "en", []), "ELECTION") == ["expected"]


def test_flight_from_or_already_before_an_event_does_not_make_it_planned():
    text = "Zehntausende Menschen haben sich vor den Kämpfen um die Stadt in den Norden geflüchtet."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")
    text = "Die Tempel wurden teilweise bereits vor dem Krieg beschädigt."
    assert "planned" not in _status_of(run(text, "de", []), "ATTACK")


def test_inverted_participle_is_no_present_copula():
    text = "Einleitung.\nDeutlich gestiegen ist dem Bericht vom Donnerstag zufolge der Anteil der Gewalttaten."
    t = _time(text, "Donnerstag", "XXXX-WXX-4", None, None)
    assert "planned" not in _status_of(run(text, "de", [], [t]), "ATTACK")


def test_continuing_or_existing_events_are_ongoing():
    text = "Im Norden setzen sich die Gefechte zwischen Armee und Milizen fort."
    assert _status_of(run(text, "de", []), "ATTACK") == ["ongoing"]
    text = "Brüssel verlängert die bestehenden Sanktionen gegen Minsk."
    ents = _ents(text, [("Minsk", "LOC", "loc:minsk")])
    assert _status_of(run(text, "de", ents), "SANCTION") == ["ongoing"]
    text = "Fighting continues in the north of the country."
    assert _status_of(run(text, "en", []), "ATTACK") == ["ongoing"]


def test_noun_continued_later_as_ongoing_stays_ongoing_in_its_cluster():
    # a noun's later "haben … geführt" does not outweigh the continuation reported before
    text = ("Neue Gefechte in der Provinz.\nUnterdessen setzen sich die Gefechte fort.\n"
            "Die Gefechte haben zu vielen Opfern geführt.")
    assert _status_of(run(text, "de", []), "ATTACK") == ["ongoing"]
    # but a verb reporting the act as done does
    text = "An MP was attacked in a park.\nSeveral people are still being questioned over the attack."
    assert _status_of(run(text, "en", []), "ATTACK") == ["occurred"]


def test_relative_clause_saying_a_noun_event_began_makes_it_ongoing():
    text = "Die Minister stritten beim Gipfeltreffen in Brüssel, das am Dienstag begann, über Syrien."
    assert _status_of(run(text, "de", []), "MEETING") == ["ongoing"]
    # an ongoing cue inside another noun phrase of the relative clause does not count
    text = "Er verwies auf das Abkommen mit Paris, das die laufende Finanzierung kappt."
    ents = _ents(text, [("Paris", "LOC", "loc:paris")])
    assert _status_of(run(text, "de", ents), "AGREEMENT") != ["ongoing"]


def test_statement_is_not_dated_by_the_hedged_content_it_reports():
    # (a date before the article's day, so that only the cut, not the merge, removes it)
    text = "The minister has suggested the summit could take place in June 2022."
    ents = _ents(text, [])
    t = _time(text, "June 2022", "2022-06", dt.date(2022, 6, 1), dt.date(2022, 6, 30))
    (ev,) = by_type(run(text, "en", ents, [t]), "STATEMENT")
    assert ev.time is None
    text = "The minister said in June 2022 the summit could take place soon."
    t = _time(text, "June 2022", "2022-06", dt.date(2022, 6, 1), dt.date(2022, 6, 30))
    (ev,) = by_type(run(text, "en", ents, [t]), "STATEMENT")
    assert ev.time is not None and ev.time.value == "2022-06"


def test_noun_after_a_past_placing_adjective_is_over_whatever_the_clause_plans():
    text = "Die Beschlüsse vom letzten Gipfel hätten umgesetzt werden sollen."
    assert _status_of(run(text, "de", []), "MEETING") == ["occurred"]
    text = "The promises of the previous summit were to be kept."
    assert _status_of(run(text, "en", []), "MEETING") == ["occurred"]


def test_not_over_is_ongoing_not_planned():
    text = "Der Krieg ist noch nicht vorbei."
    assert _status_of(run(text, "de", []), "ATTACK") == ["ongoing"]
    text = "The war is not over yet."
    assert _status_of(run(text, "en", []), "ATTACK") == ["ongoing"]


@pytest.mark.parametrize("lang,forms,want", [
    ("de", ["sagte", "sagten", "erklärte", "berichtete", "rief", "sprach", "bot", "bestritt", "nannte"], "preterite"),
    ("de", ["gesagt", "aufgerufen", "mitgeteilt", "unterstrichen", "zurückgewiesen"], "participle"),
    ("de", ["erklärt", "betont", "kritisiert", "berichtet"], "either"),
    ("de", ["sagt", "sagen", "berichten", "gibt", "spricht", "hält", "heißt", "fordert"], "present"),
    ("en", ["said", "told", "wrote", "insisted", "warned"], "participle"),
    ("en", ["says", "say", "tells", "insists", "denies"], "present"),
    ("en", ["saying"], "either"),
    ("de", ["angebotene", "gewählten"], None),
])
def test_verb_form_reads_the_tense_of_a_form_from_its_lemma(lang, forms, want):
    from graphbuilder.extract.events.lexicon import load_lexicon
    from graphbuilder.extract.events.status import verb_form

    lemmas = load_lexicon(lang).cue_res["participle_lemmas"]
    assert {w: verb_form(w, lang, lemmas) for w in forms} == {w: want for w in forms}


@pytest.mark.parametrize("lang,text,type_,expected", [
    ("en", "Minister Carl Dorn denied the meeting with Anna Roth.", "MEETING", "denied"),
    ("en", "Minister Carl Dorn did not deny the meeting with Anna Roth.", "MEETING", "occurred"),
    ("de", "Kommissar Bertold Weiß dementierte das Treffen mit Anna Roth.", "MEETING", "denied"),
    ("de", "Kommissar Bertold Weiß wollte das Treffen mit Anna Roth nicht dementieren.", "MEETING", "occurred"),
])
def test_a_negated_denial_denies_nothing(lang, text, type_, expected):
    ents = _ents(text, [("Carl Dorn" if lang == "en" else "Bertold Weiß", "PER", "per:a"),
                        ("Anna Roth", "PER", "per:b")])
    assert _status_of(run(text, lang, ents), type_) == [expected]
