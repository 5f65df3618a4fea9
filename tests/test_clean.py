"""Tests for graphbuilder.clean (invented texts only)."""

from graphbuilder.clean import find_furniture, normalise, repeated_paragraphs

BODY_DE = (
    "Die Ministerin hat am Dienstag in Brüssel neue Sanktionen gegen drei Unternehmen angekündigt. "
    "Sie sagte, die Maßnahmen träten in der kommenden Woche in Kraft.\n\n"
    "Die Opposition kritisierte den Schritt als verspätet. Ein Sprecher erklärte, man habe schon "
    "im Frühjahr vor den Folgen gewarnt und eine Abstimmung im Parlament verlangt.\n\n"
    "Am Donnerstag will der Rat der Außenminister erneut über das Thema beraten.\n\n"
)


def furniture(text: str, **kw) -> list[str]:
    return [s.text for s in find_furniture(text, **kw)]


def test_credit_glued_to_caption_line_marks_the_caption() -> None:
    text = "Gipfel in Rom\n\nStaatschefs beim Gipfel in RomFoto: Bildagentur.net © Max Muster\n\n" + BODY_DE
    found = find_furniture(text)
    assert found[0].text == "Staatschefs beim Gipfel in RomFoto: Bildagentur.net © Max Muster"
    assert text[found[0].start:found[0].end] == found[0].text


def test_credit_after_a_real_sentence_marks_only_the_credit() -> None:
    text = (
        "Die Demonstranten zogen am Samstag durch die Innenstadt. Die Polizei sprach von "
        "friedlichen Protesten. Photo: Jane Doe/Reuters\n\n" + BODY_DE
    )
    assert furniture(text) == ["Photo: Jane Doe/Reuters"]


def test_standalone_credit_lines() -> None:
    for line in ("Bild: picture alliance / dpa", "© Reuters", "Foto: Erika Beispiel", "Copyright: AFP"):
        assert furniture(f"Titel\n\n{line}\n\n{BODY_DE}") == [line], line


def test_related_link_lines() -> None:
    for line in ("Mehr zum Thema - Ministerin: Neue Runde in Genf", "Lesen Sie auch: Streit um Haushalt",
                 "Read more: Talks collapse in Vienna", "Related: Who is the new envoy?"):
        assert furniture(BODY_DE + line) == [line], line


def test_publisher_footer_about_blocking_and_sharing_is_detected() -> None:
    footer = (
        "Seit Monaten ist der Zugang zu unserer Website in mehreren Ländern gesperrt. Wir lassen "
        "uns davon nicht beirren. Wenn Euch unsere Beiträge gefallen, teilt sie in den sozialen Medien."
    )
    assert furniture(BODY_DE + footer) == [footer]
    footer_en = (
        "Our website has been blocked by several providers. If you enjoy our journalism, please "
        "share our articles and subscribe to our newsletter."
    )
    assert furniture(BODY_DE + footer_en) == [footer_en]


def test_news_about_censorship_is_not_furniture() -> None:
    text = BODY_DE + (
        "Die Regulierungsbehörde hat den Zugang zu dem Nachrichtenportal gesperrt. Der Betreiber "
        "kündigte an, gegen die Sperrung vor Gericht zu ziehen."
    )
    assert furniture(text) == []


def test_ordinary_news_has_no_furniture() -> None:
    text = (
        "Home secretary plans new asylum rules\n\nThe Home Secretary will present the bill on Monday. "
        "Shares in the security firm rose 4%. A copyright dispute is also pending.\n\n"
        "If you want to understand the plan, look at the numbers, an analyst said."
    )
    assert furniture(text) == []


def test_nav_and_legal_lines() -> None:
    text = "Startseite › Politik › Ausland\n\nTeilen | Tweet | E-Mail\n\n" + BODY_DE + "© 2024 Beispielverlag. Alle Rechte vorbehalten"
    assert furniture(text) == [
        "Startseite › Politik › Ausland", "Teilen | Tweet | E-Mail", "© 2024 Beispielverlag. Alle Rechte vorbehalten"
    ]


def test_repeated_paragraphs_across_one_source() -> None:
    boiler = "Unabhängiger Journalismus kostet Geld: Unterstützen Sie uns mit einem Abo."
    background = "Der Konflikt um die Grenzregion schwelt seit Jahren und hat viele Opfer gefordert."
    a = "Erster Bericht\n\nNeue Gespräche beginnen.\n\n" + background + "\n\nDie Delegationen trafen sich.\n\n" + boiler
    b = "Zweiter Bericht\n\nGespräche gescheitert.\n\n" + background + "\n\nDie Delegation reiste ab.\n\n" + boiler
    rep = repeated_paragraphs([a, b])
    assert normalise(boiler) in rep and normalise(background) in rep
    found = furniture(b, repeated=rep)
    assert boiler in found and background not in found  # background mid-article stays news
    assert len(repeated_paragraphs([a, b], min_count=3)) == 0


SEED = "../shared/articles/seed/000_c4eb5052a9dc9378.txt"


def test_seed_article_furniture_is_found_by_general_rules() -> None:
    """The seed's credit line, related-link line and publisher footer (read, never copied)."""
    import os

    import pytest

    path = os.path.join(os.path.dirname(__file__), "..", SEED)
    if not os.path.exists(path):
        pytest.skip("../shared seed article not available")
    text = open(path, encoding="utf-8").read()
    spans = find_furniture(text)
    assert len(spans) == 3
    credit, related, footer = spans
    assert "©" in credit.text and "\n" not in credit.text
    assert related.text.startswith("Mehr zum Thema")
    assert footer.end == len(text.rstrip()) and len(footer.text) > 500


def test_more_footer_and_source_lines() -> None:
    lines = [
        "Follow us on Telegram and X",
        "This article was originally published by Example Weekly.",
        "Mit Material von dpa und AFP",
        "(dpa/AFP)",
        "Teilen auf Facebook",
    ]
    for line in lines:
        assert furniture(BODY_DE + line) == [line], line
    appeal = "Support independent journalism. Become a member today and help keep our reporting free."
    assert furniture(BODY_DE + appeal) == [appeal]
    newsletter = "Sie wollen nichts verpassen? Abonnieren Sie unseren Newsletter."
    assert furniture(BODY_DE + newsletter) == [newsletter]


def test_windows_line_endings_in_footer_detection() -> None:
    text = BODY_DE.replace("\n", "\r\n") + "Lesen Sie auch: Neue Runde in Genf\r\n"
    assert furniture(text) == ["Lesen Sie auch: Neue Runde in Genf"]


def test_link_cue_words_in_news_sentences_are_not_furniture() -> None:
    news = (
        "Zum Thema Migration sagte der Minister am Dienstag, die Regierung werde ihre Pläne im Herbst "
        "vorlegen und dabei auch die Vorschläge der Länder berücksichtigen."
    )
    watch = "Watchdogs said the vote was fair."
    assert furniture(BODY_DE + news) == [] and furniture(BODY_DE + watch) == []
    assert furniture(BODY_DE + "Zum Thema\n\n" + news) == ["Zum Thema"]


def test_news_quoting_a_publisher_appeal_is_kept() -> None:
    quoted = (
        "Der Sender erklärte, unsere Website sei in Russland gesperrt worden, und rief die Zuschauer "
        "auf, die Beiträge weiter in sozialen Medien zu teilen."
    )
    assert furniture(BODY_DE + quoted) == []
