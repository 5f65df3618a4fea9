"""Per-document limits: a document that runs past the time limit is a named failure, and the
documents after it are still extracted (issue 9: one input could stall a whole batch)."""

from __future__ import annotations

import time

from graphbuilder.core import extract_documents
from graphbuilder.errors import Failure
from graphbuilder.limits import Limits, json_depth_exceeds
from graphbuilder.models import Document, Extraction
from graphbuilder.pipeline import Pipeline


class _Stalling(Pipeline):
    """Stalls (a Python loop that never ends) on documents whose text starts with STALL."""

    def process(self, doc, **kw):
        while doc.text.startswith("STALL"):
            time.sleep(0.01)
        return super().process(doc, **kw)


def test_a_stalling_document_is_stopped_and_named_and_the_rest_go_on() -> None:
    docs = [Document(id="a", text="STALL forever", path="slow.txt"),
            Document(id="b", text="Helen Carter met Luis Moreno in Madrid on Tuesday.", path="ok.txt")]
    out = list(extract_documents(docs, language="en", pipeline=_Stalling(), limits=Limits(timeout_s=0.5)))
    assert isinstance(out[0], Failure) and out[0].document == "slow.txt" and out[0].stage == "extract"
    assert "time limit of 0.5 s" in out[0].message
    assert isinstance(out[1], Extraction)


def test_json_depth() -> None:
    nested: list = []
    for _ in range(70):
        nested = [nested]
    assert json_depth_exceeds(nested, 64) and not json_depth_exceeds({"a": [[1]]}, 64)
