"""CoNLL-2003 scorer on a tiny invented file."""

from pathlib import Path

from graphbuilder.evaluation.conll import evaluate_conll
from graphbuilder.models import EntityMention

DATA = """-DOCSTART- -X- O O

Orvanto NNP I-NP I-ORG
beat VBD I-VP O
Kessin NNP I-NP I-LOC
. . O O

-DOCSTART- -X- O O

-DOCSTART- -X- O O

Anna NNP I-NP I-PER
Kraus NNP I-NP I-PER
won VBD I-VP O
"""


class Fake:
    """Finds every capitalised token as ORG; "Anna Kraus" as one PER."""

    def extract(self, text, language, sentences):
        out = []
        pos = 0
        for word in text.replace("\n", " ").split(" "):
            if word[:1].isupper() and word not in ("Anna", "Kraus"):
                out.append(EntityMention(start=pos, end=pos + len(word), text=word, label="ORG"))
            pos += len(word) + 1
        i = text.find("Anna Kraus")
        if i >= 0:
            out.append(EntityMention(start=i, end=i + 10, text="Anna Kraus", label="PER"))
        return out, []


def test_documents_split_into_dev_and_blind_parts(tmp_path: Path) -> None:
    path = tmp_path / "testa"
    path.write_text(DATA, encoding="utf-8")
    res = evaluate_conll(path, Fake())
    assert res["sentences"] == 1 and res["blind"]["sentences"] == 1  # document 3 is blind
    assert res["micro"]["tp"] == 1 and res["micro"]["fp"] == 1 and res["micro"]["fn"] == 1
    assert res["blind"]["micro"]["f1"] == 1.0
    assert res["all"]["micro"]["tp"] == 2
