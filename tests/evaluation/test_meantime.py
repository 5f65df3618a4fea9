"""MEANTIME reader and scorers, on tiny hand-made NewsReader XML documents."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from graphbuilder.evaluation.meantime import (
    bcubed, detokenize, evaluate_meantime, match_mentions, parse_meantime, score_document,
)
from graphbuilder.models import EntityMention, TimeExpr


def _tokens(sentences: list[str]) -> str:
    out, n = [], 0
    for s, words in enumerate(sentences):
        for w in words.split(" "):
            n += 1
            out.append(f'<token number="{n - 1}" sentence="{s}" t_id="{n}">{w}</token>')
    return "\n".join(out)


def _anchors(*ids: int) -> str:
    return "".join(f'<token_anchor t_id="{i}"/>' for i in ids)


# tokens: 1 Acme 2 buys 3 Beta | 4 May 5 2 6 , 7 2010 | 8 Acme 9 Corp 10 said 11 today
# 12 John 13 Smith 14 will 15 go 16 to 17 Paris 18 . | 19 Smith 20 's 21 plan 22 . |
DOC = f"""<?xml version="1.0" ?><Document doc_id="7" doc_name="7_Acme" lang="en" url="">
{_tokens(["Acme buys Beta", "May 2 , 2010", "Acme Corp said today John Smith will go to Paris .",
          "Smith 's plan ."])}
<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM">{_anchors(1)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM">{_anchors(8, 9)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM">{_anchors(12, 13)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="NAM">{_anchors(17)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM">{_anchors(3)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="6">{_anchors(19)}</ENTITY_MENTION>
<ENTITY_MENTION m_id="7" syntactic_type="PRO">{_anchors(21)}</ENTITY_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="20" type="DATE" value="2010-05-02">{_anchors(4, 5, 6, 7)}</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="21" type="DATE" value="2010-05-02">{_anchors(11)}</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="22" type="DURATION" value="P1D"></TIMEX3>
<ENTITY ent_type="ORG" instance_id="ORG1" m_id="30"/>
<ENTITY ent_type="PER" instance_id="PER1" m_id="31"/>
<ENTITY ent_type="LOC" instance_id="LOC1" m_id="32"/>
<ENTITY ent_type="PRO" instance_id="PRO1" m_id="33"/>
<ENTITY ent_type="ORG" m_id="34"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="2"/><target m_id="30"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="3"/><source m_id="6"/><target m_id="31"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="4"/><target m_id="32"/></REFERS_TO>
<REFERS_TO r_id="4"><source m_id="7"/><target m_id="33"/></REFERS_TO>
<REFERS_TO r_id="5"><source m_id="5"/><target m_id="34"/></REFERS_TO>
</Relations>
</Document>
"""


def _m(text: str, sub: str, label: str, key: str = "", nth: int = 0, derived: bool = False) -> EntityMention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return EntityMention(start=start, end=start + len(sub), text=sub, label=label, key=key, derived=derived)


def test_detokenize_spacing_and_offsets() -> None:
    toks = [("Title", 0), ("May", 1), ("2", 1), ("Boeing", 2), ("'s", 2), ("CEO", 2), (",", 2),
            ("``", 2), ("Hi", 2), ("''", 2), ("(", 2), ("US", 2), (")", 2), ("Wal", 2), ("-", 2),
            ("Mart", 2), ('"', 2), ("Ok", 2), ('"', 2), ("O'", 2), ("Leary", 2), (".", 2), ("Next", 3)]
    text, offsets = detokenize(toks)
    assert text == 'Title\n\nMay 2\n\nBoeing\'s CEO, "Hi" (US) Wal-Mart "Ok" O\'Leary. Next'
    assert [text[s:e] for s, e in offsets][3:5] == ["Boeing", "'s"]
    assert text[offsets[7][0]:offsets[7][1]] == '"'


def test_parse_text_mentions_dct_and_timexes() -> None:
    doc = parse_meantime(DOC, corpus="acme")
    assert doc.text.startswith("Acme buys Beta\n\nMay 2, 2010\n\nAcme Corp said today")
    assert doc.dct == dt.date(2010, 5, 2) and doc.doc_id == "7" and doc.corpus == "acme"
    assert [(t.text, t.value) for t in doc.timexes] == [("today", "2010-05-02")]  # DCT, unanchored dropped
    assert [doc.text[s:e] for s, e in doc.dct_spans] == ["May 2, 2010"]
    by_text = {m.text: m for m in doc.mentions}
    assert by_text["Acme Corp"].cluster == "ORG1" and by_text["Acme Corp"].label == "ORG"
    assert by_text["Smith"].syntactic_type is None and by_text["Smith"].cluster == "PER1"
    assert by_text["Beta"].cluster == "7#34"  # no instance id: document-local cluster
    for m in doc.mentions:
        assert doc.text[m.start:m.end] == m.text


def test_dateline_timex_with_dct_value_counts_as_dct() -> None:
    src = DOC.replace('functionInDocument="CREATION_TIME" m_id="20"', 'functionInDocument="NONE" m_id="20"')
    src = src.replace('<TIMEX3 functionInDocument="NONE" m_id="22"',
                      '<TIMEX3 functionInDocument="CREATION_TIME" m_id="23" type="DATE" value="2010-05-02"></TIMEX3>'
                      '<TIMEX3 functionInDocument="NONE" m_id="22"')
    doc = parse_meantime(src)
    assert [t.text for t in doc.timexes] == ["today"] and len(doc.dct_spans) == 1


def test_dct_only_document() -> None:
    src = f"""<Document doc_id="1"><token number="0" sentence="0" t_id="1">Title</token>
    {_tokens(["x", "June 1 , 2005"]).split(chr(10), 1)[1]}
    <Markables><TIMEX3 functionInDocument="CREATION_TIME" m_id="5" type="DATE" value="2005-06-01">
    {_anchors(2, 3, 4, 5)}</TIMEX3></Markables><Relations/></Document>"""
    doc = parse_meantime(src)
    assert doc.dct == dt.date(2005, 6, 1) and doc.timexes == [] and doc.mentions == []
    s, e = doc.dct_spans[0]
    pred = [TimeExpr(start=s, end=e, text=doc.text[s:e], type="DATE", value="2005-06-01")]
    res = score_document(doc, [], pred)
    assert res["timex"]["strict"] == {"tp": 0, "n_pred": 0, "n_gold": 0}  # DCT prediction dropped


def test_empty_document() -> None:
    doc = parse_meantime('<Document doc_id="0"/>')
    assert (doc.text, doc.dct, doc.mentions, doc.timexes) == ("", None, [], [])
    res = score_document(doc, [], [])
    assert res["coref"] == [] and res["entity"]["PER"]["strict"]["n_gold"] == 0


def test_score_document_entities_timex_and_coref() -> None:
    doc = parse_meantime(DOC)
    t = doc.text
    mentions = [
        _m(t, "Acme", "ORG", "org:acme"),  # exact, title
        _m(t, "Acme", "ORG", "org:acme", nth=1),  # overlaps "Acme Corp"
        _m(t, "John Smith", "PER", "per:john-smith"),
        _m(t, "Paris", "ORG", "org:paris"),  # wrong label
        _m(t, "Smith", "PER", "per:smith", nth=1),  # untyped gold mention, later sentence
        _m(t, "Beta", "ORG", "org:beta"),
    ]
    i = t.index("today")
    times = [TimeExpr(start=i, end=i + 5, text="today", type="DATE", value="2010-05-02")]
    res = score_document(doc, mentions, times)
    e = res["entity"]
    assert (e["ORG"]["strict"]["tp"], e["ORG"]["relaxed"]["tp"], e["ORG"]["strict"]["n_gold"]) == (2, 3, 3)
    assert (e["PER"]["strict"]["tp"], e["LOC"]["strict"]["tp"], e["LOC"]["strict"]["n_gold"]) == (1, 0, 1)
    assert res["timex"]["value"] == {"tp": 1, "n_pred": 1, "n_gold": 1}
    assert ("label:ORG", "LOC", "Paris") in res["misses"]
    assert ("boundary", "ORG", "Acme Corp") in res["misses"]
    # coreference: names and untyped mentions of instances; "Beta" has no instance id
    assert sorted((g, p) for g, p, _, _ in res["coref"]) == [
        ("ORG1", "org:acme"), ("ORG1", "org:acme"), ("PER1", "per:john-smith"), ("PER1", "per:smith")]


def test_match_mentions_is_one_to_one_and_prefers_shared_boundaries() -> None:
    gold = [EntityMention(start=0, end=22, text="x" * 22, label="LOC")]
    pred = [EntityMention(start=0, end=10, text="Long Beach", label="LOC"),
            EntityMention(start=12, end=22, text="California", label="LOC"),
            EntityMention(start=0, end=22, text="x" * 22, label="ORG")]
    assert match_mentions(gold, pred) == [(0, 0)]


def test_bcubed_known_example() -> None:
    # Bagga & Baldwin: gold {1-5}, {6,7}, {8-12}; response {1-5}, {6-12}
    pairs = [("A", "X")] * 5 + [("B", "Y")] * 2 + [("C", "Y")] * 5
    res = bcubed(pairs)
    assert res["r"] == 1.0 and res["p"] == round((5 + 2 * 2 / 7 + 5 * 5 / 7) / 12, 4)
    assert res["f1"] == round(2 * res["p"] / (res["p"] + 1), 4) and res["mentions"] == 12


def test_bcubed_split_and_empty() -> None:
    assert bcubed([("A", "X"), ("A", "Y")]) == {"p": 1.0, "r": 0.5, "f1": 0.6667, "mentions": 2}
    assert bcubed([])["f1"] == 0.0


def test_evaluate_meantime_on_files(tmp_path: Path) -> None:
    (tmp_path / "corpus_acme").mkdir()
    (tmp_path / "corpus_acme" / "7_Acme.xml").write_text(DOC, encoding="utf-8")
    res = evaluate_meantime(tmp_path)
    assert res["docs"] == 1 and res["corpora"] == {"acme": 1}
    assert set(res["bcubed"]) == {"acme", "overall"}
    assert res["entities"]["exact"]["micro"]["n_gold"] == 5
    assert res["timex"]["value"]["n_gold"] == 1


MEANTIME = Path(__file__).resolve().parents[2] / ".." / "shared" / "eval" / "meantime-en-dev"


@pytest.mark.eval
def test_meantime_dev_reads_consistently() -> None:
    if not MEANTIME.is_dir():
        pytest.skip("MEANTIME dev data not available")
    from graphbuilder.evaluation.meantime import meantime_files, read_meantime

    files = meantime_files(MEANTIME)
    assert len(files) >= 2
    for path in files:
        doc = read_meantime(path)
        assert doc.dct is not None and doc.dct_spans
        for m in doc.mentions:
            assert doc.text[m.start:m.end] == m.text


def test_dateline_date_is_dct_without_creation_time() -> None:
    src = DOC.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    doc = parse_meantime(src)
    assert doc.dct == dt.date(2010, 5, 2)
    assert [t.text for t in doc.timexes] == ["today"] and len(doc.dct_spans) == 1
