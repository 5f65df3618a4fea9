"""The naive baseline: dateparser's ``search_dates`` wrapped as a temporal tagger.

Every string ``search_dates`` reports becomes a DATE whose value is the day it parses to
(relative to the reference date when given; otherwise dateparser falls back to today, which
is one reason this is only a baseline). Offsets are found by searching each reported
substring in the text from the end of the previous one. Slow and imprecise on purpose: it is
what the rule tagger is measured against.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphbuilder.models import Sentence, TimeExpr
from graphbuilder.packs import rules_language
from graphbuilder.registry import register


@register("temporal", "dateparser")
class DateparserTemporalTagger:
    """Baseline tagger with the same interface as the rule tagger."""

    def __init__(self) -> None:
        from dateparser.search import search_dates  # imported lazily: slow to import

        self._search = search_dates

    def tag(self, text: str, language: str, reference_date: dt.date | None,
            sentences: list[Sentence] | None = None) -> list[TimeExpr]:
        settings: dict[str, Any] = {"RETURN_AS_TIMEZONE_AWARE": False}
        if reference_date is not None:
            settings["RELATIVE_BASE"] = dt.datetime.combine(reference_date, dt.time())
        try:
            found = self._search(text, languages=[rules_language(language)],
                                 settings=settings) or []
        except Exception:  # dateparser raises on some odd inputs; a baseline just skips them
            found = []
        out: list[TimeExpr] = []
        pos = 0
        for item in found:
            surface, when = item[0], item[1]
            start = text.find(surface, pos)
            if start < 0:
                continue
            end = start + len(surface)
            pos = end
            day = when.date()
            out.append(TimeExpr(start=start, end=end, text=surface, type="DATE",
                                value=day.isoformat(), earliest=day, latest=day))
        if sentences:
            starts = [s.start for s in sentences]
            import bisect

            out = [t.model_copy(update={"sentence": sentences[max(0, bisect.bisect_right(starts, t.start) - 1)].index})
                   for t in out]
        return out
