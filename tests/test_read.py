"""Tests for graphbuilder.read."""

import datetime as dt
import io
import json
from pathlib import Path

from graphbuilder.models import Document
from graphbuilder.read import ReadError, parse_date, read_all, read_paths, text_title

GOOD_DE = "Kanzlerin besucht Warschau\n\nDie Kanzlerin ist am Montag in Warschau eingetroffen. Sie traf den Präsidenten.\n"
GOOD_EN = "Senate passes budget bill\n\nThe Senate passed the budget bill on Friday after a long debate.\n"


def _bad_folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a_good.txt").write_text(GOOD_DE, encoding="utf-8")
    (root / "sub" / "b_good.md").write_text("# " + GOOD_EN, encoding="utf-8")
    (root / "c_binary.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x01")
    (root / "d_empty.txt").write_bytes(b"")
    (root / "e_latin1.txt").write_bytes("Grüße aus Köln\n\nDer Bürgermeister sprach über Straßen.".encode("latin-1"))
    lines = [
        json.dumps({"id": "r1", "title": "Gipfel", "text": "Der Gipfel fand statt.", "published": "2024-03-05T09:30:00Z", "section": "Welt"}),
        '{"id": "r2", "text": "broken',
        json.dumps({"text": "Second good record.", "language": "en"}),
        json.dumps({"id": "r4", "text": "   "}),
    ]
    (root / "f_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden article.", encoding="utf-8")
    return root


def test_bad_input_folder(tmp_path: Path) -> None:
    root = _bad_folder(tmp_path)
    result = read_all([str(root)])
    by_name = {Path(d.path.split(":")[0]).name: d for d in result.documents}
    assert sorted(by_name) == ["a_good.txt", "b_good.md", "e_latin1.txt", "f_records.jsonl"]
    assert len(result.documents) == 5  # two good JSONL records
    errors = {Path(e.path).name: e.problem for e in result.errors}
    assert errors["c_binary.dat"] == "binary file, not a text article"
    assert errors["d_empty.txt"] == "empty file"
    jsonl_problems = sorted(e.problem for e in result.errors if e.path.endswith(".jsonl"))
    assert jsonl_problems[0].startswith("line 2: malformed JSON")
    assert jsonl_problems[1] == "line 4: record has no text"
    assert str(result.errors[0]).startswith(result.errors[0].path + ": ")
    latin = by_name["e_latin1.txt"]
    assert latin.encoding == "cp1252" and "Grüße" in latin.text
    assert result.notices == [f"{root / 'e_latin1.txt'}: not UTF-8 (6 byte(s) invalid as UTF-8, "
                              "0 valid multi-byte sequence(s)), read as cp1252"]


def test_directory_order_is_sorted_and_deterministic(tmp_path: Path) -> None:
    root = _bad_folder(tmp_path)
    first = [getattr(x, "path", None) for x in read_paths([str(root)])]
    second = [getattr(x, "path", None) for x in read_paths([str(root)])]
    assert first == second
    assert first[0].endswith("a_good.txt")


def test_text_title_kicker_and_markdown() -> None:
    assert text_title("Welt\n\nRegierung tritt zurück\n\nDie Regierung ist zurückgetreten.") == (
        "Regierung tritt zurück", "Welt")
    assert text_title("# Vote delayed\n\nThe vote was delayed.", markdown=True) == ("Vote delayed", None)
    assert text_title("The vote was delayed. More later.") == (None, None)


def test_id_is_content_hash_and_path_independent(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(GOOD_EN, encoding="utf-8")
    (tmp_path / "y.txt").write_text(GOOD_EN, encoding="utf-8")
    docs = read_all([str(tmp_path / "x.txt"), str(tmp_path / "y.txt")]).documents
    assert docs[0].id == docs[1].id and len(docs[0].id) == 16
    assert docs[0].meta["content_hash"].startswith(docs[0].id)
    assert docs[0].title == "Senate passes budget bill"


def test_bom_is_stripped(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes("\ufeffTitel\n\nText.".encode("utf-8"))
    doc = read_all([str(tmp_path / "b.txt")]).documents[0]
    assert doc.text.startswith("Titel") and doc.encoding == "utf-8"


def test_reference_date_fallback_never_today(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD_DE, encoding="utf-8")
    (tmp_path / "r.json").write_text(json.dumps([
        {"id": "j1", "text": "Eins.", "published": "2021-12-02"},
        {"id": "j2", "text": "Zwei.", "url": "http://example.org/2"},
    ]), encoding="utf-8")
    ref = dt.date(2022, 1, 10)
    docs = {d.id: d for d in read_all([str(tmp_path)], reference_date=ref).documents}
    assert docs["j1"].published == dt.date(2021, 12, 2)
    assert docs["j1"].meta["date_source"] == "metadata"
    assert docs["j2"].published == ref and docs["j2"].url == "http://example.org/2"
    no_ref = read_all([str(tmp_path / "a.txt")]).documents[0]
    assert no_ref.published is None


def test_stdin_jsonl_and_plain_text() -> None:
    lines = "\n".join(json.dumps({"id": f"s{i}", "text": f"Satz {i}."}) for i in range(3))
    docs = list(read_paths(["-"], stdin=io.StringIO(lines)))
    assert [d.id for d in docs] == ["s0", "s1", "s2"]
    plain = list(read_paths(["-"], stdin=io.StringIO("Headline\n\nBody text.")))
    assert isinstance(plain[0], Document) and plain[0].title == "Headline"
    assert isinstance(list(read_paths(["-"], stdin=io.StringIO("")))[0], ReadError)


def test_language_argument_overrides_record(tmp_path: Path) -> None:
    (tmp_path / "r.jsonl").write_text(json.dumps({"text": "Hello.", "language": "en"}), encoding="utf-8")
    assert read_all([str(tmp_path)]).documents[0].language == "en"
    assert read_all([str(tmp_path)], language="de").documents[0].language == "de"


def test_html_title_date_and_text(tmp_path: Path) -> None:
    html = """<!DOCTYPE html><html lang="de"><head><title>Seite | Zeitung</title>
    <meta property="og:title" content="Parlament beschließt Gesetz">
    <meta property="article:published_time" content="2023-06-14T08:00:00+02:00">
    </head><body><nav><a href="/">Start</a> <a href="/politik">Politik</a></nav>
    <article><h1>Parlament beschließt Gesetz</h1>
    <p>Das Parlament hat am Mittwoch mit großer Mehrheit ein neues Gesetz zur Energieversorgung beschlossen.</p>
    <p>Die Opposition kündigte an, vor dem Verfassungsgericht gegen das Gesetz zu klagen, weil es die Rechte der Länder beschneide.</p>
    </article><footer>© 2023 Zeitung. Alle Rechte vorbehalten.</footer></body></html>"""
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    doc = read_all([str(tmp_path / "a.html")]).documents[0]
    assert doc.title == "Parlament beschließt Gesetz"
    assert doc.published == dt.date(2023, 6, 14)
    assert "Energieversorgung beschlossen" in doc.text
    assert "Start" not in doc.text and doc.language == "de"


def test_parse_date_variants() -> None:
    assert parse_date("2021-12-02T23:30:00+01:00") == dt.date(2021, 12, 2)
    assert parse_date("02.12.2021") == dt.date(2021, 12, 2)
    assert parse_date("Thu, 02 Dec 2021 10:00:00 GMT") == dt.date(2021, 12, 2)
    assert parse_date("soon") is None and parse_date("2021-13-40") is None


def test_html_without_trafilatura_uses_lxml_fallback(tmp_path: Path, monkeypatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import now raises ImportError
    html = """<html><head><meta name="date" content="2022-02-01"><title>Wahl verschoben</title></head>
    <body><nav>Start | Politik</nav><article><h1>Wahl verschoben</h1>
    <figure><figcaption>Ein Wahllokal. Foto: Agentur</figcaption></figure>
    <p>Die Kommunalwahl wird um zwei Wochen verschoben, teilte die Wahlleiterin mit.</p></article>
    <footer>Impressum</footer></body></html>"""
    (tmp_path / "w.htm").write_text(html, encoding="utf-8")
    doc = read_all([str(tmp_path / "w.htm")]).documents[0]
    assert doc.text == "Wahl verschoben\n\nDie Kommunalwahl wird um zwei Wochen verschoben, teilte die Wahlleiterin mit."
    assert doc.title == "Wahl verschoben" and doc.published == dt.date(2022, 2, 1)


def test_examples_folder_reads_cleanly() -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    result = read_all([str(examples)])
    assert result.errors == [] and len(result.documents) >= 8
    assert {d.meta.get("format") for d in result.documents} >= {"html"}
    assert all(d.title for d in result.documents)


def test_record_language_tags_are_normalised(tmp_path: Path) -> None:
    rows = [{"id": "a", "text": "Eins.", "language": "de-AT"}, {"id": "b", "text": "Two.", "language": "English"}]
    (tmp_path / "r.json").write_text(json.dumps(rows), encoding="utf-8")
    assert [d.language for d in read_all([str(tmp_path)]).documents] == ["de", "en"]


def test_title_from_first_line_when_body_follows_directly() -> None:
    assert text_title("Regierung stürzt\nDas Parlament hat das Vertrauen entzogen.") == ("Regierung stürzt", None)
    assert text_title("Die Regierung will\nmehr Geld ausgeben.") == (None, None)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes("Wahl in Wien\n\nDie Wähler stimmten ab.".encode("utf-16"))
    doc = read_all([str(tmp_path)]).documents[0]
    assert doc.text.startswith("Wahl in Wien") and doc.encoding == "utf-16"


def test_json_lines_saved_as_json_and_broken_json(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"id": "1", "text": "Eins."}\n{"id": "2", "text": "Zwei."}\n', encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "3", "text": ', encoding="utf-8")
    result = read_all([str(tmp_path)])
    assert [d.id for d in result.documents] == ["1", "2"]
    assert len(result.errors) == 1 and result.errors[0].problem.startswith("malformed JSON")


def test_html_date_from_time_element_or_json_ld(tmp_path: Path) -> None:
    body = "<p>Der Stadtrat hat am Abend den Haushalt für das kommende Jahr mit knapper Mehrheit beschlossen.</p>"
    (tmp_path / "t.html").write_text(
        f'<html><body><article><time datetime="2024-05-01T10:00">1. Mai</time>{body}</article></body></html>',
        encoding="utf-8")
    (tmp_path / "j.html").write_text(
        '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-11-30"}'
        f'</script></head><body><article>{body}</article></body></html>', encoding="utf-8")
    docs = {Path(d.path).name: d for d in read_all([str(tmp_path)]).documents}
    assert docs["t.html"].published == dt.date(2024, 5, 1)
    assert docs["j.html"].published == dt.date(2023, 11, 30)


def test_windows_line_endings_title() -> None:
    assert text_title("Wahl in Prag\r\n\r\nDie Wahl beginnt.") == ("Wahl in Prag", None)


# -- robustness probes (issue 9): each input in its own guard, honest decoding ------------------


def _read_in_thread(paths, **kw):
    """read_all in a thread: a read that blocks (e.g. on a FIFO) fails the test instead of hanging."""
    import threading

    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(result=read_all(paths, **kw)), daemon=True)
    worker.start()
    worker.join(60)
    assert not worker.is_alive(), "reading blocked"
    return box["result"]


def test_deeply_nested_json_is_a_named_failure_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "b_deep.jsonl").write_text(
        json.dumps({"id": "d1", "text": "Tief.", "extra": [[[[[[[[[[[[]]]]]]]]]]]]}) + "\n"
        + '{"id": "d2", "text": "x", "extra": ' + "[" * 5000 + "]" * 5000 + "}\n"
        + json.dumps({"id": "d3", "text": "Flach."}) + "\n", encoding="utf-8")
    (tmp_path / "c_good.txt").write_text(GOOD_EN, encoding="utf-8")
    result = read_all([str(tmp_path)])
    assert sorted(d.id for d in result.documents if d.id.startswith("d")) == ["d1", "d3"]
    assert any(d.path.endswith("c_good.txt") for d in result.documents)
    problems = {Path(e.path).name: e.problem for e in result.errors}
    assert "nested deeper than" in problems["a_deep.json"]
    assert problems["b_deep.jsonl"].startswith("line 2: JSON nested deeper than")


def test_fifo_and_special_files_are_skipped_and_named(tmp_path: Path) -> None:
    import os

    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    result = _read_in_thread([str(tmp_path)])
    assert [Path(d.path).name for d in result.documents] == ["a.txt"]
    assert any("pipe.txt" in n and "FIFO" in n for n in result.notices)
    named = _read_in_thread([str(tmp_path / "pipe.txt")])  # named explicitly: a failure
    assert named.errors and "FIFO" in named.errors[0].problem


def test_store_files_are_never_input(tmp_path: Path) -> None:
    from graphbuilder.read import store_files

    (tmp_path / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    for name in ("graphbuilder.db", "graphbuilder.db-wal", "graphbuilder.db-shm", "other.sqlite",
                 "graphbuilder.decisions.json"):
        (tmp_path / name).write_text("Not an article. " * 20, encoding="utf-8")
    (tmp_path / "my-decisions.json").write_text('{"merge": {}}', encoding="utf-8")
    exclude = store_files(tmp_path / "graphbuilder.db", tmp_path / "my-decisions.json")
    result = read_all([str(tmp_path)], exclude=exclude)
    assert [Path(d.path).name for d in result.documents] == ["a.txt"]
    assert result.errors == []
    assert sum("graph store file" in n for n in result.notices) == 6


def test_symlinked_folders_are_followed_once_and_loops_named(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "deep").mkdir(parents=True)
    (real / "deep" / "a.txt").write_text(GOOD_EN, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "b.txt").write_text(GOOD_DE, encoding="utf-8")
    (root / "linked").symlink_to(real, target_is_directory=True)
    (real / "deep" / "loop").symlink_to(real, target_is_directory=True)
    result = _read_in_thread([str(root)])
    assert sorted(Path(d.path).name for d in result.documents) == ["a.txt", "b.txt"]
    assert any("loop" in n and "skipped" in n for n in result.notices)


def test_one_bad_byte_keeps_utf8_text_utf8_and_names_the_bytes(tmp_path: Path) -> None:
    data = "Grüße aus Köln\n\nDer Bürgermeister sprach über Straßen.".encode("utf-8")
    bad = data[:20] + b"\xff" + data[20:]
    (tmp_path / "a.txt").write_bytes(bad)
    result = read_all([str(tmp_path)])
    doc = result.documents[0]
    assert doc.encoding == "utf-8" and "Grüße aus Köln" in doc.text and "Straßen" in doc.text
    assert "\ufffd" in doc.text
    assert result.notices == [f"{tmp_path / 'a.txt'}: 1 invalid UTF-8 byte(s) replaced by U+FFFD "
                              "(first at byte offset 20); the rest read as UTF-8"]


def test_stdin_bytes_are_decoded_like_files() -> None:
    raw = "Die Wähler in Graz stimmten am Sonntag ab.".encode("utf-8") + b"\xfe"
    stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
    result = read_all(["-"], stdin=stdin)
    assert result.errors == [] and "Wähler" in result.documents[0].text
    assert result.notices and "1 invalid UTF-8 byte(s)" in result.notices[0]
    latin = io.TextIOWrapper(io.BytesIO("Die Wähler in Graz.".encode("latin-1")), encoding="utf-8")
    doc = read_all(["-"], stdin=latin).documents[0]
    assert doc.encoding == "cp1252" and "Wähler" in doc.text


def test_implausible_or_unparseable_published_is_named_and_not_used(tmp_path: Path) -> None:
    rows = [{"id": "p1", "text": "Eins.", "published": True},
            {"id": "p2", "text": "Zwei.", "published": "0001-01-01"},
            {"id": "p3", "text": "Drei.", "published": "2999-05-01"},
            {"id": "p4", "text": "Vier.", "published": "gestern abend"},
            {"id": "p5", "text": "Fünf.", "published": "2021-12-02"}]
    (tmp_path / "r.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    ref = dt.date(2022, 1, 10)
    result = read_all([str(tmp_path)], reference_date=ref)
    docs = {d.id: d for d in result.documents}
    assert [docs[i].published for i in ("p1", "p2", "p3", "p4")] == [ref] * 4
    assert all(docs[i].meta["date_source"] == "reference-date" for i in ("p1", "p2", "p3", "p4"))
    assert docs["p5"].published == dt.date(2021, 12, 2)
    notes = "\n".join(result.notices)
    assert "r.jsonl:1: published value true is not a date; not used" in notes
    assert "r.jsonl:2: published 0001-01-01 is implausible (before 1800)" in notes
    assert "r.jsonl:3: published 2999-05-01 is implausible (in the future)" in notes
    assert "r.jsonl:4: published value 'gestern abend' is not a date" in notes
    assert len(result.notices) == 4


def test_size_limit_refuses_a_file_unread(tmp_path: Path) -> None:
    from graphbuilder.limits import Limits

    (tmp_path / "big.txt").write_text("Der Rat tagte. " * 1000, encoding="utf-8")
    (tmp_path / "small.txt").write_text(GOOD_DE, encoding="utf-8")
    result = read_all([str(tmp_path)], limits=Limits(max_bytes=5000))
    assert [Path(d.path).name for d in result.documents] == ["small.txt"]
    assert "exceeds the size limit of 5,000 bytes" in result.errors[0].problem
    stdin = io.TextIOWrapper(io.BytesIO(b"x" * 6000), encoding="utf-8")
    assert "size limit" in read_all(["-"], stdin=stdin, limits=Limits(max_bytes=5000)).errors[0].problem


def test_bool_is_not_a_timestamp() -> None:
    assert parse_date(True) is None and parse_date(False) is None
    assert parse_date(1638403200) == dt.date(2021, 12, 2)
    assert parse_date(1638403200000) == dt.date(2021, 12, 2)  # milliseconds
