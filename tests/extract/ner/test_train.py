"""Corpus readers and the training loop of the CRF (tiny invented corpora; CI never trains the
shipped models)."""

from pathlib import Path

from graphbuilder.extract.ner import train as T


def test_readers_map_labels_and_formats(tmp_path: Path) -> None:
    wiki = tmp_path / "w.txt"
    wiki.write_text("de:Anna\tB-PER\nde:Kraus\tI-PER\nde:lebt\tO\n\nde:Bonn\tB-LOC\n", encoding="utf-8")
    assert [(t.tokens, t.tags) for t in T.read_wikiann(wiki)] == [
        (["Anna", "Kraus", "lebt"], ["B-PER", "I-PER", "O"]), (["Bonn"], ["B-LOC"])]
    legal = tmp_path / "l.conll"
    legal.write_text("Richter B-RR\nOlm I-RR\nam O\nBGH B-GRT\nnach O\n§ B-GS\n5 I-GS\n\r\n", encoding="utf-8")
    (s,) = T.read_columns(legal, T.LEGAL_MAP)
    assert s.tags == ["B-PER", "I-PER", "O", "B-ORG", "O", "O", "O"]
    conll = tmp_path / "c.txt"
    conll.write_text("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n"
                     "German JJ I-NP I-MISC\ncall NN I-NP O\n\n-DOCSTART- -X- O O\n\n"
                     "Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n", encoding="utf-8")
    sents = T.read_conll(conll)
    assert [(t.doc, t.tags) for t in sents] == [
        (0, ["B-ORG", "O", "B-MISC", "O"]), (1, ["B-PER", "I-PER"])]


def test_labels_are_projected_onto_runtime_tokens() -> None:
    from graphbuilder.extract.entities import RuleEntityExtractor

    t = T.Tagged(["Die", "U.S.-Firma", "Kral", "GmbH", "."], ["O", "O", "B-ORG", "I-ORG", "O"])
    feats, labels, tokens, gold = T.featurize(t, "de", RuleEntityExtractor())
    text = " ".join(t.tokens)
    assert [(text[s:e], lab) for (s, e), lab in zip(tokens, labels) if lab != "O"] == [
        ("Kral", "B-ORG"), ("GmbH", "I-ORG")]
    assert len(feats) == len(tokens) and gold == [(text.index("Kral"), text.index(" ."), "ORG")]


def test_training_is_deterministic(tmp_path: Path) -> None:
    sents = [T.Tagged(["Anna", "Kraus", "wohnt", "in", "Kessin", "."],
                      ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
             T.Tagged(["Die", "Firma", "Zarnowitz", "baut", "."], ["O", "O", "B-ORG", "O", "O"])]
    data = T.featurize_all(sents, "de")
    a, b = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    T.train_model(data, a, {"max_iterations": 20})
    T.train_model(data, b, {"max_iterations": 20})
    assert a.read_bytes() == b.read_bytes()
    res = T.score(a, data)
    assert res["micro"]["f1"] > 0.5


def test_train_command_names_missing_data(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from graphbuilder.cli import main

    for kind in ("ner", "pos"):
        assert CliRunner().invoke(main, ["train", kind, "--help"]).exit_code == 0
        res = CliRunner().invoke(main, ["train", kind, "--lang", "de", "--shared", str(tmp_path),
                                        "--output-dir", str(tmp_path / "out")])
        assert res.exit_code != 0 and "not found" in res.output and str(tmp_path) in res.output
        assert not (tmp_path / "out").exists()  # nothing written, no shipped model touched


def test_runaway_chains_are_no_names() -> None:
    from graphbuilder.extract.ner.model import MAX_NAME_TOKENS, CrfEntityExtractor
    from graphbuilder.models import Sentence

    text = "Anna Kraus " * 40
    mentions, _ = CrfEntityExtractor().extract(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])
    assert all(len(m.text.split()) <= MAX_NAME_TOKENS for m in mentions)


def test_a_domain_mark_is_a_training_only_feature_on_every_token() -> None:
    from graphbuilder.extract.entities import RuleEntityExtractor

    tokens, tags = ["Anna", "Kraus", "wohnt", "in", "Kessin", "."], ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]
    marked, *_ = T.featurize(T.Tagged(tokens, tags, domain="wiki"), "de", RuleEntityExtractor())
    plain, *_ = T.featurize(T.Tagged(tokens, tags), "de", RuleEntityExtractor())
    assert all(f == p + ["dom=wiki"] for f, p in zip(marked, plain))
    assert not any(x.startswith("dom=") for fs in plain for x in fs)
    assert T.DOMAINS == {"train/ner/de/wikiann-de.train": "wiki", "train/ner/de/wikiann-de.dev": "wiki",
                         "train/ner/de/wikiann-de.test": "wiki"}


def test_cross_validation_figures_pool_the_counts() -> None:
    a = {"micro": {"tp": 8, "fp": 2, "fn": 2}}
    b = {"micro": {"tp": 0, "fp": 0, "fn": 8}}
    pooled = T.pool([a, b])
    assert (pooled["tp"], pooled["fp"], pooled["fn"]) == (8, 2, 10)
    assert round(pooled["precision"], 3) == 0.8 and round(pooled["recall"], 3) == 0.444


def test_bilou_training_labels_and_a_bilou_model_is_read_as_such(tmp_path: Path) -> None:
    from graphbuilder.extract.ner.model import CrfEntityExtractor
    from graphbuilder.models import Sentence

    assert T.to_scheme(["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "I-ORG"], "bilou") == [
        "B-PER", "L-PER", "O", "U-LOC", "B-ORG", "I-ORG", "L-ORG"]
    assert T.to_scheme(["B-PER", "O"], "bio") == ["B-PER", "O"]
    sents = [T.Tagged(["Anna", "Kraus", "wohnt", "in", "Kessin", "."],
                      ["B-PER", "I-PER", "O", "O", "B-LOC", "O"]),
             T.Tagged(["Die", "Firma", "Zarnowitz", "baut", "."], ["O", "O", "B-ORG", "O", "O"])]
    model = tmp_path / "m.crfsuite"
    T.train_model(T.featurize_all(sents, "de"), model, {"max_iterations": 30}, "bilou")
    ex = T._extractor(model, "de")
    text = "Anna Kraus wohnt in Kessin ."
    mentions, _roles = ex.extract(text, "de", [Sentence(start=0, end=len(text), text=text, index=0)])
    assert isinstance(ex, CrfEntityExtractor)
    assert ("Anna Kraus", "PER") in {(m.text, m.label) for m in mentions if not m.derived}


def test_germeval_extra_classes_are_kept_only_when_asked(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("#\tx\n1\tdeutsche\tB-LOCderiv\tO\n2\tFirma\tO\tO\n3\tKral\tB-ORG\tO\n"
                   "4\tplant\tO\tO\n5\tZeta-Fest\tB-OTH\tO\n", encoding="utf-8")
    (plain,) = T.read_germeval_tagged(tsv)
    (extra,) = T.read_germeval_tagged(tsv, extra=True)
    assert plain.tags == ["O", "O", "B-ORG", "O", "O"]
    assert extra.tags == ["B-LOCderiv", "O", "B-ORG", "O", "B-OTH"]
