"""Extraction pipeline: Document -> Extraction, with components chosen by registry name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphbuilder import registry
from graphbuilder.clean import find_furniture
from graphbuilder.graph import event_time
from graphbuilder.language import detect_language
from graphbuilder.models import Document, Extraction, Span
from graphbuilder.packs import rules_language
from graphbuilder.sentences import split_sentences


def _outside(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


class Pipeline:
    """Runs cleaning, sentence splitting, time tagging, NER and event extraction.

    Components are looked up by name in :mod:`graphbuilder.registry` (``temporal``,
    ``entities``, ``events``), so an alternative tagger is one ``@register`` away.
    """

    def __init__(self, temporal: str = "rules", entities: str | None = None, events: str = "rules",
                 document_type: str | None = None) -> None:
        from graphbuilder.extract.ner import default_entities

        self.temporal = registry.get("temporal", temporal)()
        # document-type profile of the time tagger ("news", "narrative"; None: from the text)
        self.document_type = document_type if document_type not in (None, "auto") else None
        self.entities = registry.get("entities", entities or default_entities())()
        self.events = registry.get("events", events)()

    def process(
        self,
        doc: Document,
        reference_date: dt.date | None = None,
        language: str | None = None,
        repeated: set[str] | None = None,
    ) -> Extraction:
        """Extract times, entities and events of one document.

        The reference date is the document's ``published`` date, else ``reference_date``;
        with neither, relative and year-less expressions stay unanchored."""
        text = doc.text
        warnings: list[str] = []
        lang = language or doc.language
        if not lang:
            lang, _conf = detect_language(text)
        rules_lang = rules_language(lang)
        if rules_lang != lang:
            warnings.append(f"language {lang!r} is not supported; using English rules (partial results)")
        ref = doc.published or reference_date
        furniture = find_furniture(text, rules_lang, repeated)
        sentences = split_sentences(text, skip=furniture)
        profile = {"document_type": self.document_type} if self.document_type else {}
        times = [t for t in self.temporal.tag(text, rules_lang, ref, sentences, **profile)
                 if _outside(furniture, t.start, t.end)]
        mentions, roles = self.entities.extract(text, rules_lang, sentences)
        mentions = [m for m in mentions if _outside(furniture, m.start, m.end)]
        events = self.events.extract(text, rules_lang, sentences, mentions, times, roles, ref)
        return Extraction(
            document=doc, language=lang, reference_date=ref, furniture=furniture,
            sentences=sentences, times=times, entities=mentions, events=events, roles=roles,
            warnings=warnings,
        )


def extraction_record(ex: Extraction) -> dict[str, Any]:
    """The `extract` command's JSON record for one document (offsets into the input text).

    For HTML input the offsets refer to the extracted main text, which the record then
    carries as ``text``."""
    ref = ex.reference_date
    extra = {"text": ex.document.text} if ex.document.meta.get("format") == "html" else {}
    return {
        "id": ex.document.id,
        "path": ex.document.path,
        "language": ex.language,
        "reference_date": ref.isoformat() if ref else None,
        "title": ex.document.title,
        "entities": [
            {"start": m.start, "end": m.end, "text": m.text, "label": m.label, "id": m.key,
             "confidence": round(m.confidence, 3),
             **({"derived": True} if m.derived else {}), **({"nested": True} if m.nested else {})}
            for m in ex.entities
        ],
        "times": [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             **({"mod": t.mod} if t.mod else {}), **({"vague": True} if t.vague else {})}
            for t in ex.times
        ],
        "events": [
            {
                "id": e.key, "type": e.type, "status": e.status,
                "trigger": {"start": e.trigger.start, "end": e.trigger.end, "text": e.trigger.text},
                "participants": [{"id": p.key, "role": p.role} for p in e.participants],
                "time": _time_record(e, ref),
                "location": e.location,
                "about": e.about, "before": e.before,
            }
            for e in ex.events
        ],
        "roles": [r.model_dump() for r in ex.roles],
        "warnings": ex.warnings,
        **extra,
    }


def _time_record(e: Any, ref: dt.date | None) -> dict[str, Any] | None:
    t = event_time(e, ref)
    if t["time_value"] is None and t["start"] is None:
        return None
    out = {"value": t["time_value"], "start": t["start"], "end": t["end"],
           "precision": t["precision"], "text": t["time_text"], "source": e.time_source}
    if e.time is not None:
        out["span"] = {"start": e.time.start, "end": e.time.end}
    return out
