"""The stacked second pass of the name CRF (tiny invented corpora; CI never trains the
shipped models)."""

from pathlib import Path

import pycrfsuite

from graphbuilder.extract.ner import stack as S
from graphbuilder.extract.ner import train as T
from graphbuilder.models import Sentence

SENTS = [T.Tagged(["Anna", "Kraus", "wohnt", "in", "Kessin", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
         T.Tagged(["Die", "Firma", "Zarnowitz", "baut", "in", "Tolbach", "."],
                  ["O", "O", "B-ORG", "O", "O", "B-LOC", "O"]),
         T.Tagged(["Bert", "Olm", "fährt", "nach", "Kessin", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
         T.Tagged(["Zarnowitz", "kauft", "Lemmer", "."], ["B-ORG", "O", "B-ORG", "O"]),
         T.Tagged(["Die", "Zarno", "Werke", "bauen", "in", "Bad", "Tolbach", "."],
                  ["O", "B-ORG", "I-ORG", "O", "O", "B-LOC", "I-LOC", "O"])]


def test_stack_features_add_the_first_pass_and_label_consistency() -> None:
    feats = [["w=kessin", "cap"], ["w=und"], ["w=kessin", "cap"], ["w=olm", "cap"]]
    tags = ["B-LOC", "O", "B-PER", "B-PER"]
    margs = [[("B-LOC", 0.95)], [("O", 0.6), ("I-LOC", 0.3)], [("B-PER", 0.55), ("B-LOC", 0.4)],
             [("B-PER", 0.92)]]
    out = S.stack_features(feats, tags, margs)
    assert feats[0] == ["w=kessin", "cap"]  # the input is not changed
    assert out[0][:2] == feats[0]
    assert {"m1=B-LOC", "mg:B-LOC=h", "1:m1=O", "1:mg:O=m", "1:mg:I-LOC=l", "-1:pad"} <= set(out[0])
    assert {"mg:B-PER=m", "mg:B-LOC=l", "-1:m1=O", "1:m1=B-PER"} <= set(out[2])
    # the other "Kessin" of the document says LOC; the word itself was tagged PER
    assert "cons=LOC" in out[2] and "cons_agree=False" in out[2]
    assert "cons=PER" in out[0] and "cons_agree=False" in out[0]
    assert not any(f.startswith("cons") for f in out[1] + out[3])  # no other occurrence


def test_stacked_training_is_deterministic_and_runs_both_crfs(tmp_path: Path) -> None:
    data = T.featurize_all(SENTS * 3, "de")
    a1, a2, b1, b2 = (tmp_path / f"{n}.crfsuite" for n in ("a", "a.stack", "b", "b.stack"))
    S.train_stacked(data, a1, a2, {"max_iterations": 30}, 3, log=lambda m: None)
    S.train_stacked(data, b1, b2, {"max_iterations": 30}, 3, log=lambda m: None)
    assert a1.read_bytes() == b1.read_bytes() and a2.read_bytes() == b2.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.crfsuite", "a.stack.crfsuite",
                                                          "b.crfsuite", "b.stack.crfsuite"]
    second = pycrfsuite.Tagger()
    second.open(str(a2))
    assert any(attr.startswith("m1=") for (attr, _lab), _w in second.info().state_features.items())
    ex = S.stacked_extractor(a1, a2, "de")
    # several sentences, the first with a rules' name the CRFs leave to the fallback
    one, two = "Die KWZ warnt .", "Bert Olm fährt nach Kessin ."
    text = one + " " + two
    sents = [Sentence(start=0, end=len(one), text=one, index=0),
             Sentence(start=len(one) + 1, end=len(text), text=two, index=1)]
    doc, chosen = ex.rules.choose(text, "de", sents)
    _spans, fallback = ex.spans(text, "de", sents, doc, chosen)
    assert any(c.end <= len(one) for c, _conf in fallback)
    mentions, _ = ex.extract(text, "de", sents)
    found = {(m.text, m.label) for m in mentions if not m.derived}
    assert {("Bert Olm", "PER"), ("Kessin", "LOC")} <= found
    assert all(0 < m.confidence <= 1 for m in mentions if not m.derived)


def test_training_without_a_second_pass_removes_a_stale_one(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "ner-en.stack.crfsuite").write_bytes(b"old")
    conll = tmp_path / "train" / "ner" / "en"
    conll.mkdir(parents=True)
    text = ("-DOCSTART- -X- O O\n\nAnna NNP I-NP I-PER\nKraus NNP I-NP I-PER\nsays VBZ I-VP O\n\n"
            "Kessin NNP I-NP I-LOC\ngrows VBZ I-VP O\n")
    for part in ("train", "testa"):
        (conll / f"conll2003-eng.{part}").write_text(text, encoding="utf-8")
    T.train("en", tmp_path, out, log=lambda m: None, params={"max_iterations": 5}, stack=0)
    assert (out / "ner-en.crfsuite").exists() and not (out / "ner-en.stack.crfsuite").exists()
    T.train("en", tmp_path, out, log=lambda m: None, params={"max_iterations": 5}, stack=2)
    assert (out / "ner-en.stack.crfsuite").exists()
